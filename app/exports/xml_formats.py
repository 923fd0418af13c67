"""GraphML and GEXF through networkx's writers: built in memory, written to a temp file, streamed.

Neither format holds lists, so list attributes become ``;``-joined strings and missing values
are left out. In GEXF the relationship type is the edge ``label`` (GEXF's own ``type`` attribute
means directed/undirected).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from app.analytics.rows import GraphRows
from app.analytics.snapshot import build_snapshot

CHUNK = 64 * 1024


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if isinstance(value, list | tuple):
            out[key] = ";".join(str(v) for v in value)
        elif value is not None:
            out[key] = value
    return out


def flat_graph(graph: nx.MultiDiGraph, *, edge_type_as_label: bool = False) -> nx.MultiDiGraph:
    flat = nx.MultiDiGraph(name="sahel-nexus")
    for node, data in graph.nodes(data=True):
        attrs = _flat(data)
        if edge_type_as_label:
            attrs["label"] = attrs.get("name", node)
        flat.add_node(node, **attrs)
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = _flat(data)
        if edge_type_as_label:
            attrs["label"] = attrs.pop("type")
        flat.add_edge(u, v, key=key, **attrs)
    return flat


def _stream(graph: nx.MultiDiGraph, write: Callable[[nx.MultiDiGraph, Path], None]) -> Iterator[bytes]:
    with tempfile.TemporaryDirectory(prefix="nexus-export-") as tmp:
        path = Path(tmp) / "graph"
        write(graph, path)
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                yield chunk


def graphml(rows: GraphRows) -> Iterator[bytes]:
    return _stream(flat_graph(build_snapshot(rows)), lambda g, p: nx.write_graphml(g, p, encoding="utf-8"))


def gexf(rows: GraphRows) -> Iterator[bytes]:
    return _stream(flat_graph(build_snapshot(rows), edge_type_as_label=True),
                   lambda g, p: nx.write_gexf(g, p, encoding="utf-8"))
