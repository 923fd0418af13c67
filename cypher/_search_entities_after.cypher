// @name _search_entities_after
// @description The page of _search_entities after a cursor: entities sorted by (name, id) after the given pair (keyset pagination, stable while the graph grows).
// @param q: string? | Normalised search text
// @param type: string? | Entity label
// @param after_name: string | Name of the last entity of the previous page
// @param after_id: string | Id of the last entity of the previous page
// @param limit: int = 50 [1..500] | Maximum number of rows
// @returns id, name, type, aliases
// @kind internal
MATCH (n:Entity)
WHERE ($type IS NULL OR n.type = $type) AND ($q IS NULL OR n.search CONTAINS $q)
  AND (n.name > $after_name OR (n.name = $after_name AND n.id > $after_id))
RETURN n.id AS id, n.name AS name, n.type AS type, n.aliases AS aliases
ORDER BY name, id
LIMIT $limit
