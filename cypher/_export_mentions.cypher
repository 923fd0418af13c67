// @name _export_mentions
// @description MENTIONS edges (document -> entity) for exports that include provenance, in a stable order, one page at a time.
// @param node_types: string? | A list of entity types to keep (null for every type)
// @param offset: int = 0 [0..100000000] | Rows to skip
// @param limit: int = 1000 [1..10000] | Page size
// @returns source, target
// @kind internal
MATCH (d:Document)-[:MENTIONS]->(n:Entity)
WHERE $node_types IS NULL OR n.type IN $node_types
RETURN d.id AS source, n.id AS target
ORDER BY source, target
SKIP $offset
LIMIT $limit
