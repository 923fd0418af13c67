// @name partners_of_org
// @description The partners of an organization (PARTNERS_WITH, either direction), with evidence.
// @param org: entity(Organization) | Organization name, alias or id
// @param limit: int = 100 [1..500] | Maximum number of rows
// @returns partner_id, partner, documents, evidence
MATCH (o:Organization {id: $org})-[r:PARTNERS_WITH]-(p:Organization)
RETURN p.id AS partner_id, p.name AS partner, r.docs AS documents,
       [i IN range(0, size(r.ev_quotes) - 1) | {document: r.ev_docs[i], quote: r.ev_quotes[i]}] AS evidence
ORDER BY partner
LIMIT $limit
