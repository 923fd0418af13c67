"""The production store: Neo4j 5 through the official driver (Bolt, optionally routed).

One driver (and its connection pool) for the application's life, created in ``start``; one
driver session per request (``session()``). Reads are transaction functions run with
``execute_read`` (routed to readers in a cluster), writes with ``execute_write``; the driver
retries both on transient errors (leader switch, deadlock, lost connection), so a transaction
function must only run Cypher and collect rows. ``write_many`` runs every statement in one
transaction function: all of them or none. Each transaction carries the configured timeout
(``unit_of_work(timeout=...)``: the driver only takes ``Query(timeout=...)`` for auto-commit
``session.run``), after which the server aborts it and we raise ``QueryTimeout``.

Values come back as plain Python: nodes and relationships as property dicts, paths as their
nodes and relationships, temporal values as ISO-8601 strings, points as coordinate dicts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as nx
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from app.store import neo4j_dialect
from app.store.base import Dialect, Row
from graph_schema.errors import QueryTimeout, StoreUnavailable
from graph_schema.model import GraphSchema

T = TypeVar("T")
CLEAR_BATCH = 10_000
MAINTENANCE_TIMEOUT_S = 600.0  # schema DDL (a constraint builds its index) and batched deletes


def plain(value: Any) -> Any:
    """A driver value as JSON-like Python (str, int, float, bool, None, list, dict)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Node | Relationship):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, Date | DateTime | Time | Duration):
        return value.iso_format()
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": [float(c) for c in value]}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "isoformat"):  # native datetime values from older drivers
        return value.isoformat()
    return value


def _row(record: neo4j.Record) -> Row:
    return {key: plain(value) for key, value in zip(record.keys(), record.values(), strict=True)}


def translate(exc: Exception) -> Exception:
    """A driver error as a domain error (or itself, for errors that are the query's fault)."""
    code = getattr(exc, "code", None) or ""
    if "TransactionTimedOut" in code or "TransactionTimedOutClientConfiguration" in code:
        return QueryTimeout(f"query ran over the engine's time limit: {exc}")
    if isinstance(exc, nx.AuthError):
        return StoreUnavailable(f"Neo4j refused the credentials: {exc}")
    if isinstance(exc, nx.ServiceUnavailable | nx.SessionExpired | nx.ConnectionAcquisitionTimeoutError):
        return StoreUnavailable(f"Neo4j is not reachable: {exc}")
    if isinstance(exc, nx.DatabaseUnavailable):
        return StoreUnavailable(f"the Neo4j database is not available: {exc}")
    return exc


class Neo4jSession:
    """A request's view of the graph over one driver session."""

    def __init__(self, driver: neo4j.Driver, database: str, timeout_s: float) -> None:
        self._driver = driver
        self._database = database
        self._timeout = timeout_s
        self._session = driver.session(database=database)

    def close(self) -> None:
        self._session.close()

    def _work(self, fn: Callable[[neo4j.ManagedTransaction], T]) -> Callable[[neo4j.ManagedTransaction], T]:
        return neo4j.unit_of_work(timeout=self._timeout)(fn)

    def _call(self, run: Callable[[], T]) -> T:
        try:
            return run()
        except (nx.Neo4jError, nx.DriverError) as exc:
            raise translate(exc) from exc

    def read(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            return [_row(r) for r in tx.run(query, dict(params or {}))]

        return self._call(lambda: self._session.execute_read(self._work(work)))

    def write(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            return [_row(r) for r in tx.run(query, dict(params or {}))]

        return self._call(lambda: self._session.execute_write(self._work(work)))

    def write_many(self, statements: list[tuple[str, Mapping[str, Any]]]) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:
            for query, params in statements:
                tx.run(query, dict(params)).consume()

        if statements:
            self._call(lambda: self._session.execute_write(self._work(work)))

    def stream(self, query: str, params: Mapping[str, Any] | None = None) -> Iterator[Row]:
        """Rows as the server sends them, from one read transaction (not retried once rows flowed)."""
        session = self._driver.session(database=self._database, default_access_mode=neo4j.READ_ACCESS)
        try:
            tx = self._call(lambda: session.begin_transaction(timeout=self._timeout))
            try:
                result = self._call(lambda: tx.run(query, dict(params or {})))
                records = iter(result)
                while True:
                    record = self._call(lambda: next(records, None))
                    if record is None:
                        break
                    yield _row(record)
            finally:
                tx.close()
        finally:
            session.close()


class Neo4jStore:
    engine = "neo4j"

    def __init__(
        self, schema: GraphSchema, uri: str, user: str, password: str, database: str = "neo4j",
        timeout_ms: int = 10_000,
    ) -> None:
        self.schema = schema
        self.dialect = Dialect("neo4j", neo4j_dialect.ddl(schema), neo4j_dialect.QUERY_OVERRIDES)
        self._uri = uri
        self._auth = (user, password)
        self._database = database
        self._timeout_s = timeout_ms / 1000
        self._driver: neo4j.Driver | None = None

    def start(self) -> None:
        driver = neo4j.GraphDatabase.driver(self._uri, auth=self._auth)
        try:
            driver.verify_connectivity()
        except (nx.Neo4jError, nx.DriverError) as exc:
            driver.close()
            raise translate(exc) from exc
        self._driver = driver
        self.ensure_schema()

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    @property
    def _client(self) -> neo4j.Driver:
        if self._driver is None:
            raise StoreUnavailable("the Neo4j store is not started")
        return self._driver

    @contextmanager
    def session(self, timeout_s: float | None = None) -> Iterator[Neo4jSession]:
        session = Neo4jSession(self._client, self._database, timeout_s or self._timeout_s)
        try:
            yield session
        finally:
            session.close()

    def ensure_schema(self) -> None:
        """Every DDL statement is ``IF NOT EXISTS``; schema commands cannot share a transaction."""
        with self.session(MAINTENANCE_TIMEOUT_S) as s:
            for statement in self.dialect.ddl:
                try:
                    s.write(statement)
                except nx.ClientError as exc:  # another process created it between check and create
                    if "AlreadyExists" not in (exc.code or ""):
                        raise

    def server_version(self) -> str:
        try:
            agent = self._client.get_server_info(database=self._database).agent
        except (nx.Neo4jError, nx.DriverError) as exc:
            raise translate(exc) from exc
        return agent.partition("/")[2] or agent

    def clear(self) -> None:
        """Delete everything in batches, so a large graph never needs one huge transaction."""
        with self.session(MAINTENANCE_TIMEOUT_S) as s:
            while True:
                rows = s.write(
                    "MATCH (n) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted", {"batch": CLEAR_BATCH}
                )
                if not rows or int(rows[0]["deleted"]) < CLEAR_BATCH:
                    break
