"""The sample corpus (examples/corpus) as gold extractions, loaded through the real writer."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.cli_documents import read_gold_file
from app.repository import GraphRepository
from app.services.ingest_service import ingest
from graph_schema.contract import Extraction

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


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


def load_sample_into(client: TestClient) -> None:
    load_sample(client.app)  # type: ignore[arg-type]
