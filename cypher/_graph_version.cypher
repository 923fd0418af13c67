// @name _graph_version
// @description A cheap fingerprint of the graph that changes on every ingest or retraction (analytics cache key).
// @returns nodes, relationships, documents, last_ingest
// @kind internal
MATCH (n)
WITH count(n) AS nodes
OPTIONAL MATCH ()-[r]->()
WITH nodes, count(r) AS relationships
OPTIONAL MATCH (d:Document)
RETURN nodes, relationships, count(d) AS documents, max(d.ingested_at) AS last_ingest
