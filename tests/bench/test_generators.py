"""The benchmark's generators are seeded and keep to the schema; the bulk loader writes what the writer writes."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from app.store.falkordb_store import FalkorStore
from app.writer.bulk import REL_FIELDS, BulkLoader
from app.writer.statements import EVIDENCE_FIELDS, relationship_patterns
from bench.corpus import make_corpus
from bench.graphgen import SCALES, SyntheticGraph
from graph_schema.model import GraphSchema

SPEC = replace(SCALES["tiny"], nodes=1_000, relationships=2_000, documents=10)


def test_graph_is_seeded_and_keeps_to_the_schema(schema: GraphSchema) -> None:
    a, b = SyntheticGraph(schema, SPEC), SyntheticGraph(schema, SPEC)
    assert a.ids == b.ids
    assert a.relationship_count == SPEC.relationships
    allowed = set(relationship_patterns(schema))
    for pattern, (src, tgt) in a.facts.items():
        assert pattern in allowed
        assert np.array_equal(src, b.facts[pattern][0]) and np.array_equal(tgt, b.facts[pattern][1])
        rows = list(a.relationship_rows(pattern))
        assert rows == list(b.relationship_rows(pattern))
        pairs = {(r["source"], r["target"]) for r in rows}
        assert len(pairs) == len(rows), "one relationship per (type, source, target)"
        _, s_label, t_label = pattern
        assert all(r["source"] in a.ids[s_label] and r["target"] in a.ids[t_label] for r in rows[:50])
        assert all(r["source"] != r["target"] for r in rows)
        if schema.relationship(pattern[0]).symmetric:
            assert all(r["source"] < r["target"] for r in rows)
        for r in rows[:50]:
            assert set(r) == set(REL_FIELDS)
            assert len({len(r[f]) for f in EVIDENCE_FIELDS}) == 1 and r["evidence_count"] == len(r["ev_keys"]) >= 1
    assert SyntheticGraph(schema, replace(SPEC, seed=8)).facts.keys() == a.facts.keys()
    assert list(a.document_rows()) == list(b.document_rows())


def test_corpus_is_seeded_and_bilingual() -> None:
    docs = make_corpus(40, seed=5)
    assert [d.text for d in docs] == [d.text for d in make_corpus(40, seed=5)]
    assert [d.text for d in docs] != [d.text for d in make_corpus(40, seed=6)]
    french = sum(d.language == "fr" for d in docs)
    assert 2 <= french <= 16
    assert all(80 <= d.words <= 1500 for d in docs)


def test_bulk_load_matches_the_writer_layout_and_is_idempotent(store: FalkorStore, schema: GraphSchema) -> None:
    graph = SyntheticGraph(schema, replace(SPEC, nodes=200, relationships=300, documents=5))
    with store.session() as s:
        for _ in range(2):  # loading twice changes nothing
            loader = BulkLoader(s, schema, batch_size=64)
            for label in schema.entity_labels:
                loader.nodes(label, graph.node_rows(label))
            for pattern in graph.facts:
                loader.relationships(*pattern, graph.relationship_rows(pattern))
            loader.documents(graph.document_rows())
            for label in schema.entity_labels:
                loader.mentions(label, graph.mention_rows(label))
        counts = s.read("MATCH ()-[r]->() WHERE type(r) <> 'MENTIONS' RETURN count(r) AS n")[0]["n"]
        assert counts == graph.relationship_count
        rel = s.read("MATCH (:Funder)-[r:FUNDS]->() RETURN r LIMIT 1")[0]["r"]
        props = rel.properties if hasattr(rel, "properties") else rel
        assert set(EVIDENCE_FIELDS) | {"docs", "evidence_count", "confidence", "roles"} <= set(props)
        assert props["evidence_count"] == len(props["ev_keys"])
        node = s.read("MATCH (n:Organization:Entity) RETURN n.id AS id, n.search AS search, n.keys AS keys LIMIT 1")[0]
        assert node["search"].startswith("|") and node["keys"]
