"""The bad-input catalogue: every kind gets a clear status and message, and leaves the graph as it was."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.app.ingest_helpers import (
    AUTH,
    KEY,
    TEXT_EN,
    TEXT_FR,
    counts,
    docx_bytes,
    load,
    pdf_bytes,
    text_pdf,
    upload,
    zip_bytes,
)
from tests.factories import nexus_doc

MB = 1024 * 1024
INJECTIONS = ["x'}) DETACH DELETE n //", "`n` RETURN 1 //", "$doc_id ${x} $$", "\") MATCH (n) DETACH DELETE n //"]


@pytest.fixture
def api(settings: Settings) -> Iterator[TestClient]:
    """The real app with an API key and a seeded graph (nexus_doc: 10 nodes, 18 relationships)."""
    with TestClient(create_app(settings.model_copy(update={"api_keys": KEY}))) as client:
        load(client, nexus_doc())
        yield client
        client.app.state.store.clear()  # type: ignore[attr-defined]


def rejected(api: TestClient, response: object, status: int, *words: str) -> None:
    """Assert the status, that the message names the problem, and that the graph did not change."""
    assert getattr(response, "status_code") == status, getattr(response, "text")  # noqa: B009
    detail = str(getattr(response, "json")()["detail"]).lower()  # noqa: B009
    for word in words:
        assert word.lower() in detail, detail
    assert counts(api) == (10, 18)


# -- files --------------------------------------------------------------------------------------------
def test_empty_file(api: TestClient) -> None:
    rejected(api, upload(api, "empty.txt", b""), 422, "empty.txt", "empty")


def test_whitespace_only(api: TestClient) -> None:
    rejected(api, upload(api, "blank.txt", b" \n\t \r\n  "), 422, "whitespace")


def test_random_binary(api: TestClient) -> None:
    data = bytes(range(256)) * 16 + os.urandom(4096)
    rejected(api, upload(api, "noise.txt", data), 422, "noise.txt")
    assert any(w in upload(api, "noise.txt", data).json()["detail"] for w in ("binary", "encoding"))


def test_png_renamed_txt(api: TestClient) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(200)
    rejected(api, upload(api, "photo.txt", png), 422, "PNG image", "not text")


def test_unsupported_extension(api: TestClient) -> None:
    rejected(api, upload(api, "photo.png", b"\x89PNG\r\n\x1a\n"), 415, "unsupported document type", ".png")


def test_no_extension(api: TestClient) -> None:
    rejected(api, upload(api, "README", TEXT_EN.encode()), 415, "no extension")


def test_invalid_utf8(api: TestClient) -> None:
    data = "Amina Traoré, chargée de programme à l'ONUDC à Bamako, au Mali. ".encode() * 3 + b"\xff\xfe\xc3("
    rejected(api, upload(api, "broken.txt", data), 422, "utf-8")


def test_latin1_text_is_decoded(api: TestClient) -> None:
    response = upload(api, "latin1.txt", TEXT_FR.encode("latin-1"))
    assert response.status_code == 201, response.text
    facts = api.get(f"/documents/{response.json()['id']}/facts").json()
    quotes = [ev["quote"] for rel in facts["relations"] for ev in rel["evidence"]]
    assert quotes and all("formation à Bamako" in q and "européenne" in q for q in quotes)


def test_utf16_with_bom(api: TestClient) -> None:
    response = upload(api, "utf16.txt", TEXT_EN.encode("utf-16"))
    assert response.status_code == 201, response.text
    names = {e["name"] for e in api.get(f"/documents/{response.json()['id']}/facts").json()["entities"]}
    assert {"UNODC", "UNICRI", "Mali"} <= names


def test_50mb_upload_refused_by_content_length(api: TestClient) -> None:
    rejected(api, upload(api, "huge.txt", b"a" * (50 * MB)), 413, "exceeds the upload limit")


def test_50mb_upload_refused_while_streaming(api: TestClient) -> None:
    """No Content-Length (chunked): the cap applies while reading (test_crash checks it over a real socket)."""

    def body() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(50):
            yield b"a" * MB
        yield b'"}'

    response = api.post("/documents", content=body(), headers={**AUTH, "Content-Type": "application/json"})
    rejected(api, response, 413, "exceeds the upload limit")


def test_html_of_scripts_only(api: TestClient) -> None:
    html = b"<html><head><script>var a = 1;</script></head><body><script>alert('UNODC Mali');</script></body></html>"
    rejected(api, upload(api, "scripts.html", html), 422, "HTML", "no main text")


def test_deeply_nested_html(api: TestClient) -> None:
    html = b"<html><body>" + b"<div>" * 50_000 + TEXT_EN.encode() + b"</div>" * 50_000 + b"</body></html>"
    rejected(api, upload(api, "nested.html", html), 422, "nested.html", "HTML")


def test_truncated_pdf(api: TestClient) -> None:
    data = text_pdf(TEXT_EN[:90])
    rejected(api, upload(api, "cut.pdf", data[: len(data) // 2]), 422, "truncated")


def test_encrypted_pdf(api: TestClient) -> None:
    rejected(api, upload(api, "locked.pdf", pdf_bytes(encrypt=True)), 422, "encrypted")


def test_image_only_pdf(api: TestClient) -> None:
    rejected(api, upload(api, "scan.pdf", pdf_bytes()), 422, "no text layer")


def test_docx_that_is_a_renamed_zip(api: TestClient) -> None:
    rejected(api, upload(api, "report.docx", zip_bytes({"notes.txt": TEXT_EN})), 422, "not a DOCX")


def test_pdf_that_is_text(api: TestClient) -> None:
    rejected(api, upload(api, "fake.pdf", TEXT_EN.encode()), 422, "not a PDF")


def test_single_5mb_line(api: TestClient) -> None:
    line = ("UNODC funds training in Mali against drug trafficking. " * 100_000)[: 5 * MB].encode()
    rejected(api, upload(api, "oneline.txt", line), 413, "1,000,000 characters")


# -- JSON and form bodies ----------------------------------------------------------------------------
def test_json_missing_text(api: TestClient) -> None:
    rejected(api, api.post("/documents", json={"title": "no text"}, headers=AUTH), 422, "text", "field required")


def test_json_wrong_types(api: TestClient) -> None:
    response = api.post("/documents", json={"text": 12, "date": ["2024"], "replace": "maybe"}, headers=AUTH)
    rejected(api, response, 422, "text", "date", "replace")


def test_json_unknown_field(api: TestClient) -> None:
    response = api.post("/documents", json={"text": TEXT_EN, "cypher": "MATCH (n) DELETE n"}, headers=AUTH)
    rejected(api, response, 422, "cypher", "extra")


def test_json_not_an_object_or_not_json(api: TestClient) -> None:
    rejected(api, api.post("/documents", json=[TEXT_EN], headers=AUTH), 422, "JSON object")
    json_header = {**AUTH, "Content-Type": "application/json"}
    bad = api.post("/documents", content=b'{"text": "unterminated', headers=json_header)
    rejected(api, bad, 422, "not valid JSON")


def test_json_bad_id(api: TestClient) -> None:
    rejected(api, api.post("/documents", json={"text": TEXT_EN, "id": "../etc/passwd"}, headers=AUTH), 422, "id")


def test_control_characters_in_text(api: TestClient) -> None:
    response = api.post("/documents", json={"text": TEXT_EN + "\x00\x1b[31m"}, headers=AUTH)
    rejected(api, response, 422, "control character U+0000", f"offset {len(TEXT_EN)}")


def test_whitespace_json_text(api: TestClient) -> None:
    rejected(api, api.post("/documents", json={"text": "   \n "}, headers=AUTH), 422, "whitespace")


def test_unsupported_request_content_type(api: TestClient) -> None:
    response = api.post("/documents", content=TEXT_EN.encode(), headers={**AUTH, "Content-Type": "text/plain"})
    rejected(api, response, 415, "text/plain", "multipart/form-data")


def test_multipart_without_file_field(api: TestClient) -> None:
    response = api.post("/documents", files={"document": ("a.txt", TEXT_EN.encode())}, headers=AUTH)
    rejected(api, response, 422, "form field")
    response = api.post("/documents", data={"title": "x"}, files={"file": ("", b"")}, headers=AUTH)
    assert response.status_code == 422 and counts(api) == (10, 18)


# -- queries and parameters --------------------------------------------------------------------------
@pytest.mark.parametrize("text", INJECTIONS)
def test_cypher_in_search_is_plain_text(api: TestClient, text: str) -> None:
    response = api.get("/entities", params={"q": text})
    assert response.status_code == 200 and response.json()["items"] == []
    missing = api.post("/queries/partners_of_org", json={"org": text})
    rejected(api, missing, 404, "no organization named", text)
    assert api.get(f"/documents/{text}").status_code in (404, 422)
    assert counts(api) == (10, 18)


def test_cypher_in_stored_fields_is_plain_text(api: TestClient) -> None:
    title = " ".join(INJECTIONS)
    response = api.post("/documents", json={"text": TEXT_EN, "title": title, "id": "inject-1"}, headers=AUTH)
    assert response.status_code == 201, response.text
    assert api.get("/documents/inject-1").json()["title"] == title
    assert api.get("/entities", params={"q": "UNODC"}).json()["items"][0]["id"] == "organization:unodc"
    assert counts(api)[0] > 10


def test_unknown_query_name(api: TestClient) -> None:
    rejected(api, api.post("/queries/drop_everything", json={}), 404, "no canned query named 'drop_everything'")
    rejected(api, api.post("/queries/_retract_document", json={"doc_id": "doc-a"}), 404, "no canned query")


@pytest.mark.parametrize("limit", [-1, 0, 501, 10**12])
def test_negative_and_huge_limits(api: TestClient, limit: int) -> None:
    for path in ("/entities", "/documents", "/funding", "/documents/doc-a/facts"):
        rejected(api, api.get(path, params={"limit": limit}), 422, "limit")
    rejected(api, api.post("/queries/who_funds_what", json={"limit": limit}), 422, "limit")


def test_path_depth_capped(api: TestClient) -> None:
    body = {"source": "UNODC", "target": "Mali", "max_hops": 7}
    rejected(api, api.post("/queries/path_between", json=body), 422, "max_hops")
    rejected(api, api.get("/entities/organization:unodc/neighbors", params={"depth": 4}), 422, "depth")


def test_wrong_parameter_types_in_query(api: TestClient) -> None:
    rejected(api, api.post("/queries/neighbors", json={"entity": "UNODC", "depth": "3"}), 422, "depth")
    rejected(api, api.post("/queries/neighbors", json={"entity": ["UNODC"]}), 422, "entity")
    rejected(api, api.post("/queries/neighbors", json={"entity": "UNODC", "extra": 1}), 422, "extra")


def test_docx_reads(api: TestClient) -> None:
    """Control: a real DOCX is accepted, so the DOCX rejections above are about the content."""
    response = upload(api, "real.docx", docx_bytes([TEXT_EN]))
    assert response.status_code == 201, response.text
    assert response.json()["entities"] >= 3
