"""API keys: every write needs ``X-API-Key``; reads need it only when ``NEXUS_PROTECT_READS=true``.

Keys come from ``NEXUS_API_KEYS`` (comma-separated). The given key is compared with every
configured key in constant time (``hmac.compare_digest``), so timing reveals neither which
key matched nor how much of one. With no keys configured, writes are refused (403): there
is no "open" write mode; ``nexus serve`` in development uses a key kept in the data
directory (app/dev_key.py).
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Security
from fastapi.security import APIKeyHeader

from app.deps import SettingsDep
from graph_schema.errors import Forbidden, Unauthorized

HEADER = "X-API-Key"
api_key_header = APIKeyHeader(
    name=HEADER, auto_error=False, scheme_name="ApiKey",
    description="An API key from NEXUS_API_KEYS; required for writes (and for reads if NEXUS_PROTECT_READS=true).",
)
KeyHeader = Annotated[str | None, Security(api_key_header)]


def key_matches(given: str, keys: tuple[str, ...]) -> bool:
    """Constant-time match against every key (no early exit, no length shortcut per key)."""
    given_b = given.encode("utf-8", "surrogatepass")
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(given_b, key.encode("utf-8", "surrogatepass"))
    return matched


def check_key(given: str | None, keys: tuple[str, ...], what: str) -> None:
    if not keys:
        raise Forbidden(f"{what} are disabled: the server has no API keys; set NEXUS_API_KEYS (comma-separated)")
    if not given:
        raise Unauthorized(f"{what} need an API key: send it in the {HEADER} header")
    if not key_matches(given, keys):
        raise Forbidden(f"the API key in {HEADER} is not valid")


def require_write_key(settings: SettingsDep, key: KeyHeader = None) -> None:
    check_key(key, settings.key_list, "writes")


def require_read_key(settings: SettingsDep, key: KeyHeader = None) -> None:
    if settings.protect_reads:
        check_key(key, settings.key_list, "reads")


_ERR = {"content": {"application/json": {"schema": {"type": "object", "properties": {"detail": {}}}}}}
AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No API key", **_ERR}, 403: {"description": "Invalid API key or none configured", **_ERR},
}
WriteAccess = Depends(require_write_key)
ReadAccess = Depends(require_read_key)
WriteKey = Annotated[None, WriteAccess]
