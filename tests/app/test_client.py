"""load_graph from a started store and over HTTP gives the same networkx graph."""

from __future__ import annotations

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from app.client import load_graph
from app.store.base import GraphStore
from graph_schema.errors import InvalidParameters, NotFound
from tests.app import analytics_graphs as graphs
from tests.factories import nexus_doc


def test_load_graph_from_a_store(store: GraphStore) -> None:
    from app.analytics.snapshot import open_repository
    from app.services.ingest_service import ingest
    from graph_schema.model import load_schema

    with open_repository(store) as repo:
        ingest(repo, load_schema(), nexus_doc())
    g = load_graph(store)
    assert isinstance(g, nx.MultiDiGraph) and (g.number_of_nodes(), g.number_of_edges()) == (9, 9)
    unodc = g.nodes["organization:unodc"]
    assert unodc["id"] == "organization:unodc" and unodc["name"] == "UNODC" and unodc["type"] == "Organization"
    assert unodc["aliases"] == ["United Nations Office on Drugs and Crime"] and "Entity" in unodc["labels"]
    edge = g.edges["organization:government-of-japan", "project:gao-dialogue", "FUNDS"]
    assert edge["type"] == "FUNDS" and edge["evidence_count"] == 1 and edge["documents"] == ["doc-a"]
    assert edge["confidence"] == pytest.approx(0.9)
    assert not any(t == "MENTIONS" for _, _, t in g.edges(data="type"))
    with_docs = load_graph(store, include_documents=True)
    assert with_docs.nodes["doc-a"]["type"] == "Document" and with_docs.number_of_edges() == 18
    assert load_graph(store, rel_types=["TARGETS"]).number_of_edges() == 3


def test_load_graph_over_http_matches_the_store(client: TestClient) -> None:
    graphs.load_into(client, nexus_doc())
    over_http = load_graph(client)  # TestClient is an httpx.Client; a base URL string works the same way
    direct = load_graph(client.app.state.store)  # type: ignore[attr-defined]
    assert dict(over_http.nodes(data=True)) == dict(direct.nodes(data=True))
    assert sorted(over_http.edges(keys=True, data=True)) == sorted(direct.edges(keys=True, data=True))
    mali = load_graph(client, region="Mali", node_types=["Organization", "Project"])
    assert sorted(mali.nodes) == ["organization:government-of-japan", "organization:unodc", "project:gao-dialogue"]
    assert sorted(k for _, _, k in mali.edges(keys=True)) == ["FUNDS", "IMPLEMENTS"]


def test_load_graph_errors_over_http(client: TestClient) -> None:
    graphs.load_into(client, nexus_doc())
    with pytest.raises(NotFound, match="Atlantis"):
        load_graph(client, region="Atlantis")
    with pytest.raises(InvalidParameters, match="Planet"):
        load_graph(client, node_types=["Planet"])
