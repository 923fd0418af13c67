"""Build the configured store (one per application)."""

from __future__ import annotations

from app.settings import Settings
from app.store.base import GraphStore
from graph_schema.model import GraphSchema


def build_store(settings: Settings, schema: GraphSchema) -> GraphStore:
    if settings.store == "neo4j":
        from app.store.neo4j_store import Neo4jStore

        return Neo4jStore(
            schema,
            uri=settings.neo4j_uri,
            user=settings.neo4j_user,
            password=settings.neo4j_password.get_secret_value(),
            database=settings.neo4j_database,
            timeout_ms=settings.query_timeout_ms,
        )
    from app.store.falkordb_store import FalkorStore

    return FalkorStore(
        schema, settings.data_dir, settings.graph_name, settings.falkordb_socket, settings.query_timeout_ms
    )
