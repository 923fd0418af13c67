"""Turn a validated extraction into the parameter rows of the document statement."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from app.writer.statements import node_param, rel_param, relationship_patterns
from graph_schema.contract import Evidence
from graph_schema.model import GraphSchema
from graph_schema.names import normalize_name
from graph_schema.validation import ResolvedEntity, ResolvedRelation, ValidatedExtraction


def _evidence_key(ev: Evidence) -> str:
    digest = hashlib.sha1(ev.quote.encode("utf-8")).hexdigest()[:12]
    return f"{ev.document_id}|{ev.start if ev.start is not None else -1}|{ev.rule}|{digest}"


def _evidence_rows(rel: ResolvedRelation, doc_id: str) -> dict[str, list[Any]]:
    evidence = list(rel.record.evidence) or [Evidence(document_id=doc_id, quote="(no quote given)", rule="unspecified")]
    evidence.sort(key=lambda e: (e.start if e.start is not None else -1, e.rule, e.quote))
    evidence = list({_evidence_key(e): e for e in evidence}.values())
    return {
        "ev_keys": [_evidence_key(e) for e in evidence],
        "ev_docs": [e.document_id for e in evidence],
        "ev_quotes": [e.quote for e in evidence],
        "ev_starts": [e.start if e.start is not None else -1 for e in evidence],
        "ev_ends": [e.end if e.end is not None else -1 for e in evidence],
        "ev_rules": [e.rule for e in evidence],
        "ev_models": [e.model or "" for e in evidence],
        "ev_versions": [e.pipeline_version or "" for e in evidence],
        "ev_conf": [float(e.confidence) for e in evidence],
    }


def _node_row(entity: ResolvedEntity, node_id: str, declared: tuple[str, ...]) -> dict[str, Any]:
    by_key: dict[str, str] = {}
    for name in (entity.name, *entity.aliases):
        by_key.setdefault(normalize_name(name), name)
    row: dict[str, Any] = {"id": node_id, "name": entity.name, "names": list(by_key.values()),
                           "name_keys": list(by_key)}
    if declared:  # every declared property travels (null when not given), so the statement text is fixed
        given = dict(entity.properties)
        row["has_props"] = bool(given)
        row["props"] = {p: given.get(p) for p in declared}
    return row


def document_params(
    schema: GraphSchema, validated: ValidatedExtraction, ids: dict[str, str], now: datetime | None = None
) -> dict[str, Any]:
    """Parameters for the document statement; ``ids`` maps in-document ids to stored node ids."""
    meta = validated.extraction.document
    params: dict[str, Any] = {
        "doc": {
            "id": meta.id, "title": meta.title or meta.id, "url": meta.url, "date": meta.date,
            "language": meta.language, "content_hash": meta.content_hash, "source": meta.source,
            "ingested_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        }
    }
    for label in schema.entity_labels:
        params[node_param(label)] = []
    for entity in validated.entities:
        params[node_param(entity.label)].append(
            _node_row(entity, ids.get(entity.id, entity.id), schema.node(entity.label).properties))
    for rel_type, source, target in relationship_patterns(schema):
        params[rel_param(rel_type, source, target)] = []
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for rel in validated.relations:
        src, tgt = ids.get(rel.source.id, rel.source.id), ids.get(rel.target.id, rel.target.id)
        if src == tgt:
            continue  # both ends merged into one stored entity
        s_label, t_label = rel.source.label, rel.target.label
        if schema.relationship(rel.type).symmetric and tgt < src:
            src, tgt, s_label, t_label = tgt, src, t_label, s_label
        key = (rel.type, src, tgt)
        ev = _evidence_rows(rel, meta.id)
        row = merged.get(key)
        if row is None:
            row = {"source": src, "target": tgt, "roles": [], **ev}
            merged[key] = row
            params[rel_param(rel.type, s_label, t_label)].append(row)
        else:
            for j, ev_key in enumerate(ev["ev_keys"]):
                if ev_key not in row["ev_keys"]:
                    for name, values in ev.items():
                        row[name].append(values[j])
        if rel.record.role and rel.record.role not in row["roles"]:
            row["roles"].append(rel.record.role)
    return params
