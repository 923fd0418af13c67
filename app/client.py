"""The graph as a networkx MultiDiGraph in one line, from a running server or a started store.

    from app.client import load_graph
    G = load_graph("http://127.0.0.1:8000", region="Mali")   # or load_graph(store)

Node attributes: id, labels, name, aliases, type. Edge attributes (key = relationship type):
type, evidence_count, documents, confidence, roles. Document nodes and MENTIONS edges are left
out unless ``include_documents=True``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpx
import networkx as nx

from app.analytics.rows import GraphFilter
from app.analytics.snapshot import open_repository, snapshot
from app.repository import GraphRepository
from app.store.base import GraphStore
from graph_schema.errors import InvalidParameters, NotFound

Source = str | httpx.Client | GraphStore | GraphRepository


def load_graph(source: Source, *, node_types: Iterable[str] | None = None, rel_types: Iterable[str] | None = None,
               region: str | None = None, min_evidence: int = 1, include_documents: bool = False,
               timeout: float = 120.0) -> nx.MultiDiGraph:
    """The (filtered) graph from an HTTP base URL, an ``httpx.Client`` (base_url set), a started store or a repository.

    ``region`` keeps the region's neighbourhood: projects targeting it or its sub-regions, the
    organizations implementing or funding them or located there, and the threats they target.
    """
    flt = GraphFilter(tuple(node_types) if node_types else None, tuple(rel_types) if rel_types else None,
                      region, min_evidence, include_documents)
    if isinstance(source, str | httpx.Client):
        return _over_http(source, flt, timeout)
    if isinstance(source, GraphRepository):
        return snapshot(source, flt)
    with open_repository(source) as repo:
        return snapshot(repo, flt)


def _params(flt: GraphFilter) -> dict[str, Any]:
    params: dict[str, Any] = {"min_evidence": flt.min_evidence, "include_documents": str(flt.include_documents).lower()}
    if flt.node_types:
        params["node_types"] = list(flt.node_types)
    if flt.rel_types:
        params["rel_types"] = list(flt.rel_types)
    if flt.region:
        params["region"] = flt.region
    return params


def _over_http(source: str | httpx.Client, flt: GraphFilter, timeout: float) -> nx.MultiDiGraph:
    if isinstance(source, str):
        with httpx.Client(base_url=source.rstrip("/"), timeout=timeout) as client:
            response = client.get("/export/networkx", params=_params(flt))
    else:
        response = source.get("/export/networkx", params=_params(flt))
    if response.status_code == 404:
        raise NotFound(_detail(response))
    if response.status_code == 422:
        raise InvalidParameters(_detail(response))
    response.raise_for_status()
    return from_node_link(response.json())


def _detail(response: httpx.Response) -> str:
    try:
        return str(response.json().get("detail"))
    except ValueError:
        return response.text


def from_node_link(data: dict[str, Any]) -> nx.MultiDiGraph:
    graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    for node, attrs in graph.nodes(data=True):
        attrs["id"] = node  # node_link_graph keeps the id as the node, not as an attribute
    return nx.MultiDiGraph(graph)
