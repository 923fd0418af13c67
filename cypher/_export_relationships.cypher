// @name _export_relationships
// @description Fact relationships (MENTIONS excluded) leaving a page of source entities, for exports and analytics snapshots; the caller pages the sources by id, so every page is an index lookup.
// @param sources: string | A list of source entity ids (one page of _export_nodes)
// @param types: string? | A list of relationship types to keep (null for every fact type)
// @param node_types: string? | A list of entity types both ends must have (null for every type)
// @param min_evidence: int = 1 [0..1000000] | Keep relationships with at least this many pieces of evidence
// @returns source, target, type, evidence_count, documents, confidence, roles, quotes
// @kind internal
UNWIND $sources AS source_id
MATCH (a:Entity {id: source_id})-[r]->(b:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
  AND ($node_types IS NULL OR (a.type IN $node_types AND b.type IN $node_types))
  AND coalesce(r.evidence_count, 0) >= $min_evidence
RETURN a.id AS source, b.id AS target, type(r) AS type, coalesce(r.evidence_count, 0) AS evidence_count,
       coalesce(r.docs, []) AS documents, r.confidence AS confidence, coalesce(r.roles, []) AS roles,
       coalesce(r.ev_quotes, []) AS quotes
ORDER BY source, type, target
