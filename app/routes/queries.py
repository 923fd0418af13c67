from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from starlette.concurrency import run_in_threadpool

from app.deps import CatalogueDep, Repo
from app.schemas import QueryInfo, QueryResult
from app.services import query_service
from app.services.upload_body import parse_json_object
from graph_schema.errors import DocumentTooLarge

router = APIRouter(tags=["queries"])
QueryName = Annotated[str, Path(min_length=1, max_length=100, description="Canned query name (GET /queries)")]


@router.get("/queries", response_model=list[QueryInfo], summary="The canned query catalogue")
def list_queries(catalogue: CatalogueDep) -> list[dict[str, Any]]:
    return query_service.list_queries(catalogue)


MAX_BODY_BYTES = 64 * 1024
_BODY = {"requestBody": {"required": False, "content": {"application/json": {"schema": {
    "type": "object", "title": "Params", "description": "Parameters by name (see GET /queries)"}}}}}


@router.post(
    "/queries/{name}", response_model=QueryResult, summary="Run a canned query", openapi_extra=_BODY,
    responses={404: {"description": "Unknown query or entity"},
               413: {"description": f"Body over {MAX_BODY_BYTES} bytes"},
               422: {"description": "Invalid parameters, or a body that is not a flat JSON object"}},
)
async def run_query(name: QueryName, request: Request, repo: Repo, catalogue: CatalogueDep) -> QueryResult:
    params = await read_params(request)
    rows = await run_in_threadpool(query_service.run_query, repo, catalogue, name, params)
    return QueryResult(query=name, parameters=params, count=len(rows), rows=rows)


async def read_params(request: Request) -> dict[str, Any]:
    """The JSON object of parameters ({} without a body); 422 for anything else, never FastAPI's bare 400."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise DocumentTooLarge(f"the request body exceeds {MAX_BODY_BYTES} bytes")
    if not body.strip():
        return {}
    return parse_json_object(body, "the request body must be a JSON object of parameters (see GET /queries)")
