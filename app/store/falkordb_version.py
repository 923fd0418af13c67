"""The graph version on FalkorDB, without scanning anything.

A **write counter**, a plain Redis key beside the graph (``nexus:version:<graph>``), is incremented by
every write of the app in the same MULTI/EXEC block as the write (``FalkorSession.write`` and
``write_many``): the append-only file holds both or neither, no reader sees one without the other, and
any write by any worker process changes it, one that keeps every count (a renamed entity, a replaced
document) included.

- ``read`` (the analytics cache, ``/metrics/summary``): the engine's counts (``db.meta.stats``, O(1))
  and the counter, pipelined in one round trip: ``(nodes, relationships, documents, writes)``.
- ``AsyncVersionReader.read`` (the ETag check, app/http/caching.py): the counter alone, one GET on the
  event loop (redis-py's asyncio client). Redis answers a GET on its main thread; a GRAPH.RO_QUERY goes
  through the graph's worker threads, which on a loaded machine cost more than the rest of a 304
  (measured: 0.13 against 0.47 ms p50 at load 3.5). A write made around the app (a raw GRAPH.QUERY
  on the engine's socket) does not move the counter.
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
        """``(writes,)``: the write counter."""
        client = self._client_for(asyncio.get_running_loop())
        async with asyncio.timeout(self._timeout / 1000 + 1):  # the engine's own limit, and a second to answer
            counter = await client.get(version_key(self._graph))
        return (int(counter) if counter is not None else 0,)

    async def aclose(self) -> None:
        client, loop = self._client, self._loop
        self._client = self._loop = None
        if client is not None and loop is asyncio.get_running_loop():
            await client.aclose()
