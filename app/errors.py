"""Translate domain exceptions into HTTP answers (FastAPI's ``{"detail": ...}`` shape)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from graph_schema import errors as e

STATUS: list[tuple[type[e.NexusError], int]] = [
    (e.NotFound, 404),
    (e.Conflict, 409),
    (e.DocumentTooLarge, 413),
    (e.UnsupportedDocumentType, 415),
    (e.BadDocument, 422),
    (e.SchemaViolation, 422),
    (e.InvalidParameters, 422),
    (e.SchemaFileError, 500),
    (e.Unauthorized, 401),
    (e.Forbidden, 403),
    (e.QueryTimeout, 504),
    (e.StoreUnavailable, 503),
]


def status_for(exc: e.NexusError) -> int:
    for cls, status in STATUS:
        if isinstance(exc, cls):
            return status
    return 500


async def _handle(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, e.NexusError)
    status = status_for(exc)
    headers = {"WWW-Authenticate": "APIKey"} if status == 401 else None
    body: dict[str, object] = {"detail": str(exc)}
    if isinstance(exc, e.SchemaViolation):
        body["problems"] = exc.problems
    return JSONResponse(status_code=status, content=body, headers=headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(e.NexusError, _handle)
