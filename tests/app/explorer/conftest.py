"""Browser fixtures: the real app on loopback over the sample corpus, headless Chromium through Playwright.

Every page fails its test on a request to any host but the app's, on a console error and on an
uncaught exception. Chromium is Debian's (``chromium``; .ci/run installs it); without one the
browser tests skip and say so.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from app.settings import Settings
from tests.app.explorer.live_app import live_app
from tests.app.ingest_helpers import KEY

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "/usr/bin/chromium", "/usr/lib/chromium/chromium")


def chromium_executable() -> str | None:
    explicit = os.environ.get("NEXUS_CHROMIUM")
    if explicit:
        return explicit
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name) or (name if Path(name).is_file() and os.access(name, os.X_OK) else None)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = chromium_executable()
    if path is None:
        pytest.skip("no Chromium executable found (install Debian's 'chromium', as .ci/run does, "
                    "or set NEXUS_CHROMIUM)")
    return path


@pytest.fixture(scope="module")
def live(falkor_socket: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(store="falkordb", data_dir=tmp_path_factory.mktemp("explorer"), falkordb_socket=falkor_socket,
                        graph_name=f"explorer_{os.getpid()}_{id(tmp_path_factory)}", api_keys=KEY)
    with live_app(settings) as (url, _app):
        yield url


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is in the dev extras: pip install -e '.[dev]'")
    with sync_api.sync_playwright() as pw:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        instance = pw.chromium.launch(executable_path=chromium_path, headless=True, args=["--no-sandbox"])
        yield instance
        instance.close()


@dataclass
class PageWatch:
    """What a page did that a test must not accept: other hosts asked, console errors, uncaught errors."""

    origin: str
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    allowed_statuses: set[int] = field(default_factory=set)

    def allow_http_error(self, status: int) -> None:
        """A test that provokes an API error expects Chromium's 'Failed to load resource' line for it."""
        self.allowed_statuses.add(status)

    def console(self, msg: Any) -> None:
        if msg.type != "error":
            return
        text = str(msg.text)
        if any(text == f"Failed to load resource: the server responded with a status of {s} "
               f"({HTTPStatus(s).phrase})" for s in self.allowed_statuses):
            return
        self.console_errors.append(text)

    def route(self, route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign.append(url)
            route.abort()
        else:
            route.continue_()

    def check(self) -> None:
        assert not self.foreign, f"requests left 127.0.0.1: {self.foreign}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.page_errors, f"uncaught errors: {self.page_errors}"


def open_page(browser: Any, watch: PageWatch, width: int, height: int) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    context.route("**/*", watch.route)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("console", watch.console)
    page.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))
    return context, page


@pytest.fixture
def watch(live: str) -> PageWatch:
    return PageWatch(origin=live)


@pytest.fixture
def page(browser: Any, watch: PageWatch) -> Iterator[Any]:
    context, pg = open_page(browser, watch, 1280, 800)
    yield pg
    context.close()
    watch.check()


@pytest.fixture
def narrow_page(browser: Any, watch: PageWatch) -> Iterator[Any]:
    context, pg = open_page(browser, watch, 400, 800)
    yield pg
    context.close()
    watch.check()
