// @name _resolve_keys
// @description Stored entities of a label that carry any of the given normalised names (the writer's alias merge).
// @param items: string | List of {label, key} maps (internal)
// @returns key, label, id, name
// @kind internal
// The key is bound by a WITH before the MATCH so that FalkorDB serves `key IN n.keys` from the Entity(keys)
// index (with `it.key IN n.keys` and the type test in one WHERE it scanned every entity per item).
UNWIND $items AS it
WITH it, it.key AS key
MATCH (n:Entity)
WHERE key IN n.keys
WITH it, n
WHERE n.type = it.label
RETURN it.key AS key, it.label AS label, n.id AS id, n.name AS name
ORDER BY key, id
