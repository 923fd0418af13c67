"""Neo4j 5's text: constraints, range and full-text indexes, all ``IF NOT EXISTS``."""

from __future__ import annotations

from graph_schema.model import GraphSchema


def ddl(schema: GraphSchema) -> tuple[str, ...]:
    out: list[str] = []
    for label, node in schema.nodes.items():
        name = f"{label.lower()}_{node.key}_unique"
        out.append(f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{node.key} IS UNIQUE")
    for label in schema.entity_labels:
        out.append(f"CREATE INDEX {label.lower()}_search IF NOT EXISTS FOR (n:{label}) ON (n.search)")
    labels = "|".join(schema.entity_labels)
    out.append(f"CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:{labels}) ON EACH [n.name, n.search]")
    out.append("CREATE FULLTEXT INDEX document_titles IF NOT EXISTS FOR (n:Document) ON EACH [n.title]")
    return tuple(out)


QUERY_OVERRIDES: dict[str, str] = {}
