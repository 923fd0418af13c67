// @name _get_document
// @description One stored document's metadata.
// @param doc_id: string | Document id
// @returns id, title, url, date, language, content_hash, source, ingested_at, entities
// @kind internal
MATCH (d:Document {id: $doc_id})
RETURN d.id AS id, d.title AS title, d.url AS url, d.date AS date, d.language AS language,
       d.content_hash AS content_hash, d.source AS source, d.ingested_at AS ingested_at,
       size([(d)-[:MENTIONS]->(n) | n]) AS entities
