// @name _document_entities
// @description The entities a document mentions.
// @param doc_id: string | Document id
// @returns id, name, type
// @kind internal
MATCH (d:Document {id: $doc_id})-[:MENTIONS]->(n:Entity)
RETURN n.id AS id, n.name AS name, n.type AS type
ORDER BY type, name
