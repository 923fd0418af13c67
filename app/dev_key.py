"""The development API key: made once, kept in the data directory (mode 600), the same on every restart.

``nexus serve`` in development without ``NEXUS_API_KEYS`` uses it, so a key printed by the first
``make run`` still works after the second. Production never gets here (it refuses to start without keys).
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from app.settings import get_settings

DEV_KEY_FILE = "dev-api-key"


def dev_key_path(data_dir: Path) -> Path:
    return data_dir.resolve() / DEV_KEY_FILE


def load_or_create(path: Path) -> str:
    """The key in ``path``; a new one written there (readable by the owner only) when there is none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            os.chmod(path, 0o600)  # someone loosened it: a key is a secret
        key = path.read_text(encoding="utf-8").strip()
        if key:
            return key
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
    key = secrets.token_urlsafe(24)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key + "\n")
    return key


def ensure_dev_key() -> None:
    """In development without NEXUS_API_KEYS: use the data directory's key, and say where it is."""
    settings = get_settings()
    if settings.key_list or settings.environment != "development":
        return
    path = dev_key_path(settings.data_dir)
    key = load_or_create(path)
    os.environ["NEXUS_API_KEYS"] = key  # the workers read their settings from the environment
    get_settings.cache_clear()
    print(f"NEXUS_API_KEYS is not set: for development, writes take the header X-API-Key: {key} "
          f"(kept in {path}, mode 600; the same on every restart; delete the file for a new one)", flush=True)
