"""Run canned queries: validate parameters, resolve entity names, run on the repository."""

from __future__ import annotations

from typing import Any

from app.catalogue import CannedQuery, Catalogue
from app.repository import GraphRepository
from app.services.params import json_schema, validate_params
from app.services.resolver import resolve_entity
from app.store.base import Row
from graph_schema.errors import NotFound


def describe(query: CannedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "description": query.description,
        "parameters": json_schema(query),
        "returns": list(query.returns),
        "source": query.source,
    }


def list_queries(catalogue: Catalogue) -> list[dict[str, Any]]:
    return [describe(q) for q in catalogue.public()]


def prepare(repo: GraphRepository, catalogue: Catalogue, name: str, raw: dict[str, Any]) -> dict[str, Any]:
    """The parameters of a public query, validated, with entity names resolved to ids."""
    query = catalogue.get(name)
    if query not in catalogue.public():
        raise NotFound(f"no canned query named {name!r}; GET /queries lists them")
    params = validate_params(query, raw)
    for spec in query.params:
        if spec.type == "entity" and params.get(spec.name) is not None:
            params[spec.name] = resolve_entity(repo, params[spec.name], spec.labels)
    return params


def run_query(repo: GraphRepository, catalogue: Catalogue, name: str, raw: dict[str, Any]) -> list[Row]:
    return repo.run(name, prepare(repo, catalogue, name, raw))
