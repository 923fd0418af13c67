// @name _retract_document
// @description Retract a document: drop its evidence from every relationship, delete relationships and entities only it supported, clear the data properties it set (schema.yaml `properties`), then the document itself.
// @param doc_id: string | Document id
// @returns retracted
// @kind write
MATCH (d:Document {id: $doc_id})-[:MENTIONS]->(:Entity)-[r]-(:Entity)
WHERE $doc_id IN r.ev_docs
WITH DISTINCT r
WITH r, [i IN range(0, size(r.ev_docs) - 1) WHERE r.ev_docs[i] <> $doc_id] AS keep
WITH r, keep, [i IN keep | r.ev_docs[i]] AS docs, [i IN keep | r.ev_conf[i]] AS conf
SET r.ev_keys = [i IN keep | r.ev_keys[i]], r.ev_docs = docs,
  r.ev_quotes = [i IN keep | r.ev_quotes[i]], r.ev_starts = [i IN keep | r.ev_starts[i]],
  r.ev_ends = [i IN keep | r.ev_ends[i]], r.ev_rules = [i IN keep | r.ev_rules[i]],
  r.ev_models = [i IN keep | r.ev_models[i]], r.ev_versions = [i IN keep | r.ev_versions[i]],
  r.ev_conf = conf,
  r.docs = reduce(acc = [], x IN docs | CASE WHEN x IN acc THEN acc ELSE acc + x END),
  r.evidence_count = size(docs),
  r.confidence = reduce(m = 0.0, c IN conf | CASE WHEN c > m THEN c ELSE m END)
WITH r, size(keep) AS remaining
WHERE remaining = 0
DELETE r
WITH count(*) AS _0
MATCH (d:Document {id: $doc_id})-[:MENTIONS]->(n:Entity)
OPTIONAL MATCH (n)<-[:MENTIONS]-(other:Document)
WHERE other.id <> $doc_id
WITH n, count(other) AS others
WHERE others = 0
DETACH DELETE n
WITH count(*) AS _1
MATCH (d:Document {id: $doc_id})-[:MENTIONS]->(p:Entity)
WHERE p.props_document = $doc_id
SET p.props_document = null, p.iati_ref = null, p.iati_identifier = null, p.iati_status = null,
  p.iati_planned_start = null, p.iati_actual_start = null, p.iati_planned_end = null, p.iati_actual_end = null
WITH count(*) AS _1b
MATCH (d:Document {id: $doc_id})-[:MENTIONS]->(f:Funder)
WHERE NOT (f)-[:FUNDS]->()
REMOVE f:Funder
WITH count(*) AS _2
MATCH (d:Document {id: $doc_id})
DETACH DELETE d
RETURN count(*) AS retracted
