"""Browser fixtures shared by the explorer's and the dashboard's tests (helpers in tests/app/browser.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.app.browser import chromium_executable


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = chromium_executable()
    if path is None:
        pytest.skip("no Chromium executable found (install Debian's 'chromium', as .ci/run does, "
                    "or set NEXUS_CHROMIUM)")
    return path


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is in the dev extras: pip install -e '.[dev]'")
    with sync_api.sync_playwright() as pw:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        instance = pw.chromium.launch(executable_path=chromium_path, headless=True, args=["--no-sandbox"])
        yield instance
        instance.close()
