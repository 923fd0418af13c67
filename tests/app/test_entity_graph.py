"""GET /entities/{id}/graph: nearest neighbours capped and counted, and only the facts among the drawn nodes."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.app.sample_corpus import load_sample_into


def test_depth_one_neighbourhood_of_unodc(client: TestClient) -> None:
    load_sample_into(client)
    body = client.get("/entities/UNODC/graph").json()
    near = client.get("/entities/organization:unodc/neighbors", params={"depth": 1, "limit": 500}).json()["rows"]
    assert body["center"]["id"] == "organization:unodc" and body["nodes"][0] == body["center"]
    assert [n["id"] for n in body["nodes"][1:]] == [r["id"] for r in near]
    assert body["total_neighbours"] == len(near) and body["more"] == 0 and body["more_is_lower_bound"] is False
    ids = {n["id"] for n in body["nodes"]}
    assert body["edges"] and all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    assert all(e["evidence_count"] >= 1 for e in body["edges"])
    touching = [e for e in body["edges"] if "organization:unodc" in (e["source"], e["target"])]
    assert {e["source"] if e["target"] == "organization:unodc" else e["target"] for e in touching} == ids - {
        "organization:unodc"}


def test_cap_counts_the_rest_and_drops_their_edges(client: TestClient) -> None:
    load_sample_into(client)
    full = client.get("/entities/organization:unodc/graph", params={"depth": 2}).json()
    capped = client.get("/entities/organization:unodc/graph", params={"depth": 2, "max_nodes": 5}).json()
    assert full["total_neighbours"] > 5 and len(capped["nodes"]) == 6
    assert capped["more"] == full["total_neighbours"] - 5 == capped["total_neighbours"] - 5
    ids = {n["id"] for n in capped["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in capped["edges"])
    assert len(capped["edges"]) < len(full["edges"])
    assert max(n["hops"] for n in full["nodes"]) == 2


def test_bad_parameters_and_unknown_entity(client: TestClient) -> None:
    assert client.get("/entities/organization:unodc/graph", params={"depth": 3}).status_code == 422
    assert client.get("/entities/organization:unodc/graph", params={"max_nodes": 0}).status_code == 422
    missing = client.get("/entities/Atlantis/graph")
    assert missing.status_code == 404 and "Atlantis" in missing.json()["detail"]
