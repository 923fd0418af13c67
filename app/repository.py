"""The graph repository: the only place that runs Cypher, for one request's session.

Every query text comes from the catalogue (``cypher/*.cypher``), or from the engine's
dialect where the engine needs other syntax, or from the schema-generated writer
statement. Values always travel as parameters.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from app.catalogue import CannedQuery, Catalogue
from app.store.base import Dialect, Row, Session, Version, VersionedSession
from app.writer.statements import document_statement
from graph_schema.model import GraphSchema


class GraphRepository:
    def __init__(self, session: Session, catalogue: Catalogue, dialect: Dialect, schema: GraphSchema) -> None:
        self._session = session
        self._catalogue = catalogue
        self._dialect = dialect
        self._schema = schema

    @property
    def engine(self) -> str:
        return self._dialect.name

    def text_of(self, query: CannedQuery) -> str:
        return self._dialect.query_overrides.get(query.name, query.text)

    def run(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        query = self._catalogue.get(name)
        if query.kind == "write":
            return self._session.write(self.text_of(query), params or {})
        return self._session.read(self.text_of(query), params or {})

    def stream(self, name: str, params: Mapping[str, Any] | None = None) -> Iterator[Row]:
        return self._session.stream(self.text_of(self._catalogue.get(name)), params or {})

    def graph_version(self) -> Version:
        """A fingerprint that every write changes: the engine's own where it has one (FalkorDB's counts and
        write counter), else the ``_graph_version`` query (counts, documents, latest ingest)."""
        if isinstance(self._session, VersionedSession):
            return self._session.graph_version()
        rows = self.run("_graph_version")
        row = rows[0] if rows else {}
        return (row.get("nodes"), row.get("relationships"), row.get("documents"), row.get("last_ingest"))

    # -- provenance and writes -------------------------------------------------
    def counts(self) -> Row:
        rows = self.run("_counts")
        return rows[0] if rows else {"nodes": 0, "relationships": 0}

    def resolve_keys(self, items: list[dict[str, str]]) -> list[Row]:
        return self.run("_resolve_keys", {"items": items}) if items else []

    def entities_by_ref(self, ref: str) -> list[Row]:
        return self.run("_entities_by_key", {"ref": ref})

    def document(self, doc_id: str) -> Row | None:
        rows = self.run("_get_document", {"doc_id": doc_id})
        return rows[0] if rows else None

    def write_document(
        self, params: Mapping[str, Any], rekey: list[dict[str, str]] | None = None, replace: bool = False
    ) -> None:
        """Write a document's statement, after re-keying promoted entities and (``replace``) retracting
        the stored version, as one unit (one transaction on Neo4j, one MULTI/EXEC block on FalkorDB)."""
        doc_id = params["doc"]["id"]
        statements: list[tuple[str, Mapping[str, Any]]] = []
        if replace:
            statements.append((self.text_of(self._catalogue.get("_retract_document")), {"doc_id": doc_id}))
        if rekey:
            statements.append((self.text_of(self._catalogue.get("_rekey_entities")), {"rekey": rekey}))
        statements.append((document_statement(self._schema), params))
        if len(statements) == 1:
            self._session.write(*statements[0])
        else:
            self._session.write_many(statements)

    def retract_document(self, doc_id: str) -> int:
        rows = self.run("_retract_document", {"doc_id": doc_id})
        return int(rows[0]["retracted"]) if rows else 0
