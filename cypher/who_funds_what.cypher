// @name who_funds_what
// @description Who funds what: each FUNDS relationship with its funder, the funded project or organization, and the evidence. Optionally only where the funded thing targets (or is located in) a region, sub-regions included via LOCATED_IN, and/or targets a threat.
// @param region: entity(Region)? | Region name, alias or id; projects in its sub-regions count too
// @param threat: entity(Threat)? | Threat name, alias or id
// @param limit: int = 100 [1..500] | Maximum number of rows
// @param offset: int = 0 [0..1000000] | Rows to skip (GET /funding also pages with a cursor, stable while documents are added)
// @returns funder_id, funder, recipient_id, recipient, recipient_type, regions, threats, documents, evidence, source_kind
// source_kind: 'report' (text evidence only), 'iati' (IATI data only: rules iati.*) or 'both'.
// With a region, start from it (indexed) and walk down to what is funded there; without one, take
// every FUNDS (the UNWIND yields no row when a region is given, so that scan is skipped). Rows are
// sorted and cut before the per-row lists are built. The order is total (names, then ids), so pages
// follow one another: _who_funds_what_after is this text with a keyset condition instead of SKIP.
UNWIND CASE WHEN $region IS NULL THEN [1] ELSE [] END AS _
MATCH (:Funder)-[every:FUNDS]->(:Entity)
WITH collect(every) AS everything
OPTIONAL MATCH (:Region {id: $region})<-[:LOCATED_IN*0..4]-(:Region)<-[:TARGETS|LOCATED_IN]-(:Entity)<-[local:FUNDS]-(:Funder)
WITH everything, collect(DISTINCT local) AS in_region
UNWIND everything + in_region AS r
WITH startNode(r) AS f, r, endNode(r) AS x
OPTIONAL MATCH (x)-[:TARGETS]->(t:Threat)
WITH f, r, x, collect(DISTINCT t.id) AS threats, collect(DISTINCT t.name) AS threat_names
WHERE $threat IS NULL OR $threat IN threats
WITH f, r, x, threat_names ORDER BY f.name, x.name, f.id, x.id SKIP $offset LIMIT $limit
RETURN f.id AS funder_id, f.name AS funder, x.id AS recipient_id, x.name AS recipient, x.type AS recipient_type,
       [(x)-[:TARGETS]->(reg:Region) | reg.name] AS regions, threat_names AS threats, r.docs AS documents,
       [i IN range(0, size(r.ev_quotes) - 1) | {document: r.ev_docs[i], quote: r.ev_quotes[i], rule: r.ev_rules[i]}] AS evidence,
       CASE size([x IN r.ev_rules WHERE x STARTS WITH 'iati.'])
         WHEN 0 THEN 'report' WHEN size(r.ev_rules) THEN 'iati' ELSE 'both' END AS source_kind
ORDER BY funder, recipient, funder_id, recipient_id
LIMIT $limit
