// @name _who_funds_what_after
// @description The page of who_funds_what after a cursor: rows in (funder, recipient, funder id, recipient id) order after the given row (keyset pagination, stable while documents are added).
// @param region: entity(Region)? | Region name, alias or id; projects in its sub-regions count too
// @param threat: entity(Threat)? | Threat name, alias or id
// @param limit: int = 100 [1..500] | Maximum number of rows
// @param after_funder: string | Funder name of the last row of the previous page
// @param after_recipient: string | Recipient name of the last row of the previous page
// @param after_funder_id: string | Funder id of the last row of the previous page
// @param after_recipient_id: string | Recipient id of the last row of the previous page
// @returns funder_id, funder, recipient_id, recipient, recipient_type, regions, threats, documents, evidence, source_kind
// @kind internal
// With a region, start from it (indexed) and walk down to what is funded there; without one, take
// every FUNDS (the UNWIND yields no row when a region is given, so that scan is skipped). Rows are
// sorted and cut before the per-row lists are built. who_funds_what's text, with the keyset condition
// (rows after the cursor's, in the same total order) where that one has SKIP $offset.
UNWIND CASE WHEN $region IS NULL THEN [1] ELSE [] END AS _
MATCH (:Funder)-[every:FUNDS]->(:Entity)
WITH collect(every) AS everything
OPTIONAL MATCH (:Region {id: $region})<-[:LOCATED_IN*0..4]-(:Region)<-[:TARGETS|LOCATED_IN]-(:Entity)<-[local:FUNDS]-(:Funder)
WITH everything, collect(DISTINCT local) AS in_region
UNWIND everything + in_region AS r
WITH startNode(r) AS f, r, endNode(r) AS x
OPTIONAL MATCH (x)-[:TARGETS]->(t:Threat)
WITH f, r, x, collect(DISTINCT t.id) AS threats, collect(DISTINCT t.name) AS threat_names
WHERE ($threat IS NULL OR $threat IN threats)
  AND (f.name > $after_funder OR (f.name = $after_funder AND (x.name > $after_recipient
       OR (x.name = $after_recipient AND (f.id > $after_funder_id
       OR (f.id = $after_funder_id AND x.id > $after_recipient_id))))))
WITH f, r, x, threat_names ORDER BY f.name, x.name, f.id, x.id LIMIT $limit
RETURN f.id AS funder_id, f.name AS funder, x.id AS recipient_id, x.name AS recipient, x.type AS recipient_type,
       [(x)-[:TARGETS]->(reg:Region) | reg.name] AS regions, threat_names AS threats, r.docs AS documents,
       [i IN range(0, size(r.ev_quotes) - 1) | {document: r.ev_docs[i], quote: r.ev_quotes[i], rule: r.ev_rules[i]}] AS evidence,
       CASE size([x IN r.ev_rules WHERE x STARTS WITH 'iati.'])
         WHEN 0 THEN 'report' WHEN size(r.ev_rules) THEN 'iati' ELSE 'both' END AS source_kind
ORDER BY funder, recipient, funder_id, recipient_id
LIMIT $limit
