"""The development API key survives a restart (issue #12, defect 14): kept in the data directory, mode 600."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import httpx
import pytest

from tests.app.server_helpers import ServerProcess

pytestmark = pytest.mark.slow
DEV = {"NEXUS_API_KEYS": None, "NEXUS_ENVIRONMENT": "development"}


def printed_key(srv: ServerProcess, run: int) -> tuple[str, Path]:
    lines = [line for line in srv.log.read_text().splitlines() if "X-API-Key:" in line]
    assert len(lines) == run, lines
    found = re.search(r"X-API-Key: (\S+) \(kept in (\S+), mode 600", lines[-1])
    assert found, lines[-1]
    return found.group(1), Path(found.group(2))


def test_the_printed_development_key_works_after_a_restart(tmp_path: Path) -> None:
    srv = ServerProcess(tmp_path / "data", env=DEV)
    keys = []
    for run in (1, 2):
        srv.start()
        try:
            key, path = printed_key(srv, run)
            assert path == (tmp_path / "data" / "dev-api-key").resolve()
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            assert path.read_text().strip() == key
            keys.append(key)
            ok = httpx.delete(f"{srv.url}/documents/none", headers={"X-API-Key": keys[0]}, timeout=30)
            assert ok.status_code == 404, ok.text  # the key of the first run is accepted: not 403
            bad = httpx.delete(f"{srv.url}/documents/none", headers={"X-API-Key": "guess"}, timeout=30)
            assert bad.status_code == 403
        finally:
            srv.stop()
    assert keys[0] == keys[1]


def test_a_loosened_key_file_is_made_private_again(tmp_path: Path) -> None:
    from app.dev_key import load_or_create

    path = tmp_path / "dev-api-key"
    key = load_or_create(path)
    path.chmod(0o644)
    assert load_or_create(path) == key and stat.S_IMODE(path.stat().st_mode) == 0o600
