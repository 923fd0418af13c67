// @name _edges_among
// @description The fact relationships among a set of entities (provenance edges excluded), for the explorer's neighbourhood drawing.
// @param ids: string | A list of entity ids
// @param limit: int = 2000 [1..10000] | Maximum number of rows
// @returns source, target, type, evidence_count
// @kind internal
UNWIND $ids AS source_id
MATCH (a:Entity {id: source_id})-[r:FUNDS|PARTNERS_WITH|IMPLEMENTS|TARGETS|AFFILIATED_WITH|LINKED_TO|LOCATED_IN]->(b:Entity)
WHERE b.id IN $ids
RETURN a.id AS source, b.id AS target, type(r) AS type, coalesce(r.evidence_count, 0) AS evidence_count
ORDER BY source, type, target
LIMIT $limit
