"""IATI activity files through the real app and engine: upload, side by side with report facts, idempotent
re-load, retraction, bad input refused with nothing stored, the comparison query, the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.app.ingest_helpers import AUTH, KEY, counts, upload
from tests.app.sample_corpus import load_sample_into
from tests.loaders.iati.iati_files import (
    BILLION_LAUGHS,
    EXAMPLES,
    EXTERNAL_ENTITY,
    MALFORMED,
    NOT_IATI,
    ORGANISATION_FILE,
    SCHEMA_INVALID,
    activity_file,
    big_file,
)

SAMPLES = sorted(EXAMPLES.glob("*.xml"))


@pytest.fixture
def api(settings: Settings) -> Iterator[TestClient]:
    """The real app with an API key over the sample corpus (its gold, through the real writer)."""
    with TestClient(create_app(settings.model_copy(update={"api_keys": KEY}))) as client:
        load_sample_into(client)
        yield client
        client.app.state.store.clear()  # type: ignore[attr-defined]


def _upload_samples(api: TestClient) -> list[dict[str, Any]]:
    out = []
    for path in SAMPLES:
        r = upload(api, path.name, path.read_bytes())
        assert r.status_code == 201, r.text
        out.append(r.json())
    return out


def _funding(api: TestClient, region: str) -> dict[tuple[str, str], dict[str, Any]]:
    rows = api.get("/funding", params={"region": region, "limit": 500}).json()["rows"]
    return {(row["funder"], row["recipient"]): row for row in rows}


def test_report_and_iati_facts_side_by_side(api: TestClient) -> None:
    before = _funding(api, "Mali")
    assert {row["source_kind"] for row in before.values()} == {"report"}
    _upload_samples(api)
    after = _funding(api, "Mali")
    # the report's facts keep every column; IATI data joins them on the same nodes
    assert set(before) <= set(after)
    for key, row in before.items():
        new = after[key]
        assert [new[k] for k in ("funder_id", "recipient_id", "recipient_type")] == [
            row[k] for k in ("funder_id", "recipient_id", "recipient_type")]
        for column in ("regions", "threats", "documents", "evidence"):  # the data adds, never takes away
            assert all(item in new[column] for item in row[column]), column
    both = after[("Government of Japan", "UNODC Sahel Programme")]
    assert both["source_kind"] == "both"
    rules = {ev["rule"] for ev in both["evidence"]}
    assert "gold" in rules and "iati.participating-org.v1" in rules
    assert after[("Royal Danish Embassy in Bamako", "MERIT")]["source_kind"] == "both"
    assert after[("European Union", "EU support to the G5 Sahel Joint Force")]["source_kind"] == "both"
    assert after[("Ministry of Foreign Affairs of Denmark", "UNODC Sahel Programme")]["source_kind"] == "iati"
    assert after[("Government of Canada", "UNODC Sahel Programme")]["source_kind"] == "report"
    money = [ev["quote"] for ev in after[("European Union", "EU support to the G5 Sahel Joint Force")]["evidence"]
             if ev["rule"] == "iati.transaction.v1"]
    assert len(money) == 2 and all("50000000 EUR" in q for q in money)
    # the project carries its activity's data; the identifier finds it
    project = api.get("/entities/project:eu-support-to-the-g5-sahel-joint-force").json()
    assert project["data"]["iati_identifier"] == "XM-DAC-918-SNG-G5-SAHEL-JOINT-FORCE"
    assert project["data"]["iati_status"] == "2 Implementation"
    assert project["data"]["iati_planned_start"] == "2017-06-05"
    found = api.get("/entities", params={"q": "XM-DAC-918-SNG-G5-SAHEL-JOINT-FORCE"}).json()["items"]
    assert [e["id"] for e in found] == ["project:eu-support-to-the-g5-sahel-joint-force"]


def test_reload_changes_nothing_and_retraction_removes_the_files_facts(api: TestClient) -> None:
    start = counts(api)
    funding_before = api.get("/funding", params={"region": "Mali", "limit": 500}).json()["rows"]
    results = _upload_samples(api)
    loaded = counts(api)
    assert loaded[0] > start[0] and loaded[1] > start[1]
    for path, first in zip(SAMPLES, results, strict=True):
        again = upload(api, path.name, path.read_bytes())
        assert again.status_code == 200 and again.json()["status"] == "unchanged"
        assert again.json()["id"] == first["id"]
    assert counts(api) == loaded
    for result in results:
        facts = api.get(f"/documents/{result['id']}/facts").json()
        assert facts["relations"] and all(
            ev["rule"].startswith("iati.") for rel in facts["relations"] for ev in rel["evidence"])
        assert api.delete(f"/documents/{result['id']}", headers=AUTH).status_code == 204
    assert counts(api) == start
    assert api.get("/funding", params={"region": "Mali", "limit": 500}).json()["rows"] == funding_before
    # a project the reports also mention stays, without the data the file gave it
    assert api.get("/entities/project:unodc-sahel-programme").json()["data"] == {}
    assert api.get("/entities", params={"q": "EUCAP Sahel Niger", "type": "Project"}).json()["items"] == []


@pytest.mark.parametrize(("name", "data", "status", "message"), [
    ("news.xml", NOT_IATI, 422, "not an IATI activity file: the root element is <rss>"),
    ("org.xml", ORGANISATION_FILE, 422, "an IATI organisation file"),
    ("cut.xml", MALFORMED, 422, "malformed XML"),
    ("bomb.xml", BILLION_LAUGHS, 422, "document type declaration"),
    ("xxe.xml", EXTERNAL_ENTITY, 422, "document type declaration"),
    ("bomb.txt", BILLION_LAUGHS, 422, "document type declaration"),  # detected by its root, whatever its name
    ("invalid.xml", SCHEMA_INVALID, 422, "not valid against the IATI activity schema 2.03"),
    ("huge.xml", big_file(50 * 1024 * 1024), 413, "exceeds the upload limit"),
])
def test_bad_iati_input_is_refused_and_stores_nothing(api: TestClient, name: str, data: bytes, status: int,
                                                      message: str) -> None:
    start = counts(api)
    r = upload(api, name, data)
    assert r.status_code == status, r.text
    assert message in r.json()["detail"]
    assert counts(api) == start


def test_a_text_document_keeps_the_data_properties(api: TestClient) -> None:
    r = upload(api, "a.xml", activity_file(title="UNODC Sahel Programme"))
    assert r.status_code == 201
    text = {"text": "The UNODC Sahel Programme is funded by the Government of Japan in Mali.", "title": "t"}
    assert api.post("/documents", json=text, headers=AUTH).status_code == 201
    data = api.get("/entities/project:unodc-sahel-programme").json()["data"]
    assert data["iati_identifier"] == "XM-DAC-7-TEST-1" and data["props_document"] == r.json()["id"]


def test_funding_reported_vs_published(api: TestClient) -> None:
    _upload_samples(api)
    r = api.post("/queries/funding_reported_vs_published", json={"region": "Mali"})
    assert r.status_code == 200, r.text
    rows = r.json()["rows"]
    pairs = {(row["status"], row["funder"], row["recipient"]) for row in rows}
    assert ("iati_only", "Ministry of Foreign Affairs of Denmark", "UNODC Sahel Programme") in pairs
    assert ("report_only", "Government of Canada", "UNODC Sahel Programme") in pairs
    assert not {p for p in pairs if p[1] == "Government of Japan" and p[2] == "UNODC Sahel Programme"}  # both
    assert {row["status"] for row in rows} == {"report_only", "iati_only"}
    for row in rows:
        rules = {ev["rule"].startswith("iati.") for ev in row["evidence"]}
        assert rules == ({True} if row["status"] == "iati_only" else {False})
    iati_row = next(row for row in rows if row["status"] == "iati_only")
    assert iati_row["iati_identifier"]
    niger = api.post("/queries/funding_reported_vs_published", json={"region": "Niger"}).json()["rows"]
    niger_rows = {(x["status"], x["funder"], x["recipient"]) for x in niger}
    assert ("iati_only", "European Union", "EUCAP Sahel Niger") in niger_rows
    asked = api.get("/ask", params={"q": "reported vs published funding in Mali"}).json()
    assert asked["query"] == "funding_reported_vs_published" and asked["rows"] == rows
    assert api.post("/queries/funding_reported_vs_published", json={"region": "Atlantis"}).status_code == 404


def test_cli_load_iati(store: object, engine: str, graph_name: str, falkor_socket: Path, tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main
    from app.settings import get_settings

    if engine != "falkordb":
        pytest.skip("the CLI test points NEXUS_* at the embedded engine")
    monkeypatch.setenv("NEXUS_STORE", "falkordb")
    monkeypatch.setenv("NEXUS_FALKORDB_SOCKET", str(falkor_socket))
    monkeypatch.setenv("NEXUS_GRAPH_NAME", graph_name)
    monkeypatch.setenv("NEXUS_DATA_DIR", str(tmp_path))
    bad = tmp_path / "bad.xml"
    bad.write_bytes(BILLION_LAUGHS)
    get_settings.cache_clear()
    try:
        assert main(["load", "--iati", str(EXAMPLES)]) == 0
        first = capsys.readouterr().out
        assert first.count("created") == len(SAMPLES) and "activities" in first
        assert main(["load", "--iati", str(EXAMPLES)]) == 0
        assert capsys.readouterr().out.count("unchanged") == len(SAMPLES)
        assert main(["load", "--iati", str(bad), str(SAMPLES[0])]) == 1  # the batch goes on past a bad file
        captured = capsys.readouterr()
        assert "document type declaration" in captured.err and "unchanged" in captured.out
        assert main(["ingest", str(SAMPLES[0]), "--quiet"]) == 0  # nexus ingest reads .xml as IATI
        rows = _cli_rows(main, capsys, ["query", "funding_reported_vs_published", "-p", "region=Niger", "--json"])
        assert ("iati_only", "EU", "EUCAP Sahel Niger") in {(r["status"], r["funder"], r["recipient"]) for r in rows}
        doc_id = next(line.split()[1].rstrip(":") for line in first.splitlines() if "eu_sahel" in line)
        assert main(["remove", doc_id]) == 0
        capsys.readouterr()
        rows = _cli_rows(main, capsys, ["query", "funding_reported_vs_published", "-p", "region=Niger", "--json"])
        assert "EUCAP Sahel Niger" not in {r["recipient"] for r in rows}
    finally:
        get_settings.cache_clear()


def _cli_rows(main: Any, capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[dict[str, Any]]:
    import json

    assert main(argv) == 0
    rows: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return rows
