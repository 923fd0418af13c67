"""The extraction contract: the only thing loaders hand to the graph.

An :class:`Extraction` is one document's metadata plus the entities and relations read out
of it, each relation with its evidence. The gold JSON format of ``shared/gold`` (see
GUIDE.md) is a valid input (:meth:`Extraction.from_gold`) and the output format of
``nexus extract`` (:meth:`Extraction.to_gold`).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from graph_schema.errors import BadDocument

MAX_NAME = 300
MAX_QUOTE = 2000


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Evidence(_Model):
    """Where a relation is stated: document, quoted sentence, offsets, rule, confidence."""

    document_id: str = Field(min_length=1, max_length=200)
    quote: str = Field(min_length=1, max_length=MAX_QUOTE)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    rule: str = Field(default="manual", max_length=100)
    model: str | None = Field(default=None, max_length=100)
    pipeline_version: str | None = Field(default=None, max_length=50)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class EntityRecord(_Model):
    name: str = Field(min_length=1, max_length=MAX_NAME)
    type: str = Field(min_length=1, max_length=50)
    aliases: tuple[str, ...] = ()
    # Data properties (structured sources such as IATI): (name, value) pairs, names declared for the label in
    # schema.yaml (`properties`). The document that sets them owns them: retracting it clears them.
    properties: tuple[tuple[str, str], ...] = ()

    @field_validator("aliases")
    @classmethod
    def _clean_aliases(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(a.strip()[:MAX_NAME] for a in value if a and a.strip())


class RelationRecord(_Model):
    type: str = Field(min_length=1, max_length=50)
    source: str = Field(min_length=1, max_length=MAX_NAME)
    target: str = Field(min_length=1, max_length=MAX_NAME)
    role: str | None = Field(default=None, max_length=MAX_NAME)
    evidence: tuple[Evidence, ...] = ()


class DocumentMeta(_Model):
    id: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")
    title: str = Field(default="", max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    date: str | None = Field(default=None, max_length=40)
    language: str | None = Field(default=None, max_length=10)
    content_hash: str = Field(min_length=1, max_length=128)
    source: str | None = Field(default=None, max_length=1000)


class Extraction(_Model):
    document: DocumentMeta
    entities: tuple[EntityRecord, ...] = ()
    relations: tuple[RelationRecord, ...] = ()

    @classmethod
    def from_gold(cls, data: object, *, stem: str, text: str | None = None) -> Extraction:
        """Read the gold JSON format; ``text`` (the document) locates evidence offsets."""
        if not isinstance(data, dict):
            raise BadDocument(f"{stem}: top level must be a JSON object with 'entities' and 'relations'")
        doc_field = data.get("metadata", data.get("document", stem))
        meta_raw: dict[str, Any] = dict(doc_field) if isinstance(doc_field, dict) else {"id": doc_field or stem}
        meta_raw.setdefault("title", stem)
        meta_raw.setdefault(
            "content_hash", sha256_text(text if text is not None else json.dumps(data, sort_keys=True))
        )
        doc_id = str(meta_raw.get("id") or stem)
        try:
            relations = [_gold_relation(r, doc_id, text) for r in _list(data, "relations", stem)]
            entities = _list(data, "entities", stem)
            return cls.model_validate({"document": meta_raw, "entities": entities, "relations": relations})
        except ValidationError as exc:
            raise BadDocument(f"{stem}: {_describe(exc)}") from None

    def to_gold(self) -> dict[str, Any]:
        """The gold format of GUIDE.md, with the full evidence records beside ``evidence``."""
        rels: list[dict[str, Any]] = []
        for rel in self.relations:
            item: dict[str, Any] = {"type": rel.type, "source": rel.source, "target": rel.target}
            if rel.role:
                item["role"] = rel.role
            if rel.evidence:
                item["evidence"] = rel.evidence[0].quote
                item["evidence_spans"] = [e.model_dump(exclude_none=True) for e in rel.evidence]
            rels.append(item)
        return {
            "document": self.document.id,
            "metadata": self.document.model_dump(exclude_none=True),
            "entities": [_gold_entity(e) for e in self.entities],
            "relations": rels,
        }


def _gold_entity(entity: EntityRecord) -> dict[str, Any]:
    item: dict[str, Any] = {"name": entity.name, "type": entity.type, "aliases": list(entity.aliases)}
    if entity.properties:
        item["properties"] = [list(p) for p in entity.properties]
    return item


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _list(data: dict[str, Any], key: str, stem: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise BadDocument(f"{stem}: '{key}' must be a list")
    return value


def _gold_relation(raw: object, doc_id: str, text: str | None) -> object:
    """Turn gold evidence (a quote string) into Evidence records; pass other shapes through."""
    if not isinstance(raw, dict):
        return raw
    item = {k: v for k, v in raw.items() if k not in ("evidence", "evidence_spans")}
    spans = raw.get("evidence_spans")
    quote = raw.get("evidence")
    if isinstance(spans, list):
        item["evidence"] = spans
    elif isinstance(quote, str) and quote.strip():
        start = text.find(quote) if text is not None else -1
        item["evidence"] = [
            {
                "document_id": doc_id,
                "quote": quote,
                "start": start if start >= 0 else None,
                "end": start + len(quote) if start >= 0 else None,
                "rule": "gold",
            }
        ]
    elif quote is not None:
        item["evidence"] = quote  # let validation name the wrong type
    return item


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err["loc"])
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)
