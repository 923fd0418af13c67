"""Document ingestion over HTTP: upload or post text, list what a document contributed, retract it."""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from app.deps import Repo, SchemaDep, SettingsDep
from app.request_checks import CleanParameters
from app.schemas import DocumentFacts, IngestResponse
from app.security import AUTH_ERRORS, WriteAccess
from app.services import facts_service, ingest_service, upload_service
from app.services.extractor import Extractor
from app.services.upload_body import FORM_FIELDS, DocumentFields, TextDocument, read_upload

router = APIRouter(tags=["ingestion"])
DocId = Annotated[str, Path(min_length=1, max_length=200, description="Document id")]
_EXTRACTOR_LOCK = threading.Lock()


def _form_schema() -> dict[str, Any]:
    props: dict[str, Any] = {"file": {"type": "string", "format": "binary", "description": "A .txt/.html/.pdf/.docx"}}
    fields = DocumentFields.model_json_schema()["properties"]
    for name in FORM_FIELDS:
        spec = fields[name]
        kind = "boolean" if name == "replace" else "string"
        props[name] = {"type": kind, "description": spec.get("description", name)}
        for bound in ("maxLength", "pattern"):
            for option in (spec, *spec.get("anyOf", [])):
                if bound in option:
                    props[name][bound] = option[bound]
    return {"type": "object", "required": ["file"], "properties": props, "additionalProperties": False}


_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {"schema": _form_schema()},
            "application/json": {"schema": TextDocument.model_json_schema()},
        },
    }
}
_ERR = {"content": {"application/json": {"schema": {"type": "object", "properties": {"detail": {}}}}}}
_WRITE_ERRORS = AUTH_ERRORS


def get_extractor(request: Request, settings: SettingsDep) -> Extractor:
    """The app's extractor, made on first use (the models load once per process, in the worker)."""
    with _EXTRACTOR_LOCK:
        extractor: Extractor | None = getattr(request.app.state, "extractor", None)
        if extractor is None:
            extractor = Extractor(settings.max_upload_bytes, settings.extraction_timeout_s)
            request.app.state.extractor = extractor
        return extractor


@router.post(
    "/documents", response_model=IngestResponse, status_code=201, dependencies=[WriteAccess, CleanParameters],
    summary="Ingest a document (multipart file upload or JSON text)", openapi_extra=_BODY,
    responses={
        200: {"description": "Same content already stored: nothing changed", "model": IngestResponse},
        **_WRITE_ERRORS,
        409: {"description": "Id already stored with other content (send replace=true)", **_ERR},
        413: {"description": "Upload over the size limit", **_ERR},
        415: {"description": "Unsupported document or request type", **_ERR},
        422: {"description": "Unreadable document, invalid fields, or extraction over its time limit", **_ERR},
        503: {"description": "Engine unreachable or extraction worker busy", **_ERR},
    },
)
async def ingest_document(request: Request, response: Response, repo: Repo, schema: SchemaDep,
                          settings: SettingsDep) -> IngestResponse:
    upload = await read_upload(request, settings.max_upload_bytes)
    result = await upload_service.ingest_upload(repo, schema, get_extractor(request, settings), upload)
    if result.status != "created":
        response.status_code = 200
    return IngestResponse(id=result.document_id, status=result.status, entities=result.entities,
                          relations=result.relations, merged=result.merged, conflicts=result.conflicts)


@router.get(
    "/documents/{doc_id}/facts", response_model=DocumentFacts, summary="What a document contributed, with evidence",
    operation_id="document_facts", dependencies=[CleanParameters],
    responses={404: {"description": "Unknown document", **_ERR}},
)
def document_facts(
    doc_id: DocId, repo: Repo,
    limit: Annotated[int, Query(ge=1, le=500)] = 500, offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> DocumentFacts:
    return facts_service.document_facts(repo, doc_id, limit, offset)


@router.delete(
    "/documents/{doc_id}", status_code=204, dependencies=[WriteAccess, CleanParameters], response_class=Response,
    summary="Retract a document: what only it supported disappears", operation_id="delete_document",
    responses={**_WRITE_ERRORS, 404: {"description": "Unknown document", **_ERR}},
)
def delete_document(doc_id: DocId, repo: Repo) -> Response:
    ingest_service.retract(repo, doc_id)
    return Response(status_code=204)
