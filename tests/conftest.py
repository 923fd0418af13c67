"""Shared fixtures: one real FalkorDB server per test session, a fresh graph per test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.catalogue import load_catalogue
from app.main import create_app
from app.repository import GraphRepository
from app.settings import Settings
from app.store.falkordb_server import FalkorServer
from app.store.falkordb_store import FalkorStore
from graph_schema.model import GraphSchema, load_schema

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def schema() -> GraphSchema:
    return load_schema()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold" / "score.py").exists():
        pytest.skip(f"reference documents not found at {SHARED} (clone the project beside shared/)")
    return SHARED


@pytest.fixture(scope="session")
def falkor_socket(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    server = FalkorServer(tmp_path_factory.mktemp("falkordb"))
    sock = server.ensure_running()
    yield sock
    server.stop()


@pytest.fixture
def graph_name() -> str:
    return f"test_{uuid.uuid4().hex[:12]}"


@pytest.fixture
def store(falkor_socket: Path, schema: GraphSchema, graph_name: str, tmp_path: Path) -> Iterator[FalkorStore]:
    st = FalkorStore(schema, tmp_path, graph_name=graph_name, socket=falkor_socket)
    st.start()
    yield st
    st.clear()
    st.close()


@pytest.fixture
def repo(store: FalkorStore, schema: GraphSchema) -> Iterator[GraphRepository]:
    with store.session() as session:
        yield GraphRepository(session, load_catalogue(), store.dialect, schema)


@pytest.fixture
def settings(falkor_socket: Path, graph_name: str, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, falkordb_socket=falkor_socket, graph_name=graph_name)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client
        test_client.app.state.store.clear()  # type: ignore[attr-defined]
