"""ETags keyed by the graph version: a dashboard that polls gets a 304 until something is written.

Every GET answer of the read API (``READ_PREFIXES``) carries ``ETag: W/"..."``, a hash of the
graph version (``app.analytics.cache.graph_version``: one small engine read that any ingest or
retraction, by any worker, changes) and of the request: method, path, query string, ``Accept`` and,
when reads are protected, the read scope of the key. A request whose ``If-None-Match`` holds the
current tag is answered 304 from here, before the route: the query behind it never runs. The version
is read before the route runs, so an answer is never labelled newer than its data.

Every such answer also carries ``Cache-Control`` (``NEXUS_CACHE_CONTROL``, ``no-cache`` by default:
revalidate each time) and ``Server-Timing: app;dur=<ms>`` (time in the app until the answer started,
what the bench reads).
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

import anyio.to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.analytics.cache import Version, graph_version
from app.repository import GraphRepository
from app.security import HEADER, key_matches

READ_PREFIXES = ("/funding", "/entities", "/documents", "/metrics", "/queries", "/ask", "/export")
VARY = "Accept"


def cacheable(scope: Scope) -> bool:
    if scope["method"] != "GET":
        return False
    path: str = scope["path"]
    return any(path == p or path.startswith(p + "/") for p in READ_PREFIXES)


def current_version(app: Any) -> Version:
    """The graph version, read from the engine (one small query on the request's session)."""
    store = app.state.store
    with store.session() as session:
        return graph_version(GraphRepository(session, app.state.catalogue, store.dialect, app.state.schema))


def make_etag(version: Version, scope: Scope, headers: Headers, read_scope: str) -> str:
    parts = (repr(version), scope["method"], scope["path"], scope.get("query_string", b"").decode("latin-1"),
             headers.get("accept", ""), read_scope)
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f'W/"{digest}"'


def matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 8.8.3.2): W/"x" and "x" match; ``*`` matches any current answer."""
    bare = etag.removeprefix("W/")
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == bare:
            return True
    return False


class ETagMiddleware:
    def __init__(self, app: ASGIApp, cache_control: str) -> None:
        self.app = app
        self.cache_control = cache_control

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not cacheable(scope):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        application = scope["app"]
        settings = application.state.settings
        headers = Headers(scope=scope)
        read_scope = "public"
        if settings.protect_reads:
            key = headers.get(HEADER)
            if not key or not settings.key_list or not key_matches(key, settings.key_list):
                await self.app(scope, receive, send)  # the route's dependency answers 401/403
                return
            read_scope = "reads:key"
        try:
            # in a worker thread, as the routes run: an engine that stalls does not stall the event loop
            version = await anyio.to_thread.run_sync(current_version, application)
        except Exception:  # engine unreachable: the route answers (503) and says why
            await self.app(scope, receive, send)
            return
        etag = make_etag(version, scope, headers, read_scope)
        if_none_match = headers.get("if-none-match")
        if if_none_match is not None and matches(if_none_match, etag):
            await send({"type": "http.response.start", "status": 304, "headers": [
                (b"etag", etag.encode()), (b"cache-control", self.cache_control.encode()), (b"vary", VARY.encode()),
                (b"server-timing", f"app;dur={(time.perf_counter() - started) * 1000:.3f}".encode()),
            ]})
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_tagged(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                if message["status"] == 200:
                    out["ETag"] = etag
                    out.setdefault("Cache-Control", self.cache_control)
                    out.add_vary_header(VARY)
                out["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.3f}"
            await send(message)

        await self.app(scope, receive, send_tagged)
