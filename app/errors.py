"""Translate domain exceptions into HTTP answers (FastAPI's ``{"detail": ...}`` shape)."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

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


MAX_ECHO = 100  # a rejected value is shown back only when it is this short


def _short(value: Any) -> bool:
    return value is None or isinstance(value, bool | int | float) or (isinstance(value, str) and len(value) <= MAX_ECHO)


async def _validation(_request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's 422 list of problems, without echoing long or structured input back (a 10k ``q`` stays out)."""
    assert isinstance(exc, RequestValidationError)
    problems = []
    for err in exc.errors():
        item = {k: v for k, v in err.items() if k not in ("input", "url")}
        if "input" in err and _short(err["input"]):
            item["input"] = err["input"]
        problems.append(item)
    return JSONResponse(status_code=422, content={"detail": jsonable_encoder(problems)})


async def _method_not_allowed(request: Request, exc: Exception) -> Response:
    """405 with ``Allow`` listing every documented method of the path: a path's GET and POST may live on
    different routers, and Starlette names only the methods of the first route it matched."""
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code != 405:
        return await http_exception_handler(request, exc)
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        if re.fullmatch(re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template)), request.url.path):
            methods |= {m.upper() for m in operations}
    headers = {"Allow": ", ".join(sorted(methods))} if methods else dict(exc.headers or {})
    return JSONResponse(status_code=405, content={"detail": "Method Not Allowed"}, headers=headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(e.NexusError, _handle)
    app.add_exception_handler(StarletteHTTPException, _method_not_allowed)
    app.add_exception_handler(RequestValidationError, _validation)
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        """Document what a 422 really carries: FastAPI's list of problems, or our message string."""
        if app.openapi_schema is None:
            spec = generate()
            schema = spec.get("components", {}).get("schemas", {}).get("HTTPValidationError")
            if schema is not None:
                detail = schema["properties"]["detail"]
                schema["properties"]["detail"] = {"title": "Detail", "anyOf": [detail, {"type": "string"}]}
                schema["properties"]["problems"] = {"type": "array", "items": {"type": "string"}}
        return app.openapi_schema or generate()

    app.openapi = openapi  # type: ignore[method-assign]
