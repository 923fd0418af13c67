// @name funding_reported_vs_published
// @description For a region (sub-regions included): funding that reports state with no IATI activity behind it (status report_only: the FUNDS fact has text evidence only) and funding published in IATI activity files that no report mentions (status iati_only: data evidence only, rules iati.*). Facts resting on both are left out: they agree.
// @param region: entity(Region) | Region name, alias or id; projects in its sub-regions count too
// @param limit: int = 100 [1..500] | Maximum number of rows
// @returns status, funder_id, funder, recipient_id, recipient, iati_identifier, regions, documents, evidence
MATCH (:Region {id: $region})<-[:LOCATED_IN*0..4]-(:Region)<-[:TARGETS|LOCATED_IN]-(x:Entity)<-[r:FUNDS]-(f:Funder)
WITH DISTINCT f, r, x
WITH f, r, x, size([rule IN r.ev_rules WHERE rule STARTS WITH 'iati.']) AS data, size(r.ev_rules) AS total
WHERE data = 0 OR data = total
WITH f, r, x, CASE WHEN data = 0 THEN 'report_only' ELSE 'iati_only' END AS status
ORDER BY status, f.name, x.name
LIMIT $limit
RETURN status, f.id AS funder_id, f.name AS funder, x.id AS recipient_id, x.name AS recipient,
       x.iati_identifier AS iati_identifier, [(x)-[:TARGETS]->(reg:Region) | reg.name] AS regions, r.docs AS documents,
       [i IN range(0, size(r.ev_quotes) - 1) | {document: r.ev_docs[i], quote: r.ev_quotes[i], rule: r.ev_rules[i]}] AS evidence
ORDER BY status, funder, recipient
LIMIT $limit
