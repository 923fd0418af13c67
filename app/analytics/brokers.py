"""Brokers: organizations and projects that connect terrorism-related threats with drug- or crime-related ones.

A candidate reaches a threat through the actor network (FUNDS, IMPLEMENTS, PARTNERS_WITH,
AFFILIATED_WITH between organizations, projects and persons) and then one TARGETS edge to the
threat; regions and threat-to-threat links never carry a path. A broker reaches both clusters
within ``max_hops``. Score = 1 / max(hops to the nearest threat of each cluster): a project targeting
both kinds scores 1.0, an organization implementing a terrorism project and a drug project 0.5,
and a project that reaches the other kind only through a shared implementer 1/3. Ties: fewer
hops in all, then more threats reached.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from app.analytics.communities import threat_clusters_of
from app.analytics.threat_clusters import ThreatClusters, load_clusters
from graph_schema.errors import InvalidParameters

ACTOR_TYPES = ("Organization", "Project", "Person")
ACTOR_RELATIONS = ("FUNDS", "IMPLEMENTS", "PARTNERS_WITH", "AFFILIATED_WITH")
CANDIDATE_TYPES = ("Organization", "Project")


def actor_network(graph: nx.MultiDiGraph) -> nx.Graph:
    actors = nx.Graph()
    actors.add_nodes_from(n for n, t in graph.nodes(data="type") if t in ACTOR_TYPES)
    actors.add_edges_from((u, v) for u, v, t in graph.edges(data="type")
                          if t in ACTOR_RELATIONS and u in actors and v in actors and u != v)
    return actors


def _nearest(paths: dict[Any, list[Any]], targets: dict[Any, list[Any]], kinds: dict[Any, tuple[str, ...]],
             cluster: str) -> tuple[list[Any] | None, set[Any]]:
    best: list[Any] | None = None
    reached: set[Any] = set()
    for node, path in paths.items():
        for threat in targets.get(node, ()):
            if cluster in kinds[threat]:
                reached.add(threat)
                candidate = [*path, threat]
                if best is None or (len(candidate), str(threat)) < (len(best), str(best[-1])):
                    best = candidate
    return best, reached


def brokers(graph: nx.MultiDiGraph, *, between: tuple[str, str] = ("terrorism", "crime"), max_hops: int = 3,
            top: int = 20, clusters: ThreatClusters | None = None) -> dict[str, Any]:
    clusters = clusters or load_clusters()
    missing = [c for c in between if c not in clusters.names]
    if missing:
        raise InvalidParameters(f"unknown threat cluster(s) {missing}; clusters: {list(clusters.names)}")
    if max_hops < 1 or top < 1:
        raise InvalidParameters("max_hops and top must be at least 1")
    kinds = threat_clusters_of(graph, clusters)
    targets: dict[Any, list[Any]] = {}
    for u, v, t in graph.edges(data="type"):
        if t == "TARGETS" and v in kinds:
            targets.setdefault(u, []).append(v)
    actors = actor_network(graph)
    found = []
    for node in actors.nodes:
        if graph.nodes[node].get("type") not in CANDIDATE_TYPES:
            continue
        paths = nx.single_source_shortest_path(actors, node, cutoff=max_hops - 1)
        (path_a, reached_a), (path_b, reached_b) = (_nearest(paths, targets, kinds, c) for c in between)
        if path_a is None or path_b is None:
            continue
        hops_a, hops_b = len(path_a) - 1, len(path_b) - 1
        found.append({
            "id": node, "name": graph.nodes[node].get("name"), "type": graph.nodes[node].get("type"),
            "score": round(1 / max(hops_a, hops_b), 6), "hops": {between[0]: hops_a, between[1]: hops_b},
            "threats_reached": {between[0]: sorted(graph.nodes[t]["name"] for t in reached_a),
                                between[1]: sorted(graph.nodes[t]["name"] for t in reached_b)},
            "paths": {c: [{"id": n, "name": graph.nodes[n].get("name"), "type": graph.nodes[n].get("type")}
                          for n in p] for c, p in ((between[0], path_a), (between[1], path_b))},
        })
    found.sort(key=lambda b: (-b["score"], sum(b["hops"].values()),
                           -sum(len(v) for v in b["threats_reached"].values()), str(b["name"])))
    return {"between": list(between), "max_hops": max_hops, "candidates": sum(
        1 for n in actors.nodes if graph.nodes[n].get("type") in CANDIDATE_TYPES), "count": len(found),
        "brokers": found[:top]}
