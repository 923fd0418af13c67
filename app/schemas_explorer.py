"""Response models of the endpoints the explorer reads: ``GET /ask`` and ``GET /entities/{id}/graph``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ResolvedName(BaseModel):
    """How a name in the question was read: the text, and the stored entity it names."""

    text: str
    id: str
    name: str
    type: str


class AskSuggestion(BaseModel):
    query: str
    description: str
    example: str = Field(description="A question of this shape that /ask understands")


class AskAnswer(BaseModel):
    question: str
    matched: bool = Field(description="false: no canned query reads this question; see suggestions (nothing ran)")
    query: str | None = Field(None, description="The canned query that ran")
    parameters: dict[str, Any] = Field({}, description="Its parameters as run (entity ids after resolution)")
    understood: dict[str, ResolvedName] = Field({}, description="Each entity parameter: the question's text and "
                                                               "the entity it resolved to")
    count: int = 0
    rows: list[dict[str, Any]] = []
    suggestions: list[AskSuggestion] = Field([], description="When unmatched: the closest canned queries")


class GraphNode(BaseModel):
    id: str
    name: str
    type: str
    hops: int


class GraphEdge(BaseModel):
    source: str
    target: str
    type: str
    evidence_count: int


class Neighbourhood(BaseModel):
    center: GraphNode
    depth: int
    nodes: list[GraphNode] = Field(description="The centre first, then the nearest neighbours (at most max_nodes)")
    edges: list[GraphEdge] = Field(description="Fact relationships among the drawn nodes")
    total_neighbours: int = Field(description="Neighbours within depth (counted up to the neighbors query's limit)")
    more: int = Field(description="Neighbours not drawn")
    more_is_lower_bound: bool = Field(description="true when there may be even more than total_neighbours")
