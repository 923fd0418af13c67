"""Helpers for the ingestion tests: an app with an API key, graph counts, generated fixture files."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from fastapi.testclient import TestClient
from pypdf import PdfWriter

from app.catalogue import load_catalogue
from app.repository import GraphRepository
from app.services.ingest_service import ingest
from graph_schema.contract import Extraction
from graph_schema.model import load_schema

KEY = "test-key-0123456789"
AUTH = {"X-API-Key": KEY}
TEXT_EN = (
    "UNODC and the Government of Japan launched a dialogue in Gao, Mali, against drug trafficking and terrorism. "
    "The project was implemented by UNODC in partnership with UNICRI."
)
TEXT_FR = (
    "L'Office des Nations Unies contre la drogue et le crime (ONUDC) a organisé une formation à Bamako, au Mali, "
    "financée par l'Union européenne, contre le trafic de drogue et le terrorisme."
)


def counts(client: TestClient) -> tuple[int, int]:
    body = client.get("/health").json()
    return int(body["nodes"]), int(body["relationships"])


def load(client: TestClient, extraction: Extraction) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    with store.session() as session:
        ingest(GraphRepository(session, load_catalogue(), store.dialect, load_schema()), load_schema(), extraction)


def upload(client: TestClient, name: str, data: bytes, headers: dict[str, str] | None = None,
           **fields: str) -> Any:
    return client.post("/documents", files={"file": (name, data, "application/octet-stream")}, data=fields,
                       headers=AUTH if headers is None else headers)


def pdf_bytes(*, encrypt: bool = False, text: str | None = None) -> bytes:
    """A one-page PDF: blank (image-only/empty), encrypted, or with a hand-written text layer."""
    if text is not None:
        return text_pdf(text)
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if encrypt:
        writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def text_pdf(text: str) -> bytes:
    """A minimal valid PDF with one text line (Helvetica), written by hand with a correct xref table."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 10 Tf 20 700 Td ({safe}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 2000 800] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def zip_bytes(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def canonical_dump(client: TestClient) -> tuple[list[Any], list[Any]]:
    """Sorted (node id, sorted aliases) and (source, type, target, sorted evidence keys): the graph's content."""
    store = client.app.state.store  # type: ignore[attr-defined]
    with store.session() as s:
        nodes = sorted((row["id"], tuple(sorted(row["aliases"] or [])))
                       for row in s.read("MATCH (n) RETURN n.id AS id, n.aliases AS aliases"))
        rels = sorted((row["s"], row["t"], row["d"], tuple(sorted(row["k"] or []))) for row in s.read(
            "MATCH (a)-[r]->(b) RETURN a.id AS s, type(r) AS t, b.id AS d, r.ev_keys AS k"))
    return nodes, rels
