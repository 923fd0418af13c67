"""The real FastAPI app over the real embedded engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.services.ingest_service import ingest
from graph_schema.contract import Extraction
from graph_schema.model import load_schema
from tests.factories import nexus_doc


def _load(client: TestClient, extraction: Extraction) -> None:
    from app.catalogue import load_catalogue
    from app.repository import GraphRepository

    store = client.app.state.store  # type: ignore[attr-defined]
    with store.session() as session:
        ingest(GraphRepository(session, load_catalogue(), store.dialect, load_schema()), load_schema(), extraction)


def test_health_reports_engine_and_counts(client: TestClient, engine: str) -> None:
    _load(client, nexus_doc())
    body = client.get("/health").json()
    assert body["engine"] == engine and body["version"].count(".") == 2
    assert body["nodes"] == 10 and body["relationships"] == 18


def test_queries_catalogue_with_json_schemas(client: TestClient) -> None:
    queries = {q["name"]: q for q in client.get("/queries").json()}
    assert len(queries) >= 12 and not any(name.startswith("_") for name in queries)
    limit = queries["who_funds_what"]["parameters"]["properties"]["limit"]
    assert limit["maximum"] == 500 and limit["minimum"] == 1


def test_run_query_validates_before_running(client: TestClient) -> None:
    _load(client, nexus_doc())
    ok = client.post("/queries/partners_of_org", json={"org": "UNODC"})
    assert ok.status_code == 200 and ok.json()["rows"][0]["partner"] == "UNICRI"
    assert client.post("/queries/nope", json={}).status_code == 404
    bad = client.post("/queries/neighbors", json={"entity": "UNODC", "depth": 9})
    assert bad.status_code == 422 and "depth" in bad.json()["detail"]
    missing = client.post("/queries/partners_of_org", json={})
    assert missing.status_code == 422 and "org" in missing.json()["detail"]


def test_entities_search_is_case_and_accent_insensitive_and_paginated(client: TestClient) -> None:
    _load(client, nexus_doc())
    hits = client.get("/entities", params={"q": "TRAORE"}).json()["items"]
    assert [h["name"] for h in hits] == ["Amina Traoré"]
    orgs = client.get("/entities", params={"type": "Organization", "limit": 2}).json()
    assert [i["name"] for i in orgs["items"]] == ["Government of Japan", "UNICRI"]
    page2 = client.get("/entities", params={"type": "Organization", "limit": 2, "offset": 2}).json()
    assert [i["name"] for i in page2["items"]] == ["UNODC"]
    assert client.get("/entities", params={"limit": 501}).status_code == 422
    assert client.get("/entities", params={"limit": -1}).status_code == 422


def test_entity_detail_and_neighbors(client: TestClient) -> None:
    _load(client, nexus_doc())
    detail = client.get("/entities/organization:unodc").json()
    assert detail["aliases"] == ["United Nations Office on Drugs and Crime"] and detail["documents"] == ["doc-a"]
    assert "Entity" in detail["labels"] and "Organization" in detail["labels"]
    assert client.get("/entities/organization:nope").status_code == 404
    near = client.get("/entities/organization:unodc/neighbors", params={"depth": 1}).json()
    assert {r["name"] for r in near["rows"]} == {"UNICRI", "Gao Dialogue", "Amina Traoré"}


def test_documents_list_and_detail(client: TestClient) -> None:
    _load(client, nexus_doc())
    docs = client.get("/documents").json()["items"]
    assert [d["id"] for d in docs] == ["doc-a"] and docs[0]["entities"] == 9
    assert client.get("/documents/doc-a").json()["title"] == "Title of doc-a"
    missing = client.get("/documents/none")
    assert missing.status_code == 404 and "none" in missing.json()["detail"]


def test_funding_in_mali_from_the_reference_gold(client: TestClient, shared_dir: Path) -> None:
    for path in sorted((shared_dir / "gold").glob("*.json")):
        text = (shared_dir / "corpus" / f"{path.stem}.txt").read_text(encoding="utf-8")
        _load(client, Extraction.from_gold(json.loads(path.read_text(encoding="utf-8")), stem=path.stem, text=text))
    body = client.get("/funding", params={"region": "Mali"}).json()
    rows = {(r["funder"], r["recipient"]): r for r in body["rows"]}
    expected = [
        ("Government of Denmark", "Workshop on best practice", "funded by Denmark"),
        ("Royal Danish Embassy in Bamako", "MERIT", "Royal Danish Embassy"),
        ("United Nations Peace and Development Trust Fund", "Consultative Dialogue", "Peace and Development Trust"),
        ("Government of Canada", "New project", "Canadian Government"),
    ]
    for funder, recipient, quote in expected:
        match = [r for (f, p), r in rows.items() if f == funder and p.startswith(recipient)]
        assert match, f"{funder} -> {recipient} missing from {sorted(rows)}"
        assert any(quote in ev["quote"] for ev in match[0]["evidence"])
        assert match[0]["documents"]
    assert client.get("/funding", params={"region": "Atlantis"}).status_code == 404


@pytest.mark.parametrize("path", ["/docs", "/openapi.json"])
def test_docs_are_served(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200
