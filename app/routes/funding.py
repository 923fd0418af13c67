from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import CatalogueDep, Repo
from app.schemas import QueryResult
from app.services import query_service

router = APIRouter(tags=["analyst questions"])


@router.get(
    "/funding", response_model=QueryResult, summary="Who funds what (optionally in a region / against a threat)",
    responses={404: {"description": "Unknown region or threat"}},
)
def funding(
    repo: Repo, catalogue: CatalogueDep,
    region: Annotated[str | None, Query(min_length=1, max_length=300, description="Region name, alias or id")] = None,
    threat: Annotated[str | None, Query(min_length=1, max_length=300, description="Threat name, alias or id")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> QueryResult:
    params = {"region": region, "threat": threat, "limit": limit}
    rows = query_service.run_query(repo, catalogue, "who_funds_what", params)
    return QueryResult(query="who_funds_what", parameters=params, count=len(rows), rows=rows)
