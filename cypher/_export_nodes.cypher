// @name _export_nodes
// @description Entity nodes for exports and analytics snapshots, ordered by id, one page after the last id seen (streaming).
// @param after: string = "" | Return nodes whose id sorts after this one ("" for the first page)
// @param types: string? | A list of entity types to keep (null for every type)
// @param limit: int = 1000 [1..10000] | Page size
// @returns id, labels, name, type, aliases
// @kind internal
MATCH (n:Entity)
WHERE n.id > $after AND ($types IS NULL OR n.type IN $types)
RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.type AS type, coalesce(n.aliases, []) AS aliases
ORDER BY id
LIMIT $limit
