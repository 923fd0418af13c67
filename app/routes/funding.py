from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from app.deps import CatalogueDep, Repo
from app.http import tabular
from app.schemas import FundingPage
from app.services import cursors, funding_service

router = APIRouter(tags=["analyst questions"])


@router.get(
    "/funding", response_model=FundingPage, summary="Who funds what (optionally in a region / against a threat)",
    description="Sorted by funder, recipient, then their ids. For every row, follow `next_cursor` (the `cursor` of "
    "the next page, stable while documents are added; in CSV/NDJSON the X-Next-Cursor header).",
    responses={404: {"description": "Unknown region or threat"}, **tabular.responses()},
)
def funding(
    request: Request, repo: Repo, catalogue: CatalogueDep,
    region: Annotated[str | None, Query(min_length=1, max_length=300, description="Region name, alias or id")] = None,
    threat: Annotated[str | None, Query(min_length=1, max_length=300, description="Threat name, alias or id")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    # a cursor is base64url of a JSON list, so it starts "Wy" ("["); whether it decodes is checked on use
    cursor: Annotated[str | None, Query(min_length=4, max_length=4000, pattern=cursors.PATTERN,
                                        description="next_cursor of the previous page")] = None,
    format: tabular.FormatParam = None,
) -> Any:
    fmt = tabular.choose(request, format)
    params: dict[str, Any] = {"region": region, "threat": threat, "limit": limit, "offset": offset}
    found = funding_service.page(repo, catalogue, params, cursor)
    if fmt != "json":
        return tabular.tabular(fmt, found.rows, catalogue.get("who_funds_what").returns, "funding", found.next_cursor)
    return FundingPage(query="who_funds_what", parameters=params, count=len(found.rows), rows=found.rows,
                       next_cursor=found.next_cursor)
