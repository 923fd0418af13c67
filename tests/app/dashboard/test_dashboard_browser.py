"""examples/dashboard in headless Chromium, served from another origin than the API's (both on 127.0.0.1).

The page polls /funding across origins (NEXUS_CORS_ORIGINS lists its origin): the chart and the table
must hold /funding's rows, a second refresh must be answered 304 (seen on the network), and a write
must bring a 200 with the new rows. Each step waits on what the page sets (``body[data-refreshes]``).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.repository import GraphRepository
from app.services.ingest_service import ingest
from app.settings import Settings
from tests.app.browser import PageWatch, open_page
from tests.app.explorer.live_app import live_app
from tests.app.ingest_helpers import KEY
from tests.app.server_helpers import free_port
from tests.factories import extraction

ROOT = Path(__file__).resolve().parents[3]
DASHBOARD, DOCS = ROOT / "examples" / "dashboard", ROOT / "docs"
pytestmark = pytest.mark.slow


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def dashboard_origin() -> Iterator[str]:
    """``python -m http.server --directory examples/dashboard`` on a loopback port, in a thread."""
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), functools.partial(QuietHandler, directory=str(DASHBOARD)))
    thread = threading.Thread(target=server.serve_forever, name="dashboard-http", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def api_live(falkor_socket: Path, tmp_path_factory: pytest.TempPathFactory,
             dashboard_origin: str) -> Iterator[tuple[str, FastAPI]]:
    settings = Settings(store="falkordb", data_dir=tmp_path_factory.mktemp("dashboard"), falkordb_socket=falkor_socket,
                        graph_name=f"dashboard_{os.getpid()}", api_keys=KEY, cors_origins=[dashboard_origin])
    with live_app(settings) as served:
        yield served


def funding_rows(api: str, region: str) -> list[dict[str, Any]]:
    r = httpx.get(f"{api}/funding", params={"region": region, "limit": 500}, timeout=30)
    r.raise_for_status()
    rows: list[dict[str, Any]] = r.json()["rows"]
    return rows


def expected_chart(rows: list[dict[str, Any]]) -> list[tuple[str, int]]:
    recipients: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for row in rows:
        recipients.setdefault(row["funder_id"], set()).add(row["recipient_id"])
        names[row["funder_id"]] = row["funder"]
    return [(fid, len(rs)) for fid, rs in sorted(recipients.items(), key=lambda kv: (-len(kv[1]), names[kv[0]]))]


def drawn(page: Any) -> tuple[list[tuple[str, int]], list[tuple[str, str]], list[list[str]]]:
    bars = page.eval_on_selector_all(
        "#chart g", "gs => gs.map(g => [g.dataset.funderId, Number(g.dataset.recipients)])")
    rows = page.eval_on_selector_all(
        "#rows tbody tr", "trs => trs.map(tr => [tr.dataset.funderId, tr.dataset.recipientId])")
    cells = page.eval_on_selector_all(
        "#rows tbody tr", "trs => trs.map(tr => [...tr.cells].map(c => c.innerText.trim()))")
    return [tuple(b) for b in bars], [tuple(r) for r in rows], cells


def is_funding(response: Any) -> bool:
    return "/funding?" in response.url and response.request.method == "GET"


def test_dashboard_on_another_origin_draws_funding_then_gets_304_then_new_rows(
        browser: Any, api_live: tuple[str, FastAPI], dashboard_origin: str) -> None:
    api, app = api_live
    assert dashboard_origin != api
    watch = PageWatch(origin=dashboard_origin, also=(api,))
    context, page = open_page(browser, watch, 1280, 900)
    try:
        with page.expect_response(is_funding) as first:
            page.goto(f"{dashboard_origin}/?api={api}&region=Mali&every=3600")
        page.wait_for_selector("body[data-refreshes='1']")
        assert first.value.status == 200
        assert first.value.headers["access-control-allow-origin"] == dashboard_origin

        rows = funding_rows(api, "Mali")
        assert rows and page.evaluate("window.dashboard.rows") == rows
        bars, table, cells = drawn(page)
        assert bars == expected_chart(rows)
        assert [tuple(x) for x in page.evaluate("window.dashboard.chart.map(d => [d.funder_id, d.recipients])")] \
            == bars
        assert table == [(r["funder_id"], r["recipient_id"]) for r in rows]
        assert [c[:2] for c in cells] == [[r["funder"], r["recipient"]] for r in rows]
        assert page.input_value("#region") == "Mali"

        # the second refresh: nothing was written, so a 304, and the page keeps what it drew
        with page.expect_response(is_funding) as second:
            page.click("#refresh")
        page.wait_for_selector("body[data-refreshes='2'][data-last-status='304']")
        assert second.value.status == 304
        assert second.value.request.headers["if-none-match"] == first.value.headers["etag"]
        assert drawn(page)[0] == bars and "unchanged (304)" in page.inner_text("#status")
        page.screenshot(path=str(DOCS / "dashboard.png"))  # the README's picture: the sample corpus only

        # a write (a new funder of a project in Gao, Mali): the next refresh is a 200 with the new rows
        store = app.state.store
        with store.session() as session:
            ingest(GraphRepository(session, app.state.catalogue, store.dialect, app.state.schema), app.state.schema,
                   extraction("dashboard-new-funder", [("Dashboard Test Fund", "Organization", []),
                                                       ("Gao Water Points", "Project", []), ("Gao", "Region", [])],
                              [("FUNDS", "Dashboard Test Fund", "Gao Water Points", "The fund pays for water points."),
                               ("TARGETS", "Gao Water Points", "Gao", "water points in Gao")]))
        with page.expect_response(is_funding) as third:
            page.click("#refresh")
        page.wait_for_selector("body[data-refreshes='3'][data-last-status='200']")
        assert third.value.status == 200
        new_rows = funding_rows(api, "Mali")
        assert len(new_rows) == len(rows) + 1 and page.evaluate("window.dashboard.rows") == new_rows
        assert drawn(page)[0] == expected_chart(new_rows)
        assert "Dashboard Test Fund" in page.inner_text("#rows")
    finally:
        context.close()
    watch.check()
