// @name _list_documents
// @description Stored documents, paginated, with the number of entities each mentions.
// @param offset: int = 0 [0..1000000] | Rows to skip
// @param limit: int = 50 [1..500] | Maximum number of rows
// @returns id, title, url, date, language, content_hash, ingested_at, entities
// @kind internal
MATCH (d:Document)
WITH d ORDER BY d.id SKIP $offset LIMIT $limit
RETURN d.id AS id, d.title AS title, d.url AS url, d.date AS date, d.language AS language,
       d.content_hash AS content_hash, d.ingested_at AS ingested_at,
       size([(d)-[:MENTIONS]->(n) | n]) AS entities
ORDER BY id
