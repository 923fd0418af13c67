// @name _document_facts
// @description The relationships a document supports, each with that document's evidence only.
// @param doc_id: string | Document id
// @returns type, source_id, source, target_id, target, evidence
// @kind internal
MATCH (d:Document {id: $doc_id})-[:MENTIONS]->(s:Entity)-[r]->(t:Entity)
WHERE $doc_id IN r.ev_docs
RETURN type(r) AS type, s.id AS source_id, s.name AS source, t.id AS target_id, t.name AS target,
       [i IN range(0, size(r.ev_docs) - 1) WHERE r.ev_docs[i] = $doc_id |
         {quote: r.ev_quotes[i], start: r.ev_starts[i], end: r.ev_ends[i], rule: r.ev_rules[i],
          model: r.ev_models[i], confidence: r.ev_conf[i]}] AS evidence
ORDER BY type, source, target
