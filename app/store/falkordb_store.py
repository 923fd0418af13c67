"""The embedded default store: FalkorDB over its native protocol on a Unix socket."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import redis
from falkordb import FalkorDB, Graph
from falkordb.query_result import QueryResult

from app.store import engine_files, falkordb_dialect, falkordb_version
from app.store.base import Dialect, Row
from app.store.falkordb_server import FalkorServer, compact_aof
from graph_schema.errors import QueryTimeout, StoreUnavailable
from graph_schema.model import GraphSchema


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _no_note() -> str:
    return ""


def _translate(exc: redis.RedisError, note: Callable[[], str] = _no_note) -> Exception:
    text = str(exc)
    if isinstance(exc, redis.ConnectionError) and not isinstance(exc, redis.TimeoutError):
        return StoreUnavailable(f"FalkorDB is not reachable: {text}{note()}")
    if "timed out" in text.lower() or "timeout" in text.lower():
        return QueryTimeout(f"query ran over the engine's time limit: {text}")
    if isinstance(exc, redis.TimeoutError):
        return StoreUnavailable(f"FalkorDB is not reachable: {text}{note()}")
    return exc


class FalkorSession:
    """A request's view of the graph; the connection pool is the store's."""

    def __init__(self, graph: Graph, timeout_ms: int, note: Callable[[], str] = _no_note) -> None:
        self._graph = graph
        self._timeout = timeout_ms
        self._note = note  # what the supervisor says while the engine is down

    def _rows(self, query: str, params: Mapping[str, Any] | None, read_only: bool) -> list[Row]:
        try:
            if read_only:
                result = self._graph.ro_query(query, dict(params or {}), timeout=self._timeout)
            else:
                result = self._counted_write(query, params)
        except redis.RedisError as exc:
            raise _translate(exc, self._note) from exc
        header = [h[1] if isinstance(h, list | tuple) else h for h in (result.header or [])]
        names = [h.decode() if isinstance(h, bytes) else str(h) for h in header]
        return [dict(zip(names, (_plain(v) for v in row), strict=False)) for row in result.result_set]

    def _counted_write(self, query: str, params: Mapping[str, Any] | None) -> QueryResult:
        """The statement and the write counter's increment in one MULTI/EXEC block: the append-only file
        holds both or neither, and no reader sees the one without the other (app/store/falkordb_version.py)."""
        graph = self._graph
        pipe = graph.client.connection.pipeline(transaction=True)
        text = graph._build_params_header(dict(params or {})) + query
        pipe.execute_command("GRAPH.QUERY", graph.name, text, "--compact", "timeout", self._timeout)
        pipe.incr(falkordb_version.version_key(graph.name))
        reply, _ = pipe.execute(raise_on_error=False)  # the engine's own error text, not the pipeline's
        if isinstance(reply, Exception):
            raise reply
        return QueryResult(graph, reply)

    def read(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return self._rows(query, params, read_only=True)

    def write(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return self._rows(query, params, read_only=False)

    def graph_version(self) -> falkordb_version.Version:
        """(nodes, relationships, documents, writes) in one round trip (app/store/falkordb_version.py)."""
        try:
            return falkordb_version.read(self._graph.client.connection, self._graph.name, self._timeout)
        except redis.RedisError as exc:
            raise _translate(exc, self._note) from exc

    def write_many(self, statements: list[tuple[str, Mapping[str, Any]]]) -> None:
        """Run the statements in one MULTI/EXEC block: no other client interleaves, and the
        append-only file holds all of them or (after a crash mid-block) none."""
        graph = self._graph
        pipe = graph.client.connection.pipeline(transaction=True)
        for query, params in statements:
            text = graph._build_params_header(dict(params)) + query
            pipe.execute_command("GRAPH.QUERY", graph.name, text, "--compact", "timeout", self._timeout)
        pipe.incr(falkordb_version.version_key(graph.name))  # in the block: the new version comes with the data
        try:
            pipe.execute(raise_on_error=True)
        except redis.RedisError as exc:
            raise _translate(exc, self._note) from exc

    def stream(self, query: str, params: Mapping[str, Any] | None = None) -> Iterator[Row]:
        yield from self.read(query, params)


class FalkorStore:
    engine = "falkordb"

    def __init__(
        self, schema: GraphSchema, data_dir: Path, graph_name: str = "nexus",
        socket: Path | None = None, timeout_ms: int = 10_000,
    ) -> None:
        self.schema = schema
        self.dialect = Dialect("falkordb", falkordb_dialect.ddl(schema), falkordb_dialect.query_overrides(schema))
        self._server = FalkorServer(data_dir) if socket is None else None
        self._socket = socket
        self._graph_name = graph_name
        self._timeout = timeout_ms
        self._db: FalkorDB | None = None
        self._versions: falkordb_version.AsyncVersionReader | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        sock = self._server.ensure_running() if self._server else self._socket
        assert sock is not None
        self._db = FalkorDB(unix_socket_path=str(sock))
        self._versions = falkordb_version.AsyncVersionReader(str(sock), self._graph_name, self._timeout)
        self.ensure_schema()

    def close(self) -> None:
        if self._db is not None:
            self._db.connection.close()
            self._db = None
        if self._server is not None:
            self._server.stop()

    async def graph_version_async(self) -> falkordb_version.Version:
        """The version read on the event loop (the ETag check): no worker thread, nothing blocks."""
        if self._versions is None:
            raise StoreUnavailable("the FalkorDB store is not started")
        try:
            return await self._versions.read()
        except redis.RedisError as exc:
            raise _translate(exc, self._outage_note) from exc

    async def aclose(self) -> None:
        """Close the event loop's client (the lifespan calls it before ``close``)."""
        if self._versions is not None:
            await self._versions.aclose()

    @property
    def _client(self) -> FalkorDB:
        if self._db is None:
            raise StoreUnavailable("the FalkorDB store is not started")
        return self._db

    @contextmanager
    def session(self) -> Iterator[FalkorSession]:
        yield FalkorSession(self._client.select_graph(self._graph_name), self._timeout, self._outage_note)

    def _outage_note(self) -> str:
        return engine_files.outage_note(self._server.data_dir) if self._server is not None else ""

    def ensure_schema(self) -> None:
        """Create the indexes and constraints that are missing (and only those).

        FalkorDB logs each ``GRAPH.CONSTRAINT CREATE`` to the append-only file more than once and
        logs it again whenever it replays one, so every later start replayed "Constraint already
        exists" errors, more each time. After creating DDL, the store therefore compacts the file
        (``BGREWRITEAOF``): the schema then lives in the snapshot at its head, which replays silently.
        """
        created = False
        with self._lock, self.session() as s:
            existing = self._indexed(s)
            for label, prop in falkordb_dialect.range_indexes(self.schema):
                if (label, prop) not in existing:
                    s.write(falkordb_dialect.index_statement(label, prop))
                    created = True
            for label, props in falkordb_dialect.fulltext_indexes(self.schema):
                if not any((label, p) in existing for p in props):
                    s.write(falkordb_dialect.fulltext_statement(label, props))
                    created = True
            constraints = {
                (row["label"], tuple(row["properties"]))
                for row in s.read("CALL db.constraints() YIELD label, properties RETURN label, properties")
            }
            for label, prop in falkordb_dialect.unique_constraints(self.schema):
                if (label, (prop,)) not in constraints:
                    self._client.connection.execute_command(
                        "GRAPH.CONSTRAINT", "CREATE", self._graph_name, "UNIQUE", "NODE", label, "PROPERTIES", 1, prop
                    )
                    created = True
        if created and self._server is not None:  # an engine of our data directory (not someone else's socket)
            self._await_constraints()
            compact_aof(self._client.connection)

    def _await_constraints(self, timeout: float = 30.0) -> None:
        """Wait until every constraint is built: FalkorDB builds them in the background and logs the command
        again when one becomes operational, so a compaction that ran first left that entry in the command
        part of the append-only file, replayed with an error at the next start (seen one start in three)."""
        deadline = time.monotonic() + timeout
        with self.session() as s:
            while time.monotonic() < deadline:
                rows = s.read("CALL db.constraints() YIELD status RETURN status")
                if all(row["status"] == "OPERATIONAL" for row in rows):
                    return
                time.sleep(0.01)

    @staticmethod
    def _indexed(s: FalkorSession) -> set[tuple[str, str]]:
        try:
            rows = s.read("CALL db.indexes() YIELD label, properties RETURN label, properties")
        except redis.ResponseError:  # the graph does not exist yet
            return set()
        return {(row["label"], prop) for row in rows for prop in row["properties"]}

    def server_version(self) -> str:
        for module in self._client.connection.execute_command("MODULE", "LIST"):
            fields = dict(zip(module[::2], module[1::2], strict=False))
            name = fields.get(b"name", fields.get("name"))
            if name in (b"graph", "graph"):
                ver = int(fields.get(b"ver") or fields.get("ver") or 0)
                return f"{ver // 10000}.{ver // 100 % 100}.{ver % 100}"
        return "unknown"

    def clear(self) -> None:
        with self._lock, self.session() as s:
            s.write("MATCH (n) DETACH DELETE n")
