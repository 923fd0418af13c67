"""IATI activity files into the graph: read with loaders.iati, write with the document writer.

The same rules as every document: the id is the content's (``doc-`` + 16 hex digits of its SHA-256)
unless one is given, the same bytes again change nothing, a refused file stores nothing, and
``DELETE /documents/{id}`` / ``nexus remove`` retract what only the file supported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.repository import GraphRepository
from app.services import ingest_service
from app.services.ingest_service import IngestResult
from graph_schema.errors import BadDocument
from graph_schema.model import GraphSchema
from loaders.iati import read_iati
from loaders.iati.mapping import content_document_id


@dataclass(frozen=True)
class IatiResult:
    result: IngestResult
    activities: int
    notes: tuple[str, ...]


def ingest_iati(repo: GraphRepository, schema: GraphSchema, data: bytes, name: str, *, max_bytes: int,
                doc_id: str | None = None, title: str | None = None, date: str | None = None,
                replace: bool = False) -> IatiResult:
    """Read, check and write one IATI activity file all-or-nothing."""
    doc_id = doc_id or content_document_id(data)
    loaded = read_iati(data, name, doc_id, max_bytes=max_bytes, title=title, date=date)
    result = ingest_service.ingest(repo, schema, loaded.extraction, replace=replace)
    return IatiResult(result, loaded.activities, loaded.notes)


def iati_files(paths: list[str]) -> list[Path]:
    """Files as given; folders expand to their ``*.xml`` files (sorted)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        out.extend(sorted(path.glob("*.xml")) if path.is_dir() else [path])
    return out


def read_file(path: Path, max_bytes: int) -> bytes:
    """A file's bytes, refusing one over the limit before reading it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            from graph_schema.errors import DocumentTooLarge

            raise DocumentTooLarge(f"{path.name}: the file ({size} bytes) exceeds the IATI file limit of "
                                   f"{max_bytes} bytes (NEXUS_MAX_UPLOAD_BYTES)")
        return path.read_bytes()
    except OSError as exc:
        raise BadDocument(f"{path}: cannot read: {exc.strerror or exc}") from None
