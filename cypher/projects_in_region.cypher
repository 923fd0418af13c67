// @name projects_in_region
// @description Projects and activities that target a region or any of its sub-regions, with their implementers and funders.
// @param region: entity(Region) | Region name, alias or id
// @param limit: int = 100 [1..500] | Maximum number of rows
// @returns project_id, project, places, implementers, funders, documents
MATCH (reg:Region {id: $region})<-[:LOCATED_IN*0..4]-(place:Region)<-[t:TARGETS]-(p:Project)
WITH p, collect(DISTINCT place.name) AS places, collect(t.docs) AS doc_lists
RETURN p.id AS project_id, p.name AS project, places,
       [(o:Organization)-[:IMPLEMENTS]->(p) | o.name] AS implementers,
       [(f:Organization)-[:FUNDS]->(p) | f.name] AS funders,
       reduce(acc = [], ds IN doc_lists | acc + [d IN ds WHERE NOT d IN acc]) AS documents
ORDER BY project
LIMIT $limit
