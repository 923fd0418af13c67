"""networkx export of the whole graph, in a fresh process (``python -m bench.export``) for its peak memory.

Uses ``app.client.load_graph`` when that module exists; otherwise reads nodes and relationships
in pages of internal ids (FalkorDB seeks ids, no SKIP) into a MultiDiGraph keyed by entity id.
``--fetch-only`` reads the same pages without building a graph (the baseline).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

NODES = """MATCH (n) WHERE id(n) >= $lo AND id(n) < $hi
RETURN id(n) AS i, n.id AS id, n.name AS name, coalesce(n.type, labels(n)[0]) AS type"""
EDGES = """MATCH (a)-[r]->(b) WHERE id(a) >= $lo AND id(a) < $hi
RETURN id(a) AS s, id(b) AS t, type(r) AS type, r.evidence_count AS evidence_count, r.confidence AS confidence"""


def _pages(session: Any, text: str, max_id: int, step: int) -> Any:
    for lo in range(0, max_id + 1, step):
        yield from session.read(text, {"lo": lo, "hi": lo + step})


def export(sock: Path, graph: str, build: bool, own: bool = False, step: int = 20_000) -> dict[str, Any]:
    from app.store.falkordb_store import FalkorStore
    from graph_schema.model import load_schema

    store = FalkorStore(load_schema(), sock.parent, graph_name=graph, socket=sock, timeout_ms=600_000)
    store.start()
    t0 = time.perf_counter()
    try:
        try:
            from app.client import load_graph  # type: ignore[attr-defined]
        except ImportError:
            load_graph = None
        if build and load_graph is not None and not own:
            g = load_graph(store)
            return {"seconds": time.perf_counter() - t0, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                    "via": "app.client.load_graph"}
        with store.session() as s:
            max_id = s.read("MATCH (n) RETURN max(id(n)) AS m")[0]["m"] or 0
            keys: dict[int, str] = {}
            if build:
                import networkx as nx

                g = nx.MultiDiGraph()
                for row in _pages(s, NODES, max_id, step):
                    key = row["id"] or f"#{row['i']}"
                    keys[row["i"]] = key
                    g.add_node(key, name=row["name"], type=row["type"])
                g.add_edges_from((keys[row["s"]], keys[row["t"]], {"type": row["type"],
                                  "evidence_count": row["evidence_count"], "confidence": row["confidence"]})
                                 for row in _pages(s, EDGES, max_id, step // 4))
                nodes, edges = g.number_of_nodes(), g.number_of_edges()
            else:
                nodes = sum(1 for _ in _pages(s, NODES, max_id, step))
                edges = sum(1 for _ in _pages(s, EDGES, max_id, step // 4))
        return {"seconds": time.perf_counter() - t0, "nodes": nodes, "edges": edges, "via": "bench.export (pages)"}
    finally:
        store.close()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--socket", type=Path, required=True)
    p.add_argument("--graph", required=True)
    p.add_argument("--fetch-only", action="store_true", help="read the pages, build nothing (the baseline)")
    p.add_argument("--own", action="store_true", help="build from id pages even if app.client exists")
    a = p.parse_args()
    import os

    from bench.engine import MemorySampler

    # ru_maxrss survives exec (it would report the parent's peak), so sample this process instead.
    with MemorySampler(interval=0.05) as mem:
        mem.watch("export", os.getpid())
        out = export(a.socket, a.graph, build=not a.fetch_only, own=a.own)
    out["peak_rss_bytes"] = mem.peak.get("export", 0)
    out["maxrss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
