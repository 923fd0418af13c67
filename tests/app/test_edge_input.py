"""Input checked at the edge (issue #12): NUL and control characters, the document id namespace, deep JSON,
invisible characters. Each bad input gets a 4xx naming the field, and the graph is left as it was."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.app.ingest_helpers import AUTH, KEY, TEXT_EN, counts, load, upload
from tests.factories import nexus_doc

SHORT = "UNODC funds a project in Mali."


@pytest.fixture
def api(settings: Settings) -> Iterator[TestClient]:
    """The real app with an API key and a seeded graph (nexus_doc: 10 nodes, 18 relationships)."""
    with TestClient(create_app(settings.model_copy(update={"api_keys": KEY}))) as client:
        load(client, nexus_doc())
        yield client
        client.app.state.store.clear()  # type: ignore[attr-defined]


def refused(api: TestClient, response: object, status: int, *words: str) -> None:
    assert getattr(response, "status_code") == status, getattr(response, "text")  # noqa: B009
    detail = str(getattr(response, "json")()["detail"])  # noqa: B009
    for word in words:
        assert word in detail, detail
    assert counts(api) == (10, 18)


# -- 1. NUL bytes never reach the engine ---------------------------------------------------------------
@pytest.mark.parametrize(("path", "field"), [
    ("/entities?q=a%00b", "q"),
    ("/funding?region=Ma%00li", "region"),
    ("/funding?threat=%00", "threat"),
    ("/entities/organization:un%00odc", "entity_id"),
    ("/entities/organization:un%00odc/neighbors", "entity_id"),
    ("/documents/doc%00a", "doc_id"),
    ("/documents/doc%00a/facts", "doc_id"),
    ("/export/graphml?region=Ma%00li", "region"),
])
def test_nul_in_a_read_parameter_is_422_naming_it(api: TestClient, path: str, field: str) -> None:
    refused(api, api.get(path), 422, field, "U+0000")


def test_nul_in_a_canned_query_parameter_is_422(api: TestClient) -> None:
    refused(api, api.post("/queries/partners_of_org", json={"org": "UN\u0000ODC"}), 422, "org", "U+0000")


@pytest.mark.parametrize("field", ["title", "url", "date", "language", "id"])
def test_nul_in_a_document_field_is_422_naming_it(api: TestClient, field: str) -> None:
    body = {"text": SHORT, field: "x\u0000y"}
    refused(api, api.post("/documents", json=body, headers=AUTH), 422, field)
    refused(api, upload(api, "short.txt", SHORT.encode(), **{field: "x\u0000y"}), 422, field)


def test_nul_in_a_delete_path_is_422(api: TestClient) -> None:
    refused(api, api.delete("/documents/doc%00a", headers=AUTH), 422, "doc_id", "U+0000")


# -- 2. control characters in stored fields ---------------------------------------------------------------
@pytest.mark.parametrize("value", ["bell\u0007", "esc\u001b[31m", "del\u007f", "vt\u000b", "c1\u0085"])
def test_control_characters_in_title_or_url_are_422(api: TestClient, value: str) -> None:
    for field in ("title", "url"):
        response = api.post("/documents", json={"text": SHORT, field: value}, headers=AUTH)
        refused(api, response, 422, field, "control character")


# -- 3. document ids live in their own namespace ----------------------------------------------------------
@pytest.mark.parametrize("doc_id", ["organization:unodc", "Region:mali", "project:gao-dialogue", "person:x",
                                    "threat:terrorism"])
def test_a_document_cannot_take_an_entity_id(api: TestClient, doc_id: str) -> None:
    response = api.post("/documents", json={"id": doc_id, "text": SHORT}, headers=AUTH)
    refused(api, response, 422, "id", "entity")
    assert api.get("/entities/organization:unodc").json()["type"] == "Organization"


def test_a_document_id_with_a_colon_outside_the_entity_namespace_is_fine(api: TestClient) -> None:
    response = api.post("/documents", json={"id": "report:2024-02", "text": TEXT_EN}, headers=AUTH)
    assert response.status_code == 201, response.text


# -- 5. deeply nested JSON ---------------------------------------------------------------------------------
@pytest.mark.parametrize("depth", [200, 990, 5000, 100_000])
def test_deeply_nested_json_document_is_422(api: TestClient, depth: int) -> None:
    body = '{"text": "' + SHORT + '", "title": ' + "[" * depth + "]" * depth + "}"
    response = api.post("/documents", content=body.encode(), headers={**AUTH, "Content-Type": "application/json"})
    refused(api, response, 422)
    assert "nested" in response.json()["detail"] or "title" in response.json()["detail"]


@pytest.mark.parametrize("depth", [990, 20_000])
def test_deeply_nested_json_query_is_422(api: TestClient, depth: int) -> None:
    body = '{"org": ' + "[" * depth + "]" * depth + "}"
    response = api.post("/queries/partners_of_org", content=body.encode(), headers={"Content-Type": "application/json"})
    refused(api, response, 422, "nested")


def test_query_body_errors_are_422_with_a_message(api: TestClient) -> None:
    json_header = {"Content-Type": "application/json"}
    refused(api, api.post("/queries/partners_of_org", content=b"{bad", headers=json_header), 422, "not valid JSON")
    refused(api, api.post("/queries/partners_of_org", content=b"[1]", headers=json_header), 422, "JSON object")
    assert api.post("/queries/who_funds_what").status_code == 200  # no body: every parameter has its default
    assert api.post("/queries/who_funds_what", json={"region": "Mali"}).status_code == 200


# -- 12. invisible characters ------------------------------------------------------------------------------
@pytest.mark.parametrize("q", ["UN\u200bODC", "\ufeffUNODC", "UNO\u00adDC", "U\u2060NODC", "ＵＮＯＤＣ", "UN\u200dODC"])
def test_invisible_and_compatibility_characters_are_normalised_in_search(api: TestClient, q: str) -> None:
    items = api.get("/entities", params={"q": q}).json()["items"]
    assert [i["id"] for i in items] == ["organization:unodc"], q
    assert api.get(f"/entities/{q}").json()["id"] == "organization:unodc"
    assert api.post("/queries/partners_of_org", json={"org": q}).status_code == 200


def test_names_are_normalised_the_same_way_on_write(api: TestClient) -> None:
    from graph_schema.names import normalize_name

    assert normalize_name("UN\u200bODC") == normalize_name("ＵＮＯＤＣ") == normalize_name("\ufeffunodc") == "unodc"
