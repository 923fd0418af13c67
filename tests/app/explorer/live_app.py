"""The real app under uvicorn on a loopback port, in a thread of the test process, over the sample corpus.

The sample corpus (examples/corpus) goes in through the real writer from its gold JSON (fast and
exact); a text uploaded through the page goes through the real extraction pipeline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from app.cli_documents import read_gold_file
from app.main import create_app
from app.repository import GraphRepository
from app.services.ingest_service import ingest
from app.settings import Settings
from graph_schema.contract import Extraction
from tests.app.server_helpers import free_port

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "examples" / "corpus"


def sample_extractions() -> list[Extraction]:
    """The sample gold, each document titled with its text's first line (as a reader would title it)."""
    out = []
    for path in sorted(CORPUS.glob("*.json")):
        ext = read_gold_file(path)
        title = path.with_suffix(".txt").read_text(encoding="utf-8").splitlines()[0].strip()
        out.append(ext.model_copy(update={"document": ext.document.model_copy(update={"title": title})}))
    return out


def load_sample(app: FastAPI) -> None:
    store = app.state.store
    with store.session() as session:
        repo = GraphRepository(session, app.state.catalogue, store.dialect, app.state.schema)
        for extraction in sample_extractions():
            ingest(repo, app.state.schema, extraction)


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
