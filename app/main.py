"""The FastAPI application: the lifespan owns the store; routes live in app/routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app import errors, openapi_contract
from app import http as http_layers
from app.catalogue import load_catalogue
from app.explorer import routes as explorer
from app.request_checks import CleanParameters
from app.routes import ask, documents, entities, exports, funding, graph_view, health, ingestion, metrics, queries
from app.security import AUTH_ERRORS, ReadAccess
from app.settings import Settings, get_settings
from app.store.base import AsyncVersionStore
from app.store.factory import build_store
from graph_schema.iati_mapping import load_iati_mapping
from graph_schema.model import load_schema

DESCRIPTION = """Knowledge graph of the terrorism-crime-drugs nexus in the Sahel.
Every fact cites the document and sentence it came from."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    schema = load_schema()
    catalogue = load_catalogue()
    load_iati_mapping()  # the IATI table is checked against the schema and taxonomy before serving

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = build_store(settings, schema)
        store.start()
        app.state.store = store
        try:
            yield
        finally:
            if isinstance(store, AsyncVersionStore):
                await store.aclose()  # its event-loop client (app/http/caching.py), on this loop
            store.close()

    app = FastAPI(title="Sahel Nexus Graph", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)  # offline docs: app/explorer/routes.py
    app.state.settings = settings
    app.state.schema = schema
    app.state.catalogue = catalogue
    errors.install(app)
    openapi_contract.install(app)
    for module in (health, queries, entities, funding, documents, ingestion, metrics, exports, ask, graph_view):
        # Reads declare the ApiKey scheme (and their 401/403) only when they need it: the spec says what the code does.
        guarded = settings.protect_reads and module is not health
        # Keys are checked before the parameters (a caller without a key learns nothing about its input);
        # the ingestion routes list CleanParameters themselves, after their WriteAccess.
        checks = [] if module is ingestion else [CleanParameters]
        app.include_router(module.router, dependencies=[*([ReadAccess] if guarded else []), *checks],
                           responses=AUTH_ERRORS if guarded else None)
    explorer.install(app)
    http_layers.install(app, settings)  # CORS, compression, ETags (app/http)
    return app
