"""Bulk load: app/writer/bulk.py against a minimal raw ``UNWIND $rows CREATE`` script, same engine, same rows.

Both write the same properties into two graphs of one FalkorDB server. The sections alternate
(raw, then project, per label and per pattern) so that load from other processes on the
machine hits both alike; generating the rows is not timed.
"""

from __future__ import annotations

import time
from typing import Any

from app.store.falkordb_store import FalkorStore
from app.writer.bulk import DEFAULT_BATCH_SIZE, NODE_FIELDS, REL_FIELDS, BulkLoader
from bench.graphgen import FACT_SHARE, SyntheticGraph

RAW_NODE = "UNWIND $rows AS row CREATE (:{label}:Entity {{{props}}})"
RAW_REL = "UNWIND $rows AS row MATCH (s:{source} {{id: row.source}}), (t:{target} {{id: row.target}}) " \
          "CREATE (s)-[:{rel_type} {{{props}}}]->(t)"
RAW_NODE_PROPS = ", ".join(f"{f}: row.{f}" for f in NODE_FIELDS if f != "names") + ", type: '{label}'"
RAW_PROPS = ", ".join(f"{f}: row.{f}" for f in REL_FIELDS[2:])


class RawLoader:
    """The baseline: what one would write by hand, through the same session API."""

    def __init__(self, store: FalkorStore, batch_size: int) -> None:
        self.store = store
        self.batch_size = batch_size

    def _run(self, text: str, rows: list[dict[str, Any]]) -> None:
        with self.store.session() as s:
            for i in range(0, len(rows), self.batch_size):
                s.write(text, {"rows": rows[i:i + self.batch_size]})

    def nodes(self, label: str, rows: list[dict[str, Any]]) -> None:
        self._run(RAW_NODE.format(label=label, props=RAW_NODE_PROPS.replace("{label}", label)), rows)

    def relationships(self, rel_type: str, source: str, target: str, rows: list[dict[str, Any]]) -> None:
        self._run(RAW_REL.format(rel_type=rel_type, source=source, target=target, props=RAW_PROPS), rows)


def compare_load(raw_store: FalkorStore, bulk_store: FalkorStore, graph: SyntheticGraph,
                 batch_size: int = DEFAULT_BATCH_SIZE, log: Any = None) -> dict[str, Any]:
    raw = RawLoader(raw_store, batch_size)
    times = {"raw_nodes": 0.0, "raw_rels": 0.0, "bulk_nodes": 0.0, "bulk_rels": 0.0}
    with bulk_store.session() as s:
        bulk = BulkLoader(s, graph.schema, batch_size)
        for label in graph.schema.entity_labels:
            rows = list(graph.node_rows(label))
            for name, loader in (("raw", raw), ("bulk", bulk)):
                t0 = time.perf_counter()
                loader.nodes(label, rows)
                times[f"{name}_nodes"] += time.perf_counter() - t0
        for pattern in FACT_SHARE:
            rows = list(graph.relationship_rows(pattern))
            for name, loader in (("raw", raw), ("bulk", bulk)):
                t0 = time.perf_counter()
                loader.relationships(*pattern, rows)
                times[f"{name}_rels"] += time.perf_counter() - t0
            if log:
                log(f"  loaded {pattern[0]} ({pattern[1]}->{pattern[2]}): {len(rows)} rows")
        t0 = time.perf_counter()
        bulk.documents(list(graph.document_rows()))
        for label in graph.schema.entity_labels:
            bulk.mentions(label, list(graph.mention_rows(label)))
        times["bulk_provenance"] = time.perf_counter() - t0
        times["mentions"] = bulk.stats.rows.get("MENTIONS", 0)
        times["documents"] = bulk.stats.rows.get("Document", 0)
    n = graph.relationship_count
    times["relationships"] = n
    times["raw_rels_per_s"] = n / times["raw_rels"]
    times["bulk_rels_per_s"] = n / times["bulk_rels"]
    return times
