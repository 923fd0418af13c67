"""Every canned query on a small graph whose answers are known by hand."""

from __future__ import annotations

from typing import Any

import pytest

from app.catalogue import load_catalogue
from app.repository import GraphRepository
from app.services.ingest_service import ingest
from app.services.query_service import run_query
from graph_schema.errors import InvalidParameters, NotFound
from graph_schema.model import GraphSchema
from tests.factories import nexus_doc


@pytest.fixture
def loaded(repo: GraphRepository, schema: GraphSchema) -> GraphRepository:
    ingest(repo, schema, nexus_doc())
    return repo


def q(repo: GraphRepository, name: str, **params: Any) -> list[dict[str, Any]]:
    return run_query(repo, load_catalogue(), name, params)


def test_catalogue_has_at_least_twelve_public_queries_each_documented() -> None:
    public = load_catalogue().public()
    assert len(public) >= 12
    for query in public:
        assert query.description and query.returns
        assert all(p.description for p in query.params)


def test_who_funds_what_in_a_region_includes_sub_regions(loaded: GraphRepository) -> None:
    rows = q(loaded, "who_funds_what", region="Mali")
    assert [(r["funder"], r["recipient"]) for r in rows] == [("Government of Japan", "Gao Dialogue")]
    assert rows[0]["evidence"][0]["quote"] == "The dialogue was funded by Japan."
    assert rows[0]["documents"] == ["doc-a"]
    assert q(loaded, "who_funds_what", region="Gao", threat="trafficking of drugs")
    assert q(loaded, "who_funds_what")  # no filter: every FUNDS edge


def test_who_funds_what_filters_out_other_regions(loaded: GraphRepository, schema: GraphSchema) -> None:
    from tests.factories import extraction

    ingest(loaded, schema, extraction("doc-n", [("EU", "Organization", []), ("Niger Project", "Project", []),
                                                ("Niger", "Region", [])],
                                      [("FUNDS", "EU", "Niger Project", "EU funds it"),
                                       ("TARGETS", "Niger Project", "Niger", "in Niger")]))
    assert [r["funder"] for r in q(loaded, "who_funds_what", region="Niger")] == ["EU"]
    assert [r["funder"] for r in q(loaded, "who_funds_what", region="Mali")] == ["Government of Japan"]


def test_project_queries(loaded: GraphRepository) -> None:
    assert [r["funder"] for r in q(loaded, "funders_of_project", project="dialogue in gao")] == ["Government of Japan"]
    assert [r["implementer"] for r in q(loaded, "implementers_of_project", project="Gao Dialogue")] == ["UNODC"]
    rows = q(loaded, "projects_in_region", region="Mali")
    assert [r["project"] for r in rows] == ["Gao Dialogue"] and rows[0]["places"] == ["Gao"]
    rows = q(loaded, "projects_targeting_threat", threat="drug trafficking", region="Gao")
    assert [r["project"] for r in rows] == ["Gao Dialogue"]
    assert rows[0]["funders"] == ["Government of Japan"] and rows[0]["implementers"] == ["UNODC"]


def test_partners_are_symmetric(loaded: GraphRepository) -> None:
    assert [r["partner"] for r in q(loaded, "partners_of_org", org="UNICRI")] == ["UNODC"]
    assert [r["partner"] for r in q(loaded, "partners_of_org", org="United Nations Office on Drugs and Crime")] == [
        "UNICRI"]


def test_entity_profile_and_documents(loaded: GraphRepository) -> None:
    row = q(loaded, "entity_profile", entity="UNODC")[0]
    assert row["id"] == "organization:unodc" and row["documents"] == ["doc-a"]
    counts = {(r["type"], r["direction"]): r["count"] for r in row["relationships"]}
    assert counts == {("IMPLEMENTS", "out"): 1, ("PARTNERS_WITH", "both"): 1, ("AFFILIATED_WITH", "in"): 1}
    assert [r["document_id"] for r in q(loaded, "documents_mentioning", entity="Gao")] == ["doc-a"]


def test_neighbors_by_depth(loaded: GraphRepository) -> None:
    one = {r["name"] for r in q(loaded, "neighbors", entity="UNODC", depth=1)}
    assert one == {"UNICRI", "Gao Dialogue", "Amina Traoré"}
    two = q(loaded, "neighbors", entity="UNODC", depth=2, limit=100)
    assert {r["name"] for r in two if r["hops"] == 2} == {"Government of Japan", "drug trafficking", "terrorism", "Gao"}
    assert len(q(loaded, "neighbors", entity="UNODC", depth=3, limit=2)) == 2


def test_path_between_cites_each_step(loaded: GraphRepository) -> None:
    rows = q(loaded, "path_between", source="UNICRI", target="Government of Japan")
    assert rows[0]["hops"] == 3
    assert [n["name"] for n in rows[0]["nodes"]] == ["UNICRI", "UNODC", "Gao Dialogue", "Government of Japan"]
    assert all(step["quotes"] for step in rows[0]["relationships"])
    assert q(loaded, "path_between", source="UNICRI", target="Government of Japan", max_hops=2) == []


def test_threat_nexus(loaded: GraphRepository) -> None:
    rows = q(loaded, "threat_nexus", threat="terrorism")
    assert [r["linked"] for r in rows] == ["drug trafficking"]
    assert rows[0]["projects"] == ["Gao Dialogue"] and rows[0]["regions"] == ["Gao"]
    assert rows[0]["evidence"][0]["quote"] == "trafficking finances terrorism"


def test_org_network_in_region(loaded: GraphRepository) -> None:
    rows = q(loaded, "org_network_in_region", region="Mali")
    assert {(r["source"], r["type"], r["target"]) for r in rows} == {
        ("Government of Japan", "FUNDS", "Gao Dialogue"), ("UNODC", "IMPLEMENTS", "Gao Dialogue"),
        ("UNICRI", "PARTNERS_WITH", "UNODC")}  # symmetric types are stored in id order


def test_evidence_for_relation_either_direction(loaded: GraphRepository) -> None:
    rows = q(loaded, "evidence_for_relation", source="UNODC", target="Amina Traoré")
    assert rows[0]["type"] == "AFFILIATED_WITH" and rows[0]["quote"].startswith("Amina Traoré")
    assert rows[0]["start"] >= 0 and rows[0]["end"] > rows[0]["start"]


def test_unknown_names_and_bad_parameters_are_clear(loaded: GraphRepository) -> None:
    with pytest.raises(NotFound, match="no Region named 'Atlantis'"):
        q(loaded, "who_funds_what", region="Atlantis")
    with pytest.raises(NotFound, match="no canned query"):
        q(loaded, "drop_everything")
    with pytest.raises(NotFound, match="no canned query"):
        q(loaded, "_retract_document", doc_id="doc-a")
    with pytest.raises(InvalidParameters, match="limit"):
        q(loaded, "who_funds_what", limit=100000)
    with pytest.raises(InvalidParameters, match="depth"):
        q(loaded, "neighbors", entity="UNODC", depth=4)
    with pytest.raises(InvalidParameters, match="bogus"):
        q(loaded, "neighbors", entity="UNODC", bogus=1)


def test_cypher_in_parameters_is_plain_text(loaded: GraphRepository) -> None:
    hostile = "x'}) DETACH DELETE n //"
    before = loaded.counts()
    with pytest.raises(NotFound):
        q(loaded, "entity_profile", entity=hostile)
    assert loaded.counts() == before
