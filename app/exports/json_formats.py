"""Streamed JSON exports: networkx node-link JSON and Cytoscape.js elements."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from app.analytics.rows import GraphRows
from app.analytics.snapshot import edge_attributes, node_attributes


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _array(items: Iterable[Any]) -> Iterator[str]:
    for i, item in enumerate(items):
        yield ("," if i else "") + _dump(item)


def node_link(rows: GraphRows) -> Iterator[bytes]:
    """``networkx.node_link_data`` shape (edges under "edges"): ``nx.node_link_graph(data, edges="edges")``."""
    yield b'{"directed": true, "multigraph": true, "graph": {"name": "sahel-nexus"}, "nodes": ['
    yield from (s.encode() for s in _array(node_attributes(r) for r in rows.nodes()))
    yield b'], "edges": ['
    edges = ({"source": r["source"], "target": r["target"], "key": r["type"], **edge_attributes(r)}
             for r in rows.edges())
    yield from (s.encode() for s in _array(edges))
    yield b"]}"


def cytoscape_node(row: dict[str, Any]) -> dict[str, Any]:
    data = node_attributes(row)
    data["label"] = row.get("name")
    return {"data": data, "classes": " ".join(row.get("labels") or [])}


def cytoscape_edge(row: dict[str, Any]) -> dict[str, Any]:
    data = {"id": f"{row['source']}|{row['type']}|{row['target']}", "source": row["source"],
            "target": row["target"], "label": row["type"], **edge_attributes(row)}
    return {"data": data, "classes": row["type"]}


def cytoscape(rows: GraphRows) -> Iterator[bytes]:
    """``{"elements": {"nodes": [...], "edges": [...]}}`` for ``cytoscape({elements: ...})``."""
    yield b'{"elements": {"nodes": ['
    yield from (s.encode() for s in _array(cytoscape_node(r) for r in rows.nodes()))
    yield b'], "edges": ['
    yield from (s.encode() for s in _array(cytoscape_edge(r) for r in rows.edges()))
    yield b"]}}"
