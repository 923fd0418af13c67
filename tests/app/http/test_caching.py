"""ETags keyed by the graph version: 304 without running the query, a new tag after any write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import redis
from fastapi.testclient import TestClient

from tests.app.http.conftest import MakeClient
from tests.app.ingest_helpers import AUTH, TEXT_EN

FUNDING_MALI = ("/funding", {"region": "Mali"})


def engine_calls(sock: Path, command: str) -> int:
    """Calls of one command the engine has answered so far."""
    stats = redis.Redis(unix_socket_path=str(sock)).info("commandstats")
    return int(stats.get(f"cmdstat_{command}", stats.get(f"cmdstat_{command.lower()}", {})).get("calls", 0))


def engine_reads(sock: Path) -> int:
    """GRAPH.RO_QUERY calls so far (every graph read of the app is one)."""
    return engine_calls(sock, "graph.RO_QUERY")


def version_reads(sock: Path) -> int:
    """GET calls so far (the ETag check's read of the write counter)."""
    return engine_calls(sock, "get")


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
    before, gets = engine_reads(falkor_socket), version_reads(falkor_socket)
    cached = api.get("/funding", params={"region": "Mali"}, headers={"If-None-Match": etag})
    cached_reads, cached_gets = engine_reads(falkor_socket) - before, version_reads(falkor_socket) - gets
    assert again.status_code == 200 and again.headers["etag"] == etag
    assert cached.status_code == 304 and cached.content == b"" and cached.headers["etag"] == etag
    assert cached.headers["cache-control"] == "no-cache"
    # the write counter only (one GET): no graph read at all, neither the region's resolution nor the query
    assert cached_reads == 0 < full_reads and cached_gets == 1
    # weak comparison and lists: W/"x", "x", a list holding it
    bare = etag.removeprefix("W/")
    for header in (bare, f'W/"other", {etag}'):
        assert api.get("/funding", params={"region": "Mali"}, headers={"If-None-Match": header}).status_code == 304
    assert api.get("/funding", params={"region": "Mali"}, headers={"If-None-Match": 'W/"other"'}).status_code == 200
    # '*' ("any current answer") is never answered from here: only the route knows whether there is one
    assert api.get("/funding", params={"region": "Mali"}, headers={"If-None-Match": "*"}).status_code == 200
    assert api.get("/entities/organization:nowhere", headers={"If-None-Match": "*"}).status_code == 404


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
    # the retraction is a write of its own: a tag neither of the ingest's nor of before it (every write
    # counts on FalkorDB, even one that takes the graph back to earlier counts), and the first answer again
    assert retracted.headers["etag"] != before and retracted.content == first.content


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


def write_from_another_process(sock: Path, graph: str, statement: str) -> None:
    """A write as another worker makes it: its own process, its own FalkorStore on the same graph."""
    code = "\n".join((
        "import sys",
        "from pathlib import Path",
        "from app.store.falkordb_store import FalkorStore",
        "from graph_schema.model import load_schema",
        "sock = Path(sys.argv[1])",
        "store = FalkorStore(load_schema(), sock.parent, graph_name=sys.argv[2], socket=sock)",
        "store.start()",
        "with store.session() as session:",
        "    session.write(sys.argv[3])",
        "store.close()",
    ))
    subprocess.run([sys.executable, "-c", code, str(sock), graph, statement], check=True, timeout=120)


def test_a_write_by_another_worker_that_keeps_every_count_changes_the_tag(
        make_client: MakeClient, falkor_socket: Path) -> None:
    api = make_client()
    graph = api.app.state.settings.graph_name  # type: ignore[attr-defined]
    first = api.get("/entities/organization:unodc")
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert api.get("/entities/organization:unodc", headers={"If-None-Match": etag}).status_code == 304
    # same nodes, same relationships, same documents: only the name changes
    write_from_another_process(falkor_socket, graph,
                               "MATCH (n:Entity {id: 'organization:unodc'}) SET n.name = 'UNODC (renamed)'")
    again = api.get("/entities/organization:unodc", headers={"If-None-Match": etag})
    assert again.status_code == 200 and again.headers["etag"] != etag
    assert again.json()["name"] == "UNODC (renamed)"


QUERY = "/queries/projects_in_region"


def test_a_canned_query_post_carries_an_etag_and_gets_304_without_running(
        api: TestClient, falkor_socket: Path) -> None:
    first = api.post(QUERY, json={"region": "Mali"})
    assert first.status_code == 200 and first.json()["rows"]
    etag = first.headers["etag"]
    assert etag.startswith('W/"') and first.headers["cache-control"] == "no-cache"
    before, gets = engine_reads(falkor_socket), version_reads(falkor_socket)
    # the same parameters written otherwise (spaces, key order) are the same request
    cached = api.post(QUERY, content=b'{ "region" :  "Mali" }',
                      headers={"Content-Type": "application/json", "If-None-Match": etag})
    # the version only: no resolution of Mali, no query
    assert engine_reads(falkor_socket) - before == 0 and version_reads(falkor_socket) - gets == 1
    assert cached.status_code == 304 and cached.content == b"" and cached.headers["etag"] == etag
    two = api.post("/queries/who_funds_what", json={"region": "Mali", "limit": 5})
    swapped = api.post("/queries/who_funds_what", content=b'{"limit":5,"region":"Mali"}',
                       headers={"Content-Type": "application/json", "If-None-Match": two.headers["etag"]})
    assert swapped.status_code == 304


def test_the_post_tag_depends_on_the_body_path_and_format(api: TestClient) -> None:
    tags = {
        api.post(QUERY, json={"region": "Mali"}).headers["etag"],
        api.post(QUERY, json={"region": "Niger"}).headers["etag"],
        api.post(QUERY, json={"region": "Mali", "limit": 3}).headers["etag"],
        api.post(f"{QUERY}?format=csv", json={"region": "Mali"}).headers["etag"],
        api.post(QUERY, json={"region": "Mali"}, headers={"Accept": "application/x-ndjson"}).headers["etag"],
        api.post("/queries/org_network_in_region", json={"region": "Mali"}).headers["etag"],
        api.get("/funding", params={"region": "Mali"}).headers["etag"],
    }
    assert len(tags) == 7
    etag = api.post(QUERY, json={"region": "Mali"}).headers["etag"]
    other = api.post(QUERY, json={"region": "Niger"}, headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.json()["parameters"]["region"] != "Mali"


def test_bad_bodies_get_their_4xx_whatever_the_tag(api: TestClient) -> None:
    etag = api.post(QUERY, json={"region": "Mali"}).headers["etag"]
    for body, status in ((b'{"region": ', 422), (b'["Mali"]', 422), (b'{"region": "Atlantis"}', 404),
                         (b'{"region": "Mali", "nope": 1}', 422), (b"{" + b" " * 70_000 + b"}", 413)):
        r = api.post(QUERY, content=body, headers={"Content-Type": "application/json", "If-None-Match": "*"})
        assert r.status_code == status, (body[:30], r.status_code, r.text[:200])
        assert "etag" not in r.headers
    assert api.post(QUERY, json={"region": "Mali"}, headers={"If-None-Match": etag}).status_code == 304


def test_protected_canned_queries_never_304_without_a_valid_key(make_client: MakeClient) -> None:
    api = make_client(protect_reads=True)
    ok = api.post(QUERY, json={"region": "Mali"}, headers=AUTH)
    assert ok.status_code == 200
    etag = ok.headers["etag"]
    assert api.post(QUERY, json={"region": "Mali"}, headers={"If-None-Match": etag}).status_code == 401
    assert api.post(QUERY, json={"region": "Mali"}, headers={"If-None-Match": etag, **AUTH}).status_code == 304
