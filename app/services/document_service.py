"""Stored documents: listing and metadata."""

from __future__ import annotations

from app.repository import GraphRepository
from app.schemas import DocumentInfo, DocumentPage
from graph_schema.errors import NotFound


def list_documents(repo: GraphRepository, limit: int, offset: int) -> DocumentPage:
    rows = repo.run("_list_documents", {"limit": limit, "offset": offset})
    return DocumentPage(offset=offset, limit=limit, items=[DocumentInfo(**row) for row in rows])


def get_document(repo: GraphRepository, doc_id: str) -> DocumentInfo:
    row = repo.document(doc_id)
    if row is None:
        raise NotFound(f"no document {doc_id!r} in the graph")
    return DocumentInfo(**row)
