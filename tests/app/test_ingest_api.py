"""POST /documents, GET /documents/{id}/facts, DELETE /documents/{id}; API keys; time limits; engine loss."""

from __future__ import annotations

import fcntl
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from app.store.falkordb_server import is_alive, socket_path
from tests.app.ingest_helpers import AUTH, KEY, TEXT_EN, TEXT_FR, counts, docx_bytes, load, text_pdf, upload
from tests.factories import nexus_doc


def _app(settings: Settings, **update: object) -> TestClient:
    return TestClient(create_app(settings.model_copy(update={"api_keys": KEY, **update})))


@pytest.fixture
def api(settings: Settings) -> Iterator[TestClient]:
    with _app(settings) as client:
        yield client
        client.app.state.store.clear()  # type: ignore[attr-defined]


def test_upload_then_same_bytes_again_is_unchanged(api: TestClient) -> None:
    first = upload(api, "gao.txt", TEXT_EN.encode())
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["status"] == "created" and body["id"].startswith("doc-") and len(body["id"]) == 20
    assert body["entities"] >= 5 and body["relations"] >= 3
    before = counts(api)
    again = upload(api, "renamed.txt", TEXT_EN.encode())  # same bytes, other name: same document
    assert again.status_code == 200 and again.json()["id"] == body["id"] and again.json()["status"] == "unchanged"
    assert counts(api) == before


@pytest.mark.parametrize(("name", "make"), [
    ("gao.pdf", lambda: text_pdf(TEXT_EN[:105])),
    ("gao.docx", lambda: docx_bytes([TEXT_EN])),
    ("gao.html", lambda: f"<html><head><title>Gao</title></head><body><article><p>{TEXT_EN}</p></article></body>"
                         "</html>".encode()),
])
def test_each_reader_over_http(api: TestClient, name: str, make: object) -> None:
    response = upload(api, name, make())  # type: ignore[operator]
    assert response.status_code == 201, response.text
    names = {e["name"] for e in api.get(f"/documents/{response.json()['id']}/facts").json()["entities"]}
    assert {"UNODC", "Mali"} <= names


def test_json_text_with_metadata_and_facts_with_evidence(api: TestClient) -> None:
    doc = {"text": TEXT_FR, "title": "Formation à Bamako", "url": "https://example.org/f", "date": "2024-03-01",
           "language": "fr", "id": "fr-bamako"}
    response = api.post("/documents", json=doc, headers=AUTH)
    assert response.status_code == 201 and response.json()["id"] == "fr-bamako"
    stored = api.get("/documents/fr-bamako").json()
    assert stored["title"] == "Formation à Bamako" and stored["url"] == doc["url"] and stored["language"] == "fr"
    facts = api.get("/documents/fr-bamako/facts").json()
    assert facts["total_relations"] == response.json()["relations"] == len(facts["relations"])
    located = [r for r in facts["relations"] if r["type"] == "LOCATED_IN"]
    assert located and located[0]["target"] == "Mali"
    for rel in facts["relations"]:
        for ev in rel["evidence"]:
            assert TEXT_FR[ev["start"]:ev["end"]] == ev["quote"]
    page = api.get("/documents/fr-bamako/facts", params={"limit": 1, "offset": 1}).json()
    assert page["relations"] == facts["relations"][1:2] and page["total_relations"] == facts["total_relations"]


def test_same_id_other_content_conflicts_unless_replace(api: TestClient) -> None:
    assert api.post("/documents", json={"text": TEXT_EN, "id": "d1"}, headers=AUTH).status_code == 201
    assert api.post("/documents", json={"text": TEXT_EN, "id": "d1"}, headers=AUTH).status_code == 200
    clash = api.post("/documents", json={"text": TEXT_FR, "id": "d1"}, headers=AUTH)
    assert clash.status_code == 409 and "replace" in clash.json()["detail"]
    replaced = api.post("/documents", json={"text": TEXT_FR, "id": "d1", "replace": True}, headers=AUTH)
    assert replaced.status_code == 200 and replaced.json()["status"] == "replaced"
    assert api.get("/documents/d1").json()["language"] == "fr"


def test_delete_retracts_and_404s_after(api: TestClient) -> None:
    load(api, nexus_doc())
    base = counts(api)
    doc_id = upload(api, "gao.txt", TEXT_EN.encode()).json()["id"]
    assert counts(api) != base
    assert api.delete(f"/documents/{doc_id}", headers=AUTH).status_code == 204
    assert counts(api) == base
    gone = api.delete(f"/documents/{doc_id}", headers=AUTH)
    assert gone.status_code == 404 and doc_id in gone.json()["detail"]
    assert api.get(f"/documents/{doc_id}/facts").status_code == 404


def test_writes_need_a_valid_key(api: TestClient) -> None:
    missing = api.post("/documents", json={"text": TEXT_EN})
    assert missing.status_code == 401 and "X-API-Key" in missing.json()["detail"]
    assert missing.headers["WWW-Authenticate"] == "APIKey"
    wrong = api.post("/documents", json={"text": TEXT_EN}, headers={"X-API-Key": KEY + "x"})
    assert wrong.status_code == 403 and "not valid" in wrong.json()["detail"]
    assert api.delete("/documents/x").status_code == 401
    assert api.delete("/documents/x", headers={"X-API-Key": "nope"}).status_code == 403
    assert api.get("/documents").status_code == 200  # reads are open by default
    assert counts(api) == (0, 0)


def test_any_configured_key_works(settings: Settings) -> None:
    with _app(settings, api_keys=f"first-key, {KEY} ,third") as client:
        for key in ("first-key", KEY, "third"):
            assert client.delete("/documents/none", headers={"X-API-Key": key}).status_code == 404
        assert client.delete("/documents/none", headers={"X-API-Key": " third"}).status_code == 403


def test_no_keys_configured_refuses_writes(settings: Settings) -> None:
    with _app(settings, api_keys="") as client:
        response = client.post("/documents", json={"text": TEXT_EN}, headers={"X-API-Key": "anything"})
        assert response.status_code == 403 and "NEXUS_API_KEYS" in response.json()["detail"]


def test_protected_reads(settings: Settings) -> None:
    with _app(settings, protect_reads=True) as client:
        for path in ("/documents", "/entities", "/queries", "/documents/x/facts"):
            assert client.get(path).status_code == 401, path
            assert client.get(path, headers={"X-API-Key": "bad"}).status_code == 403, path
        assert client.get("/documents", headers=AUTH).status_code == 200
        assert client.post("/queries/who_funds_what", json={}).status_code == 401
        assert client.get("/health").status_code == 200  # liveness stays open


def test_openapi_shows_the_api_key_scheme(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    scheme = spec["components"]["securitySchemes"]["ApiKey"]
    assert scheme == {"type": "apiKey", "in": "header", "name": "X-API-Key", "description": scheme["description"]}
    assert {"ApiKey": []} in spec["paths"]["/documents"]["post"]["security"]
    assert {"ApiKey": []} in spec["paths"]["/documents/{doc_id}"]["delete"]["security"]
    body = spec["paths"]["/documents"]["post"]["requestBody"]["content"]
    assert set(body) == {"multipart/form-data", "application/json"}


def test_extraction_time_limit_is_422(settings: Settings) -> None:
    with _app(settings, extraction_timeout_s=0.001) as client:
        response = client.post("/documents", json={"text": TEXT_EN * 20}, headers=AUTH)
        assert response.status_code == 422 and "ran over" in response.json()["detail"]
        assert counts(client) == (0, 0)


def _dense_graph(client: TestClient, n: int) -> None:
    """n organisations, all partners of each other: neighbors at depth 3 has ~n^3 paths to expand."""
    store = client.app.state.store  # type: ignore[attr-defined]
    with store.session() as s:
        s.write("UNWIND range(1, $n) AS i CREATE (:Entity:Organization {id: 'organization:o' + toString(i), "
                "name: 'O' + toString(i), type: 'Organization', search: 'o' + toString(i), aliases: []})", {"n": n})
        s.write("MATCH (a:Organization), (b:Organization) WHERE a.id < b.id CREATE (a)-[:PARTNERS_WITH]->(b)")


def test_query_time_limit_is_504(settings: Settings) -> None:
    if settings.store != "falkordb":
        pytest.skip("the engine time limit is exercised on FalkorDB")
    with _app(settings) as client:
        _dense_graph(client, 250)
    with _app(settings, query_timeout_ms=100) as client:
        response = client.post("/queries/neighbors", json={"entity": "organization:o1", "depth": 3, "limit": 500})
        assert response.status_code == 504, response.text
        assert "time limit" in response.json()["detail"]
        client.app.state.store.clear()  # type: ignore[attr-defined]


def test_engine_unreachable_is_503(tmp_path: Path) -> None:
    data = tmp_path / "own-engine"
    with TestClient(create_app(Settings(data_dir=data, api_keys=KEY))) as client:
        assert client.get("/health").status_code == 200
        with open(data / ".server.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # the supervisor would restart it: hold that back while we look
            os.kill(int((data / "falkordb.pid").read_text()), signal.SIGKILL)  # the engine dies
            deadline = time.monotonic() + 10
            while is_alive(socket_path(data)) and time.monotonic() < deadline:
                time.sleep(0.05)
            for response in (client.get("/health"), client.get("/entities"),
                             client.delete("/documents/x", headers=AUTH)):
                assert response.status_code == 503 and "not reachable" in response.json()["detail"]
