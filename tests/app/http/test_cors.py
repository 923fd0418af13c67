"""CORS on the real app: off by default, named origins read and write (with the key), '*' reads only."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.settings import Settings
from tests.app.http.conftest import MakeClient
from tests.app.ingest_helpers import AUTH

DASH = "http://127.0.0.1:8090"
OTHER = "http://evil.example"


def preflight(client: object, path: str, method: str, origin: str, headers: str = "") -> object:
    h = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        h["Access-Control-Request-Headers"] = headers
    return client.options(path, headers=h)  # type: ignore[attr-defined]


def test_off_by_default_no_cors_header_and_no_preflight(make_client: MakeClient) -> None:
    api = make_client()
    r = api.get("/funding", headers={"Origin": DASH})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    p = preflight(api, "/funding", "GET", DASH)
    assert p.status_code == 405 and "access-control-allow-origin" not in p.headers  # type: ignore[attr-defined]


def test_named_origin_reads_and_writes_but_a_write_still_needs_the_key(make_client: MakeClient) -> None:
    api = make_client(cors_origins=[DASH])
    p = preflight(api, "/documents/some-id", "DELETE", DASH, "x-api-key")
    assert p.status_code == 204  # type: ignore[attr-defined]
    assert p.headers["access-control-allow-origin"] == DASH  # type: ignore[attr-defined]
    assert "DELETE" in p.headers["access-control-allow-methods"]  # type: ignore[attr-defined]
    assert "X-API-Key" in p.headers["access-control-allow-headers"]  # type: ignore[attr-defined]
    assert p.headers["vary"] == "Origin"  # type: ignore[attr-defined]

    r = api.get("/funding", params={"region": "Mali"}, headers={"Origin": DASH})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == DASH
    assert "Origin" in r.headers["vary"]
    exposed = r.headers["access-control-expose-headers"]
    assert "ETag" in exposed and "X-Row-Count" in exposed and "X-Next-Cursor" in exposed

    no_key = api.delete("/documents/no-such-doc", headers={"Origin": DASH})
    assert no_key.status_code == 401 and no_key.headers["access-control-allow-origin"] == DASH  # readable error
    with_key = api.delete("/documents/no-such-doc", headers={"Origin": DASH, **AUTH})
    assert with_key.status_code == 404  # the key is taken: the write runs (and finds nothing)

    # an origin not listed gets no CORS header and no preflight
    assert "access-control-allow-origin" not in api.get("/funding", headers={"Origin": OTHER}).headers
    refused = preflight(api, "/funding", "GET", OTHER)
    assert refused.status_code == 403 and "access-control-allow-origin" not in refused.headers  # type: ignore[attr-defined]


def test_star_allows_reads_from_anywhere_and_refuses_writes(make_client: MakeClient) -> None:
    api = make_client(cors_origins=["*"])
    p = preflight(api, "/funding", "GET", OTHER, "if-none-match")
    assert p.status_code == 204 and p.headers["access-control-allow-origin"] == "*"  # type: ignore[attr-defined]
    assert p.headers["access-control-allow-methods"] == "GET, HEAD, OPTIONS"  # type: ignore[attr-defined]
    r = api.get("/entities", params={"q": "unodc"}, headers={"Origin": OTHER})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"

    for method, path in (("POST", "/documents"), ("DELETE", "/documents/x"), ("POST", "/queries/neighbors")):
        refused = preflight(api, path, method, OTHER, "content-type,x-api-key")
        assert refused.status_code == 403, (method, path)  # type: ignore[attr-defined]
        assert "reads only" in refused.text  # type: ignore[attr-defined]
        assert "access-control-allow-origin" not in refused.headers  # type: ignore[attr-defined]
    # a write sent anyway (no preflight possible with the key header) is not readable and needs the key
    w = api.delete("/documents/x", headers={"Origin": OTHER})
    assert w.status_code == 401 and "access-control-allow-origin" not in w.headers


def test_preflight_refuses_headers_it_does_not_allow(make_client: MakeClient) -> None:
    api = make_client(cors_origins=[DASH])
    p = preflight(api, "/funding", "GET", DASH, "x-secret")
    assert p.status_code == 403 and "x-secret" in p.text  # type: ignore[attr-defined]


def test_origins_from_the_environment_comma_separated_or_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEXUS_CORS_ORIGINS", "http://127.0.0.1:8090, https://dash.example.org/")
    assert Settings().cors_origins == ["http://127.0.0.1:8090", "https://dash.example.org"]
    monkeypatch.setenv("NEXUS_CORS_ORIGINS", '["*"]')
    assert Settings().cors_origins == ["*"]
    monkeypatch.setenv("NEXUS_CORS_ORIGINS", "dash.example.org")
    with pytest.raises(ValidationError, match="is not an origin"):
        Settings()
    monkeypatch.delenv("NEXUS_CORS_ORIGINS")
    assert Settings().cors_origins == []
