"""Centrality and summary metrics of a snapshot, each saying how it was computed."""

from __future__ import annotations

import math
from collections import Counter
from time import perf_counter
from typing import Any, Literal

import networkx as nx

from graph_schema.errors import InvalidParameters

Measure = Literal["degree", "betweenness", "pagerank", "eigenvector"]
MEASURES: tuple[str, ...] = ("degree", "betweenness", "pagerank", "eigenvector")
SEED = 42


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """The simple undirected graph: one edge per connected pair, weight = summed evidence."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        weight = int(data.get("evidence_count") or 0) or 1
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += weight
        else:
            simple.add_edge(u, v, weight=weight)
    return simple


def _scores(graph: nx.MultiDiGraph, simple: nx.Graph, measure: str, k: int | None) -> dict[Any, float]:
    if simple.number_of_nodes() == 0:
        return {}
    if measure == "degree":
        return dict(nx.degree_centrality(simple))
    if measure == "betweenness":
        return dict(nx.betweenness_centrality(simple, k=k, seed=SEED, normalized=True))
    if measure == "pagerank":
        directed = nx.DiGraph()
        directed.add_nodes_from(graph.nodes)
        for u, v, data in graph.edges(data=True):
            w = int(data.get("evidence_count") or 0) or 1
            directed.add_edge(u, v, weight=directed[u][v]["weight"] + w if directed.has_edge(u, v) else w)
        return dict(nx.pagerank(directed, weight="weight"))
    if measure == "eigenvector":
        try:
            return dict(nx.eigenvector_centrality(simple, max_iter=1000, tol=1e-6))
        except nx.PowerIterationFailedConvergence:
            raise InvalidParameters("eigenvector centrality did not converge on this graph; try pagerank") from None
    raise InvalidParameters(f"unknown measure {measure!r}; measures: {list(MEASURES)}")


HOW = {
    "degree": "share of other nodes each node is connected to (undirected, relationship types collapsed)",
    "betweenness": "share of shortest paths through each node (undirected, unweighted)",
    "pagerank": "PageRank on the directed graph, edges weighted by evidence count",
    "eigenvector": "eigenvector centrality on the undirected graph (unweighted)",
}


def centrality(graph: nx.MultiDiGraph, measure: str = "degree", *, node_type: str | None = None, top: int = 20,
               sample: int | None = None) -> dict[str, Any]:
    if top < 1:
        raise InvalidParameters("top must be at least 1")
    if sample is not None and sample < 1:
        raise InvalidParameters("sample (k source nodes) must be >= 1")
    simple = undirected(graph)
    # sample approximates betweenness only; the other measures are exact and ignore it (as the API documents)
    k = sample if measure == "betweenness" and sample is not None and sample < simple.number_of_nodes() else None
    started = perf_counter()
    # networkx rescales sampled betweenness by n/k; with tiny k and no paths it can yield NaN
    scores = {n: v if math.isfinite(v) else 0.0 for n, v in _scores(graph, simple, measure, k).items()}
    seconds = perf_counter() - started
    ranked = sorted((n for n in scores if node_type is None or graph.nodes[n].get("type") == node_type),
                    key=lambda n: (-scores[n], str(n)))
    results = [{"id": n, "name": graph.nodes[n].get("name"), "type": graph.nodes[n].get("type"),
                "score": round(scores[n], 6), "degree": simple.degree(n)} for n in ranked[:top]]
    computed = {"measure": measure, "method": HOW.get(measure, measure), "nodes": simple.number_of_nodes(),
                "edges": simple.number_of_edges(), "sampled_k": k, "exact": k is None,
                "seed": SEED if k is not None else None, "seconds": round(seconds, 6)}
    return {"measure": measure, "type": node_type, "computed": computed, "results": results}


def summary(graph: nx.MultiDiGraph) -> dict[str, Any]:
    nodes_by_type = Counter(str(t) for _, t in graph.nodes(data="type"))
    edges_by_type = Counter(str(t) for _, _, t in graph.edges(data="type"))
    components = sorted((len(c) for c in nx.weakly_connected_components(graph)), reverse=True)
    return {
        "nodes": graph.number_of_nodes(),
        "relationships": graph.number_of_edges(),
        "nodes_by_type": dict(sorted(nodes_by_type.items())),
        "relationships_by_type": dict(sorted(edges_by_type.items())),
        "density": round(nx.density(nx.DiGraph(graph)), 6) if graph.number_of_nodes() > 1 else 0.0,
        "weakly_connected_components": len(components),
        "largest_components": components[:10],
        "isolates": nx.number_of_isolates(graph),
    }
