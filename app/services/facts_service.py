"""What one stored document contributed: the entities it mentions and the facts it supports."""

from __future__ import annotations

from app.repository import GraphRepository
from app.schemas import DocumentFact, DocumentFacts, MentionedEntity
from graph_schema.errors import NotFound


def document_facts(repo: GraphRepository, doc_id: str, limit: int, offset: int) -> DocumentFacts:
    if repo.document(doc_id) is None:
        raise NotFound(f"no document {doc_id!r} in the graph")
    entities = repo.run("_document_entities", {"doc_id": doc_id})
    facts = repo.run("_document_facts", {"doc_id": doc_id})
    return DocumentFacts(
        document=doc_id, offset=offset, limit=limit, total_entities=len(entities), total_relations=len(facts),
        entities=[MentionedEntity(**row) for row in entities[offset : offset + limit]],
        relations=[DocumentFact(**row) for row in facts[offset : offset + limit]],
    )
