from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.deps import CatalogueDep, Repo
from app.schemas_explorer import Neighbourhood
from app.services import neighbourhood_service

router = APIRouter(tags=["entities"])


@router.get(
    "/entities/{entity_id}/graph", response_model=Neighbourhood,
    summary="An entity's neighbourhood to draw: nearest neighbours (capped, the rest counted) and the facts among them",
    responses={404: {"description": "Unknown entity"}},
)
def entity_graph(
    entity_id: Annotated[str, Path(min_length=1, max_length=300, description="Entity name, alias or id")],
    repo: Repo, catalogue: CatalogueDep,
    depth: Annotated[int, Query(ge=1, le=2, description="Hops from the entity")] = 1,
    max_nodes: Annotated[int, Query(ge=1, le=200, description="Neighbours drawn at most")] = 100,
) -> Neighbourhood:
    return neighbourhood_service.neighbourhood(repo, catalogue, entity_id, depth, max_nodes)
