"""GET /ask over the sample corpus: the query that ran, its parameters, the same rows as the direct endpoint."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.app.sample_corpus import load_sample_into


def _ask(client: TestClient, q: str) -> Any:
    return client.get("/ask", params={"q": q})


def test_who_funds_what_in_mali_is_the_funding_query(client: TestClient) -> None:
    load_sample_into(client)
    answer = _ask(client, "who funds what in Mali").json()
    direct = client.get("/funding", params={"region": "Mali"}).json()
    assert answer["matched"] is True and answer["query"] == "who_funds_what"
    assert answer["parameters"] == {"region": "region:mali", "threat": None, "limit": 100, "offset": 0}
    assert answer["understood"]["region"] == {"text": "mali", "id": "region:mali", "name": "Mali", "type": "Region"}
    assert answer["count"] == direct["count"] > 0 and answer["rows"] == direct["rows"]


def test_region_and_threat_in_either_order_and_in_french(client: TestClient) -> None:
    load_sample_into(client)
    direct = client.get("/funding", params={"region": "Mali", "threat": "drug trafficking"}).json()["rows"]
    for q in ("who funds what in Mali against drug trafficking", "Who funds what against drug trafficking in Mali?"):
        body = _ask(client, q).json()
        assert body["parameters"]["threat"] == "threat:drug-trafficking" and body["rows"] == direct, q
    niger = _ask(client, "qui finance quoi au Niger").json()
    assert niger["query"] == "who_funds_what" and niger["parameters"]["region"] == "region:niger"
    assert niger["rows"] == client.get("/funding", params={"region": "Niger"}).json()["rows"] != []


def test_path_question_resolves_aliases_and_runs_path_between(client: TestClient) -> None:
    load_sample_into(client)
    body = _ask(client, "how is the Government of Japan connected to the "
                        "United Nations Office on Drugs and Crime").json()
    assert body["query"] == "path_between"
    assert body["parameters"] == {"source": "organization:government-of-japan", "target": "organization:unodc",
                                  "max_hops": 4}
    direct = client.post("/queries/path_between", json={"source": "Japan", "target": "UNODC"}).json()
    assert body["rows"] == direct["rows"] and body["count"] == 1


def test_name_found_only_by_search_is_used_when_it_is_the_one_hit(client: TestClient) -> None:
    load_sample_into(client)
    body = _ask(client, "who funds the WAPIS Programme").json()  # exact alias
    assert body["query"] == "funders_of_project" and body["parameters"]["project"] == "project:wapis-programme"
    partial = _ask(client, "who funds KAFO").json()  # no name or alias is 'KAFO'; one project contains it
    assert partial["understood"]["project"]["name"] == "Operation KAFO II"
    assert {r["funder"] for r in partial["rows"]} == {"Government of Germany", "Government of France",
                                                      "Government of Italy", "European Union"}


def test_unknown_name_is_a_404_that_names_it(client: TestClient) -> None:
    load_sample_into(client)
    resp = _ask(client, "how is UNODC connected to Atlantis Watch")
    assert resp.status_code == 404 and resp.json()["detail"].startswith("no entity named 'atlantis watch' in the graph")
    region = _ask(client, "who funds what in Atlantis")
    assert region.status_code == 404 and "no Region named 'atlantis'" in region.json()["detail"]


def test_ambiguous_partial_name_is_a_404_listing_candidates(client: TestClient) -> None:
    load_sample_into(client)
    resp = _ask(client, "who funds UNODC training")
    assert resp.status_code == 404
    assert "several contain it" in resp.json()["detail"] and "UNODC training of 15 national trainers" in resp.json()[
        "detail"]


def test_unread_question_is_unmatched_with_suggestions_and_runs_nothing(client: TestClient) -> None:
    load_sample_into(client)
    body = _ask(client, "what will the weather be in Gao tomorrow").json()
    assert body["matched"] is False and body["query"] is None and body["rows"] == [] and body["count"] == 0
    assert len(body["suggestions"]) == 3
    queries = {q["name"] for q in client.get("/queries").json()}
    for s in body["suggestions"]:
        assert s["query"] in queries and s["example"] and s["description"]
        again = _ask(client, s["example"])  # every suggestion is a question /ask reads
        assert again.status_code in (200, 404) and (again.status_code == 404 or again.json()["matched"])


def test_question_validation(client: TestClient) -> None:
    assert client.get("/ask").status_code == 422
    assert client.get("/ask", params={"q": ""}).status_code == 422
    assert client.get("/ask", params={"q": "x" * 501}).status_code == 422
    injected = _ask(client, "partners of x'}) DETACH DELETE n //")
    assert injected.status_code == 404  # a name like any other, not Cypher
