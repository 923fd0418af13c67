// @name _entities_by_key
// @description Entities whose id equals the reference or whose normalised names contain it (name resolution).
// @param ref: string | An id or a normalised name
// @returns id, name, type
// @kind internal
MATCH (n:Entity {id: $ref})
RETURN n.id AS id, n.name AS name, n.type AS type
UNION
MATCH (n:Entity)
WHERE $ref IN n.keys
RETURN n.id AS id, n.name AS name, n.type AS type
