"""The graph version on FalkorDB in one round trip, without scanning anything.

The version is ``(nodes, relationships, documents, writes)``: the engine's own counts
(``db.meta.stats``, O(1)) and a write counter, a plain Redis key beside the graph
(``nexus:version:<graph>``) that every write of the app increments (``FalkorSession.write`` after the
statement, ``write_many`` inside its MULTI/EXEC block). Any write by any worker process changes it, a
write that keeps every count (a replaced document, a re-keyed entity) included; a write made outside the
app still changes the tag when it changes a count. The counter goes up after the write it counts, so a
reader that sees the new counter also sees the new data: an answer is never labelled newer than it is.

Both reads go out pipelined (GET and GRAPH.RO_QUERY, one round trip), from a thread (``read``) or on
the event loop (``AsyncVersionReader``, redis-py's asyncio client: the ETag check needs no worker thread
and an engine that stalls stalls no other request).
"""

from __future__ import annotations

import asyncio
from typing import Any

import redis
import redis.asyncio

Version = tuple[Any, ...]
STATS = ("CALL db.meta.stats() YIELD nodeCount, relCount, labels "
         "RETURN nodeCount, relCount, labels['Document'] AS documents")
_EMPTY_KEY = "empty key"  # GRAPH.RO_QUERY on a graph never written: an empty graph


def version_key(graph: str) -> str:
    return f"nexus:version:{graph}"


def _commands(graph: str, timeout_ms: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    return ("GET", version_key(graph)), ("GRAPH.RO_QUERY", graph, STATS, "timeout", timeout_ms)


def parse(counter: Any, stats: Any) -> Version:
    """The replies of GET and of the stats query (not compact: header, rows, statistics)."""
    writes = int(counter) if counter is not None else 0
    if isinstance(stats, redis.ResponseError):
        if _EMPTY_KEY not in str(stats):
            raise stats
        return (0, 0, 0, writes)
    nodes, rels, documents = stats[1][0]
    return (int(nodes), int(rels), int(documents or 0), writes)


def read(client: redis.Redis, graph: str, timeout_ms: int) -> Version:
    pipe = client.pipeline(transaction=False)
    for command in _commands(graph, timeout_ms):
        pipe.execute_command(*command)  # type: ignore[no-untyped-call]
    counter, stats = pipe.execute(raise_on_error=False)
    if isinstance(counter, Exception):
        raise counter
    return parse(counter, stats)


class AsyncVersionReader:
    """``read()`` on the running event loop, with a client of that loop (a TestClient's portal or
    uvicorn's loop; a client is never shared between loops)."""

    def __init__(self, socket_path: str, graph: str, timeout_ms: int) -> None:
        self._socket = socket_path
        self._graph = graph
        self._timeout = timeout_ms
        self._loop: asyncio.AbstractEventLoop | None = None
        self._client: redis.asyncio.Redis | None = None

    def _client_for(self, loop: asyncio.AbstractEventLoop) -> redis.asyncio.Redis:
        if self._client is None or self._loop is not loop:
            # no socket timeout (redis-py would wrap every read in one): read() has a single one
            self._client = redis.asyncio.Redis(unix_socket_path=self._socket)
            self._loop = loop
        return self._client

    async def read(self) -> Version:
        client = self._client_for(asyncio.get_running_loop())
        pipe = client.pipeline(transaction=False)
        for command in _commands(self._graph, self._timeout):
            pipe.execute_command(*command)
        async with asyncio.timeout(self._timeout / 1000 + 1):  # the engine's own limit, and a second to answer
            counter, stats = await pipe.execute(raise_on_error=False)
        if isinstance(counter, Exception):
            raise counter
        return parse(counter, stats)

    async def aclose(self) -> None:
        client, loop = self._client, self._loop
        self._client = self._loop = None
        if client is not None and loop is asyncio.get_running_loop():
            await client.aclose()
