from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from app.analytics import service
from app.analytics.cache import AnalyticsCache
from app.analytics.schemas import BrokersResult, CentralityResult, CommunitiesResult, Summary
from app.deps import Repo
from app.http import tabular

router = APIRouter(tags=["graph analytics"])
EntityType = Literal["Organization", "Project", "Region", "Threat", "Person"]


def get_cache(request: Request) -> AnalyticsCache:
    cache: AnalyticsCache | None = getattr(request.app.state, "analytics_cache", None)
    if cache is None:
        cache = request.app.state.analytics_cache = AnalyticsCache()
    return cache


Cache = Annotated[AnalyticsCache, Depends(get_cache)]
Top = Annotated[int, Query(ge=1, le=500, description="Number of results")]


@router.get("/metrics/centrality", response_model=CentralityResult, summary="Most central entities",
            responses={**tabular.responses("the results")})
def centrality(
    request: Request, repo: Repo, cache: Cache,
    measure: Annotated[Literal["degree", "betweenness", "pagerank", "eigenvector"], Query()] = "degree",
    type: Annotated[EntityType | None, Query(description="Only rank entities of this type")] = None,
    top: Top = 20,
    sample: Annotated[int | None, Query(ge=1, le=100_000, description="Approximate betweenness from k sampled "
                                        "source nodes (betweenness only; the other measures are exact and "
                                        "ignore it)")] = None,
    format: tabular.FormatParam = None,
) -> Any:
    fmt = tabular.choose(request, format)
    result = service.centrality(repo, cache, measure, node_type=type, top=top, sample=sample)
    if fmt != "json":
        return tabular.tabular(fmt, result["results"], ["id", "name", "type", "score", "degree"], "centrality")
    return result


@router.get("/metrics/communities", response_model=CommunitiesResult, summary="Louvain communities",
            responses={**tabular.responses("the communities")})
def communities(
    request: Request, repo: Repo, cache: Cache,
    resolution: Annotated[float, Query(gt=0, le=10, description="Louvain resolution (>1: smaller communities)")] = 1.0,
    min_size: Annotated[int, Query(ge=1, le=10_000, description="Leave out smaller communities")] = 2,
    format: tabular.FormatParam = None,
) -> Any:
    fmt = tabular.choose(request, format)
    result = service.communities(repo, cache, resolution=resolution, min_size=min_size)
    if fmt != "json":
        return tabular.tabular(fmt, result["communities"], ["size", "members", "types", "dominant_threat_clusters",
                                                            "dominant_threats"], "communities")
    return result


@router.get("/metrics/brokers", response_model=BrokersResult,
            summary="Organizations and projects bridging terrorism- and drug/crime-related threats",
            responses={**tabular.responses("the brokers")})
def brokers(
    request: Request, repo: Repo, cache: Cache,
    max_hops: Annotated[int, Query(ge=1, le=6, description="Longest path from a broker to a threat")] = 3,
    top: Top = 20,
    format: tabular.FormatParam = None,
) -> Any:
    fmt = tabular.choose(request, format)
    result = service.brokers(repo, cache, max_hops=max_hops, top=top)
    if fmt != "json":
        return tabular.tabular(fmt, result["brokers"], ["id", "name", "type", "score", "hops", "threats_reached",
                                                        "paths"], "brokers")
    return result


@router.get("/metrics/summary", response_model=Summary, summary="Counts by type, density, components")
def summary(repo: Repo, cache: Cache) -> dict[str, Any]:
    return service.summary(repo, cache)
