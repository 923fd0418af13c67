"""Write and retract documents: validate, merge aliases onto stored entities, write atomically."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Literal

from app.repository import GraphRepository
from app.writer.rows import document_params
from graph_schema.contract import Extraction
from graph_schema.errors import Conflict, NotFound
from graph_schema.model import GraphSchema
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


def stored_ids(repo: GraphRepository, validated: ValidatedExtraction) -> tuple[dict[str, str], list[str]]:
    """Map each entity of the document to the stored node it is an alias of (if any)."""
    items = [{"label": e.label, "key": k} for e in validated.entities for k in e.keys]
    found: dict[tuple[str, str], list[str]] = {}
    for row in repo.resolve_keys(items):
        found.setdefault((row["label"], row["key"]), []).append(row["id"])
    ids: dict[str, str] = {}
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
        ids[ent.id] = ranked[0]
        if len(ranked) > 1:
            conflicts.append(
                f"{ent.label} {ent.name!r} matches several stored entities {ranked}; merged into {ranked[0]}"
            )
    return ids, conflicts


def ingest(repo: GraphRepository, schema: GraphSchema, extraction: Extraction, replace: bool = False) -> IngestResult:
    """Write one document's facts all-or-nothing; the same content again changes nothing."""
    validated = validate_extraction(schema, extraction)
    doc = extraction.document
    with _WRITE_LOCK:
        existing = repo.document(doc.id)
        if existing is not None and existing["content_hash"] == doc.content_hash:
            return IngestResult(doc.id, "unchanged", len(validated.entities), len(validated.relations))
        if existing is not None and not replace:
            raise Conflict(f"document {doc.id!r} is already stored with other content; delete it first or replace it")
        ids, conflicts = stored_ids(repo, validated)
        params = document_params(schema, validated, ids)
        if existing is None:
            repo.write_document(params)
        else:
            repo.replace_document(doc.id, params)
    merged = {k: v for k, v in ids.items() if k != v}
    status: Literal["created", "replaced"] = "created" if existing is None else "replaced"
    return IngestResult(doc.id, status, len(validated.entities), len(validated.relations), merged, conflicts)


def retract(repo: GraphRepository, doc_id: str) -> None:
    """Remove a document: what only it supported disappears, the rest loses its evidence."""
    with _WRITE_LOCK:
        if repo.document(doc_id) is None:
            raise NotFound(f"no document {doc_id!r} in the graph")
        repo.retract_document(doc_id)
