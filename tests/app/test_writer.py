"""The graph writer against the real embedded engine."""

from __future__ import annotations

import pytest

from app.repository import GraphRepository
from app.services.ingest_service import ingest, retract
from graph_schema.errors import Conflict, SchemaViolation
from graph_schema.model import GraphSchema
from tests.factories import extraction, nexus_doc


def _snapshot(repo: GraphRepository) -> tuple[dict[str, int], list[tuple]]:
    counts = repo.counts()
    rels = repo._session.read(  # test-only inspection of the whole graph
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, r.ev_keys AS ev ORDER BY a, t, b"
    )
    return counts, [(r["a"], r["t"], r["b"], tuple(r["ev"] or ())) for r in rels]


def test_document_writes_nodes_relations_provenance_and_funder_label(
    repo: GraphRepository, schema: GraphSchema
) -> None:
    result = ingest(repo, schema, nexus_doc())
    assert result.status == "created"
    counts = repo.counts()
    assert counts["nodes"] == 10  # 9 entities + the document
    assert counts["relationships"] == 9 + 9  # facts + MENTIONS
    rows = repo._session.read("MATCH (f:Funder) RETURN f.id AS id")
    assert [r["id"] for r in rows] == ["organization:government-of-japan"]
    ev = repo.run("evidence_for_relation", {"source": "organization:government-of-japan",
                                            "target": "project:gao-dialogue", "type": "FUNDS", "limit": 10})
    assert ev[0]["quote"] == "The dialogue was funded by Japan." and ev[0]["document"] == "doc-a"
    assert ev[0]["rule"] == "test" and ev[0]["confidence"] == pytest.approx(0.9)


def test_loading_the_same_document_twice_changes_nothing(repo: GraphRepository, schema: GraphSchema) -> None:
    ingest(repo, schema, nexus_doc())
    before = _snapshot(repo)
    assert ingest(repo, schema, nexus_doc()).status == "unchanged"
    assert _snapshot(repo) == before


def test_replacing_with_identical_content_under_replace_is_idempotent(
    repo: GraphRepository, schema: GraphSchema
) -> None:
    ingest(repo, schema, nexus_doc())
    before = _snapshot(repo)
    changed = extraction("doc-a", [("UNODC", "Organization", [])], [], text="other text")
    with pytest.raises(Conflict):
        ingest(repo, schema, changed)
    assert _snapshot(repo) == before
    ingest(repo, schema, changed, replace=True)
    assert repo.counts()["nodes"] == 2


def test_schema_violation_stores_nothing(repo: GraphRepository, schema: GraphSchema) -> None:
    ingest(repo, schema, nexus_doc())
    before = _snapshot(repo)
    bad = extraction("doc-b", [("A", "Organization", []), ("B", "Threat", [])], [("FUNDS", "A", "B", "A pays B")])
    with pytest.raises(SchemaViolation, match="pattern not allowed"):
        ingest(repo, schema, bad)
    assert _snapshot(repo) == before
    assert repo.document("doc-b") is None


def test_aliases_merge_across_documents_case_and_accent_insensitively(
    repo: GraphRepository, schema: GraphSchema
) -> None:
    ingest(repo, schema, extraction("d1", [("Office Central des Stupéfiants", "Organization", ["OCS"]),
                                           ("Mali", "Region", [])],
                                    [("LOCATED_IN", "OCS", "Mali", "the Malian OCS")]))
    ingest(repo, schema, extraction("d2", [("office central des stupefiants", "Organization", []),
                                           ("Bamako", "Region", [])],
                                    [("LOCATED_IN", "office central des stupefiants", "Bamako", "OCS in Bamako")]))
    rows = repo._session.read("MATCH (n:Organization) RETURN n.id AS id, n.aliases AS aliases")
    assert len(rows) == 1
    assert rows[0]["id"] == "organization:office-central-des-stupefiants"
    docs = repo.run("documents_mentioning", {"entity": rows[0]["id"], "limit": 10})
    assert [d["document_id"] for d in docs] == ["d1", "d2"]


def test_evidence_accumulates_across_documents(repo: GraphRepository, schema: GraphSchema) -> None:
    ingest(repo, schema, nexus_doc("doc-a"))
    ingest(repo, schema, nexus_doc("doc-b"))
    rows = repo._session.read("MATCH (:Organization {id: 'organization:unodc'})-[r:PARTNERS_WITH]-() "
                              "RETURN r.docs AS docs, r.evidence_count AS n")
    assert rows == [{"docs": ["doc-a", "doc-b"], "n": 2}]


def test_retraction_removes_only_what_the_document_alone_supported(repo: GraphRepository, schema: GraphSchema) -> None:
    ingest(repo, schema, nexus_doc("doc-a"))
    before = _snapshot(repo)
    other = extraction("doc-b", [("UNODC", "Organization", []), ("UNICRI", "Organization", []),
                                 ("Niger", "Region", [])],
                       [("PARTNERS_WITH", "UNICRI", "UNODC", "UNICRI works with UNODC"),
                        ("LOCATED_IN", "UNICRI", "Niger", "UNICRI office in Niger")])
    ingest(repo, schema, other)
    retract(repo, "doc-b")
    assert _snapshot(repo) == before  # Niger and its edge gone; UNODC-UNICRI keeps doc-a's evidence only
    retract(repo, "doc-a")
    assert repo.counts() == {"nodes": 0, "relationships": 0}


def test_retraction_drops_the_funder_label_with_the_last_funds_edge(repo: GraphRepository, schema: GraphSchema) -> None:
    ingest(repo, schema, extraction("d1", [("EU", "Organization", []), ("P", "Project", [])],
                                    [("FUNDS", "EU", "P", "EU funds P")]))
    ingest(repo, schema, extraction("d2", [("EU", "Organization", []), ("Q", "Project", [])],
                                    [("IMPLEMENTS", "EU", "Q", "EU runs Q")]))
    retract(repo, "d1")
    assert repo._session.read("MATCH (f:Funder) RETURN f.id AS id") == []
    assert repo._session.read("MATCH (o:Organization) RETURN o.id AS id") == [{"id": "organization:eu"}]


def test_a_fuller_name_that_lists_the_stored_name_as_alias_becomes_canonical_in_any_order(
    repo: GraphRepository, schema: GraphSchema
) -> None:
    ingest(repo, schema, extraction("d1", [("Danish Embassy", "Organization", [])], []))
    ingest(repo, schema, extraction("d2", [("Royal Danish Embassy in Bamako", "Organization", ["Danish Embassy"])], []))
    rows = repo._session.read("MATCH (n:Organization) RETURN n.id AS id, n.name AS name, n.aliases AS aliases")
    assert rows == [{"id": "organization:royal-danish-embassy-in-bamako", "name": "Royal Danish Embassy in Bamako",
                     "aliases": ["Danish Embassy"]}]
    # the other order gives the same node
    repo.run("_retract_document", {"doc_id": "d1"})
    repo.run("_retract_document", {"doc_id": "d2"})
    ingest(repo, schema, extraction("d2", [("Royal Danish Embassy in Bamako", "Organization", ["Danish Embassy"])], []))
    ingest(repo, schema, extraction("d1", [("Danish Embassy", "Organization", [])], []))
    assert repo._session.read("MATCH (n:Organization) RETURN n.id AS id, n.name AS name, n.aliases AS aliases") == rows
