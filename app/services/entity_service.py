"""Entity search and profiles."""

from __future__ import annotations

from app.repository import GraphRepository
from app.schemas import EntityDetail, EntityPage, EntitySummary
from app.services import cursors
from app.services.resolver import resolve_entity
from graph_schema.errors import InvalidParameters
from graph_schema.names import normalize_name


def encode_cursor(row: dict[str, object]) -> str:
    """An opaque cursor: the (name, id) of a page's last row; the next page starts after it in (name, id) order."""
    return cursors.encode([row["name"], row["id"]])


def decode_cursor(cursor: str) -> tuple[str, str]:
    key = cursors.decode(cursor, 2)
    if key is None:
        raise InvalidParameters("cursor: not a cursor of GET /entities (pass next_cursor of the previous page)")
    return key[0], key[1]


def search(repo: GraphRepository, q: str | None, label: str | None, limit: int, offset: int,
           cursor: str | None = None) -> EntityPage:
    """One page; one row more than asked is read to know whether a next page exists."""
    key = normalize_name(q) if q else None
    params: dict[str, object] = {"q": key or None, "type": label, "limit": limit + 1}
    if cursor is not None:
        if offset:
            raise InvalidParameters("cursor and offset: give one or the other")
        params["after_name"], params["after_id"] = decode_cursor(cursor)
        rows = repo.run("_search_entities_after", params)
    else:
        rows = repo.run("_search_entities", {**params, "offset": offset})
    more = len(rows) > limit
    rows = rows[:limit]
    items = [EntitySummary(**row) for row in rows]
    return EntityPage(total_returned=len(items), offset=offset, limit=limit, items=items,
                      next_cursor=encode_cursor(rows[-1]) if more and rows else None)


def profile(repo: GraphRepository, ref: str) -> EntityDetail:
    entity_id = resolve_entity(repo, ref)
    row = dict(repo.run("entity_profile", {"entity": entity_id})[0])
    row["data"] = {k: str(v) for k, v in (row.get("data") or {}).items() if v is not None}
    return EntityDetail(**row)
