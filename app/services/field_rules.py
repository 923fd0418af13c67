"""What a short text field (a parameter, a title, an id) may hold before it goes anywhere near the engine.

The FalkorDB client writes parameter values into the query text, and the engine stops reading at
a NUL; the XML exports cannot carry C0 control characters at all. So every string that can reach
the engine is checked at the edge, and a bad one is a 422 that names the field.
"""

from __future__ import annotations

import re

from graph_schema.errors import InvalidParameters
from graph_schema.model import ENTITY_LABELS

# C0 controls, DEL and C1 controls; lone surrogates are not valid Unicode either.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_ENTITY_PREFIXES = frozenset(label.lower() for label in ENTITY_LABELS)


def control_problem(value: str) -> str | None:
    """Why ``value`` cannot be used as a field value, or None when it can."""
    bad = _CONTROL.search(value)
    if bad is None:
        return None
    code = ord(bad.group())
    if 0xD800 <= code <= 0xDFFF:
        return f"lone UTF-16 surrogate U+{code:04X} at offset {bad.start()}; the value is not valid Unicode"
    return f"control character U+{code:04X} at offset {bad.start()}; send plain text"


def strip_controls(value: str) -> str:
    """``value`` without control characters and lone surrogates (for text read from files, not typed by clients)."""
    return _CONTROL.sub("", value)


def check_field(name: str, value: str) -> None:
    """InvalidParameters naming ``name`` when ``value`` holds a control character."""
    problem = control_problem(value)
    if problem is not None:
        raise InvalidParameters(f"{name}: {problem}")


def no_control(value: str) -> str:
    """A pydantic validator: the value, or ValueError saying which character is wrong."""
    problem = control_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def document_id_problem(doc_id: str) -> str | None:
    """Document ids live in their own namespace: none may look like an entity id (``organization:unodc``)."""
    prefix, sep, _rest = doc_id.partition(":")
    if sep and prefix.lower() in _ENTITY_PREFIXES:
        return (f"{doc_id!r} is in the entity id namespace ({prefix.lower()}:…); a document id cannot start "
                f"with an entity type and a colon ({', '.join(sorted(_ENTITY_PREFIXES))})")
    return None


def entity_namespace_check(doc_id: str) -> str:
    """A pydantic validator for document ids."""
    problem = document_id_problem(doc_id)
    if problem is not None:
        raise ValueError(problem)
    return doc_id
