"""Sahel Nexus Graph schema: node and edge types, the extraction contract, taxonomy data."""

from graph_schema.contract import DocumentMeta, EntityRecord, Evidence, Extraction, RelationRecord
from graph_schema.model import GraphSchema, load_schema

__all__ = [
    "DocumentMeta",
    "EntityRecord",
    "Evidence",
    "Extraction",
    "GraphSchema",
    "RelationRecord",
    "load_schema",
]
