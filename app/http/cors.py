"""CORS, off unless ``NEXUS_CORS_ORIGINS`` lists origins.

An origin listed by name may read and write (a write still needs ``X-API-Key``: CORS only lets the
browser send it). ``*`` lets any other origin read: GET and HEAD are answered with
``Access-Control-Allow-Origin: *``, and a preflight for any other method is refused (403). No
credentials (cookies) are ever allowed: the API key travels in a header.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

READ_METHODS = ("GET", "HEAD", "OPTIONS")
ALL_METHODS = (*READ_METHODS, "POST", "DELETE")
ALLOW_HEADERS = ("Accept", "Content-Type", "If-None-Match", "X-API-Key")
EXPOSE_HEADERS = ("ETag", "X-Row-Count", "X-Next-Cursor", "Link", "Content-Disposition")
MAX_AGE = "600"


class CORSMiddleware:
    def __init__(self, app: ASGIApp, origins: tuple[str, ...]) -> None:
        self.app = app
        self.named = frozenset(o for o in origins if o != "*")
        self.any_reads = "*" in origins

    def methods_for(self, origin: str) -> tuple[str, ...]:
        if origin in self.named:
            return ALL_METHODS
        return READ_METHODS if self.any_reads else ()

    def allow_origin(self, origin: str) -> str:
        return origin if origin in self.named else "*"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        allowed = self.methods_for(origin)
        wanted = headers.get("access-control-request-method")
        if method == "OPTIONS" and wanted is not None:
            await self.preflight(origin, wanted.upper(), allowed, headers, scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out.add_vary_header("Origin")
                if method in allowed:
                    out["Access-Control-Allow-Origin"] = self.allow_origin(origin)
                    out["Access-Control-Expose-Headers"] = ", ".join(EXPOSE_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_cors)

    async def preflight(self, origin: str, wanted: str, allowed: tuple[str, ...], headers: Headers,
                        scope: Scope, receive: Receive, send: Send) -> None:
        asked = [h.strip().lower() for h in headers.get("access-control-request-headers", "").split(",") if h.strip()]
        permitted = {h.lower() for h in ALLOW_HEADERS}
        problems = []
        if wanted not in allowed:
            problems.append(f"method {wanted} is not allowed from origin {origin}"
                            + (" ('*' in NEXUS_CORS_ORIGINS allows reads only)" if allowed else ""))
        bad = [h for h in asked if h not in permitted]
        if bad:
            problems.append(f"headers not allowed: {', '.join(bad)}")
        if problems:
            response = PlainTextResponse("CORS preflight refused: " + "; ".join(problems), status_code=403,
                                         headers={"Vary": "Origin"})
        else:
            response = PlainTextResponse("", status_code=204, headers={
                "Access-Control-Allow-Origin": self.allow_origin(origin),
                "Access-Control-Allow-Methods": ", ".join(allowed),
                "Access-Control-Allow-Headers": ", ".join(ALLOW_HEADERS),
                "Access-Control-Max-Age": MAX_AGE,
                "Vary": "Origin",
            })
        await response(scope, receive, send)
