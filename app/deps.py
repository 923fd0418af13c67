"""FastAPI dependencies: the app's store and catalogue, a repository per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from app.catalogue import Catalogue
from app.repository import GraphRepository
from app.settings import Settings
from app.store.base import GraphStore
from graph_schema.model import GraphSchema


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


def get_catalogue(request: Request) -> Catalogue:
    catalogue: Catalogue = request.app.state.catalogue
    return catalogue


def get_schema(request: Request) -> GraphSchema:
    schema: GraphSchema = request.app.state.schema
    return schema


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_repository(
    store: Annotated[GraphStore, Depends(get_store)],
    catalogue: Annotated[Catalogue, Depends(get_catalogue)],
    schema: Annotated[GraphSchema, Depends(get_schema)],
) -> Iterator[GraphRepository]:
    with store.session() as session:
        yield GraphRepository(session, catalogue, store.dialect, schema)


Repo = Annotated[GraphRepository, Depends(get_repository)]
CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]
SchemaDep = Annotated[GraphSchema, Depends(get_schema)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
