"""The embedded engine across restarts (issue #12, defect 11): no replayed DDL errors, data kept."""

from __future__ import annotations

from pathlib import Path

from app.store.falkordb_store import FalkorStore
from graph_schema.model import GraphSchema


def test_restarts_replay_no_constraint_errors(tmp_path: Path, schema: GraphSchema) -> None:
    for start in range(4):
        store = FalkorStore(schema, tmp_path)
        store.start()
        try:
            with store.session() as s:
                s.write("CREATE (:Entity:Organization {id: $id, name: $id})", {"id": f"organization:o{start}"})
                assert s.read("MATCH (n:Organization) RETURN count(n) AS n")[0]["n"] == start + 1
                assert len(s.read("CALL db.constraints() YIELD label RETURN label")) == 6
        finally:
            store.close()
        log = (tmp_path / "falkordb.log").read_text()
        assert "already exists" not in log and "CRITICAL" not in log, (start, log[-1500:])
