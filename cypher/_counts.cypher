// @name _counts
// @description Node and relationship counts for /health.
// @returns nodes, relationships
// @kind internal
MATCH (n)
WITH count(n) AS nodes
OPTIONAL MATCH ()-[r]->()
RETURN nodes, count(r) AS relationships
