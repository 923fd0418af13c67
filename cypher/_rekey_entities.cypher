// @name _rekey_entities
// @description Give stored entities the id of their new canonical name (when a fuller name is promoted on merge), so the final graph does not depend on ingest order.
// @param rekey: string | List of {old, new} id maps (internal)
// @returns rekeyed
// @kind write
UNWIND $rekey AS rk
MATCH (n:Entity {id: rk.old})
SET n.id = rk.new
RETURN count(n) AS rekeyed
