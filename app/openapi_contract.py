"""Make the OpenAPI document say what the code does, where FastAPI's generated text falls short.

- Every free-text string (parameters and body fields) carries the pattern the edge enforces: no
  control characters (app/services/field_rules.py); a document's ``text`` must hold a visible character.
- Links between operations (a stored document -> its metadata, facts and deletion; a search hit ->
  the entity), so stateful tests and generated clients can follow them.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

PLAIN = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"
_TEXT_CHAR = "[^\\u0000-\\u0008\\u000e-\\u001f\\u007f]"
DOCUMENT_TEXT = f"^{_TEXT_CHAR}*[^\\s\\u0000-\\u0008\\u000e-\\u001f\\u007f]{_TEXT_CHAR}*$"

DOCUMENT_LINKS = {
    "GetDocument": {"operationId": "get_document", "parameters": {"doc_id": "$response.body#/id"}},
    "GetDocumentFacts": {"operationId": "document_facts", "parameters": {"doc_id": "$response.body#/id"}},
    "DeleteDocument": {"operationId": "delete_document", "parameters": {"doc_id": "$response.body#/id"}},
}
ENTITY_LINKS = {
    "GetFirstEntity": {"operationId": "get_entity", "parameters": {"entity_id": "$response.body#/items/0/id"}},
    "GetFirstEntityNeighbors": {"operationId": "entity_neighbors",
                                "parameters": {"entity_id": "$response.body#/items/0/id"}},
}


def _plain_strings(schema: dict[str, Any], text_fields: frozenset[str] = frozenset()) -> None:
    for option in schema.get("anyOf", []):
        _plain_strings(option)
    if schema.get("type") == "string" and "enum" not in schema and "pattern" not in schema \
            and schema.get("format") != "binary":
        schema["pattern"] = PLAIN
    for name, prop in schema.get("properties", {}).items():
        if name in text_fields:
            prop["pattern"] = DOCUMENT_TEXT
        else:
            _plain_strings(prop)


def refine(spec: dict[str, Any]) -> None:
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            for param in op.get("parameters", []):
                _plain_strings(param.get("schema", {}))
            for media in op.get("requestBody", {}).get("content", {}).values():
                _plain_strings(media.get("schema", {}), frozenset({"text"}) if path == "/documents" else frozenset())
            if (method, path) == ("post", "/documents"):
                for status in ("200", "201"):
                    op["responses"][status]["links"] = DOCUMENT_LINKS
            if (method, path) == ("get", "/entities"):
                op["responses"]["200"]["links"] = ENTITY_LINKS
    for schema in spec.get("components", {}).get("schemas", {}).values():
        if schema.get("title") in ("TextDocument", "DocumentFields"):
            _plain_strings(schema, frozenset({"text"}))


def install(app: FastAPI) -> None:
    generate = app.openapi
    refined: list[bool] = []

    def openapi() -> dict[str, Any]:
        spec = generate()
        if not refined:
            refine(spec)
            refined.append(True)
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
