"""The store interface every engine implements (FalkorDB embedded, Neo4j production).

A store belongs to the application (created in the lifespan); a session belongs to one
request. Sessions return plain Python rows: dicts of column -> JSON-like value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

Row = dict[str, Any]
Version = tuple[Any, ...]


@dataclass(frozen=True)
class Dialect:
    """What differs between engines, as text: DDL and the few queries that need other syntax."""

    name: str
    ddl: tuple[str, ...]
    query_overrides: Mapping[str, str] = field(default_factory=dict)


class Session(Protocol):
    def read(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run a read-only query."""

    def write(self, query: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run one write query; it is applied all-or-nothing."""

    def write_many(self, statements: list[tuple[str, Mapping[str, Any]]]) -> None:
        """Run several write queries as one unit (all-or-nothing where the engine allows)."""

    def stream(self, query: str, params: Mapping[str, Any] | None = None) -> Iterator[Row]:
        """Run a read-only query and yield rows (for exports)."""


class GraphStore(Protocol):
    engine: str
    dialect: Dialect

    def start(self) -> None: ...

    def close(self) -> None: ...

    def session(self) -> AbstractContextManager[Session]: ...

    def ensure_schema(self) -> None:
        """Apply the dialect's DDL idempotently."""

    def server_version(self) -> str: ...

    def clear(self) -> None:
        """Delete every node and relationship (``nexus reset``)."""


@runtime_checkable
class VersionedSession(Protocol):
    """A session that reads the graph version itself, cheaper than the ``_graph_version`` query (FalkorDB)."""

    def graph_version(self) -> Version: ...


@runtime_checkable
class AsyncVersionStore(Protocol):
    """A store that reads the graph version on the event loop (FalkorDB); the others read it in a thread."""

    async def graph_version_async(self) -> Version: ...

    async def aclose(self) -> None: ...
