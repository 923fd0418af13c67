"""FalkorDB's text: index, constraint and full-text DDL, and query variants.

FalkorDB has no ``IF NOT EXISTS``; the store checks ``db.indexes()`` before creating.
Its ``shortestPath`` is directed only, so ``path_between`` uses ``algo.SPpaths`` here.
The graph version is not a query here: the session reads counts and a write counter itself
(app/store/falkordb_version.py).
"""

from __future__ import annotations

from graph_schema.model import GraphSchema

PATH_BETWEEN = """
MATCH (a:Entity {id: $source}), (b:Entity {id: $target})
CALL algo.SPpaths({sourceNode: a, targetNode: b, relDirection: 'both', maxLen: $max_hops, pathCount: 1,
                   relTypes: [%s]})
YIELD path
RETURN [n IN nodes(path) | n {.id, .name, label: labels(n)[0]}] AS nodes,
       [r IN relationships(path) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
         documents: r.docs, quotes: r.ev_quotes}] AS relationships,
       length(path) AS hops
LIMIT 1
"""

# The shared text expands every path up to 3 hops and only then drops those longer than $depth:
# from a hub that is millions of paths for a depth-1 question. Here one UNION branch per length,
# each guarded by $depth, so an excluded hop is never expanded (same rows, same order).
NEIGHBORS = """
MATCH (n:Entity {id: $entity})
CALL {
  WITH n
  MATCH (n)-[r:%(types)s]-(m:Entity)
  WHERE m <> n
  RETURN m, 1 AS hops, r AS via
  UNION ALL
  WITH n
  MATCH p = (n)-[:%(types)s*2..2]-(m:Entity)
  WHERE $depth >= 2 AND m <> n
  RETURN m, 2 AS hops, last(relationships(p)) AS via
  UNION ALL
  WITH n
  MATCH p = (n)-[:%(types)s*3..3]-(m:Entity)
  WHERE $depth >= 3 AND m <> n
  RETURN m, 3 AS hops, last(relationships(p)) AS via
}
WITH m, min(hops) AS hops, collect(via)[0] AS via
RETURN m.id AS id, m.name AS name, m.type AS type, hops,
       type(via) AS via_type, startNode(via).id AS via_source, endNode(via).id AS via_target
ORDER BY hops, name
LIMIT $limit
"""


def range_indexes(schema: GraphSchema) -> list[tuple[str, str]]:
    """(label, property) pairs that need an exact-match index."""
    pairs = [(label, node.key) for label, node in schema.nodes.items()]
    pairs += [(label, "search") for label in schema.entity_labels]
    if "Entity" in schema.derived_labels:
        # `(n:Entity {id: $x})` (every canned query's start) and `$ref IN n.keys` (name resolution)
        # would otherwise scan every entity; FalkorDB indexes list properties element by element.
        pairs += [("Entity", "id"), ("Entity", "keys")]
    return pairs


def unique_constraints(schema: GraphSchema) -> list[tuple[str, str]]:
    return [(label, node.key) for label, node in schema.nodes.items()]


def fulltext_indexes(schema: GraphSchema) -> list[tuple[str, tuple[str, ...]]]:
    return [(label, node.fulltext) for label, node in schema.nodes.items() if node.fulltext]


def index_statement(label: str, prop: str) -> str:
    return f"CREATE INDEX FOR (n:{label}) ON (n.{prop})"


def fulltext_statement(label: str, props: tuple[str, ...]) -> str:
    args = ", ".join(f"'{p}'" for p in props)
    return f"CALL db.idx.fulltext.createNodeIndex('{label}', {args})"


def ddl(schema: GraphSchema) -> tuple[str, ...]:
    """Index DDL (constraints go through the GRAPH.CONSTRAINT command, see the store)."""
    return tuple(index_statement(label, prop) for label, prop in range_indexes(schema)) + tuple(
        fulltext_statement(label, props) for label, props in fulltext_indexes(schema)
    )


def query_overrides(schema: GraphSchema) -> dict[str, str]:
    """Queries whose shared text FalkorDB cannot run, in FalkorDB's own syntax."""
    fact_types = ", ".join(f"'{t}'" for t in schema.fact_types)
    return {"path_between": PATH_BETWEEN % fact_types,
            "neighbors": NEIGHBORS % {"types": "|".join(schema.fact_types)}}
