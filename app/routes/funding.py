from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from app.deps import CatalogueDep, Repo
from app.http import tabular
from app.schemas import QueryResult
from app.services import query_service

router = APIRouter(tags=["analyst questions"])


@router.get(
    "/funding", response_model=QueryResult, summary="Who funds what (optionally in a region / against a threat)",
    responses={404: {"description": "Unknown region or threat"}, **tabular.responses()},
)
def funding(
    request: Request, repo: Repo, catalogue: CatalogueDep,
    region: Annotated[str | None, Query(min_length=1, max_length=300, description="Region name, alias or id")] = None,
    threat: Annotated[str | None, Query(min_length=1, max_length=300, description="Threat name, alias or id")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    format: tabular.FormatParam = None,
) -> Any:
    fmt = tabular.choose(request, format)
    params = {"region": region, "threat": threat, "limit": limit}
    rows = query_service.run_query(repo, catalogue, "who_funds_what", params)
    if fmt != "json":
        return tabular.tabular(fmt, rows, catalogue.get("who_funds_what").returns, "funding")
    return QueryResult(query="who_funds_what", parameters=params, count=len(rows), rows=rows)
