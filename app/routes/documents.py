from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.deps import Repo
from app.schemas import DocumentInfo, DocumentPage
from app.services import document_service

router = APIRouter(tags=["documents"])
DocId = Annotated[str, Path(min_length=1, max_length=200, description="Document id")]


@router.get("/documents", response_model=DocumentPage, summary="Stored documents")
def list_documents(
    repo: Repo, limit: Annotated[int, Query(ge=1, le=500)] = 50, offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0
) -> DocumentPage:
    return document_service.list_documents(repo, limit, offset)


@router.get(
    "/documents/{doc_id}", response_model=DocumentInfo, summary="One document's metadata", operation_id="get_document",
    responses={404: {"description": "Unknown document"}},
)
def get_document(doc_id: DocId, repo: Repo) -> DocumentInfo:
    return document_service.get_document(repo, doc_id)
