"""Entity search and profiles."""

from __future__ import annotations

from app.repository import GraphRepository
from app.schemas import EntityDetail, EntityPage, EntitySummary
from app.services.resolver import resolve_entity
from graph_schema.names import normalize_name


def search(repo: GraphRepository, q: str | None, label: str | None, limit: int, offset: int) -> EntityPage:
    key = normalize_name(q) if q else None
    rows = repo.run("_search_entities", {"q": key or None, "type": label, "limit": limit, "offset": offset})
    items = [EntitySummary(**row) for row in rows]
    return EntityPage(total_returned=len(items), offset=offset, limit=limit, items=items)


def profile(repo: GraphRepository, ref: str) -> EntityDetail:
    entity_id = resolve_entity(repo, ref)
    row = repo.run("entity_profile", {"entity": entity_id})[0]
    return EntityDetail(**row)
