"""CSV and NDJSON beside JSON: same columns and rows, row counts, byte-identical CSV, cursors, clear 4xx."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.http.tabular import cell
from graph_schema.contract import Extraction
from tests.app.http.conftest import MakeClient
from tests.app.ingest_helpers import load
from tests.factories import extraction

FUNDING_COLUMNS = ["funder_id", "funder", "recipient_id", "recipient", "recipient_type", "regions", "threats",
                   "documents", "evidence", "source_kind"]


def parse_csv(text: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0], rows[1:]


def test_funding_csv_has_the_json_columns_and_rows(api: TestClient) -> None:
    rows = api.get("/funding", params={"region": "Mali"}).json()["rows"]
    r = api.get("/funding", params={"region": "Mali", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["x-row-count"] == str(len(rows)) and rows
    assert r.content.count(b"\r\n") == len(rows) + 1  # RFC 4180 line ends, header + one line a row
    header, body = parse_csv(r.text)
    assert header == FUNDING_COLUMNS == list(rows[0])
    assert body == [[cell(row[c]) for c in header] for row in rows]
    # list cells are JSON, read back exactly
    assert [json.loads(line[header.index("evidence")]) for line in body] == [
        sorted_keys(row["evidence"]) for row in rows]


def sorted_keys(value: Any) -> Any:
    return json.loads(json.dumps(value, sort_keys=True))


def test_funding_csv_for_mali_is_byte_identical_across_runs(api: TestClient, make_client: MakeClient) -> None:
    once = api.get("/funding?region=Mali", headers={"Accept": "text/csv"}).content
    twice = api.get("/funding?region=Mali&format=csv").content
    fresh = make_client().get("/funding?region=Mali&format=csv").content  # a new graph, the same corpus
    assert once == twice == fresh and len(once) > 500


def test_ndjson_lines_are_the_json_rows(api: TestClient) -> None:
    rows = api.get("/funding").json()["rows"]
    r = api.get("/funding", headers={"Accept": "application/x-ndjson"})
    assert r.headers["content-type"] == "application/x-ndjson" and r.headers["x-row-count"] == str(len(rows))
    assert [json.loads(line) for line in r.text.splitlines()] == rows


def test_canned_query_and_metrics_as_csv(api: TestClient) -> None:
    body = {"region": "Mali"}
    rows = api.post("/queries/projects_in_region", json=body).json()["rows"]
    r = api.post("/queries/projects_in_region?format=csv", json=body)
    header, lines = parse_csv(r.text)
    assert header == list(rows[0]) and len(lines) == len(rows) == int(r.headers["x-row-count"])
    r = api.post("/queries/projects_in_region", json=body, headers={"Accept": "application/x-ndjson"})
    assert [json.loads(line) for line in r.text.splitlines()] == rows

    ranked = api.get("/metrics/centrality", params={"top": 10}).json()["results"]
    header, lines = parse_csv(api.get("/metrics/centrality", params={"top": 10, "format": "csv"}).text)
    assert header == ["id", "name", "type", "score", "degree"]
    assert [line[0] for line in lines] == [x["id"] for x in ranked] and len(lines) == 10
    assert [float(line[3]) for line in lines] == [x["score"] for x in ranked]
    for path in ("/metrics/brokers", "/metrics/communities"):
        r = api.get(path, params={"format": "ndjson"})
        assert r.status_code == 200 and int(r.headers["x-row-count"]) == len(r.text.splitlines()) > 0, path


def test_format_beats_accept_and_browsers_get_json(api: TestClient) -> None:
    r = api.get("/funding", params={"format": "json"}, headers={"Accept": "text/csv"})
    assert r.headers["content-type"] == "application/json"
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert api.get("/funding", headers={"Accept": browser}).headers["content-type"] == "application/json"
    pref = api.get("/funding", headers={"Accept": "application/json;q=0.5, text/csv"})
    assert pref.headers["content-type"].startswith("text/csv")


def test_bad_formats_are_clear_4xx(api: TestClient) -> None:
    r = api.get("/funding", params={"format": "xml"})
    assert r.status_code == 422 and "'json', 'csv' or 'ndjson'" in r.text
    r = api.get("/entities", headers={"Accept": "application/xml"})
    assert r.status_code == 406 and "text/csv" in r.json()["detail"]
    r = api.post("/queries/projects_in_region", json={"region": "Mali"}, headers={"Accept": "image/png"})
    assert r.status_code == 406


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_entities_cursor_walks_every_entity_once_in_order(api: TestClient, fmt: str) -> None:
    everything = [e["id"] for e in api.get("/entities", params={"limit": 500}).json()["items"]]
    assert len(everything) > 20
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 7, "format": fmt, **({"cursor": cursor} if cursor else {})}
        r = api.get("/entities", params=params)
        assert r.status_code == 200
        if fmt == "json":
            page = r.json()
            seen += [e["id"] for e in page["items"]]
            cursor = page["next_cursor"]
        else:
            seen += [line[0] for line in parse_csv(r.text)[1]]
            cursor = r.headers.get("x-next-cursor")
        pages += 1
        if cursor is None:
            break
    assert seen == everything and pages == -(-len(everything) // 7)


def test_entities_cursor_errors(api: TestClient) -> None:
    r = api.get("/entities", params={"cursor": "not-a-cursor"})  # not even the shape of one (the spec's pattern)
    assert r.status_code == 422 and "cursor" in r.text
    r = api.get("/entities", params={"cursor": "Wyxx"})  # the shape, but no page's cursor
    assert r.status_code == 422 and "next_cursor" in r.text
    cursor = api.get("/entities", params={"limit": 2}).json()["next_cursor"]
    r = api.get("/entities", params={"cursor": cursor, "offset": 4})
    assert r.status_code == 422 and "one or the other" in r.text


def test_openapi_documents_the_media_types(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    for path, method in (("/funding", "get"), ("/queries/who_funds_what", "post"), ("/entities", "get"),
                         ("/metrics/centrality", "get"), ("/metrics/brokers", "get"),
                         ("/metrics/communities", "get")):
        op = spec["paths"][path][method]
        content = op["responses"]["200"]["content"]
        assert {"application/json", "text/csv", "application/x-ndjson"} <= set(content), path
        assert "406" in op["responses"], path
        assert any(p["name"] == "format" for p in op["parameters"]), path


def walk_funding(api: TestClient, fmt: str, limit: int, between_pages: Any = None,
                 **query: Any) -> tuple[list[tuple[str, str]], int]:
    """Every page of /funding by cursor: the (funder_id, recipient_id) of each row, and the page count."""
    seen: list[tuple[str, str]] = []
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": limit, "format": fmt, **query, **({"cursor": cursor} if cursor else {})}
        r = api.get("/funding", params=params)
        assert r.status_code == 200, r.text
        if fmt == "json":
            page = r.json()
            seen += [(row["funder_id"], row["recipient_id"]) for row in page["rows"]]
            cursor = page["next_cursor"]
        else:
            header, lines = parse_csv(r.text)
            seen += [(line[header.index("funder_id")], line[header.index("recipient_id")]) for line in lines]
            cursor = r.headers.get("x-next-cursor")
        pages += 1
        if between_pages is not None and pages == 1:
            between_pages()
        if cursor is None:
            return seen, pages


@pytest.mark.parametrize("fmt", ["json", "csv", "ndjson"])
def test_funding_cursor_walks_every_row_once_in_order(api: TestClient, fmt: str) -> None:
    rows = api.get("/funding", params={"limit": 500}).json()["rows"]
    everything = [(row["funder_id"], row["recipient_id"]) for row in rows]
    assert len(everything) > 6 and len(set(everything)) == len(everything)
    if fmt == "ndjson":  # the cursor travels in the header, the rows are lines
        r = api.get("/funding", params={"limit": 4, "format": "ndjson"})
        assert [json.loads(line) for line in r.text.splitlines()] == rows[:4]
        r = api.get("/funding", params={"limit": 4, "format": "ndjson", "cursor": r.headers["x-next-cursor"]})
        assert [json.loads(line) for line in r.text.splitlines()] == rows[4:8]
        return
    seen, pages = walk_funding(api, fmt, 4)
    assert seen == everything and pages == -(-len(everything) // 4)
    # a region's rows page the same way
    mali = [(row["funder_id"], row["recipient_id"]) for row in api.get("/funding", params={
        "region": "Mali", "limit": 500}).json()["rows"]]
    assert walk_funding(api, fmt, 2, region="Mali")[0] == mali and len(mali) > 2
    # the last page says so; offset pages keep working
    last = api.get("/funding", params={"limit": 500}).json()
    assert last["next_cursor"] is None and "x-next-cursor" not in api.get(
        "/funding", params={"limit": 500, "format": "csv"}).headers
    by_offset = api.get("/funding", params={"limit": 3, "offset": 3}).json()["rows"]
    assert [(row["funder_id"], row["recipient_id"]) for row in by_offset] == everything[3:6]


def new_fundings() -> Extraction:
    """Funders that sort first, in the middle and last, each funding a new project."""
    return extraction("paging-adds", [
        ("AAA Early Fund", "Organization", []), ("MMM Middle Fund", "Organization", []),
        ("ZZZ Late Fund", "Organization", []), ("Paging Project One", "Project", []),
    ], [("FUNDS", funder, "Paging Project One", f"{funder} funds Paging Project One.")
        for funder in ("AAA Early Fund", "MMM Middle Fund", "ZZZ Late Fund")])


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_funding_cursor_neither_repeats_nor_skips_while_documents_are_added(make_client: MakeClient,
                                                                              fmt: str) -> None:
    api = make_client()
    before = [(row["funder_id"], row["recipient_id"]) for row in api.get(
        "/funding", params={"limit": 500}).json()["rows"]]
    seen, _ = walk_funding(api, fmt, 3, between_pages=lambda: load(api, new_fundings()))
    assert len(seen) == len(set(seen))  # no row twice
    assert [row for row in seen if row in before] == before  # every row that was there, once, in order
    added = [row for row in seen if row not in before]
    # rows added after the cursor's position are read; one added before it is not (it was never on a page)
    assert ("organization:zzz-late-fund", "project:paging-project-one") in added
    assert ("organization:aaa-early-fund", "project:paging-project-one") not in seen
    # offset pages in the same situation hand a row out twice (why the cursor exists)
    again = make_client()
    first = [(row["funder_id"], row["recipient_id"]) for row in again.get(
        "/funding", params={"limit": 3}).json()["rows"]]
    load(again, new_fundings())
    second = [(row["funder_id"], row["recipient_id"]) for row in again.get(
        "/funding", params={"limit": 3, "offset": 3}).json()["rows"]]
    assert set(first) & set(second)


def test_funding_cursor_errors(api: TestClient) -> None:
    r = api.get("/funding", params={"cursor": "not-a-cursor"})
    assert r.status_code == 422 and "cursor" in r.text
    r = api.get("/funding", params={"cursor": "Wyxx"})
    assert r.status_code == 422 and "next_cursor" in r.text
    entities_cursor = api.get("/entities", params={"limit": 2}).json()["next_cursor"]  # two strings, not four
    r = api.get("/funding", params={"cursor": entities_cursor})
    assert r.status_code == 422 and "GET /funding" in r.text
    cursor = api.get("/funding", params={"limit": 2}).json()["next_cursor"]
    assert cursor is not None
    r = api.get("/funding", params={"cursor": cursor, "offset": 4})
    assert r.status_code == 422 and "one or the other" in r.text
    r = api.get("/funding", params={"offset": -1})
    assert r.status_code == 422
