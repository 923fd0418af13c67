"""Ingest an uploaded file or a JSON text: extract, then write the document's facts in one statement.

Document ids: the client's ``id`` when given; otherwise ``doc-`` + the first 16 hex digits of
the SHA-256 of the uploaded bytes (of the UTF-8 text for JSON), so the same content always
gets the same id whatever the file is called, and a repeat upload is answered from the
stored document without running the extraction again.
"""

from __future__ import annotations

import hashlib

from starlette.concurrency import run_in_threadpool

from app.repository import GraphRepository
from app.services import iati_service, ingest_service
from app.services.extraction_worker import ExtractionJob
from app.services.extractor import Extractor
from app.services.ingest_service import IngestResult
from app.services.upload_body import Upload
from graph_schema.contract import Extraction
from graph_schema.model import GraphSchema
from loaders.iati import is_iati


def content_id(upload: Upload) -> str:
    data = upload.data if upload.data is not None else (upload.text or "").encode("utf-8")
    return "doc-" + hashlib.sha256(data).hexdigest()[:16]


def document_id(upload: Upload) -> str:
    return upload.fields.id or content_id(upload)


async def extract(upload: Upload, doc_id: str, extractor: Extractor) -> Extraction:
    f = upload.fields
    if upload.data is not None:
        filename = upload.filename or "upload"
        return await extractor.run(ExtractionJob(
            "bytes", filename, data=upload.data,
            options={"doc_id": doc_id, "title": f.title or None, "url": f.url, "date": f.date,
                     "language": f.language, "source": f"upload:{filename}"},
        ))
    return await extractor.run(ExtractionJob(
        "text", doc_id, text=upload.text or "",
        options={"doc_id": doc_id, "title": f.title, "url": f.url, "date": f.date, "language": f.language,
                 "source": "api:text"},
    ))


def _ingest_iati(repo: GraphRepository, schema: GraphSchema, upload: Upload) -> IngestResult:
    """An IATI activity file (detected by its root element, or any .xml): read as data, no text extraction."""
    f = upload.fields
    data = upload.data or b""
    return iati_service.ingest_iati(repo, schema, data, upload.filename or "upload.xml", max_bytes=len(data) + 1,
                                    doc_id=document_id(upload), title=f.title or None, date=f.date,
                                    replace=f.replace).result


def _unchanged(repo: GraphRepository, doc_id: str) -> IngestResult | None:
    stored = repo.document(doc_id)
    if stored is None:
        return None
    relations = len(repo.run("_document_facts", {"doc_id": doc_id}))
    return IngestResult(doc_id, "unchanged", int(stored.get("entities") or 0), relations)


async def ingest_upload(
    repo: GraphRepository, schema: GraphSchema, extractor: Extractor, upload: Upload
) -> IngestResult:
    """Extract and store one document; the same content again changes nothing."""
    doc_id = document_id(upload)
    if upload.fields.id is None:  # content-addressed: stored under this id means same bytes
        known = await run_in_threadpool(_unchanged, repo, doc_id)
        if known is not None:
            return known
    if upload.data is not None and (is_iati(upload.data) or (upload.filename or "").lower().endswith(".xml")):
        return await run_in_threadpool(_ingest_iati, repo, schema, upload)
    if upload.data is not None and (upload.filename or "").lower().endswith(".docx"):
        from loaders.readers import check_docx_archive

        check_docx_archive(upload.data, upload.filename or "upload.docx")  # bombs: answered before any parsing
    extraction = await extract(upload, doc_id, extractor)
    return await run_in_threadpool(ingest_service.ingest, repo, schema, extraction, upload.fields.replace)
