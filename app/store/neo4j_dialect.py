"""Neo4j 5's text: constraints, range, text and full-text indexes, all ``IF NOT EXISTS``.

Everything is generated from the graph schema, so a label added there gets its constraint
and indexes on the next start-up. Every statement is idempotent (``ensure_schema`` runs them
all at each start), names every index explicitly (so ``SHOW INDEXES`` reads clearly), and is
checked by Neo4j's own parser in ``tests/app/test_cypher_parser.py``.

* a uniqueness constraint on each node label's key, and on ``Entity.id``: every canned query
  addresses an entity as ``(:Entity {id: $x})``, so that is the lookup that must be indexed;
* a range index on ``search`` per entity label (exact and prefix matches on normalised names)
  and a text index on ``Entity.search`` (the ``CONTAINS`` of ``_search_entities``);
* a full-text index per label over the schema's ``fulltext`` properties (recent 5.x servers
  index a string list such as ``aliases`` element by element; older ones skip non-strings).
"""

from __future__ import annotations

from graph_schema.model import GraphSchema

ENTITY_LABEL = "Entity"
ENTITY_KEY = "id"


def _name(*parts: str) -> str:
    return "_".join(p.lower() for p in parts)


def unique_constraints(schema: GraphSchema) -> list[tuple[str, str]]:
    """(label, property) pairs that must be unique: each node label's key, and ``Entity.id``."""
    pairs = [(label, node.key) for label, node in schema.nodes.items()]
    if ENTITY_LABEL in schema.derived_labels and (ENTITY_LABEL, ENTITY_KEY) not in pairs:
        pairs.append((ENTITY_LABEL, ENTITY_KEY))
    return pairs


def constraint_statement(label: str, prop: str) -> str:
    name = _name(label, prop, "unique")
    return f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE"


def range_index_statement(label: str, prop: str) -> str:
    return f"CREATE INDEX {_name(label, prop)} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"


def text_index_statement(label: str, prop: str) -> str:
    return f"CREATE TEXT INDEX {_name(label, prop, 'text')} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"


def fulltext_statement(label: str, props: tuple[str, ...]) -> str:
    each = ", ".join(f"n.{p}" for p in props)
    return f"CREATE FULLTEXT INDEX {_name(label, 'fulltext')} IF NOT EXISTS FOR (n:{label}) ON EACH [{each}]"


def ddl(schema: GraphSchema) -> tuple[str, ...]:
    out = [constraint_statement(label, prop) for label, prop in unique_constraints(schema)]
    out += [range_index_statement(label, "search") for label in schema.entity_labels]
    if ENTITY_LABEL in schema.derived_labels:
        out.append(text_index_statement(ENTITY_LABEL, "search"))
    out += [fulltext_statement(label, node.fulltext) for label, node in schema.nodes.items() if node.fulltext]
    return tuple(out)


# The shared text of every canned query runs on Neo4j 5 as it is (the parser test proves it).
QUERY_OVERRIDES: dict[str, str] = {}
