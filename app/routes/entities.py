from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request

from app.deps import CatalogueDep, Repo
from app.http import tabular
from app.schemas import EntityDetail, EntityPage, QueryResult
from app.services import cursors, entity_service, query_service

router = APIRouter(tags=["entities"])
EntityType = Literal["Organization", "Project", "Region", "Threat", "Person"]
EntityId = Annotated[str, Path(min_length=1, max_length=300, description="Entity id, e.g. organization:unodc")]


@router.get("/entities", response_model=EntityPage, summary="Search entities by name or alias",
            description="Sorted by name then id. For every entity, follow `next_cursor` (the `cursor` of the next "
            "page, stable while documents are added; in CSV/NDJSON the X-Next-Cursor header).",
            responses={**tabular.responses("the items")})
def search_entities(
    request: Request, repo: Repo,
    q: Annotated[
        str | None, Query(max_length=300, description="Text in a name or alias (case/accent-insensitive)")
    ] = None,
    type: Annotated[EntityType | None, Query(description="Entity type")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    # a cursor is base64url of a JSON list, so it starts "Wy" ("["); whether it decodes is checked on use
    cursor: Annotated[str | None, Query(min_length=4, max_length=1000, pattern=cursors.PATTERN,
                                        description="next_cursor of the previous page")] = None,
    format: tabular.FormatParam = None,
) -> Any:
    fmt = tabular.choose(request, format)
    page = entity_service.search(repo, q, type, limit, offset, cursor)
    if fmt != "json":
        rows = [item.model_dump() for item in page.items]
        return tabular.tabular(fmt, rows, ["id", "name", "type", "aliases"], "entities", page.next_cursor)
    return page


@router.get(
    "/entities/{entity_id}", response_model=EntityDetail, summary="One entity with provenance and relationship counts",
    operation_id="get_entity",
    responses={404: {"description": "Unknown entity"}},
)
def get_entity(entity_id: EntityId, repo: Repo) -> EntityDetail:
    return entity_service.profile(repo, entity_id)


@router.get(
    "/entities/{entity_id}/neighbors", response_model=QueryResult, summary="Entities within 1-3 hops",
    operation_id="entity_neighbors",
    responses={404: {"description": "Unknown entity"}},
)
def neighbors(
    entity_id: EntityId, repo: Repo, catalogue: CatalogueDep,
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> QueryResult:
    params = {"entity": entity_id, "depth": depth, "limit": limit}
    rows = query_service.run_query(repo, catalogue, "neighbors", params)
    return QueryResult(query="neighbors", parameters=params, count=len(rows), rows=rows)
