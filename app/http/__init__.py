"""HTTP layers for dashboards on other origins: CORS, compression, ETags keyed by the graph version, CSV/NDJSON."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from app.settings import Settings


async def _not_acceptable(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(status_code=406, content={"detail": str(exc)})


def install(app: FastAPI, settings: Settings) -> None:
    """Add the middleware, innermost first: ETag/304, then compression, then CORS (outermost, so a
    preflight is answered before anything else runs and every answer, 304 and errors included, carries it)."""
    from brotli_asgi import BrotliMiddleware

    from app.http.caching import ETagMiddleware
    from app.http.cors import CORSMiddleware
    from app.http.tabular import NotAcceptable

    app.add_exception_handler(NotAcceptable, _not_acceptable)
    app.add_middleware(ETagMiddleware, cache_control=settings.cache_control)
    # br when the client accepts it, else gzip (gzip_fallback), else identity; small answers stay as they are
    app.add_middleware(BrotliMiddleware, minimum_size=settings.compress_min_bytes, gzip_fallback=True, quality=5)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, origins=tuple(settings.cors_origins))
