"""Write and retract documents: validate, merge aliases onto stored entities, write atomically."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Literal

from app.repository import GraphRepository
from app.services.field_rules import document_id_problem, strip_controls
from app.writer.rows import document_params
from graph_schema.contract import Extraction
from graph_schema.errors import Conflict, InvalidParameters, NotFound
from graph_schema.model import GraphSchema
from graph_schema.names import normalize_name
from graph_schema.validation import ValidatedExtraction, validate_extraction

# Writes from one process are serialised so that alias merging sees every earlier write.
_WRITE_LOCK = threading.Lock()


@dataclass(frozen=True)
class IngestResult:
    document_id: str
    status: Literal["created", "unchanged", "replaced"]
    entities: int
    relations: int
    merged: dict[str, str] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Resolution:
    """Where each entity of a document goes: in-document id -> stored id, plus ids to re-key."""

    ids: dict[str, str]
    rekey: list[dict[str, str]]
    conflicts: list[str]


def stored_ids(repo: GraphRepository, validated: ValidatedExtraction) -> Resolution:
    """Map each entity of the document to the stored node it is an alias of (if any).

    When the incoming name lists the stored node's name among its aliases, the incoming name is the
    fuller one: the writer promotes it to canonical and the node takes the id of that name, so the
    final graph does not depend on which document came first.
    """
    items = [{"label": e.label, "key": k} for e in validated.entities for k in e.keys]
    found: dict[tuple[str, str], list[str]] = {}
    names: dict[str, str] = {}
    for row in repo.resolve_keys(items):
        found.setdefault((row["label"], row["key"]), []).append(row["id"])
        names[row["id"]] = row["name"]
    ids: dict[str, str] = {}
    rekey: dict[str, str] = {}
    conflicts: list[str] = []
    for ent in validated.entities:
        hits: dict[str, int] = {}
        for key in ent.keys:
            for node_id in found.get((ent.label, key), []):
                hits[node_id] = hits.get(node_id, 0) + 1
        if not hits or ent.id in hits:
            ids[ent.id] = ent.id
            continue
        ranked = sorted(hits, key=lambda node_id: (-hits[node_id], node_id))
        best = ranked[0]
        name_matched = best in found.get((ent.label, ent.keys[0]), [])
        if not name_matched and normalize_name(names[best]) in ent.keys and best not in rekey:
            rekey[best] = ent.id
            ids[ent.id] = ent.id
        else:
            ids[ent.id] = rekey.get(best, best)
        if len(ranked) > 1:
            conflicts.append(
                f"{ent.label} {ent.name!r} matches several stored entities {ranked}; merged into {ids[ent.id]}"
            )
    return Resolution(ids, [{"old": old, "new": new} for old, new in sorted(rekey.items())], conflicts)


def ingest(repo: GraphRepository, schema: GraphSchema, extraction: Extraction, replace: bool = False) -> IngestResult:
    """Write one document's facts all-or-nothing; the same content again changes nothing."""
    doc = extraction.document
    problem = document_id_problem(doc.id)
    if problem is not None:  # the exports and neo4j-admin need node ids unique across entities and documents
        raise InvalidParameters(f"invalid document: id: {problem}")
    extraction = _plain_metadata(extraction)
    validated = validate_extraction(schema, extraction)
    doc = extraction.document
    with _WRITE_LOCK:
        existing = repo.document(doc.id)
        if existing is not None and existing["content_hash"] == doc.content_hash:
            return IngestResult(doc.id, "unchanged", len(validated.entities), len(validated.relations))
        if existing is not None and not replace:
            raise Conflict(f"document {doc.id!r} is already stored with other content; delete it first or replace it")
        resolution = stored_ids(repo, validated)
        params = document_params(schema, validated, resolution.ids)
        repo.write_document(params, resolution.rekey, replace=existing is not None)
    merged = {k: v for k, v in resolution.ids.items() if k != v}
    status: Literal["created", "replaced"] = "created" if existing is None else "replaced"
    return IngestResult(
        doc.id, status, len(validated.entities), len(validated.relations), merged, resolution.conflicts
    )


def _plain_metadata(extraction: Extraction) -> Extraction:
    """Metadata read from files (an HTML or DOCX title, a PDF's info) loses control characters: a NUL would cut
    the engine's query text short, and XML cannot carry them. (Fields sent by clients are refused at the edge.)"""
    doc = extraction.document
    fields = {"title": doc.title, "url": doc.url, "date": doc.date, "language": doc.language, "source": doc.source}
    cleaned = {k: strip_controls(v) for k, v in fields.items() if isinstance(v, str) and strip_controls(v) != v}
    if not cleaned:
        return extraction
    return extraction.model_copy(update={"document": doc.model_copy(update=cleaned)})


def retract(repo: GraphRepository, doc_id: str) -> None:
    """Remove a document: what only it supported disappears, the rest loses its evidence."""
    with _WRITE_LOCK:
        if repo.document(doc_id) is None:
            raise NotFound(f"no document {doc_id!r} in the graph")
        repo.retract_document(doc_id)
