"""The explorer and the API docs are served by the app itself: no URL outside it, vendor files from their packages."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from app.explorer.assets import STATIC_DIR, VENDOR

_URL = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


def _refs(html: str) -> list[str]:
    return _URL.findall(html)


def test_docs_and_redoc_load_only_local_assets(client: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        resp = client.get(path)
        assert resp.status_code == 200 and "text/html" in resp.headers["content-type"]
        refs = _refs(resp.text)
        assert refs and all(r.startswith("/") for r in refs), (path, refs)
        assert "http://" not in resp.text and "https://" not in resp.text, path
        for ref in refs:
            assert client.get(ref).status_code == 200, ref
    assert "/assets/vendor/swagger-ui-bundle.js" in _refs(client.get("/docs").text)
    assert "/assets/vendor/redoc.standalone.js" in _refs(client.get("/redoc").text)


def test_vendor_files_come_from_their_installed_packages(client: TestClient) -> None:
    for name, asset in VENDOR.items():
        resp = client.get(f"/assets/vendor/{name}")
        assert resp.status_code == 200, name
        assert resp.headers["content-type"].startswith(asset.media_type)
        assert resp.content == asset.content()
        assert (resp.content == asset.file().read_bytes()) == (not asset.rewrites)
        assert "site-packages" in str(asset.file()) or asset.package in str(asset.file())
    assert b"vis-network" in client.get("/assets/vendor/vis-network.min.js").content[:400]
    assert b"cdn.redoc.ly" not in client.get("/assets/vendor/redoc.standalone.js").content
    missing = client.get("/assets/vendor/jquery.js")
    assert missing.status_code == 404 and missing.json()["detail"] == "no asset named 'jquery.js'"


def test_explorer_page_and_its_files_reference_nothing_outside_the_app(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "default-src 'self'" in page.headers["content-security-policy"]
    refs = [r for r in _refs(page.text) if not r.startswith("#")]  # in-page links and hash routes
    assert "/assets/vendor/vis-network.min.js" in refs and "/explorer/js/main.js" in refs
    for ref in refs:
        assert ref.startswith("/") and client.get(ref).status_code == 200, ref
    for path in Path(STATIC_DIR).rglob("*"):
        if path.suffix in {".js", ".css", ".html"}:
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text), path
            served = client.get("/explorer/" + path.relative_to(STATIC_DIR).as_posix())
            assert served.status_code == 200 and served.text == text, path


def test_explorer_routes_stay_out_of_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/ask" in paths and "/entities/{entity_id}/graph" in paths
    assert not {"/", "/docs", "/redoc"} & set(paths) and not any(p.startswith("/assets") for p in paths)
