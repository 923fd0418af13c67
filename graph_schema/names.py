"""Name normalisation and stable entity ids.

The same rules as the gold scorer: casefold, strip accents (NFKD), fold typographic quotes
and dashes, collapse whitespace, strip surrounding punctuation and a leading "the "; invisible
format characters (Unicode category Cf: zero-width space, BOM, soft hyphen) are dropped, so
names and queries typed or pasted with them compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import yaml

_FOLD = str.maketrans(
    "\u2018\u2019\u201a\u201b\u2032\u00b4`\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212",
    "'" * 7 + '"' * 7 + "-" * 7,
)
_SLUG_RE = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Casefold, strip accents, fold compatibility forms (NFKC/NFKD: full-width letters, ligatures), drop
    invisible format characters (zero-width space and joiners, BOM, soft hyphen, word joiner), fold quotes
    and dashes, collapse whitespace."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf")
    return " ".join(text.translate(_FOLD).split())


def _is_edge_char(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


@lru_cache(maxsize=200_000)
def normalize_name(name: str) -> str:
    """The comparison key of an entity name or alias ('' when nothing is left)."""
    text = fold(name)
    start, end = 0, len(text)
    while start < end and _is_edge_char(text[start]):
        start += 1
    while end > start and _is_edge_char(text[end - 1]):
        end -= 1
    text = text[start:end]
    if text.startswith("the "):
        return normalize_name(text[4:])
    return text


def slug(text: str) -> str:
    """A URL-safe slug of a name: 'Office Central des Stupéfiants' -> 'office-central-des-stupefiants'."""
    return _SLUG_RE.sub("-", normalize_name(text)).strip("-")[:120] or "x"


def entity_id(label: str, name: str) -> str:
    """The stable key of an entity node: type + normalised canonical name."""
    return f"{label.lower()}:{slug(name)}"


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    data = yaml.safe_load(resources.files("graph_schema").joinpath("generic_names.yaml").read_text(encoding="utf-8"))
    return frozenset(fold(str(w)) for key in ("stopwords", "generic") for w in data[key])


def is_generic_name(key: str) -> bool:
    """True when a normalised name is made only of non-identifying words ("it", "the project")."""
    words = "".join(c if c.isalnum() else " " for c in key).split()
    return all(w in _generic_words() for w in words)
