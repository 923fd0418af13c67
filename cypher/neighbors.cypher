// @name neighbors
// @description Entities within 1 to 3 hops of an entity (provenance edges excluded), nearest first, each with the relationship that reaches it.
// @param entity: entity() | Entity name, alias or id
// @param depth: int = 1 [1..3] | Maximum number of hops
// @param limit: int = 50 [1..500] | Maximum number of rows
// @returns id, name, type, hops, via_type, via_source, via_target
MATCH p = (n:Entity {id: $entity})-[:FUNDS|PARTNERS_WITH|IMPLEMENTS|TARGETS|AFFILIATED_WITH|LINKED_TO|LOCATED_IN*1..3]-(m:Entity)
WHERE length(p) <= $depth AND m <> n
WITH m, min(length(p)) AS hops, collect(last(relationships(p)))[0] AS via
RETURN m.id AS id, m.name AS name, m.type AS type, hops,
       type(via) AS via_type, startNode(via).id AS via_source, endNode(via).id AS via_target
ORDER BY hops, name
LIMIT $limit
