"""Property-based fuzzing of the HTTP API from its own OpenAPI document (schemathesis, in-process ASGI).

Bounded (max_examples per operation) and reproducible (derandomize), with every schemathesis check
(no 5xx, documented statuses, schemas, content types, headers, positive data accepted and negative
data rejected, auth not ignored), configured as `make fuzz` is (tests/fuzz/schemathesis.toml).
`make fuzz` runs the random, time-boxed version against a real server.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from app.catalogue import load_catalogue
from app.main import create_app
from app.repository import GraphRepository
from app.services.extractor import preload
from app.services.ingest_service import ingest
from app.settings import Settings
from app.store.falkordb_store import FalkorStore
from graph_schema.model import load_schema
from tests.app.ingest_helpers import AUTH, KEY
from tests.factories import nexus_doc

pytestmark = pytest.mark.slow
CONFIG = SchemathesisConfig.from_path(Path(__file__).resolve().parents[1] / "fuzz" / "schemathesis.toml")


@pytest.fixture(scope="module")
def fuzz_settings(falkor_socket: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """A graph of its own on the session's engine, seeded with the hand-checked document."""
    cfg = Settings(store="falkordb", data_dir=tmp_path_factory.mktemp("fuzz"), falkordb_socket=falkor_socket,
                   graph_name=f"fuzz_{uuid.uuid4().hex[:10]}", api_keys=KEY, extraction_timeout_s=20)
    store = FalkorStore(load_schema(), cfg.data_dir, graph_name=cfg.graph_name, socket=falkor_socket)
    store.start()
    with store.session() as session:
        ingest(GraphRepository(session, load_catalogue(), store.dialect, load_schema()), load_schema(), nexus_doc())
    preload(cfg.max_upload_bytes, cfg.extraction_timeout_s)  # the models load before the first example
    yield cfg
    store.clear()
    store.close()


@pytest.fixture(scope="module")
def fuzz_app(fuzz_settings: Settings) -> Any:
    """The app under test (schemathesis starts its lifespan on first use, once)."""
    return create_app(fuzz_settings)


# The operations come from the OpenAPI document, which needs no engine; calls go to ``fuzz_app``.
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(api_keys=KEY)), config=CONFIG)


@schema.parametrize()
@settings(max_examples=15, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_with_a_key(case: Any, fuzz_app: Any) -> None:
    case.call_and_validate(app=fuzz_app, headers=AUTH)  # every check


@schema.include(method=["POST", "DELETE"]).parametrize()
@settings(max_examples=8, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_writes_conform_without_a_valid_key(case: Any, fuzz_app: Any) -> None:
    response = case.call_and_validate(app=fuzz_app, headers={"X-API-Key": "not-a-key"})
    if (case.method.upper(), case.path) in {("POST", "/documents"), ("DELETE", "/documents/{doc_id}")}:
        assert response.status_code in (401, 403), (case.method, case.path)  # no key sent, or a wrong one
