// @name entity_profile
// @description One entity: its labels, aliases, the documents that mention it, and its relationship counts by type and direction (symmetric types count as both).
// @param entity: entity() | Entity name, alias or id
// @returns id, name, type, labels, aliases, documents, relationships, data
// data: the data properties a structured source set (schema.yaml `properties`, e.g. IATI identifier, status, dates)
// and props_document, the document they come from; null values where unset.
MATCH (n:Entity {id: $entity})
OPTIONAL MATCH (n)-[r]-(m)
WHERE NOT m:Document
WITH n, type(r) AS rel_type,
     CASE WHEN type(r) IN ['PARTNERS_WITH', 'LINKED_TO'] THEN 'both' WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
     count(r) AS c
WITH n, collect(CASE WHEN rel_type IS NULL THEN NULL ELSE {type: rel_type, direction: direction, count: c} END) AS rels
RETURN n.id AS id, n.name AS name, n.type AS type, labels(n) AS labels, n.aliases AS aliases,
       [(d:Document)-[:MENTIONS]->(n) | d.id] AS documents, rels AS relationships,
       {props_document: n.props_document, iati_ref: n.iati_ref, iati_identifier: n.iati_identifier,
        iati_status: n.iati_status, iati_planned_start: n.iati_planned_start, iati_actual_start: n.iati_actual_start,
        iati_planned_end: n.iati_planned_end, iati_actual_end: n.iati_actual_end} AS data
