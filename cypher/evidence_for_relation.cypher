// @name evidence_for_relation
// @description Every piece of evidence for the relationships between two entities (either direction), optionally of one type: document, quote, offsets, rule, model, confidence.
// @param source: entity() | Entity name, alias or id
// @param target: entity() | Entity name, alias or id
// @param type: string? | Relationship type, e.g. FUNDS
// @param limit: int = 200 [1..500] | Maximum number of rows
// @returns type, source_id, target_id, document, quote, start, end, rule, model, pipeline_version, confidence
MATCH (a:Entity {id: $source})-[r]-(b:Entity {id: $target})
WHERE $type IS NULL OR type(r) = $type
UNWIND range(0, size(r.ev_keys) - 1) AS i
RETURN type(r) AS type, startNode(r).id AS source_id, endNode(r).id AS target_id, r.ev_docs[i] AS document,
       r.ev_quotes[i] AS quote, r.ev_starts[i] AS start, r.ev_ends[i] AS end, r.ev_rules[i] AS rule,
       r.ev_models[i] AS model, r.ev_versions[i] AS pipeline_version, r.ev_conf[i] AS confidence
ORDER BY type, document, start
LIMIT $limit
