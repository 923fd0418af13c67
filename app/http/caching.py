"""ETags keyed by the graph version: a dashboard that polls gets a 304 until something is written.

Every GET answer of the read API (``READ_PREFIXES``) and every ``POST /queries/{name}`` answer (a
read too) carries ``ETag: W/"..."``, a hash of the graph version (``GraphRepository.graph_version``:
one small engine read that any ingest or retraction, by any worker, changes) and of the request:
method, path, query string, ``Accept``, for a POST the canonical JSON of its body (keys sorted, no
spaces: ``{"a":1, "b":2}`` and ``{"b":2,"a":1}`` share a tag) and, when reads are protected, the read
scope of the key. A request whose ``If-None-Match`` holds the current tag is answered 304 from here,
before the route: the query behind it never runs. The version is read before the route runs, so an
answer is never labelled newer than its data.

On FalkorDB the version is the write counter every write of the app increments, read on the event
loop (``AsyncVersionStore``: one GET with redis-py's asyncio client, app/store/falkordb_version.py),
so a 304 needs no worker thread; other engines read their version in a worker thread, as the routes run.

Every such answer also carries ``Cache-Control`` (``NEXUS_CACHE_CONTROL``, ``no-cache`` by default:
revalidate each time) and ``Server-Timing: app;dur=<ms>`` (time in the app until the answer started,
what the bench reads).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

import anyio.to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.repository import GraphRepository
from app.security import HEADER, key_matches
from app.services.upload_body import QUERY_BODY_MAX_BYTES, parse_json_object
from app.store.base import AsyncVersionStore, Version
from graph_schema.errors import InvalidParameters

READ_PREFIXES = ("/funding", "/entities", "/documents", "/metrics", "/queries", "/ask", "/export")
QUERY_PREFIX = "/queries/"  # POST /queries/{name}: a canned query, a read
VARY = "Accept"


def cacheable(scope: Scope) -> bool:
    path: str = scope["path"]
    if scope["method"] == "POST":
        return path.startswith(QUERY_PREFIX) and "/" not in path[len(QUERY_PREFIX):]
    if scope["method"] != "GET":
        return False
    return any(path == p or path.startswith(p + "/") for p in READ_PREFIXES)


def current_version(app: Any) -> Version:
    """The graph version, read from the engine (one small read on a session of its own)."""
    store = app.state.store
    with store.session() as session:
        return GraphRepository(session, app.state.catalogue, store.dialect, app.state.schema).graph_version()


class VersionReader:
    """The graph version for the app's store: on the event loop where the store can (``AsyncVersionStore``),
    else in a worker thread, as the routes run (an engine that stalls does not stall the event loop)."""

    def __init__(self) -> None:
        self._store: object = None
        self._on_loop: Callable[[], Awaitable[Version]] | None = None

    async def __call__(self, app: Any) -> Version:
        store = app.state.store
        if store is not self._store:  # the protocol check once per store, not per request
            self._on_loop = store.graph_version_async if isinstance(store, AsyncVersionStore) else None
            self._store = store
        if self._on_loop is not None:
            return await self._on_loop()
        return await anyio.to_thread.run_sync(current_version, app)


def canonical_body(body: bytes) -> str | None:
    """The body as the route reads it (app/routes/queries.py), written canonically; None when the route
    will refuse it (then no tag: the route answers 4xx)."""
    if not body:
        return "{}"  # no body: every parameter takes its default, as with {}
    try:
        params = parse_json_object(body, "not an object")
    except InvalidParameters:
        return None
    return json.dumps(params, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


async def read_body(receive: Receive) -> tuple[bytes, bool, Receive]:
    """Up to QUERY_BODY_MAX_BYTES + 1 of the body, whether it is complete, and a ``receive`` that hands
    the route the same messages again (then the rest, if any)."""
    body = b""
    more = True
    while more and len(body) <= QUERY_BODY_MAX_BYTES:
        message = await receive()
        if message["type"] != "http.request":  # the client left
            return body, False, receive
        body += message.get("body", b"")
        more = bool(message.get("more_body", False))
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": more}
        return await receive()

    return body, not more, replay


def make_etag(version: Version, scope: Scope, headers: Headers, read_scope: str, body: str = "") -> str:
    parts = (repr(version), scope["method"], scope["path"], scope.get("query_string", b"").decode("latin-1"),
             headers.get("accept", ""), read_scope, body)
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f'W/"{digest}"'


def matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 8.8.3.2): W/"x" and "x" match. ``*`` ("any current answer") is not
    answered here: whether there is one (not a 404, not a 422) only the route knows, so it runs."""
    bare = etag.removeprefix("W/")
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate != "*" and candidate.removeprefix("W/") == bare:
            return True
    return False


class ETagMiddleware:
    def __init__(self, app: ASGIApp, cache_control: str) -> None:
        self.app = app
        self.cache_control = cache_control
        self.read_version = VersionReader()

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
        body = ""
        if scope["method"] == "POST":
            raw, complete, receive = await read_body(receive)
            canonical = canonical_body(raw) if complete and len(raw) <= QUERY_BODY_MAX_BYTES else None
            if canonical is None:  # too large or not a JSON object: the route says so (413/422)
                await self.app(scope, receive, send)
                return
            body = canonical
        try:
            version = await self.read_version(application)
        except Exception:  # engine unreachable: the route answers (503) and says why
            await self.app(scope, receive, send)
            return
        etag = make_etag(version, scope, headers, read_scope, body)
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
