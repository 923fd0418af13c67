"""networkx snapshots of the graph: one MultiDiGraph per filter, shared by the client, the metrics and exports.

Node attributes: id, labels, name, aliases, type. Edge attributes: type, evidence_count, documents,
confidence, roles; the edge key is the relationship type (there is at most one of each type between
two entities).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import networkx as nx

from app.analytics.rows import GraphFilter, GraphRows
from app.catalogue import load_catalogue
from app.repository import GraphRepository
from app.store.base import GraphStore, Row
from graph_schema.model import load_schema

NODE_ATTRS = ("id", "labels", "name", "aliases", "type")
EDGE_ATTRS = ("type", "evidence_count", "documents", "confidence", "roles")
DOCUMENT_ATTRS = ("url", "date", "language")


def node_attributes(row: Row) -> dict[str, object]:
    attrs = {k: row.get(k) for k in NODE_ATTRS}
    attrs.update({k: row[k] for k in DOCUMENT_ATTRS if row.get(k) is not None})
    return attrs


def edge_attributes(row: Row) -> dict[str, object]:
    return {k: row.get(k) for k in EDGE_ATTRS}


def build_snapshot(rows: GraphRows) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for row in rows.nodes():
        graph.add_node(row["id"], **node_attributes(row))
    for row in rows.edges():
        if row["source"] in graph and row["target"] in graph:
            graph.add_edge(row["source"], row["target"], key=row["type"], **edge_attributes(row))
    return graph


@contextmanager
def open_repository(store: GraphStore) -> Iterator[GraphRepository]:
    """A repository on a started store (outside a request)."""
    with store.session() as session:
        yield GraphRepository(session, load_catalogue(), store.dialect, load_schema())


def snapshot(repo: GraphRepository, flt: GraphFilter | None = None) -> nx.MultiDiGraph:
    """The filtered graph as a networkx MultiDiGraph (InvalidParameters / NotFound on a bad filter)."""
    flt = (flt or GraphFilter()).checked(load_schema())
    return build_snapshot(GraphRows.open(repo, flt))
