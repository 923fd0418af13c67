from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.concurrency import run_in_threadpool

from app.catalogue import Catalogue, load_catalogue
from app.deps import CatalogueDep, Repo
from app.http import tabular
from app.repository import GraphRepository
from app.schemas import QueryInfo, QueryResult
from app.services import query_service
from app.services.upload_body import QUERY_BODY_MAX_BYTES, parse_json_object
from graph_schema.errors import DocumentTooLarge

router = APIRouter(tags=["queries"])
QueryName = Annotated[str, Path(min_length=1, max_length=100, description="Canned query name (GET /queries)")]


@router.get("/queries", response_model=list[QueryInfo], summary="The canned query catalogue")
def list_queries(catalogue: CatalogueDep) -> list[dict[str, Any]]:
    return query_service.list_queries(catalogue)


MAX_BODY_BYTES = QUERY_BODY_MAX_BYTES
_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "Unknown query or entity"},
    413: {"description": f"Body over {MAX_BODY_BYTES} bytes"},
    422: {"description": "Invalid parameters, or a body that is not a flat JSON object"},
    **tabular.responses(),
}


async def _run(name: str, request: Request, repo: GraphRepository, catalogue: Catalogue,
               format: tabular.Format | None) -> Any:
    fmt = tabular.choose(request, format)
    params = await read_params(request)
    rows = await run_in_threadpool(query_service.run_query, repo, catalogue, name, params)
    if fmt != "json":
        return tabular.tabular(fmt, rows, tabular.columns_of(rows, catalogue.get(name).returns), name)
    return QueryResult(query=name, parameters=params, count=len(rows), rows=rows)


@router.post("/queries/{name}", response_model=QueryResult, summary="Run a canned query", include_in_schema=False,
             responses=_RESPONSES)
async def run_query(name: QueryName, request: Request, repo: Repo, catalogue: CatalogueDep,
                    format: tabular.FormatParam = None) -> Any:
    """Any name: the catalogue's queries are documented one by one below; others are a 404."""
    return await _run(name, request, repo, catalogue, format)


def _endpoint_for(name: str) -> Any:
    async def endpoint(request: Request, repo: Repo, catalogue: CatalogueDep,
                       format: tabular.FormatParam = None) -> Any:
        return await _run(name, request, repo, catalogue, format)

    return endpoint


def add_query_routes(catalogue: Catalogue) -> None:
    """One documented operation per canned query, with that query's own parameter schema as the body,
    so the spec says exactly which bodies are valid (and a generated client knows each query)."""
    for query in catalogue.public():
        schema = query_service.describe(query)["parameters"]
        body = {"requestBody": {"required": bool(schema.get("required")), "content": {"application/json": {
            "schema": schema}}}}
        router.add_api_route(
            f"/queries/{query.name}", _endpoint_for(query.name), methods=["POST"], response_model=QueryResult,
            summary=f"Run {query.name}", description=query.description, openapi_extra=body,
            operation_id=f"query_{query.name}", responses=_RESPONSES,
        )
    # the catch-all last, so the documented routes match first
    generic = next(r for r in router.routes if getattr(r, "path", None) == "/queries/{name}")
    router.routes.remove(generic)
    router.routes.append(generic)


add_query_routes(load_catalogue())  # package data: the same catalogue the app loads


async def read_params(request: Request) -> dict[str, Any]:
    """The JSON object of parameters ({} without a body); 422 for anything else, never FastAPI's bare 400."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise DocumentTooLarge(f"the request body exceeds {MAX_BODY_BYTES} bytes")
    if not body:  # no body at all: every parameter takes its default; whitespace is not JSON
        return {}
    return parse_json_object(body, "the request body must be a JSON object of parameters (see GET /queries)")
