// @name org_network_in_region
// @description The organizations active in a region (implementing or funding projects that target it or its sub-regions, or located there) and the ties among them.
// @param region: entity(Region) | Region name, alias or id
// @param limit: int = 200 [1..500] | Maximum number of rows
// @returns source_id, source, type, target_id, target, documents
MATCH (reg:Region {id: $region})<-[:LOCATED_IN*0..4]-(place:Region)
OPTIONAL MATCH (place)<-[:TARGETS]-(:Project)<-[:IMPLEMENTS|FUNDS]-(o1:Organization)
OPTIONAL MATCH (place)<-[:LOCATED_IN]-(o2:Organization)
WITH collect(DISTINCT o1) + collect(DISTINCT o2) AS orgs
UNWIND orgs AS o
WITH DISTINCT o
MATCH (o)-[r:FUNDS|PARTNERS_WITH|IMPLEMENTS]-(:Entity)
WHERE type(r) = 'PARTNERS_WITH' OR startNode(r) = o
WITH DISTINCT r
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN a.id AS source_id, a.name AS source, type(r) AS type, b.id AS target_id, b.name AS target, r.docs AS documents
ORDER BY source, type, target
LIMIT $limit
