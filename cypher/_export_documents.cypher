// @name _export_documents
// @description Document nodes for exports that include provenance, ordered by id, one page after the last id seen.
// @param after: string = "" | Return documents whose id sorts after this one ("" for the first page)
// @param limit: int = 1000 [1..10000] | Page size
// @returns id, title, url, date, language, content_hash, ingested_at
// @kind internal
MATCH (d:Document)
WHERE d.id > $after
RETURN d.id AS id, d.title AS title, d.url AS url, d.date AS date, d.language AS language,
       d.content_hash AS content_hash, d.ingested_at AS ingested_at
ORDER BY id
LIMIT $limit
