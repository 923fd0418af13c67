"""Parallel ingests (with reads going on) end in the same graph as one-by-one ingests.

The writes of one process are serialised, so "the same graph" means: the same as ingesting
the documents one by one in the order the engine applied them (read back from the Document
nodes' internal ids, which grow with each write in a fresh graph). Whether the order itself
may matter is a separate question, asked by ``test_ingest_order_does_not_matter``.
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.app.ingest_helpers import KEY, canonical_dump, upload

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
Dump = tuple[list[Any], list[Any]]


def _documents() -> list[tuple[str, bytes]]:
    files = sorted(CORPUS.glob("*.txt"))
    assert len(files) >= 5, f"sample documents missing in {CORPUS}"
    return [(f.name, f.read_bytes()) for f in files]


def _app(settings: Settings) -> TestClient:
    name = f"conc_{uuid.uuid4().hex[:10]}"  # each run in a graph of its own
    return TestClient(create_app(settings.model_copy(update={"api_keys": KEY, "graph_name": name})))


def _sequential(settings: Settings, docs: list[tuple[str, bytes]]) -> Dump:
    with _app(settings) as client:
        for name, data in docs:
            assert upload(client, name, data).status_code == 201
        dump = canonical_dump(client)
        client.app.state.store.clear()  # type: ignore[attr-defined]
    return dump


def _write_order(client: TestClient) -> list[str]:
    with client.app.state.store.session() as s:  # type: ignore[attr-defined]
        return [row["id"] for row in s.read("MATCH (d:Document) RETURN d.id AS id ORDER BY id(d)")]


def test_parallel_ingests_equal_sequential(settings: Settings) -> None:
    if settings.store != "falkordb":
        pytest.skip("the write order is read from FalkorDB's internal node ids")
    docs = _documents()
    with _app(settings) as par:
        stop = threading.Event()
        read_errors: list[Any] = []

        def reader() -> None:
            while not stop.is_set():
                for path in ("/entities?limit=500", "/documents", "/funding", "/health"):
                    response = par.get(path)
                    if response.status_code != 200:
                        read_errors.append((path, response.status_code, response.text))

        readers = [threading.Thread(target=reader) for _ in range(3)]
        for t in readers:
            t.start()
        try:
            with ThreadPoolExecutor(max_workers=6) as pool:
                responses = list(pool.map(lambda doc: upload(par, *doc), docs + docs[:3]))
        finally:
            stop.set()
            for t in readers:
                t.join()
        assert sorted(r.status_code for r in responses) == sorted([201] * len(docs) + [200] * 3)
        assert read_errors == []
        got = canonical_dump(par)
        ids = {r.json()["id"]: i for i, r in enumerate(responses[: len(docs)])}
        order = [docs[ids[doc_id]] for doc_id in _write_order(par)]
        par.app.state.store.clear()  # type: ignore[attr-defined]
    assert len(order) == len(docs)
    expected = _sequential(settings, order)
    assert got[0] == expected[0], "nodes differ from the sequential run"
    assert got[1] == expected[1], "relationships differ from the sequential run"


def _folded(dump: Dump) -> Dump:
    from graph_schema.names import normalize_name

    nodes = [(node_id, tuple(sorted(normalize_name(a) for a in aliases))) for node_id, aliases in dump[0]]
    return nodes, dump[1]


def test_ingest_order_does_not_change_ids_names_or_facts(settings: Settings) -> None:
    docs = _documents()
    forward, backward = _sequential(settings, docs), _sequential(settings, docs[::-1])
    assert _folded(forward) == _folded(backward)


@pytest.mark.xfail(strict=True, reason=(
    "known limitation: each alias keeps the spelling of the document that first named it "
    "('Nations unies' vs 'Nations Unies'); ids, canonical names, alias keys and relationships are order-independent"
))
def test_ingest_order_does_not_change_alias_spellings(settings: Settings) -> None:
    docs = _documents()
    forward, backward = _sequential(settings, docs), _sequential(settings, docs[::-1])
    assert forward[0] == backward[0] and forward[1] == backward[1]

