"""The real app (TestClient) over the sample corpus on the session's FalkorDB server, one graph per module."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.app.ingest_helpers import KEY
from tests.app.sample_corpus import load_sample_into

MakeClient = Callable[..., TestClient]


@pytest.fixture(scope="module")
def make_client(falkor_socket: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MakeClient]:
    """``make_client(**settings)``: a started app over the sample corpus, with these settings on top."""
    opened: list[TestClient] = []

    def make(**values: object) -> TestClient:
        settings = Settings(store="falkordb", data_dir=tmp_path_factory.mktemp("http"), falkordb_socket=falkor_socket,
                            graph_name=f"http_{uuid.uuid4().hex[:12]}", api_keys=KEY, **values)  # type: ignore[arg-type]
        client = TestClient(create_app(settings))
        client.__enter__()
        opened.append(client)
        client.app.state.store.clear()  # type: ignore[attr-defined]
        load_sample_into(client)
        return client

    yield make
    for client in opened:
        client.app.state.store.clear()  # type: ignore[attr-defined]
        client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def api(make_client: MakeClient) -> TestClient:
    return make_client()
