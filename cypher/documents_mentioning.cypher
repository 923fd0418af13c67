// @name documents_mentioning
// @description The documents that mention an entity, newest first.
// @param entity: entity() | Entity name, alias or id
// @param limit: int = 100 [1..500] | Maximum number of rows
// @returns document_id, title, url, date, language
MATCH (d:Document)-[:MENTIONS]->(n:Entity {id: $entity})
RETURN d.id AS document_id, d.title AS title, d.url AS url, d.date AS date, d.language AS language
ORDER BY date DESC, document_id
LIMIT $limit
