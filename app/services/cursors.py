"""Opaque page cursors: base64url (unpadded) of a JSON list of strings, the sort key of a page's last row.

The next page starts after that key in the query's total order (keyset pagination), so rows added while
a client pages are never handed out twice and rows already there are never skipped. The shape (it starts
``Wy``, ``[`` encoded) is checked by the route; whether it decodes to a key of the right length, here.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence

PATTERN = r"^Wy[A-Za-z0-9_-]+$"  # base64url of a JSON list starts "Wy" ("[")


def encode(key: Sequence[object]) -> str:
    raw = json.dumps(list(key), ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, size: int) -> list[str] | None:
    """The key, or None when the text is no cursor of ``size`` strings."""
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if isinstance(value, list) and len(value) == size and all(isinstance(v, str) for v in value):
        return value
    return None
