from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path

from app.deps import CatalogueDep, Repo
from app.schemas import QueryInfo, QueryResult
from app.services import query_service

router = APIRouter(tags=["queries"])
QueryName = Annotated[str, Path(min_length=1, max_length=100, description="Canned query name (GET /queries)")]


@router.get("/queries", response_model=list[QueryInfo], summary="The canned query catalogue")
def list_queries(catalogue: CatalogueDep) -> list[dict[str, Any]]:
    return query_service.list_queries(catalogue)


@router.post(
    "/queries/{name}", response_model=QueryResult, summary="Run a canned query",
    responses={404: {"description": "Unknown query or entity"}, 422: {"description": "Invalid parameters"}},
)
def run_query(
    name: QueryName, repo: Repo, catalogue: CatalogueDep,
    params: Annotated[dict[str, Any] | None, Body(description="Parameters by name (see GET /queries)")] = None,
) -> QueryResult:
    rows = query_service.run_query(repo, catalogue, name, params or {})
    return QueryResult(query=name, parameters=params or {}, count=len(rows), rows=rows)
