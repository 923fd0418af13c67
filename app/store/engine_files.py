"""Files the engine's owner keeps in the data directory: who owns the engine, and what state it is in.

``falkordb.owner`` holds the pid of the process that started (and supervises) the engine; an engine
whose owner is gone is an orphan. ``falkordb.state`` is a small JSON document (running / restarting,
with the attempt number) that any API worker can read to say what is going on while the engine is down.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

OWNER = "falkordb.owner"
STATE = "falkordb.state"


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # atomic: a reader never sees half a file


def write_owner(data_dir: Path, pid: int) -> None:
    _write(data_dir / OWNER, f"{pid}\n")


def owner(data_dir: Path) -> int | None:
    try:
        return int((data_dir / OWNER).read_text().strip())
    except (OSError, ValueError):
        return None


def write_state(data_dir: Path, state: str, **details: Any) -> None:
    _write(data_dir / STATE, json.dumps({"state": state, "since": time.time(), **details}))


def state(data_dir: Path) -> dict[str, Any] | None:
    try:
        found = json.loads((data_dir / STATE).read_text())
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def outage_note(data_dir: Path) -> str:
    """A few words for a 503 while the engine is being restarted ('' when it is not)."""
    found = state(data_dir)
    if not found or found.get("state") != "restarting":
        return ""
    ago = max(0.0, time.time() - float(found.get("since", time.time())))
    return f"; the engine died and is being restarted (attempt {found.get('attempt', '?')}, {ago:.1f} s ago)"


def clear(data_dir: Path) -> None:
    for name in (OWNER, STATE):
        with suppress(FileNotFoundError):
            (data_dir / name).unlink()
