"""The OpenAPI document is the contract (issue #12, defects 8 and 9): security per route as the code behaves,
and the spec and the behaviour agree on formats, booleans, long inputs, sampling and multipart fields."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.exports.formats import FORMATS
from app.main import create_app
from app.settings import Settings
from tests.app.ingest_helpers import AUTH, KEY, TEXT_EN, counts, load, upload
from tests.factories import nexus_doc

WRITES = {("post", "/documents"), ("delete", "/documents/{doc_id}")}


def spec_of(**update: Any) -> dict[str, Any]:
    return create_app(Settings(api_keys=KEY, **update)).openapi()


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            yield method, path, op


def test_reads_are_open_in_the_spec_as_in_the_code() -> None:
    seen = set()
    for method, path, op in operations(spec_of()):
        if (method, path) in WRITES:
            assert op.get("security") == [{"ApiKey": []}], (method, path)
            assert {"401", "403"} <= set(op["responses"]), (method, path)
            seen.add((method, path))
        else:
            assert "security" not in op, f"{method.upper()} {path} is open but the spec asks for a key"
    assert seen == WRITES


def test_protected_reads_are_in_the_spec() -> None:
    for method, path, op in operations(spec_of(protect_reads=True)):
        if path == "/health":
            assert "security" not in op
            continue
        assert op.get("security") == [{"ApiKey": []}], (method, path)
        assert {"401", "403"} <= set(op["responses"]), (method, path)


@pytest.fixture
def api(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"api_keys": KEY}))) as client:
        load(client, nexus_doc())
        yield client
        client.app.state.store.clear()  # type: ignore[attr-defined]


def test_export_format_is_an_enum_of_the_six_formats(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    param = next(p for p in spec["paths"]["/export/{format}"]["get"]["parameters"] if p["name"] == "format")
    schema = param["schema"]
    enum = schema.get("enum") or spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]["enum"]
    assert sorted(enum) == sorted(FORMATS) and len(enum) == 6
    response = api.get("/export/pdf")
    assert response.status_code == 422 and "graphml" in response.text


def test_sample_is_accepted_for_every_measure(api: TestClient) -> None:
    for measure in ("degree", "pagerank", "eigenvector", "betweenness"):
        response = api.get("/metrics/centrality", params={"measure": measure, "sample": 1})
        assert response.status_code == 200, (measure, response.text)
    assert api.get("/metrics/centrality", params={"measure": "degree", "sample": 1}).json()["computed"]["exact"]


@pytest.mark.parametrize("value", [0, 1, "true", "false", None, [], {}])
def test_replace_is_a_strict_boolean(api: TestClient, value: object) -> None:
    response = api.post("/documents", json={"text": TEXT_EN, "replace": value}, headers=AUTH)
    assert response.status_code == 422 and "replace" in response.json()["detail"], response.text
    assert counts(api) == (10, 18)


def test_replace_in_a_form_is_true_or_false(api: TestClient) -> None:
    response = upload(api, "gao.txt", TEXT_EN.encode(), id="gao", replace="0")
    assert response.status_code == 422 and "replace" in response.json()["detail"]
    assert upload(api, "gao.txt", TEXT_EN.encode(), id="gao", replace="false").status_code == 201
    again = upload(api, "gao.txt", TEXT_EN.encode() + b" Again.", id="gao", replace="true")
    assert again.status_code == 200 and again.json()["status"] == "replaced"


def test_multipart_schema_lists_every_field_and_forbids_others(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    form = spec["paths"]["/documents"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert form["additionalProperties"] is False
    assert set(form["properties"]) == {"file", "id", "title", "url", "date", "language", "replace"}
    assert form["properties"]["replace"]["type"] == "boolean"
    too_many = {f"extra{i}": "x" for i in range(8)}
    response = upload(api, "gao.txt", TEXT_EN.encode(), **too_many)
    assert response.status_code == 422 and counts(api) == (10, 18)


def test_overlong_parameter_is_422_without_echoing_it(api: TestClient) -> None:
    q = "x" * 10_000
    response = api.get("/entities", params={"q": q})
    assert response.status_code == 422 and "q" in response.text
    assert q[:400] not in response.text and len(response.content) < 2_000, len(response.content)
    body = api.post("/documents", json={"text": TEXT_EN, "title": "t" * 5_000}, headers=AUTH)
    assert body.status_code == 422 and "t" * 400 not in body.text and len(body.content) < 2_000


def test_405_lists_every_method_of_the_path(api: TestClient) -> None:
    for path, allowed in (("/documents", "GET, POST"), ("/documents/doc-a", "DELETE, GET"), ("/health", "GET")):
        response = api.request("OPTIONS", path)
        assert response.status_code == 405 and response.headers["allow"] == allowed, (path, response.headers)


def test_export_filters_are_enums(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    params = {p["name"]: p for p in spec["paths"]["/export/{format}"]["get"]["parameters"]}
    for name in ("node_types", "rel_types"):
        items = params[name]["schema"]["anyOf"][0]["items"]
        assert items.get("enum") or "$ref" in items, items
    assert api.get("/export/graphml", params={"node_types": ""}).status_code == 422
    assert api.get("/export/graphml", params={"rel_types": ["FUNDS", "LOCATED_IN"]}).status_code == 200
