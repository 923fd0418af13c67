"""Shared fixtures: one real FalkorDB server per test session, a fresh graph per test.

``store``, ``repo``, ``settings`` and ``client`` are parametrized over the engines (tests/engines.py):
FalkorDB always, Neo4j 5 when a server or a Docker engine is available (skipped otherwise).
"""

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
from app.store.base import GraphStore
from app.store.falkordb_server import FalkorServer
from app.store.falkordb_store import FalkorStore
from app.store.neo4j_store import Neo4jStore
from graph_schema.model import GraphSchema, load_schema
from tests.engines import ENGINES, Neo4jServer
from tests.engines import neo4j_server as _neo4j_server

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


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    yield from _neo4j_server()


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(engine: str, schema: GraphSchema, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    st: GraphStore
    if engine == "neo4j":
        server: Neo4jServer = request.getfixturevalue("neo4j_server")
        st = Neo4jStore(schema, uri=server.uri, user=server.user, password=server.password, database=server.database)
    else:
        st = FalkorStore(schema, tmp_path, graph_name=request.getfixturevalue("graph_name"),
                         socket=request.getfixturevalue("falkor_socket"))
    st.start()
    st.clear()  # Neo4j has one database for every test
    yield st
    st.clear()
    st.close()


@pytest.fixture
def repo(store: GraphStore, schema: GraphSchema) -> Iterator[GraphRepository]:
    with store.session() as session:
        yield GraphRepository(session, load_catalogue(), store.dialect, schema)


@pytest.fixture
def settings(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    if engine == "neo4j":
        server: Neo4jServer = request.getfixturevalue("neo4j_server")
        return Settings(data_dir=tmp_path, **server.settings_values())
    return Settings(store="falkordb", data_dir=tmp_path, falkordb_socket=request.getfixturevalue("falkor_socket"),
                    graph_name=request.getfixturevalue("graph_name"))


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        test_client.app.state.store.clear()  # type: ignore[attr-defined]
        yield test_client
        test_client.app.state.store.clear()  # type: ignore[attr-defined]
