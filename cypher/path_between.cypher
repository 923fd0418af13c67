// @name path_between
// @description The shortest chain of facts between two entities (any direction, provenance edges excluded), each step with its evidence: "how is UNODC connected to the MERIT project?"
// @param source: entity() | Entity name, alias or id
// @param target: entity() | Entity name, alias or id
// @param max_hops: int = 4 [1..6] | Longest path considered
// @returns nodes, relationships, hops
MATCH (a:Entity {id: $source})
MATCH (b:Entity {id: $target})
WHERE a <> b
MATCH path = shortestPath((a)-[:FUNDS|PARTNERS_WITH|IMPLEMENTS|TARGETS|AFFILIATED_WITH|LINKED_TO|LOCATED_IN*..6]-(b))
WHERE length(path) <= $max_hops
RETURN [n IN nodes(path) | n {.id, .name, label: n.type}] AS nodes,
       [r IN relationships(path) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
         documents: r.docs, quotes: r.ev_quotes}] AS relationships,
       length(path) AS hops
