"""Read a ``POST /documents`` body — a multipart file upload or a JSON text — within the size limit.

The limit is enforced before the body is read (``Content-Length``) and again while it streams
in, so an oversized upload is refused after at most ``max_bytes`` + a small envelope; file
parts spool to a temporary file past 1 MB, never to one big in-memory buffer.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from app.services.field_rules import entity_namespace_check, no_control
from graph_schema.errors import DocumentTooLarge, InvalidParameters, UnsupportedDocumentType

ENVELOPE_BYTES = 64 * 1024  # multipart boundaries and headers, JSON quoting and the metadata fields
QUERY_BODY_MAX_BYTES = 64 * 1024  # the parameters of a canned query (POST /queries/{name})
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
FORM_FIELDS = ("id", "title", "url", "date", "language", "replace")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


Plain = Annotated[str, AfterValidator(no_control)]  # no control characters: they break the engine and XML
DocId = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=ID_PATTERN),
                  AfterValidator(entity_namespace_check)]


class DocumentFields(BaseModel):
    """Metadata that may accompany a document (JSON fields or multipart form fields)."""

    model_config = ConfigDict(extra="forbid")

    id: DocId | None = Field(default=None, description="Document id; default: doc-<first 16 hex digits of the "
                             "content's SHA-256>. Not an entity id: 'organization:…', 'region:…' "
                             "and the other entity types are refused")
    title: Plain = Field(default="", max_length=1000)
    url: Plain | None = Field(default=None, max_length=2000)
    date: Plain | None = Field(default=None, max_length=40, description="Publication date, e.g. 2024-02-20")
    language: Plain | None = Field(default=None, max_length=10, description="en or fr; detected when absent")
    replace: bool = Field(default=False, strict=True,
                          description="Replace a document stored under this id with other content")


class TextDocument(DocumentFields):
    """A document given as plain text (``application/json``)."""

    text: str = Field(min_length=1, description="The document's text (UTF-8)")


@dataclass(frozen=True)
class Upload:
    fields: DocumentFields
    filename: str | None = None  # set for file uploads
    data: bytes | None = None  # the file's bytes
    text: str | None = None  # set for JSON text documents


def describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err["loc"]) or "body"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


async def _capped(request: Request, limit: int) -> AsyncGenerator[bytes, None]:
    seen = 0
    async for chunk in request.stream():
        seen += len(chunk)
        if seen > limit:
            raise DocumentTooLarge(f"the request body exceeds the upload limit of {limit} bytes")
        yield chunk


def _check_length(request: Request, limit: int) -> None:
    raw = request.headers.get("content-length")
    if raw is not None and raw.isdigit() and int(raw) > limit:
        raise DocumentTooLarge(f"the request body ({int(raw)} bytes) exceeds the upload limit of {limit} bytes")


async def read_upload(request: Request, max_bytes: int) -> Upload:
    """Parse the body by its content type; 413/415/422 (as domain errors) for what cannot be used."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    limit = max_bytes + ENVELOPE_BYTES
    if ctype == "multipart/form-data":
        _check_length(request, limit)
        return await _read_multipart(request, limit, max_bytes)
    if ctype == "application/json" or ctype.endswith("+json"):
        _check_length(request, limit)
        return await _read_json(request, limit, max_bytes)
    raise UnsupportedDocumentType(
        f"unsupported request content type {ctype or '(none)'!r}: send multipart/form-data with the document "
        "in form field 'file', or application/json with a 'text' field"
    )


async def _read_json(request: Request, limit: int, max_bytes: int) -> Upload:
    body = b"".join([chunk async for chunk in _capped(request, limit)])
    raw = parse_json_object(body, "the request body must be a JSON object with a 'text' field")
    try:
        doc = TextDocument.model_validate(raw)
    except ValidationError as exc:
        raise InvalidParameters(f"invalid document: {describe(exc)}") from None
    check_text(doc.text, max_bytes)
    fields = DocumentFields.model_validate(doc.model_dump(exclude={"text"}))
    return Upload(fields=fields, text=doc.text)


def parse_json_object(body: bytes, not_object: str) -> dict[str, Any]:
    """The body as a JSON object, or InvalidParameters (malformed, nested too deeply, not an object)."""
    try:
        raw: Any = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidParameters(f"the request body is not valid JSON: {exc}") from None
    except RecursionError:  # the decoder recurses per level: ~1,000 levels of [ or { exhaust the stack
        raise InvalidParameters("the request body is JSON nested too deeply; send a flat object") from None
    if not isinstance(raw, dict):
        raise InvalidParameters(not_object)
    return raw


def check_text(text: str, max_bytes: int) -> None:
    if not text.strip():
        raise InvalidParameters("invalid document: text: the text is empty or whitespace only")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise DocumentTooLarge(f"the text ({size} bytes) exceeds the upload limit of {max_bytes} bytes")
    bad = _CONTROL.search(text)
    if bad is not None:
        raise InvalidParameters(
            f"invalid document: text: control character U+{ord(bad.group()):04X} at offset {bad.start()}; "
            "send plain text (tabs, newlines and form feeds are fine)"
        )
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise InvalidParameters("invalid document: text: lone UTF-16 surrogate; the text is not valid Unicode")


def form_bool(name: str, value: str) -> bool:
    """A multipart boolean: the text ``true`` or ``false`` (as the OpenAPI form schema says)."""
    lowered = value.strip().lower()
    if lowered not in ("true", "false"):
        raise InvalidParameters(f"invalid form fields: {name}: send true or false")
    return lowered == "true"


async def _read_multipart(request: Request, limit: int, max_bytes: int) -> Upload:
    parser = MultiPartParser(request.headers, _capped(request, limit), max_files=1, max_fields=len(FORM_FIELDS))
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise InvalidParameters(f"malformed multipart body: {exc.message}") from None
    try:
        unknown = sorted(set(form.keys()) - {"file", *FORM_FIELDS})
        if unknown:
            raise InvalidParameters(f"unknown form field(s) {unknown}; allowed: file, {', '.join(FORM_FIELDS)}")
        upload = form.get("file")
        if upload is None:
            raise InvalidParameters("multipart upload needs the document in form field 'file'")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InvalidParameters("form field 'file' must be a file upload with a filename (e.g. report.pdf)")
        data = await upload.read(max_bytes + 1)
        filename = PurePath(upload.filename.replace("\\", "/")).name[:200] or "upload"
        if len(data) > max_bytes:
            raise DocumentTooLarge(f"{filename}: the file exceeds the upload limit of {max_bytes} bytes")
        if any(isinstance(v, UploadFile) for k, v in form.multi_items() if k != "file"):
            raise InvalidParameters("only form field 'file' may carry a file; the others are text")
        values: dict[str, Any] = {k: v for k, v in form.items() if k != "file" and isinstance(v, str) and v.strip()}
        if "replace" in values:
            values["replace"] = form_bool("replace", values["replace"])
        try:
            fields = DocumentFields.model_validate(values)
        except ValidationError as exc:
            raise InvalidParameters(f"invalid form fields: {describe(exc)}") from None
        return Upload(fields=fields, filename=filename, data=data)
    finally:
        await form.close()
