"""Write statements generated from the validated schema.

Labels and relationship types are spliced in only from the schema (validated at start-up);
every value travels as a parameter. A whole document is one statement, so the engine
applies it all-or-nothing: node sections per label, then relationship sections per allowed
(type, source label, target label) pattern, chained with ``WITH count(*)``.
"""

from __future__ import annotations

from graph_schema.model import PROPERTY_OWNER, GraphSchema

EVIDENCE_FIELDS = ("ev_keys", "ev_docs", "ev_quotes", "ev_starts", "ev_ends", "ev_rules", "ev_models", "ev_versions",
                   "ev_conf")


def node_param(label: str) -> str:
    return f"nodes_{label}"


def rel_param(rel_type: str, source: str, target: str) -> str:
    return f"rels_{rel_type}_{source}_{target}"


_DOC = """MERGE (d:Document {id: $doc.id})
ON CREATE SET d.title = $doc.title, d.url = $doc.url, d.date = $doc.date, d.language = $doc.language,
  d.content_hash = $doc.content_hash, d.source = $doc.source, d.ingested_at = $doc.ingested_at"""

# An incoming name that lists the stored name among its aliases is the fuller name: it becomes
# canonical and the stored name an alias (the node id stays).
_NODE = """WITH count(*) AS _{i}
MATCH (d:Document {{id: $doc.id}})
UNWIND ${param} AS row
MERGE (n:{label}:Entity {{id: row.id}})
ON CREATE SET n.name = row.name, n.type = '{label}'
WITH d, n, row, coalesce(n.keys, []) AS old_keys, coalesce(n.aliases, []) AS old_aliases,
  coalesce(n.name, row.name) AS name
WITH d, n, row, old_keys, old_aliases, name,
  size(old_keys) > 0 AND NOT row.name_keys[0] IN old_keys AND old_keys[0] IN row.name_keys AS promote
WITH d, n, row, CASE WHEN promote THEN row.name ELSE name END AS new_name,
  CASE WHEN promote THEN [row.name_keys[0]] + old_keys ELSE old_keys END AS base_keys,
  CASE WHEN promote THEN [name] + old_aliases ELSE old_aliases END AS base_aliases
WITH d, n, row, new_name, base_keys + [k IN row.name_keys WHERE NOT k IN base_keys] AS keys,
  base_aliases + [j IN range(0, size(row.names) - 1)
    WHERE NOT row.name_keys[j] IN base_keys AND row.names[j] <> new_name | row.names[j]] AS aliases
SET n.name = new_name, n.keys = keys, n.aliases = aliases, n.search = reduce(s = '|', k IN keys | s + k + '|'){props}
MERGE (d)-[:MENTIONS]->(n)"""


def _property_sets(properties: tuple[str, ...]) -> str:
    """Data properties: a row that carries them replaces them all and becomes their owner; other rows keep them."""
    if not properties:
        return ""
    sets = [f"n.{p} = CASE WHEN row.has_props THEN row.props.{p} ELSE n.{p} END" for p in properties]
    sets.append(f"n.{PROPERTY_OWNER} = CASE WHEN row.has_props THEN $doc.id ELSE n.{PROPERTY_OWNER} END")
    return ",\n  " + ",\n  ".join(sets)

# FalkorDB does not let a later SET clause read what an earlier one wrote in the same query,
# so every derived value is computed from WITH variables and written once.
_REL = """WITH count(*) AS _{i}
UNWIND ${param} AS row
MATCH (s:{source} {{id: row.source}}), (t:{target} {{id: row.target}})
MERGE (s)-[r:{rel_type}]->(t)
WITH s, r, row, coalesce(r.ev_keys, []) AS old
WITH s, r, row, [j IN range(0, size(row.ev_keys) - 1) WHERE NOT row.ev_keys[j] IN old] AS fresh
WITH s, r, row, fresh, coalesce(r.ev_docs, []) + [j IN fresh | row.ev_docs[j]] AS docs,
  coalesce(r.ev_conf, []) + [j IN fresh | row.ev_conf[j]] AS conf
SET {evidence_sets},
  r.roles = coalesce(r.roles, []) + [x IN row.roles WHERE NOT x IN coalesce(r.roles, [])],
  r.docs = reduce(acc = [], x IN docs | CASE WHEN x IN acc THEN acc ELSE acc + x END),
  r.evidence_count = size(docs),
  r.confidence = reduce(m = 0.0, c IN conf | CASE WHEN c > m THEN c ELSE m END){funder}"""


def _evidence_sets() -> str:
    sets = {"ev_docs": "docs", "ev_conf": "conf"}
    return ",\n  ".join(
        f"r.{f} = {sets[f]}" if f in sets else f"r.{f} = coalesce(r.{f}, []) + [j IN fresh | row.{f}[j]]"
        for f in EVIDENCE_FIELDS
    )


def relationship_patterns(schema: GraphSchema) -> list[tuple[str, str, str]]:
    return [(t, s, g) for t in schema.fact_types for s, g in schema.relationship(t).patterns]


_CACHE: dict[int, str] = {}


def document_statement(schema: GraphSchema) -> str:
    """The one statement that writes a document's entities, relations and provenance (cached)."""
    text = _CACHE.get(id(schema))
    if text is None:
        text = _CACHE[id(schema)] = _build_document_statement(schema)
    return text


def _build_document_statement(schema: GraphSchema) -> str:
    parts = [_DOC]
    i = 0
    for label in schema.entity_labels:
        parts.append(_NODE.format(i=i, param=node_param(label), label=label,
                                  props=_property_sets(schema.node(label).properties)))
        i += 1
    funder = "\nSET s:Funder" if "Funder" in schema.derived_labels else ""
    for rel_type, source, target in relationship_patterns(schema):
        parts.append(
            _REL.format(
                i=i, param=rel_param(rel_type, source, target), source=source, target=target, rel_type=rel_type,
                evidence_sets=_evidence_sets(), funder=funder if rel_type == "FUNDS" else "",
            )
        )
        i += 1
    parts.append("RETURN count(*) AS rows")
    return "\n".join(parts) + "\n"
