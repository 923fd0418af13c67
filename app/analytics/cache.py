"""Analytics results cached until the next write.

The key is a cheap fingerprint read from the store on every request (``GraphRepository.graph_version``:
node, relationship and document counts, and FalkorDB's write counter or, on Neo4j, the latest
``ingested_at``), so an ingest or a retraction made by any worker process invalidates every process's
cache on its next request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from app.repository import GraphRepository
from app.store.base import Version

T = TypeVar("T")


def graph_version(repo: GraphRepository) -> Version:
    """(nodes, relationships, documents, ...): the third item is the document count (``/metrics/summary``)."""
    return repo.graph_version()


class AnalyticsCache:
    """Values by key, for one graph version; a new version empties the cache."""

    def __init__(self, max_entries: int = 64) -> None:
        self._lock = threading.Lock()
        self._version: Version | None = None
        self._items: dict[Hashable, Any] = {}
        self._max = max_entries
        self.hits = 0
        self.misses = 0

    def get(self, version: Version, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:  # one computation at a time: a second request waits and then hits
            if version != self._version:
                self._version, self._items = version, {}
            if key in self._items:
                self.hits += 1
                value: T = self._items[key]
                return value
            self.misses += 1
            value = compute()
            if len(self._items) >= self._max:
                self._items.pop(next(iter(self._items)))
            self._items[key] = value
            return value
