"""An entity's neighbourhood as a drawable graph: the nearest neighbours (capped) and the facts among them."""

from __future__ import annotations

from app.catalogue import Catalogue
from app.repository import GraphRepository
from app.schemas_explorer import GraphEdge, GraphNode, Neighbourhood
from app.services import query_service
from app.services.resolver import resolve_entity

# The neighbors query's own upper bound: past it the count is "at least".
COUNT_LIMIT = 500
EDGE_LIMIT = 2000


def neighbourhood(repo: GraphRepository, catalogue: Catalogue, ref: str, depth: int, max_nodes: int) -> Neighbourhood:
    entity_id = resolve_entity(repo, ref)
    center_row = repo.entities_by_ref(entity_id)[0]
    center = GraphNode(id=entity_id, name=str(center_row["name"]), type=str(center_row["type"]), hops=0)
    rows = query_service.run_query(repo, catalogue, "neighbors",
                                   {"entity": entity_id, "depth": depth, "limit": COUNT_LIMIT})
    drawn = [GraphNode(id=str(r["id"]), name=str(r["name"]), type=str(r["type"]), hops=int(r["hops"]))
             for r in rows[:max_nodes]]
    ids = [entity_id, *(node.id for node in drawn)]
    edges = [GraphEdge(**row) for row in repo.run("_edges_among", {"ids": ids, "limit": EDGE_LIMIT})]
    return Neighbourhood(center=center, depth=depth, nodes=[center, *drawn], edges=edges,
                         total_neighbours=len(rows), more=len(rows) - len(drawn),
                         more_is_lower_bound=len(rows) >= COUNT_LIMIT)
