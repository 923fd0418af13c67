"""The Neo4j store's own logic that needs no server: value conversion, error mapping, DDL, wiring.

Everything that needs a server is in the contract suite (the ``neo4j`` cases of the ``store``,
``repo`` and ``client`` fixtures).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import exceptions as nx
from neo4j.spatial import CartesianPoint
from neo4j.time import Date, DateTime, Duration

from app.settings import Settings
from app.store import neo4j_dialect
from app.store.factory import build_store
from app.store.neo4j_store import Neo4jStore, plain, translate
from graph_schema.errors import QueryTimeout, StoreUnavailable
from graph_schema.model import GraphSchema
from tests.engines import NEO4J_IMAGE


def test_driver_values_become_plain_json_like_python() -> None:
    value = {"when": DateTime(2024, 2, 20, 10, 30, 0), "day": Date(2024, 2, 20), "span": Duration(days=2),
             "nested": [(1, 2.5, "x", None, True)], "at": CartesianPoint((1.0, 2.0))}
    assert plain(value) == {"when": "2024-02-20T10:30:00.000000000", "day": "2024-02-20", "span": "P2D",
                            "nested": [[1, 2.5, "x", None, True]], "at": {"srid": 7203, "coordinates": [1.0, 2.0]}}


def _server_error(code: str) -> Exception:
    hydrate = getattr(nx.Neo4jError, "_hydrate_neo4j", None)
    if hydrate is None:
        pytest.skip("this neo4j driver cannot build server errors offline")
    error: Exception = hydrate(code=code, message="from the server")
    return error


def test_driver_errors_map_to_domain_errors() -> None:
    assert isinstance(translate(nx.ServiceUnavailable("down")), StoreUnavailable)
    assert isinstance(translate(nx.SessionExpired("gone")), StoreUnavailable)
    assert isinstance(translate(_server_error("Neo.ClientError.Security.Unauthorized")), StoreUnavailable)
    for code in ("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
                 "Neo.ClientError.Transaction.TransactionTimedOut"):
        assert isinstance(translate(_server_error(code)), QueryTimeout)
    syntax = _server_error("Neo.ClientError.Statement.SyntaxError")
    assert translate(syntax) is syntax  # the query's fault: not hidden behind a domain error


def test_an_unreachable_server_is_store_unavailable(schema: GraphSchema) -> None:
    store = Neo4jStore(schema, uri="bolt://127.0.0.1:1", user="neo4j", password="x" * 12)
    with pytest.raises(StoreUnavailable, match="not reachable"):
        store.start()
    with pytest.raises(StoreUnavailable, match="not started"), store.session():
        pass


def test_factory_builds_the_neo4j_store_from_settings(schema: GraphSchema) -> None:
    settings = Settings(store="neo4j", NEO4J_URI="bolt://db:7687", NEO4J_PASSWORD="a-real-secret",  # type: ignore[call-arg]
                        query_timeout_ms=2500)
    store = build_store(settings, schema)
    assert isinstance(store, Neo4jStore) and store.engine == "neo4j" and store.dialect.name == "neo4j"
    assert store._uri == "bolt://db:7687" and store._timeout_s == 2.5
    with pytest.raises(ValueError, match="docker-compose default"):
        Settings(store="neo4j", NEO4J_PASSWORD="nexus-dev-password")  # type: ignore[call-arg]


def test_ddl_is_idempotent_named_and_indexes_the_entity_lookup(schema: GraphSchema) -> None:
    ddl = neo4j_dialect.ddl(schema)
    assert all(" IF NOT EXISTS " in s for s in ddl)
    names = [s.split()[2] if s.startswith("CREATE CONSTRAINT") else s.split(" INDEX ")[1].split()[0] for s in ddl]
    assert len(names) == len(set(names))
    assert "CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE" in ddl
    for label, node in schema.nodes.items():
        assert any(f"FOR (n:{label}) REQUIRE n.{node.key} IS UNIQUE" in s for s in ddl)


def test_compose_ci_and_tests_pin_the_same_neo4j_image() -> None:
    root = Path(__file__).resolve().parents[2]
    assert ":" in NEO4J_IMAGE and "latest" not in NEO4J_IMAGE
    for path in ("docker-compose.yml", ".github/workflows/ci.yml"):
        assert NEO4J_IMAGE in (root / path).read_text(encoding="utf-8"), f"{path} does not use {NEO4J_IMAGE}"
