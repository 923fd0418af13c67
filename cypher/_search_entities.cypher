// @name _search_entities
// @description Entities whose name or alias contains the (normalised) text, optionally of one type; paginated.
// @param q: string? | Normalised search text
// @param type: string? | Entity label
// @param offset: int = 0 [0..1000000] | Rows to skip
// @param limit: int = 50 [1..500] | Maximum number of rows
// @returns id, name, type, aliases
// @kind internal
MATCH (n:Entity)
WHERE ($type IS NULL OR n.type = $type) AND ($q IS NULL OR n.search CONTAINS $q)
RETURN n.id AS id, n.name AS name, n.type AS type, n.aliases AS aliases
ORDER BY name, id
SKIP $offset
LIMIT $limit
