"""Data written through the supervised engine survives a restart (append-only file on)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from app.catalogue import load_catalogue
from app.repository import GraphRepository
from app.services.ingest_service import ingest
from app.store.falkordb_store import FalkorStore
from graph_schema.model import GraphSchema
from tests.factories import nexus_doc


def _write_then_read(data_dir: Path, schema: GraphSchema, write: bool) -> dict[str, int]:
    store = FalkorStore(schema, data_dir)
    store.start()
    try:
        with store.session() as session:
            repo = GraphRepository(session, load_catalogue(), store.dialect, schema)
            if write:
                ingest(repo, schema, nexus_doc())
            return repo.counts()
    finally:
        store.close()


def test_data_survives_a_clean_engine_restart(tmp_path: Path, schema: GraphSchema) -> None:
    written = _write_then_read(tmp_path, schema, write=True)
    assert _write_then_read(tmp_path, schema, write=False) == written == {"nodes": 10, "relationships": 18}


def test_acknowledged_writes_survive_a_killed_engine(tmp_path: Path, schema: GraphSchema) -> None:
    store = FalkorStore(schema, tmp_path)
    store.start()
    with store.session() as session:
        ingest(GraphRepository(session, load_catalogue(), store.dialect, schema), schema, nexus_doc())
    pid = int((tmp_path / "falkordb.pid").read_text())
    os.kill(pid, signal.SIGKILL)  # no shutdown, no final fsync
    assert store._server is not None
    store._server._process.wait(timeout=10)  # type: ignore[union-attr]
    store._server._process = None  # type: ignore[union-attr]
    store.close()
    assert _write_then_read(tmp_path, schema, write=False) == {"nodes": 10, "relationships": 18}
