"""Explorer fixtures: the real app on loopback over the sample corpus; the browser is tests/app/conftest.py's.

Every page fails its test on a request to any host but the app's, on a console error and on an
uncaught exception (tests/app/browser.py). Without Chromium the browser tests skip and say so.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.settings import Settings
from tests.app.browser import PageWatch, open_page
from tests.app.explorer.live_app import live_app
from tests.app.ingest_helpers import KEY

__all__ = ["PageWatch", "open_page"]


@pytest.fixture(scope="module")
def live(falkor_socket: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(store="falkordb", data_dir=tmp_path_factory.mktemp("explorer"), falkordb_socket=falkor_socket,
                        graph_name=f"explorer_{os.getpid()}_{id(tmp_path_factory)}", api_keys=KEY)
    with live_app(settings) as (url, _app):
        yield url


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
