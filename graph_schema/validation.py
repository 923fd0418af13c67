"""Check an Extraction against the schema and resolve relation ends to entities.

Everything here is pure: a violation raises :class:`SchemaViolation` naming each offending
item before anything reaches a store, so a rejected write stores nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_schema.contract import EntityRecord, Extraction, RelationRecord
from graph_schema.errors import SchemaViolation
from graph_schema.model import GraphSchema
from graph_schema.names import entity_id, is_generic_name, normalize_name


@dataclass(frozen=True)
class ResolvedEntity:
    id: str
    label: str
    name: str
    aliases: tuple[str, ...]
    keys: tuple[str, ...]
    mentions: frozenset[str] = frozenset()  # every normalised name, generic ones too (relation ends only)
    properties: tuple[tuple[str, str], ...] = ()  # data properties (schema-declared names)


@dataclass(frozen=True)
class ResolvedRelation:
    type: str
    source: ResolvedEntity
    target: ResolvedEntity
    record: RelationRecord


@dataclass(frozen=True)
class ValidatedExtraction:
    extraction: Extraction
    entities: tuple[ResolvedEntity, ...]
    relations: tuple[ResolvedRelation, ...]


def entity_keys(entity: EntityRecord) -> tuple[str, ...]:
    """Identifying normalised names: the canonical name first, generic aliases ("it", "the project") left out."""
    name_key = normalize_name(entity.name)
    aliases = (normalize_name(a) for a in entity.aliases)
    keys = dict.fromkeys([name_key, *(k for k in aliases if k and not is_generic_name(k))])
    return tuple(k for k in keys if k)


def _merge_entities(schema: GraphSchema, extraction: Extraction, problems: list[str]) -> list[ResolvedEntity]:
    """One ResolvedEntity per (label, overlapping names/aliases); first name is canonical."""
    merged: list[ResolvedEntity] = []
    first: dict[tuple[str, str], int] = {}  # (label, key) -> the first merged entity holding it (linear-scan order)
    for i, ent in enumerate(extraction.entities):
        if ent.type not in schema.entity_labels:
            problems.append(f"entities[{i}] {ent.name!r}: unknown label {ent.type!r}")
            continue
        declared = schema.node(ent.type).properties
        for prop, _value in ent.properties:
            if prop not in declared:
                problems.append(f"entities[{i}] {ent.name!r}: property {prop!r} is not declared for {ent.type}")
        keys = entity_keys(ent)
        if not keys:
            problems.append(f"entities[{i}]: missing key (name {ent.name!r} is empty after normalisation)")
            continue
        hits = [first[(ent.type, k)] for k in keys if (ent.type, k) in first]
        if hits:
            j = min(hits)
            other = merged[j]
            aliases = tuple(dict.fromkeys((*other.aliases, ent.name, *ent.aliases)))
            aliases = tuple(
                a for a in aliases
                if normalize_name(a) != normalize_name(other.name) and not is_generic_name(normalize_name(a))
            )
            merged[j] = ResolvedEntity(
                other.id, other.label, other.name, aliases, tuple(dict.fromkeys((*other.keys, *keys))),
                other.mentions | _mentions(ent), _merge_properties(other.properties, ent.properties),
            )
            for k in keys:
                first[(ent.type, k)] = min(first.get((ent.type, k), j), j)
        else:
            for k in keys:
                first[(ent.type, k)] = len(merged)
            aliases = tuple(a for a in dict.fromkeys(ent.aliases) if normalize_name(a) in keys[1:])
            merged.append(
                ResolvedEntity(entity_id(ent.type, ent.name), ent.type, ent.name, aliases, keys, _mentions(ent),
                               _merge_properties((), ent.properties))
            )
    return merged


def _merge_properties(
    first: tuple[tuple[str, str], ...], then: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    """The first value given for each property wins (like the first name); sorted by name."""
    out = dict(first)
    for prop, value in then:
        out.setdefault(prop, value)
    return tuple(sorted(out.items()))


def _mentions(entity: EntityRecord) -> frozenset[str]:
    return frozenset(k for k in (normalize_name(n) for n in (entity.name, *entity.aliases)) if k)


class _EndIndex:
    """Entities by key and by mention, in entity order (relation ends resolve in one lookup each)."""

    def __init__(self, entities: list[ResolvedEntity]) -> None:
        self.keys: dict[str, list[ResolvedEntity]] = {}
        self.mentions: dict[str, list[ResolvedEntity]] = {}
        for e in entities:
            for k in e.keys:
                self.keys.setdefault(k, []).append(e)
            for k in e.mentions:
                self.mentions.setdefault(k, []).append(e)


def _resolve_end(name: str, allowed: frozenset[str], index: _EndIndex) -> list[ResolvedEntity]:
    key = normalize_name(name)
    exact = [e for e in index.keys.get(key, ()) if e.label in allowed]
    return exact or [e for e in index.mentions.get(key, ()) if e.label in allowed]


def validate_extraction(schema: GraphSchema, extraction: Extraction) -> ValidatedExtraction:
    """Validate labels, types, patterns and keys; raise SchemaViolation listing every problem."""
    problems: list[str] = []
    entities = _merge_entities(schema, extraction, problems)
    index = _EndIndex(entities)
    relations: list[ResolvedRelation] = []
    fact_types = schema.fact_types
    for i, rel in enumerate(extraction.relations):
        where = f"relations[{i}] {rel.type} {rel.source!r} -> {rel.target!r}"
        if rel.type not in fact_types:
            problems.append(f"{where}: unknown relationship type {rel.type!r}")
            continue
        spec = schema.relationship(rel.type)
        sources = _resolve_end(rel.source, spec.source_labels, index)
        targets = _resolve_end(rel.target, spec.target_labels, index)
        pairs = [(s, t) for s in sources for t in targets if spec.allows(s.label, t.label) and s.id != t.id]
        if not pairs:
            if not _resolve_end(rel.source, frozenset(schema.entity_labels), index):
                problems.append(f"{where}: source is not a listed entity")
            elif not _resolve_end(rel.target, frozenset(schema.entity_labels), index):
                problems.append(f"{where}: target is not a listed entity")
            else:
                problems.append(f"{where}: pattern not allowed by the schema")
            continue
        for ev_i, ev in enumerate(rel.evidence):
            if ev.document_id != extraction.document.id:
                problems.append(f"{where}: evidence[{ev_i}] names document {ev.document_id!r}")
        source, target = pairs[0]
        relations.append(ResolvedRelation(rel.type, source, target, rel))
    if problems:
        raise SchemaViolation(problems)
    return ValidatedExtraction(extraction, tuple(entities), tuple(relations))
