// @name threat_nexus
// @description Threats linked to a threat (LINKED_TO, either direction), with the evidence, and the projects and regions that address both.
// @param threat: entity(Threat) | Threat name, alias or id
// @param limit: int = 100 [1..500] | Maximum number of rows
// @returns linked_id, linked, documents, evidence, projects, regions
MATCH (t:Threat {id: $threat})-[r:LINKED_TO]-(o:Threat)
OPTIONAL MATCH (t)<-[:TARGETS]-(p:Project)-[:TARGETS]->(o)
OPTIONAL MATCH (p)-[:TARGETS]->(reg:Region)
WITH o, r, collect(DISTINCT p.name) AS projects, collect(DISTINCT reg.name) AS regions
RETURN o.id AS linked_id, o.name AS linked, r.docs AS documents,
       [i IN range(0, size(r.ev_quotes) - 1) | {document: r.ev_docs[i], quote: r.ev_quotes[i]}] AS evidence,
       projects, regions
ORDER BY linked
LIMIT $limit
