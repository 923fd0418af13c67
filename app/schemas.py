"""Response models of the HTTP API (they shape the OpenAPI document)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str
    engine: str
    version: str
    nodes: int
    relationships: int


class QueryInfo(BaseModel):
    name: str
    description: str
    parameters: dict[str, Any]
    returns: list[str]
    source: str


class QueryResult(BaseModel):
    query: str
    parameters: dict[str, Any]
    count: int
    rows: list[dict[str, Any]]


class FundingPage(QueryResult):
    next_cursor: str | None = Field(default=None, description="Pass as ?cursor= for the next page (null: last page)")


class EntitySummary(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str] = []


class EntityPage(BaseModel):
    total_returned: int
    offset: int
    limit: int
    items: list[EntitySummary]
    next_cursor: str | None = Field(default=None, description="Pass as ?cursor= for the next page (absent: last page)")


class RelationshipCount(BaseModel):
    type: str
    direction: str
    count: int


class EntityDetail(BaseModel):
    id: str
    name: str
    type: str
    labels: list[str]
    aliases: list[str]
    documents: list[str]
    relationships: list[RelationshipCount]
    data: dict[str, str] = Field(default_factory=dict, description=(
        "Data properties set by a structured source (IATI: iati_identifier, iati_status, activity dates, iati_ref) "
        "and props_document, the document they come from"))


class DocumentInfo(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    language: str | None = None
    content_hash: str | None = None
    source: str | None = None
    ingested_at: str | None = None
    entities: int = 0


class DocumentPage(BaseModel):
    offset: int
    limit: int
    items: list[DocumentInfo]


class IngestResponse(BaseModel):
    id: str
    status: str  # created | unchanged | replaced
    entities: int
    relations: int
    merged: dict[str, str] = {}
    conflicts: list[str] = []


class MentionedEntity(BaseModel):
    id: str
    name: str
    type: str


class FactEvidence(BaseModel):
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    rule: str | None = None
    model: str | None = None
    confidence: float | None = None


class DocumentFact(BaseModel):
    type: str
    source_id: str
    source: str
    target_id: str
    target: str
    evidence: list[FactEvidence]


class DocumentFacts(BaseModel):
    document: str
    offset: int
    limit: int
    total_entities: int
    total_relations: int
    entities: list[MentionedEntity]
    relations: list[DocumentFact]
