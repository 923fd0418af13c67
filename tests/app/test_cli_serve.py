"""`nexus serve` owns the engine it starts: a graceful stop (SIGTERM, as systemd or docker send) stops it too."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.app.server_helpers import ServerProcess


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


@pytest.mark.slow
def test_sigterm_stops_the_api_and_its_engine(tmp_path: Path) -> None:
    server = ServerProcess(tmp_path / "data")
    server.start()
    assert server.proc is not None
    engine_pid = int((tmp_path / "data" / "falkordb.pid").read_text())
    assert _alive(engine_pid)
    server.proc.send_signal(signal.SIGTERM)
    server.proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _alive(engine_pid):
        time.sleep(0.1)
    assert not _alive(engine_pid), "the engine outlived `nexus serve`"
