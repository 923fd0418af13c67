"""Who funds what, one page at a time: by offset, or after a cursor (stable while documents are added)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.catalogue import Catalogue
from app.repository import GraphRepository
from app.services import cursors, query_service
from app.store.base import Row
from graph_schema.errors import InvalidParameters

QUERY = "who_funds_what"
AFTER = "_who_funds_what_after"  # the same text with a keyset condition instead of SKIP
KEY = ("funder", "recipient", "funder_id", "recipient_id")  # the query's total order


@dataclass(frozen=True)
class FundingPage:
    rows: list[Row]
    next_cursor: str | None


def page(repo: GraphRepository, catalogue: Catalogue, raw: dict[str, Any], cursor: str | None) -> FundingPage:
    """One page of ``raw["limit"]`` rows; one row more is read to know whether a next page exists."""
    if cursor is not None and raw.get("offset"):
        raise InvalidParameters("cursor and offset: give one or the other")
    params = query_service.prepare(repo, catalogue, QUERY, raw)
    limit = params["limit"]
    params["limit"] = limit + 1
    if cursor is None:
        rows = repo.run(QUERY, params)
    else:
        key = cursors.decode(cursor, len(KEY))
        if key is None:
            raise InvalidParameters("cursor: not a cursor of GET /funding (pass next_cursor of the previous page)")
        del params["offset"]
        params.update({f"after_{name}": value for name, value in zip(KEY, key, strict=True)})
        rows = repo.run(AFTER, params)
    more = len(rows) > limit
    rows = rows[:limit]
    return FundingPage(rows, cursors.encode([rows[-1][k] for k in KEY]) if more and rows else None)
