"""ETags keyed by the graph version: 304 without running the query, a new tag after any write."""

from __future__ import annotations

from pathlib import Path

import pytest
import redis
from fastapi.testclient import TestClient

from tests.app.http.conftest import MakeClient
from tests.app.ingest_helpers import AUTH, TEXT_EN

FUNDING_MALI = ("/funding", {"region": "Mali"})


def engine_reads(sock: Path) -> int:
    """GRAPH.RO_QUERY calls the engine has answered so far (every read of the app is one)."""
    stats = redis.Redis(unix_socket_path=str(sock)).info("commandstats")
    return int(stats.get("cmdstat_graph.RO_QUERY", stats.get("cmdstat_graph.ro_query", {})).get("calls", 0))


def test_a_read_carries_etag_cache_control_and_vary(api: TestClient) -> None:
    r = api.get(*FUNDING_MALI[:1], params=FUNDING_MALI[1])
    assert r.status_code == 200
    assert r.headers["etag"].startswith('W/"') and r.headers["cache-control"] == "no-cache"
    assert "Accept" in r.headers["vary"]
    assert r.headers["server-timing"].startswith("app;dur=")
    assert "etag" not in api.get("/health").headers  # a health check is never answered from a cache


def test_if_none_match_gets_304_with_one_engine_read_and_no_query(api: TestClient, falkor_socket: Path) -> None:
    first = api.get("/funding", params={"region": "Mali"})
    etag = first.headers["etag"]
    before = engine_reads(falkor_socket)
    again = api.get("/funding", params={"region": "Mali"})
    full_reads = engine_reads(falkor_socket) - before
    before = engine_reads(falkor_socket)
    cached = api.get("/funding", params={"region": "Mali"}, headers={"If-None-Match": etag})
    cached_reads = engine_reads(falkor_socket) - before
    assert again.status_code == 200 and again.headers["etag"] == etag
    assert cached.status_code == 304 and cached.content == b"" and cached.headers["etag"] == etag
    assert cached.headers["cache-control"] == "no-cache"
    assert cached_reads == 1 < full_reads  # the version only: neither the region's resolution nor the query ran
    # weak comparison and lists: W/"x", "x", a list holding it, '*'
    bare = etag.removeprefix("W/")
    for header in (bare, f'W/"other", {etag}', "*"):
        assert api.get("/funding", params={"region": "Mali"}, headers={"If-None-Match": header}).status_code == 304
    assert api.get("/funding", params={"region": "Mali"}, headers={"If-None-Match": 'W/"other"'}).status_code == 200


def test_the_tag_depends_on_the_request(api: TestClient) -> None:
    tags = {
        api.get("/funding", params={"region": "Mali"}).headers["etag"],
        api.get("/funding", params={"region": "Niger"}).headers["etag"],
        api.get("/funding", params={"region": "Mali", "format": "csv"}).headers["etag"],
        api.get("/funding", params={"region": "Mali"}, headers={"Accept": "text/csv"}).headers["etag"],
        api.get("/funding").headers["etag"],
        api.get("/entities").headers["etag"],
    }
    assert len(tags) == 6
    json_tag = api.get("/funding", params={"region": "Mali"}).headers["etag"]
    # the JSON answer's tag does not validate the CSV answer
    assert api.get("/funding", params={"region": "Mali"},
                   headers={"If-None-Match": json_tag, "Accept": "text/csv"}).status_code == 200


@pytest.mark.slow  # the ingest runs the real extraction (the models load once)
def test_an_ingest_and_a_retraction_change_every_tag(api: TestClient) -> None:
    first = api.get("/funding", params={"region": "Mali"})
    before = first.headers["etag"]
    entities_before = api.get("/entities").headers["etag"]
    r = api.post("/documents", json={"id": "dash-ingest", "text": TEXT_EN}, headers=AUTH)
    assert r.status_code == 201, r.text
    after = api.get("/funding", params={"region": "Mali"}, headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["etag"] != before
    assert api.get("/entities", headers={"If-None-Match": entities_before}).status_code == 200
    assert api.delete("/documents/dash-ingest", headers=AUTH).status_code == 204
    retracted = api.get("/funding", params={"region": "Mali"}, headers={"If-None-Match": after.headers["etag"]})
    assert retracted.status_code == 200 and retracted.headers["etag"] != after.headers["etag"]
    # the retraction took the graph back to the version before the ingest (same counts, same latest
    # ingest): the tag is the earlier one again, and so is the answer
    assert retracted.headers["etag"] == before and retracted.content == first.content


def test_cache_control_from_settings(make_client: MakeClient) -> None:
    api = make_client(cache_control="max-age=30, must-revalidate")
    r = api.get("/metrics/summary")
    assert r.headers["cache-control"] == "max-age=30, must-revalidate"
    again = api.get("/metrics/summary", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304 and again.headers["cache-control"] == "max-age=30, must-revalidate"


@pytest.mark.parametrize("path", ["/funding", "/entities"])
def test_protected_reads_never_304_without_a_valid_key(make_client: MakeClient, path: str) -> None:
    api = make_client(protect_reads=True)
    ok = api.get(path, headers=AUTH)
    assert ok.status_code == 200
    etag = ok.headers["etag"]
    assert api.get(path, headers={"If-None-Match": etag}).status_code == 401
    assert api.get(path, headers={"If-None-Match": etag, "X-API-Key": "wrong"}).status_code == 403
    assert api.get(path, headers={"If-None-Match": etag, **AUTH}).status_code == 304
    public = make_client().get(path).headers["etag"]
    assert public != etag  # the read scope is part of the tag (a shared cache keeps them apart)
