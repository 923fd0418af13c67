"""Small graphs whose metrics are known by hand, built with tests.factories.extraction."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.catalogue import load_catalogue
from app.repository import GraphRepository
from app.services.ingest_service import ingest
from graph_schema.contract import Extraction
from graph_schema.model import load_schema
from tests.factories import extraction


def org(name: str) -> tuple[str, str, list[str]]:
    return (name, "Organization", [])


def star() -> Extraction:
    """Hub partners with four leaves: degree and betweenness of the hub are 1.0, of a leaf 0.25 and 0."""
    leaves = ["Leaf A", "Leaf B", "Leaf C", "Leaf D"]
    return extraction("doc-star", [org("Hub"), *map(org, leaves)],
                      [("PARTNERS_WITH", "Hub", leaf, f"Hub works with {leaf}.") for leaf in leaves])


def two_cliques() -> Extraction:
    """Two groups of four partner organizations joined by one partnership (Delta - Echo)."""
    left, right = ["Alpha", "Bravo", "Charlie", "Delta"], ["Echo", "Foxtrot", "Golf", "Hotel"]
    rels = [("PARTNERS_WITH", a, b, f"{a} with {b}.") for group in (left, right)
            for i, a in enumerate(group) for b in group[i + 1:]]
    rels.append(("PARTNERS_WITH", "Delta", "Echo", "Delta with Echo."))
    return extraction("doc-cliques", [org(n) for n in left + right], rels)


def brokers() -> Extraction:
    """Bridge Org implements a terrorism project and a drug project; Nexus Project targets both kinds itself."""
    return extraction(
        "doc-brokers",
        [org("Bridge Org"), org("Solo Org"), ("Terror Project", "Project", []), ("Drug Project", "Project", []),
         ("Nexus Project", "Project", []), ("terrorism", "Threat", []), ("drug trafficking", "Threat", []),
         ("violent extremism", "Threat", []), ("cannabis", "Threat", [])],
        [("IMPLEMENTS", "Bridge Org", "Terror Project", "Bridge Org runs Terror Project."),
         ("IMPLEMENTS", "Bridge Org", "Drug Project", "Bridge Org runs Drug Project."),
         ("IMPLEMENTS", "Solo Org", "Terror Project", "Solo Org runs Terror Project."),
         ("TARGETS", "Terror Project", "terrorism", "Terror Project against terrorism."),
         ("TARGETS", "Drug Project", "drug trafficking", "Drug Project against drug trafficking."),
         ("TARGETS", "Nexus Project", "violent extremism", "Nexus Project against violent extremism"),
         ("TARGETS", "Nexus Project", "cannabis", "and cannabis.")],
    )


def load_into(client: TestClient, *extractions: Extraction) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    with store.session() as session:
        repo = GraphRepository(session, load_catalogue(), store.dialect, load_schema())
        for item in extractions:
            ingest(repo, load_schema(), item)
