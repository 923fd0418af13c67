"""Routes of the explorer page, its static files and the offline API docs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, FastAPI, Path, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from app.explorer.assets import STATIC_DIR, VENDOR, check_vendor_assets
from graph_schema.errors import NotFound

router = APIRouter(include_in_schema=False)
VENDOR_PREFIX = "/assets/vendor"
# The explorer's own files change with the app; vendor files only with their pinned package.
_NO_CACHE = {"Cache-Control": "no-cache"}


# The explorer may load nothing from outside the app (styles: vis-network and the legend set inline ones).
EXPLORER_CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
                "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")


@router.get("/", response_class=HTMLResponse)
def explorer_page() -> FileResponse:
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html",
                        headers={**_NO_CACHE, "Content-Security-Policy": EXPLORER_CSP})


@router.get(VENDOR_PREFIX + "/{name}")
def vendor_asset(name: Annotated[str, Path(max_length=100)]) -> Response:
    asset = VENDOR.get(name)
    if asset is None:
        raise NotFound(f"no asset named {name!r}")
    return Response(asset.content(), media_type=asset.media_type, headers={"Cache-Control": "max-age=86400"})


@router.get("/docs", response_class=HTMLResponse)
def swagger_docs(request: Request) -> HTMLResponse:
    app = request.app
    return get_swagger_ui_html(
        openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} - API docs",
        swagger_js_url=f"{VENDOR_PREFIX}/swagger-ui-bundle.js", swagger_css_url=f"{VENDOR_PREFIX}/swagger-ui.css",
        swagger_favicon_url=f"{VENDOR_PREFIX}/favicon.png",
    )


@router.get("/redoc", response_class=HTMLResponse)
def redoc_docs(request: Request) -> HTMLResponse:
    app = request.app
    return get_redoc_html(
        openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} - ReDoc",
        redoc_js_url=f"{VENDOR_PREFIX}/redoc.standalone.js",
        redoc_favicon_url=f"{VENDOR_PREFIX}/favicon.png", with_google_fonts=False,
    )


def install(app: FastAPI) -> None:
    """Serve the explorer at ``/`` (its files under ``/explorer``) and the offline docs."""
    check_vendor_assets()
    app.mount("/explorer", StaticFiles(directory=STATIC_DIR), name="explorer")
    app.include_router(router)
