// @name projects_targeting_threat
// @description Projects that target a threat, optionally only those that also target a region (sub-regions included): "which projects target drug trafficking in Gao?"
// @param threat: entity(Threat) | Threat name, alias or id
// @param region: entity(Region)? | Region name, alias or id
// @param limit: int = 100 [1..500] | Maximum number of rows
// @returns project_id, project, regions, implementers, funders, documents, evidence
MATCH (p:Project)-[r:TARGETS]->(t:Threat {id: $threat})
OPTIONAL MATCH (p)-[:TARGETS]->(:Region)-[:LOCATED_IN*0..4]->(place:Region)
WITH p, r, collect(DISTINCT place.id) AS places
WHERE $region IS NULL OR $region IN places
RETURN p.id AS project_id, p.name AS project,
       [(p)-[:TARGETS]->(reg:Region) | reg.name] AS regions,
       [(o:Organization)-[:IMPLEMENTS]->(p) | o.name] AS implementers,
       [(f:Organization)-[:FUNDS]->(p) | f.name] AS funders,
       r.docs AS documents,
       [i IN range(0, size(r.ev_quotes) - 1) | {document: r.ev_docs[i], quote: r.ev_quotes[i]}] AS evidence
ORDER BY project
LIMIT $limit
