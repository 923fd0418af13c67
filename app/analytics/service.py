"""Metrics over HTTP: snapshot and results cached until the next write (see app/analytics/cache.py)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from app.analytics import brokers as brokers_mod
from app.analytics import communities as communities_mod
from app.analytics import metrics
from app.analytics.cache import AnalyticsCache, graph_version
from app.analytics.rows import GraphFilter
from app.analytics.snapshot import snapshot
from app.repository import GraphRepository
from app.store.base import Version


def _graph(repo: GraphRepository, cache: AnalyticsCache, version: Version) -> nx.MultiDiGraph:
    return cache.get(version, ("snapshot", GraphFilter()), lambda: snapshot(repo, GraphFilter()))


def centrality(repo: GraphRepository, cache: AnalyticsCache, measure: str, *, node_type: str | None, top: int,
               sample: int | None) -> dict[str, Any]:
    version = graph_version(repo)
    graph = _graph(repo, cache, version)
    return cache.get(version, ("centrality", measure, node_type, top, sample),
                     lambda: metrics.centrality(graph, measure, node_type=node_type, top=top, sample=sample))


def communities(repo: GraphRepository, cache: AnalyticsCache, *, resolution: float, min_size: int) -> dict[str, Any]:
    version = graph_version(repo)
    graph = _graph(repo, cache, version)
    return cache.get(version, ("communities", resolution, min_size),
                     lambda: communities_mod.communities(graph, resolution=resolution, min_size=min_size))


def brokers(repo: GraphRepository, cache: AnalyticsCache, *, max_hops: int, top: int) -> dict[str, Any]:
    version = graph_version(repo)
    graph = _graph(repo, cache, version)
    return cache.get(version, ("brokers", max_hops, top),
                     lambda: brokers_mod.brokers(graph, max_hops=max_hops, top=top))


def summary(repo: GraphRepository, cache: AnalyticsCache) -> dict[str, Any]:
    version = graph_version(repo)
    graph = _graph(repo, cache, version)
    result = cache.get(version, ("summary",), lambda: metrics.summary(graph))
    return {**result, "documents": version[2]}
