"""The engine is supervised (issue #12, defect 7): a dead engine is reaped and restarted by itself with /health
saying so meanwhile, and an orphaned engine is replaced by the next server, which then owns (and stops) it."""

from __future__ import annotations

import fcntl
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from app.store.falkordb_server import pid_alive
from tests.app.ingest_helpers import KEY, counts, load
from tests.app.server_helpers import ServerProcess
from tests.factories import nexus_doc

pytestmark = pytest.mark.slow


def engine_pid(data: Path) -> int:
    return int((data / "falkordb.pid").read_text())


def wait_for(predicate: object, timeout: float) -> float:
    """Seconds until ``predicate()`` holds; fails after ``timeout``."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():  # type: ignore[operator]
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"not within {timeout} s")


def zombie_or_alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


@pytest.fixture
def own_engine(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    data = tmp_path / "own-engine"
    with TestClient(create_app(Settings(data_dir=data, api_keys=KEY))) as client:
        load(client, nexus_doc())
        yield client, data


def test_a_killed_engine_is_reaped_and_restarted(own_engine: tuple[TestClient, Path]) -> None:
    client, data = own_engine
    old = engine_pid(data)
    os.kill(old, signal.SIGKILL)
    seconds = wait_for(lambda: client.get("/health").status_code == 200, timeout=10)
    print(f"/health ok again {seconds:.2f} s after SIGKILL of the engine")
    new = engine_pid(data)
    assert new != old and pid_alive(new)
    wait_for(lambda: not zombie_or_alive(old), timeout=2)  # reaped, not a zombie
    assert counts(client) == (10, 18)  # acknowledged writes survived (append-only file)


def test_health_says_the_engine_is_restarting_meanwhile(own_engine: tuple[TestClient, Path]) -> None:
    client, data = own_engine
    with open(data / ".server.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # hold the restart back, to look at the answers meanwhile
        os.kill(engine_pid(data), signal.SIGKILL)
        # the supervisor notices the exit within its watch interval (0.2 s) and records it before restarting
        wait_for(lambda: "being restarted" in client.get("/health").text, timeout=5)
        for response in (client.get("/health"), client.get("/entities"), client.delete("/documents/x",
                                                                                         headers={"X-API-Key": KEY})):
            assert response.status_code == 503, response.text
            detail = response.json()["detail"]
            assert "not reachable" in detail and "being restarted" in detail, detail
    wait_for(lambda: client.get("/health").status_code == 200, timeout=10)
    assert counts(client) == (10, 18)


def test_an_orphaned_engine_is_replaced_and_owned(tmp_path: Path) -> None:
    srv = ServerProcess(tmp_path / "data")
    srv.start()
    orphan = srv.engine_pid()
    srv.kill()  # SIGKILL the API: its engine keeps running, with no owner
    assert pid_alive(orphan)
    srv.start()
    try:
        assert not pid_alive(orphan), "the orphan engine is still running beside the new one"
        current = srv.engine_pid()
        assert httpx.get(f"{srv.url}/health", timeout=10).status_code == 200
        assert srv.proc is not None
        srv.proc.send_signal(signal.SIGTERM)  # a graceful stop of the new server stops its engine too
        srv.proc.wait(timeout=60)
        wait_for(lambda: not zombie_or_alive(current), timeout=30)
    finally:
        srv.stop()
