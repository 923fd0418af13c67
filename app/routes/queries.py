from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Request

from app.deps import CatalogueDep, Repo
from app.http import tabular
from app.schemas import QueryInfo, QueryResult
from app.services import query_service

router = APIRouter(tags=["queries"])
QueryName = Annotated[str, Path(min_length=1, max_length=100, description="Canned query name (GET /queries)")]


@router.get("/queries", response_model=list[QueryInfo], summary="The canned query catalogue")
def list_queries(catalogue: CatalogueDep) -> list[dict[str, Any]]:
    return query_service.list_queries(catalogue)


@router.post(
    "/queries/{name}", response_model=QueryResult, summary="Run a canned query",
    responses={404: {"description": "Unknown query or entity"}, 422: {"description": "Invalid parameters"},
               **tabular.responses()},
)
def run_query(
    request: Request, name: QueryName, repo: Repo, catalogue: CatalogueDep,
    params: Annotated[dict[str, Any] | None, Body(description="Parameters by name (see GET /queries)")] = None,
    format: tabular.FormatParam = None,
) -> Any:
    fmt = tabular.choose(request, format)
    rows = query_service.run_query(repo, catalogue, name, params or {})
    if fmt != "json":
        return tabular.tabular(fmt, rows, tabular.columns_of(rows, catalogue.get(name).returns), name)
    return QueryResult(query=name, parameters=params or {}, count=len(rows), rows=rows)
