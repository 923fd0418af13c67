"""Response models of the /metrics endpoints (they shape the OpenAPI document)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class Computation(BaseModel):
    measure: str
    method: str
    nodes: int
    edges: int
    sampled_k: int | None
    exact: bool
    seed: int | None
    seconds: float


class Ranked(BaseModel):
    id: str
    name: str | None
    type: str | None
    score: float
    degree: int


class CentralityResult(BaseModel):
    measure: str
    type: str | None
    computed: Computation
    results: list[Ranked]


class Community(BaseModel):
    size: int
    members: list[dict[str, Any]]
    types: dict[str, int]
    dominant_threat_clusters: list[str]
    dominant_threats: list[str]


class CommunitiesResult(BaseModel):
    algorithm: str
    seed: int
    resolution: float
    modularity: float
    nodes: int
    edges: int
    count: int
    communities: list[Community]


class Broker(BaseModel):
    id: str
    name: str | None
    type: str | None
    score: float
    hops: dict[str, int]
    threats_reached: dict[str, list[str]]
    paths: dict[str, list[dict[str, Any]]]


class BrokersResult(BaseModel):
    between: list[str]
    max_hops: int
    candidates: int
    count: int
    brokers: list[Broker]


class Summary(BaseModel):
    nodes: int
    relationships: int
    documents: int | None
    nodes_by_type: dict[str, int]
    relationships_by_type: dict[str, int]
    density: float
    weakly_connected_components: int
    largest_components: list[int]
    isolates: int
