// @name _export_relationships
// @description Fact relationships between entities (MENTIONS excluded) for exports and analytics snapshots, in a stable order, one page at a time.
// @param types: string? | A list of relationship types to keep (null for every fact type)
// @param node_types: string? | A list of entity types both ends must have (null for every type)
// @param min_evidence: int = 1 [0..1000000] | Keep relationships with at least this many pieces of evidence
// @param offset: int = 0 [0..100000000] | Rows to skip
// @param limit: int = 1000 [1..10000] | Page size
// @returns source, target, type, evidence_count, documents, confidence, roles, quotes
// @kind internal
MATCH (a:Entity)-[r]->(b:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
  AND ($node_types IS NULL OR (a.type IN $node_types AND b.type IN $node_types))
  AND coalesce(r.evidence_count, 0) >= $min_evidence
RETURN a.id AS source, b.id AS target, type(r) AS type, coalesce(r.evidence_count, 0) AS evidence_count,
       coalesce(r.docs, []) AS documents, r.confidence AS confidence, coalesce(r.roles, []) AS roles,
       coalesce(r.ev_quotes, []) AS quotes
ORDER BY source, type, target
SKIP $offset
LIMIT $limit
