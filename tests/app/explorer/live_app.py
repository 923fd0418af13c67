"""The real app under uvicorn on a loopback port, in a thread of the test process, over the sample corpus.

The sample corpus (examples/corpus) goes in through the real writer from its gold JSON (fast and
exact); a text uploaded through the page goes through the real extraction pipeline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from app.main import create_app
from app.settings import Settings
from tests.app.sample_corpus import load_sample
from tests.app.server_helpers import free_port


@contextmanager
def live_app(settings: Settings, timeout: float = 60.0) -> Iterator[tuple[str, FastAPI]]:
    """(base URL, app) of a running server; the graph is cleared when it stops."""
    app = create_app(settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="explorer-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        app.state.store.clear()
        load_sample(app)
        yield f"http://127.0.0.1:{port}", app
    finally:
        app.state.store.clear()
        server.should_exit = True
        thread.join(timeout=30)
