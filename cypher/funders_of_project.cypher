// @name funders_of_project
// @description The organizations that fund a project (or organization), with evidence.
// @param project: entity(Project,Organization) | Project name, alias or id
// @param limit: int = 100 [1..500] | Maximum number of rows
// @returns funder_id, funder, documents, evidence
MATCH (f:Funder)-[r:FUNDS]->(p:Entity {id: $project})
RETURN f.id AS funder_id, f.name AS funder, r.docs AS documents,
       [i IN range(0, size(r.ev_quotes) - 1) | {document: r.ev_docs[i], quote: r.ev_quotes[i]}] AS evidence
ORDER BY funder
LIMIT $limit
