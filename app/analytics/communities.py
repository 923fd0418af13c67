"""Communities by Louvain (networkx, fixed seed), each with its members and dominant threat types."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from app.analytics.metrics import SEED, undirected
from app.analytics.threat_clusters import ThreatClusters, load_clusters
from graph_schema.errors import InvalidParameters


def threat_clusters_of(graph: nx.MultiDiGraph, clusters: ThreatClusters) -> dict[Any, tuple[str, ...]]:
    return {n: clusters.classify([d.get("name") or "", *(d.get("aliases") or [])])
            for n, d in graph.nodes(data=True) if d.get("type") == "Threat"}


def communities(graph: nx.MultiDiGraph, *, resolution: float = 1.0, min_size: int = 2,
                clusters: ThreatClusters | None = None) -> dict[str, Any]:
    if resolution <= 0:
        raise InvalidParameters("resolution must be positive")
    clusters = clusters or load_clusters()
    simple = undirected(graph)
    if simple.number_of_edges() == 0:
        found: list[set[Any]] = [{n} for n in simple.nodes]
    else:
        found = list(nx.community.louvain_communities(simple, weight="weight", resolution=resolution, seed=SEED))
    modularity = nx.community.modularity(simple, found, weight="weight") if simple.number_of_edges() else 0.0
    kinds = threat_clusters_of(graph, clusters)
    out = []
    for members in sorted(found, key=lambda c: (-len(c), min(str(n) for n in c))):
        if len(members) < min_size:
            continue
        threats: Counter[str] = Counter()
        for n in members:  # threats in the community and threats its projects target
            targets = {v for _, v, t in graph.out_edges(n, data="type") if t == "TARGETS" and v in kinds}
            threats.update(graph.nodes[t]["name"] for t in targets | ({n} if n in kinds else set()))
        by_cluster: Counter[str] = Counter()
        for n in kinds:
            if graph.nodes[n]["name"] in threats:
                by_cluster.update({c: threats[graph.nodes[n]["name"]] for c in kinds[n]})
        ranked = sorted(members, key=lambda n: (-simple.degree(n), str(n)))
        out.append({
            "size": len(members),
            "members": [{"id": n, "name": graph.nodes[n].get("name"), "type": graph.nodes[n].get("type")}
                        for n in ranked],
            "types": dict(Counter(str(graph.nodes[n].get("type")) for n in members).most_common()),
            "dominant_threat_clusters": [c for c, _ in by_cluster.most_common()],
            "dominant_threats": [name for name, _ in threats.most_common(5)],
        })
    return {"algorithm": "louvain", "seed": SEED, "resolution": resolution, "modularity": round(modularity, 6),
            "nodes": simple.number_of_nodes(), "edges": simple.number_of_edges(), "count": len(out),
            "communities": out}
