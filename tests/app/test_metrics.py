"""Graph metrics on small graphs whose answers are known by hand, as functions and over HTTP."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.analytics import brokers, communities, metrics
from app.analytics.snapshot import snapshot
from app.analytics.threat_clusters import load_clusters, parse_clusters
from app.repository import GraphRepository
from app.services.ingest_service import ingest
from graph_schema.errors import InvalidParameters, SchemaFileError
from graph_schema.model import GraphSchema
from tests.app import analytics_graphs as graphs
from tests.factories import nexus_doc


def by_name(result: dict, key: str = "results") -> dict[str, float]:  # type: ignore[type-arg]
    return {r["name"]: r["score"] for r in result[key]}


def test_star_degree_and_betweenness_of_the_centre(repo: GraphRepository, schema: GraphSchema) -> None:
    ingest(repo, schema, graphs.star())
    g = snapshot(repo)
    degree = metrics.centrality(g, "degree")
    assert by_name(degree) == {"Hub": 1.0, "Leaf A": 0.25, "Leaf B": 0.25, "Leaf C": 0.25, "Leaf D": 0.25}
    assert degree["results"][0]["degree"] == 4
    between = metrics.centrality(g, "betweenness", top=2)
    assert [r["name"] for r in between["results"]] == ["Hub", "Leaf A"]
    assert by_name(between) == {"Hub": 1.0, "Leaf A": 0.0}
    assert between["computed"]["exact"] is True and between["computed"]["nodes"] == 5
    assert between["computed"]["edges"] == 4 and between["computed"]["seconds"] >= 0
    sampled = metrics.centrality(g, "betweenness", sample=2)
    assert sampled["computed"]["sampled_k"] == 2 and sampled["computed"]["exact"] is False
    pagerank = metrics.centrality(g, "pagerank")
    assert pagerank["results"][-1]["name"] == "Hub"  # every edge points away from the hub
    eigen = metrics.centrality(g, "eigenvector")
    assert eigen["results"][0]["name"] == "Hub"


def test_centrality_rejects_bad_parameters(repo: GraphRepository, schema: GraphSchema) -> None:
    ingest(repo, schema, graphs.star())
    g = snapshot(repo)
    with pytest.raises(InvalidParameters, match="measures"):
        metrics.centrality(g, "closeness")
    with pytest.raises(InvalidParameters, match="sample"):
        metrics.centrality(g, "betweenness", sample=0)
    exact = metrics.centrality(g, "degree", sample=3)  # sample approximates betweenness only; degree is exact
    assert exact["computed"]["sampled_k"] is None and exact["computed"]["exact"] is True


def test_two_obvious_communities(repo: GraphRepository, schema: GraphSchema) -> None:
    ingest(repo, schema, graphs.two_cliques())
    result = communities.communities(snapshot(repo))
    groups = sorted(sorted(m["name"] for m in c["members"]) for c in result["communities"])
    assert groups == [["Alpha", "Bravo", "Charlie", "Delta"], ["Echo", "Foxtrot", "Golf", "Hotel"]]
    assert result["modularity"] > 0.3 and result["seed"] == 42


def test_communities_report_dominant_threat_clusters(repo: GraphRepository, schema: GraphSchema) -> None:
    ingest(repo, schema, graphs.brokers())
    result = communities.communities(snapshot(repo), min_size=1)
    nexus = next(c for c in result["communities"] if any(m["name"] == "Nexus Project" for m in c["members"]))
    assert set(nexus["dominant_threat_clusters"]) == {"terrorism", "crime"}
    assert set(nexus["dominant_threats"]) == {"violent extremism", "cannabis"}


def test_brokers_between_terrorism_and_drug_clusters(repo: GraphRepository, schema: GraphSchema) -> None:
    ingest(repo, schema, graphs.brokers())
    g = snapshot(repo)
    result = brokers.brokers(g)
    ranked = [(b["name"], b["score"]) for b in result["brokers"]]
    assert ranked == [("Nexus Project", 1.0), ("Bridge Org", 0.5), ("Drug Project", 0.333333),
                      ("Terror Project", 0.333333)]  # the two projects reach the other kind through Bridge Org
    assert "Solo Org" not in dict(ranked)
    bridge = result["brokers"][1]
    assert [n["name"] for n in bridge["paths"]["terrorism"]] == ["Bridge Org", "Terror Project", "terrorism"]
    assert [n["name"] for n in bridge["paths"]["crime"]] == ["Bridge Org", "Drug Project", "drug trafficking"]
    wider = brokers.brokers(g, max_hops=4)  # Solo Org reaches drugs through Terror Project and Bridge Org
    solo = next(b for b in wider["brokers"] if b["name"] == "Solo Org")
    assert solo["hops"] == {"terrorism": 2, "crime": 4} and solo["score"] == 0.25


def test_threat_clusters_are_data() -> None:
    clusters = load_clusters()
    assert clusters.classify(["terrorisme"]) == ("terrorism",)
    assert clusters.classify(["tramadol"]) == ("crime",)
    assert clusters.classify(["Trafic de stupéfiants"]) == ("crime",)
    assert clusters.classify(["climate change"]) == ()
    with pytest.raises(SchemaFileError):
        parse_clusters({"clusters": {"terrorism": {"keywords": []}}})


def test_summary_counts(repo: GraphRepository, schema: GraphSchema) -> None:
    ingest(repo, schema, graphs.star())
    ingest(repo, schema, graphs.two_cliques())
    result = metrics.summary(snapshot(repo))
    assert result["nodes"] == 13 and result["relationships"] == 17
    assert result["nodes_by_type"] == {"Organization": 13}
    assert result["weakly_connected_components"] == 2 and result["largest_components"] == [8, 5]
    assert result["density"] == round(17 / (13 * 12), 6)


# -- over HTTP ---------------------------------------------------------------------------------
def test_centrality_endpoint(client: TestClient) -> None:
    graphs.load_into(client, graphs.star())
    body = client.get("/metrics/centrality", params={"measure": "betweenness", "top": 1}).json()
    assert body["results"] == [{"id": "organization:hub", "name": "Hub", "type": "Organization", "score": 1.0,
                                "degree": 4}]
    assert body["computed"]["measure"] == "betweenness" and body["computed"]["nodes"] == 5
    typed = client.get("/metrics/centrality", params={"type": "Project"}).json()
    assert typed["results"] == []


@pytest.mark.parametrize("params, word", [
    ({"measure": "closeness"}, "measure"), ({"top": 0}, "top"), ({"type": "Planet"}, "type"),
    ({"sample": 0}, "sample"),
])
def test_centrality_bad_parameters_are_422(client: TestClient, params: dict[str, object], word: str) -> None:
    response = client.get("/metrics/centrality", params=params)
    assert response.status_code == 422 and word in response.text


def test_communities_brokers_summary_endpoints(client: TestClient) -> None:
    graphs.load_into(client, graphs.brokers())
    result = client.get("/metrics/brokers").json()
    assert [b["name"] for b in result["brokers"]][:2] == ["Nexus Project", "Bridge Org"]
    assert client.get("/metrics/brokers", params={"max_hops": 0}).status_code == 422
    comms = client.get("/metrics/communities", params={"min_size": 1}).json()
    assert sum(c["size"] for c in comms["communities"]) == 9
    assert client.get("/metrics/communities", params={"resolution": 0}).status_code == 422
    summary = client.get("/metrics/summary").json()
    assert summary["nodes_by_type"] == {"Organization": 2, "Project": 3, "Threat": 4} and summary["documents"] == 1


def test_metrics_cache_is_invalidated_by_writes(client: TestClient) -> None:
    graphs.load_into(client, graphs.star())
    assert client.get("/metrics/summary").json()["nodes"] == 5
    cache = client.app.state.analytics_cache  # type: ignore[attr-defined]
    misses = cache.misses
    assert client.get("/metrics/summary").json()["nodes"] == 5
    assert cache.misses == misses and cache.hits >= 1  # served from the cache
    graphs.load_into(client, nexus_doc())
    assert client.get("/metrics/summary").json()["nodes"] == 5 + 9
    assert cache.misses > misses
