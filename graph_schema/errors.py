"""Domain exceptions of Sahel Nexus Graph, in one module.

Every layer raises these; the HTTP edge (app/errors.py) translates them into status codes
and the CLI into exit codes. The schema package imports nothing of ours, so this module
lives at the bottom of the import graph.
"""

from __future__ import annotations


class NexusError(Exception):
    """Base class of every domain error; ``str(error)`` is the user-facing message."""


class SchemaFileError(NexusError):
    """A schema or taxonomy file is missing or malformed (the message names the file)."""


class SchemaViolation(NexusError):
    """A write breaks the graph schema; ``problems`` lists each offending item."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:10])
        more = f" (+{len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(f"schema violation: {shown}{more}")


class NotFound(NexusError):
    """A named thing (entity, document, query) does not exist."""


class InvalidParameters(NexusError):
    """Query or request parameters are malformed or out of bounds."""


class Conflict(NexusError):
    """The request conflicts with the stored state (e.g. same id, different content)."""


class BadDocument(NexusError):
    """A document cannot be read or extracted (empty, binary, wrong encoding, ...)."""


class DocumentTooLarge(BadDocument):
    """A document exceeds the configured size limit."""


class UnsupportedDocumentType(BadDocument):
    """A document's type is not one the readers support."""


class ExtractionTimeout(BadDocument):
    """Extraction of one document ran over its time limit."""


class StoreUnavailable(NexusError):
    """The graph engine cannot be reached or did not start."""


class QueryTimeout(NexusError):
    """A query ran over the engine's time limit."""


class Unauthorized(NexusError):
    """No API key was given for an endpoint that needs one."""


class Forbidden(NexusError):
    """The API key given is not valid."""
