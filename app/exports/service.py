"""Exports: validate everything up front (errors become 4xx), then stream from a session of the exporter's own."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from app.analytics.rows import GraphFilter, GraphRows, region_neighbourhood
from app.analytics.snapshot import open_repository
from app.exports.formats import ExportFormat, get_format
from app.repository import GraphRepository
from app.store.base import GraphStore
from graph_schema.model import load_schema


@dataclass(frozen=True)
class ExportPlan:
    format: ExportFormat
    filter: GraphFilter
    keep: frozenset[str] | None


def plan_export(repo: GraphRepository, format_name: str, flt: GraphFilter) -> ExportPlan:
    fmt = get_format(format_name)
    flt = flt.checked(load_schema())
    keep = region_neighbourhood(repo, flt.region) if flt.region else None
    return ExportPlan(fmt, flt, keep)


def export_bytes(store: GraphStore, plan: ExportPlan) -> Iterator[bytes]:
    """The export's bytes, read page by page (the session lives as long as the stream)."""
    with open_repository(store) as repo:
        yield from plan.format.write(GraphRows(repo, plan.filter, plan.keep))
