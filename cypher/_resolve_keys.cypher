// @name _resolve_keys
// @description Stored entities of a label that carry any of the given normalised names (the writer's alias merge).
// @param items: string | List of {label, key} maps (internal)
// @returns key, label, id, name
// @kind internal
UNWIND $items AS it
MATCH (n:Entity)
WHERE n.type = it.label AND it.key IN n.keys
RETURN it.key AS key, it.label AS label, n.id AS id, n.name AS name
ORDER BY key, id
