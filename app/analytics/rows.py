"""Read the graph in pages for snapshots and exports: entity nodes, fact edges, optional provenance.

Nodes are paged by id (``WHERE n.id > $after``); relationships are read for one page of source
nodes at a time (an index lookup per node, no SKIP), so an export of any size holds one page in
memory at a time and every page costs the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from app.repository import GraphRepository
from app.services.resolver import resolve_entity
from app.store.base import Row
from graph_schema.errors import InvalidParameters
from graph_schema.model import GraphSchema

PAGE = 1000


@dataclass(frozen=True)
class GraphFilter:
    """Which part of the graph a snapshot or export covers."""

    node_types: tuple[str, ...] | None = None
    rel_types: tuple[str, ...] | None = None
    region: str | None = None
    min_evidence: int = 1
    include_documents: bool = False

    def checked(self, schema: GraphSchema) -> GraphFilter:
        """This filter, or InvalidParameters naming what is wrong."""
        bad = sorted(set(self.node_types or ()) - set(schema.entity_labels))
        if bad:
            raise InvalidParameters(f"unknown node type(s) {bad}; known: {list(schema.entity_labels)}")
        bad = sorted(set(self.rel_types or ()) - set(schema.fact_types))
        if bad:
            raise InvalidParameters(f"unknown relationship type(s) {bad}; known: {list(schema.fact_types)}")
        if self.min_evidence < 0:
            raise InvalidParameters("min_evidence must be 0 or more")
        return self


class GraphRows:
    """The rows of one filtered view of the graph, read lazily from a repository."""

    def __init__(self, repo: GraphRepository, flt: GraphFilter, keep: frozenset[str] | None = None) -> None:
        self.repo = repo
        self.filter = flt
        self.keep = keep

    @classmethod
    def open(cls, repo: GraphRepository, flt: GraphFilter) -> GraphRows:
        """Resolve the region (a name, alias or id) to its neighbourhood, eagerly: errors surface here."""
        keep = region_neighbourhood(repo, flt.region) if flt.region else None
        return cls(repo, flt, keep)

    def _kept(self, *ids: str) -> bool:
        return self.keep is None or all(i in self.keep for i in ids)

    def entities(self, types: tuple[str, ...] | None = None) -> Iterator[Row]:
        for page in self._entity_pages(types if types is not None else self.filter.node_types):
            yield from (row for row in page if self._kept(row["id"]))

    def _entity_pages(self, types: tuple[str, ...] | None) -> Iterator[list[Row]]:
        after = ""
        while True:
            page = self.repo.run("_export_nodes", {"after": after, "types": list(types) if types else None,
                                                   "limit": PAGE})
            if page:
                yield page
            if len(page) < PAGE:
                return
            after = page[-1]["id"]

    def documents(self) -> Iterator[Row]:
        after = ""
        while True:
            page = self.repo.run("_export_documents", {"after": after, "limit": PAGE})
            yield from page
            if len(page) < PAGE:
                return
            after = page[-1]["id"]

    def nodes(self) -> Iterator[Row]:
        """Entity nodes, then (with include_documents) Document nodes shaped like them."""
        yield from self.entities()
        if self.filter.include_documents:
            for doc in self.documents():
                yield {"id": doc["id"], "labels": ["Document"], "name": doc["title"], "type": "Document",
                       "aliases": [], "url": doc["url"], "date": doc["date"], "language": doc["language"]}

    def _paged(self, name: str, params: dict[str, object]) -> Iterator[Row]:
        offset = 0
        while True:
            page = self.repo.run(name, {**params, "offset": offset, "limit": PAGE})
            yield from page
            if len(page) < PAGE:
                return
            offset += PAGE

    def relationships(self) -> Iterator[Row]:
        f = self.filter
        params: dict[str, object] = {"types": list(f.rel_types) if f.rel_types else None,
                                     "node_types": list(f.node_types) if f.node_types else None,
                                     "min_evidence": f.min_evidence}
        for page in self._entity_pages(f.node_types):
            sources = [row["id"] for row in page if self._kept(row["id"])]
            if sources:
                rows = self.repo.run("_export_relationships", {**params, "sources": sources})
                yield from (row for row in rows if self._kept(row["source"], row["target"]))

    def edges(self) -> Iterator[Row]:
        """Fact relationships, then (with include_documents) MENTIONS edges shaped like them."""
        yield from self.relationships()
        if self.filter.include_documents:
            types = list(self.filter.node_types) if self.filter.node_types else None
            for row in self._paged("_export_mentions", {"node_types": types}):
                if self._kept(row["target"]):
                    yield {"source": row["source"], "target": row["target"], "type": "MENTIONS",
                           "evidence_count": 0, "documents": [row["source"]], "confidence": None, "roles": [],
                           "quotes": []}


def region_neighbourhood(repo: GraphRepository, region: str) -> frozenset[str]:
    region_id = resolve_entity(repo, region, ("Region",))
    return frozenset(str(row["id"]) for row in repo.run("_region_neighbourhood", {"region": region_id}))
