"""Third-party browser assets, served from the installed packages that ship them (never copied, never a CDN).

- Swagger UI and ReDoc: ``fastapi-offline`` (``fastapi_offline/static``).
- vis-network 9.1.2, the explorer's graph drawing: ``pyvis`` (``pyvis/lib/vis-9.1.2``).

The one URL outside the app that a served file would load (ReDoc's logo) is rewritten to a local
file as it is served; tests/app/explorer checks in Chromium that no request leaves the app.

Both packages are pinned in pyproject.toml; a missing file is a start-up error that names it.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from graph_schema.errors import SchemaFileError


def package_dir(package: str) -> Path:
    """Where an installed package's files are, found without importing it (pyvis would import IPython)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SchemaFileError(f"package {package!r} is not installed; reinstall the project (pip install -e .)")
    return Path(next(iter(spec.submodule_search_locations)))


@dataclass(frozen=True)
class Asset:
    package: str
    path: str
    media_type: str
    # (text, replacement) applied when served: a URL outside the app that the file would load
    rewrites: tuple[tuple[str, str], ...] = ()

    def file(self) -> Path:
        location = package_dir(self.package) / self.path
        if not location.is_file():
            raise SchemaFileError(f"{self.package} does not ship {self.path}; reinstall the project (pip install -e .)")
        return location

    def content(self) -> bytes:
        return _content(self)


@lru_cache(maxsize=16)
def _content(asset: Asset) -> bytes:
    """The served bytes (rewrites applied), read once per process."""
    data = asset.file().read_bytes()
    for old, new in asset.rewrites:
        data = data.replace(old.encode(), new.encode())
    return data


# URL name under /assets/vendor/ -> where the file lives in its package.
VENDOR: dict[str, Asset] = {
    "swagger-ui-bundle.js": Asset("fastapi_offline", "static/swagger-ui-bundle.js", "text/javascript"),
    "swagger-ui.css": Asset("fastapi_offline", "static/swagger-ui.css", "text/css"),
    # ReDoc's sidebar always shows Redocly's logo from their CDN (no option turns it off): ours instead.
    "redoc.standalone.js": Asset("fastapi_offline", "static/redoc.standalone.js", "text/javascript",
                                 rewrites=(("https://cdn.redoc.ly/redoc/logo-mini.svg", "/explorer/favicon.svg"),)),
    "favicon.png": Asset("fastapi_offline", "static/favicon.png", "image/png"),
    "vis-network.min.js": Asset("pyvis", "lib/vis-9.1.2/vis-network.min.js", "text/javascript"),
    "vis-network.css": Asset("pyvis", "lib/vis-9.1.2/vis-network.css", "text/css"),
}

STATIC_DIR = Path(str(resources.files("app.explorer").joinpath("static")))


def check_vendor_assets() -> None:
    """Fail at start-up, naming the file, when an installed package no longer ships an asset."""
    for asset in VENDOR.values():
        asset.file()
