"""GraphML and GEXF through networkx's writers: built in memory, written to a temp file, streamed.

Neither format holds lists, so list attributes become ``;``-joined strings and missing values
are left out. In GEXF the relationship type is the edge ``label`` (GEXF's own ``type`` attribute
means directed/undirected).

XML 1.0 cannot carry most control characters (not even escaped), so they are dropped from every
value on the way out. Edge ids are unique (``source|TYPE|target``: at most one relationship of a
type between two nodes), and no data key is named ``id``: the element id already carries the node
id, and readers such as igraph would otherwise overwrite one with the other.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from app.analytics.rows import GraphRows
from app.analytics.snapshot import build_snapshot

CHUNK = 64 * 1024
RESERVED = ("id",)  # element ids, not data
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry (C0 controls, lone surrogates, U+FFFE/U+FFFF)."""
    return _NOT_XML.sub("", value)


def _value(value: Any) -> Any:
    return xml_text(value) if isinstance(value, str) else value


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if key in RESERVED:
            continue
        if isinstance(value, list | tuple):
            out[key] = xml_text(";".join(str(v) for v in value))
        elif value is not None:
            out[key] = _value(value)
    return out


def edge_id(u: str, rel_type: str, v: str) -> str:
    return f"{u}|{rel_type}|{v}"


def flat_graph(graph: nx.MultiDiGraph, *, edge_type_as_label: bool = False) -> nx.MultiDiGraph:
    flat = nx.MultiDiGraph(name="sahel-nexus")
    for node, data in graph.nodes(data=True):
        attrs = _flat(data)
        if edge_type_as_label:
            attrs["label"] = attrs.get("name", xml_text(node))
        flat.add_node(xml_text(node), **attrs)
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = _flat(data)
        if edge_type_as_label:
            attrs["label"] = attrs.pop("type")
        flat.add_edge(xml_text(u), xml_text(v), key=xml_text(edge_id(u, key, v)), **attrs)
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
