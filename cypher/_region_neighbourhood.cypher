// @name _region_neighbourhood
// @description Ids of the entities in a region's neighbourhood: the region and its sub-regions (LOCATED_IN), projects targeting them, organizations implementing or funding those projects or located there, and the threats those projects target.
// @param region: string | Region id
// @returns id
// @kind internal
MATCH (reg:Region {id: $region})<-[:LOCATED_IN*0..4]-(place:Region)
OPTIONAL MATCH (place)<-[:TARGETS]-(p:Project)
OPTIONAL MATCH (p)<-[:IMPLEMENTS|FUNDS]-(o1:Organization)
OPTIONAL MATCH (p)-[:TARGETS]->(t:Threat)
OPTIONAL MATCH (place)<-[:LOCATED_IN]-(o2:Organization)
WITH collect(DISTINCT place.id) + collect(DISTINCT p.id) + collect(DISTINCT o1.id) + collect(DISTINCT t.id)
     + collect(DISTINCT o2.id) AS ids
UNWIND ids AS id
RETURN DISTINCT id
ORDER BY id
