// @name implementers_of_project
// @description The organizations that implement (run, organize, lead) a project, with evidence.
// @param project: entity(Project) | Project name, alias or id
// @param limit: int = 100 [1..500] | Maximum number of rows
// @returns implementer_id, implementer, documents, evidence
MATCH (o:Organization)-[r:IMPLEMENTS]->(p:Project {id: $project})
RETURN o.id AS implementer_id, o.name AS implementer, r.docs AS documents,
       [i IN range(0, size(r.ev_quotes) - 1) | {document: r.ev_docs[i], quote: r.ev_quotes[i]}] AS evidence
ORDER BY implementer
LIMIT $limit
