"""Every public canned query runs on every engine and returns the columns its header declares.

The hand-checked answers live in test_canned_queries.py; this is the catalogue-wide guarantee
that no query is left untried on an engine (a new query gets checked here automatically; give
it sample parameters in SAMPLE_PARAMS if the generic ones find no rows).
"""

from __future__ import annotations

from typing import Any

import pytest

from app.catalogue import CannedQuery, load_catalogue
from app.repository import GraphRepository
from app.services.ingest_service import ingest
from app.services.query_service import run_query
from graph_schema.model import GraphSchema
from tests.factories import nexus_doc

# Entities of tests.factories.nexus_doc by label; entity(...) parameters take them in turn.
SAMPLE_ENTITIES = {
    "Organization": ["organization:unodc", "organization:unicri"],
    "Project": ["project:gao-dialogue"],
    "Region": ["region:mali", "region:gao"],
    "Threat": ["threat:terrorism", "threat:drug-trafficking"],
    "Person": ["person:amina-traore"],
}
ANY_ENTITY = ["organization:unodc", "project:gao-dialogue"]
SAMPLE_PARAMS: dict[str, dict[str, Any]] = {}
PUBLIC = load_catalogue().public()


def sample_params(query: CannedQuery) -> dict[str, Any]:
    params: dict[str, Any] = {}
    taken: list[str] = []
    for p in query.params:
        if p.type == "entity" and not p.optional:
            pool = [e for label in p.labels for e in SAMPLE_ENTITIES[label]] if p.labels else ANY_ENTITY
            choice = next((e for e in pool if e not in taken), pool[0])
            taken.append(choice)
            params[p.name] = choice
        elif p.type == "int" and p.default is None and not p.optional:
            params[p.name] = p.minimum if p.minimum is not None else 1
        elif p.type == "label" and not p.optional:
            params[p.name] = "Organization"
        elif p.required:
            params[p.name] = "x"
    params.update(SAMPLE_PARAMS.get(query.name, {}))
    return params


@pytest.fixture
def loaded(repo: GraphRepository, schema: GraphSchema) -> GraphRepository:
    ingest(repo, schema, nexus_doc())
    return repo


def test_the_catalogue_has_public_queries() -> None:
    assert len(PUBLIC) >= 12


@pytest.mark.parametrize("name", [q.name for q in PUBLIC])
def test_public_query_runs_and_returns_its_declared_columns(loaded: GraphRepository, name: str) -> None:
    query = load_catalogue().get(name)
    params = sample_params(query)
    rows = run_query(loaded, load_catalogue(), name, params)
    assert rows, f"{name}({params}) found no rows on the sample graph on {loaded.engine}; see SAMPLE_PARAMS"
    assert all(list(row) == list(query.returns) for row in rows), (name, list(rows[0]), query.returns)
