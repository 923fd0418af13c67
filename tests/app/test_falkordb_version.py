"""FalkorDB's graph version (app/store/falkordb_version.py): counts and a write counter, read in one round trip."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.store.falkordb_store import FalkorStore
from graph_schema.model import GraphSchema


@pytest.fixture
def falkor(schema: GraphSchema, tmp_path: Path, falkor_socket: Path, graph_name: str) -> Iterator[FalkorStore]:
    st = FalkorStore(schema, tmp_path, graph_name=graph_name, socket=falkor_socket)
    st.start()
    yield st
    st.clear()
    st.close()


def read_both(store: FalkorStore) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    with store.session() as s:
        sync = s.graph_version()

    async def on_loop() -> tuple[Any, ...]:
        try:
            return await store.graph_version_async()
        finally:
            await store.aclose()

    return sync, asyncio.run(on_loop())


def test_counts_documents_and_writes(falkor: FalkorStore) -> None:
    before, counter = read_both(falkor)
    assert before[:3] == (0, 0, 0) and counter == (before[3],)  # the ETag's version: the counter alone
    with falkor.session() as s:
        s.write("CREATE (:Document {id: 'd1'})-[:MENTIONS]->(:Entity:Region {id: 'region:x', name: 'X'})")
    after, counter = read_both(falkor)
    assert after[:3] == (2, 1, 1) and after[3] == before[3] + 1 and counter == (after[3],)


def test_every_write_counts_even_one_that_keeps_the_counts(falkor: FalkorStore) -> None:
    with falkor.session() as s:
        s.write("CREATE (:Entity:Region {id: 'region:x', name: 'X'})")
        v1 = s.graph_version()
        s.write("MATCH (n:Region) SET n.name = 'Y'")
        v2 = s.graph_version()
        s.write_many([("MATCH (n:Region) SET n.name = 'Z'", {}), ("MATCH (n:Region) SET n.name = 'W'", {})])
        v3 = s.graph_version()
        with pytest.raises(Exception, match=r"(?i)unique|constraint"):
            s.write("CREATE (:Entity:Region {id: 'region:x', name: 'A'})")  # the key's uniqueness: nothing written
        v4 = s.graph_version()
        assert s.read("MATCH (n:Region) RETURN n.name AS name") == [{"name": "W"}]
    assert v1[:3] == v2[:3] == v3[:3] == v4[:3]
    assert v1[3] < v2[3] < v3[3] <= v4[3]  # a refused write may count (a spurious new tag), never the reverse
    assert v2[3] == v1[3] + 1 and v3[3] == v2[3] + 1  # one statement or one block: one write


def test_a_write_returns_its_rows_and_the_engine_s_own_errors(falkor: FalkorStore) -> None:
    with falkor.session() as s:
        rows = s.write("CREATE (n:Entity:Region {id: 'region:y', name: 'Y'}) RETURN n.id AS id, n.name AS name")
        assert rows == [{"id": "region:y", "name": "Y"}]
        with pytest.raises(Exception) as refused:
            s.write("CREATE (:Entity:Region {id: 'region:y', name: 'again'})")
        assert "pipeline" not in str(refused.value) and "GRAPH.QUERY" not in str(refused.value)


def test_a_store_never_started_is_unavailable(schema: GraphSchema, tmp_path: Path) -> None:
    from graph_schema.errors import StoreUnavailable

    with pytest.raises(StoreUnavailable):
        asyncio.run(FalkorStore(schema, tmp_path).graph_version_async())
