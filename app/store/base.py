"""The store interface every engine implements (FalkorDB embedded, Neo4j production).

A store belongs to the application (created in the lifespan); a session belongs to one
request. Sessions return plain Python rows: dicts of column -> JSON-like value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

Row = dict[str, Any]


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
