"""Headless Chromium for the browser tests: find the executable, watch a page for what it must not do.

Every page fails its test on a request to any origin but the ones it is given (all on 127.0.0.1), on a
console error and on an uncaught exception. Chromium is Debian's (``chromium``; .ci/run installs it).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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


@dataclass
class PageWatch:
    """What a page did that a test must not accept: other hosts asked, console errors, uncaught errors."""

    origin: str
    also: tuple[str, ...] = ()  # other origins the page may ask (a dashboard's API)
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
        origin = f"{parts.scheme}://{parts.netloc}"
        if parts.scheme in ("http", "https", "ws", "wss") and origin not in (self.origin, *self.also):
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
