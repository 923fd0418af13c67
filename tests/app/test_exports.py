"""Every export opens in its target format's reader with the graph's counts and attributes."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from followthemoney import model

from app.analytics.rows import GraphFilter, GraphRows
from app.exports.formats import FORMATS
from app.exports.neo4j_csv import NODE_HEADER, REL_HEADER
from app.repository import GraphRepository
from app.services.ingest_service import ingest
from graph_schema.contract import Extraction
from graph_schema.model import GraphSchema
from tests.app import analytics_graphs as graphs
from tests.factories import extraction, nexus_doc

# nexus_doc: 9 entities, 9 fact relationships (MENTIONS are 9 more)
NODES, EDGES = 9, 9


def niger_doc() -> Extraction:
    return extraction("doc-n", [("EU", "Organization", []), ("Niger Project", "Project", []),
                                ("Niger", "Region", [])],
                      [("FUNDS", "EU", "Niger Project", "EU funds it"),
                       ("TARGETS", "Niger Project", "Niger", "in Niger")])


def export(client: TestClient, fmt: str, **params: object) -> bytes:
    response = client.get(f"/export/{fmt}", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(FORMATS[fmt].media_type)
    return response.content


@pytest.fixture
def loaded(client: TestClient) -> TestClient:
    graphs.load_into(client, nexus_doc())
    return client


def test_graphml_round_trips_through_networkx(loaded: TestClient) -> None:
    g = nx.read_graphml(io.BytesIO(export(loaded, "graphml")), force_multigraph=True)
    assert (g.number_of_nodes(), g.number_of_edges()) == (NODES, EDGES)
    assert g.nodes["organization:unodc"]["name"] == "UNODC"
    assert g.nodes["organization:unodc"]["aliases"] == "United Nations Office on Drugs and Crime"
    assert set(g.nodes["organization:government-of-japan"]["labels"].split(";")) == {"Organization", "Entity", "Funder"}
    funds = g.get_edge_data("organization:government-of-japan", "project:gao-dialogue")[
        "organization:government-of-japan|FUNDS|project:gao-dialogue"]  # edge ids are unique (source|TYPE|target)
    assert funds["type"] == "FUNDS" and funds["evidence_count"] == 1 and funds["documents"] == "doc-a"
    assert funds["confidence"] == pytest.approx(0.9)


def test_gexf_round_trips_through_networkx(loaded: TestClient) -> None:
    g = nx.read_gexf(io.BytesIO(export(loaded, "gexf")))
    assert g.is_directed()
    assert (g.number_of_nodes(), g.number_of_edges()) == (NODES, EDGES)
    assert g.nodes["threat:terrorism"]["label"] == "terrorism" and g.nodes["threat:terrorism"]["type"] == "Threat"
    labels = sorted(d["label"] for _, _, d in g.edges(data=True))
    assert labels.count("TARGETS") == 3 and labels.count("FUNDS") == 1
    assert all(d["evidence_count"] == 1 for _, _, d in g.edges(data=True))


def test_node_link_json_and_documents_on_request(loaded: TestClient) -> None:
    g = nx.node_link_graph(json.loads(export(loaded, "networkx")), edges="edges")
    assert (g.number_of_nodes(), g.number_of_edges()) == (NODES, EDGES)
    with_docs = nx.node_link_graph(json.loads(export(loaded, "networkx", include_documents=True)), edges="edges")
    assert with_docs.number_of_nodes() == NODES + 1 and with_docs.number_of_edges() == EDGES + 9
    assert with_docs.nodes["doc-a"]["type"] == "Document"


def test_neo4j_admin_csv(loaded: TestClient) -> None:
    archive = zipfile.ZipFile(io.BytesIO(export(loaded, "csv")))
    assert sorted(archive.namelist()) == ["nodes.csv", "relationships.csv"]
    nodes = list(csv.reader(io.StringIO(archive.read("nodes.csv").decode())))
    rels = list(csv.reader(io.StringIO(archive.read("relationships.csv").decode())))
    assert nodes[0] == NODE_HEADER and nodes[0][:2] == ["id:ID", ":LABEL"] and "aliases:string[]" in nodes[0]
    assert rels[0] == REL_HEADER and rels[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert "evidence_count:int" in rels[0]
    assert len(nodes) - 1 == NODES and len(rels) - 1 == EDGES
    japan = next(r for r in nodes if r[0] == "organization:government-of-japan")
    assert set(japan[1].split(";")) == {"Organization", "Entity", "Funder"} and japan[4] == "Japan"
    funds = next(r for r in rels if r[2] == "FUNDS")
    assert funds[:4] == ["organization:government-of-japan", "project:gao-dialogue", "FUNDS", "1"]
    ids = {r[0] for r in nodes[1:]}
    assert all(r[0] in ids and r[1] in ids for r in rels[1:])


def test_cytoscape_elements(loaded: TestClient) -> None:
    elements = json.loads(export(loaded, "cytoscape"))["elements"]
    assert len(elements["nodes"]) == NODES and len(elements["edges"]) == EDGES
    ids = {n["data"]["id"] for n in elements["nodes"]}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in elements["edges"])
    assert len({e["data"]["id"] for e in elements["edges"]}) == EDGES
    assert next(n for n in elements["nodes"] if n["data"]["id"] == "person:amina-traore")["data"]["label"] == \
        "Amina Traoré"


def test_followthemoney_entities_validate(loaded: TestClient) -> None:
    lines = export(loaded, "ftm").decode().splitlines()
    proxies = [model.get_proxy(json.loads(line), cleaned=False) for line in lines]
    for proxy in proxies:
        proxy.schema.validate(proxy.to_dict())  # raises InvalidData
        assert all(proxy.get(p) for p in proxy.schema.required), proxy.to_dict()
    by_schema: dict[str, list[str]] = {}
    for proxy in proxies:
        by_schema.setdefault(proxy.schema.name, []).append(proxy.caption)
    assert sorted(by_schema) == ["Document", "Membership", "Organization", "Person", "Project",
                                 "ProjectParticipant", "UnknownLink"]
    assert sorted(by_schema["Organization"]) == ["Government of Japan", "UNICRI", "UNODC"]
    ids = {p.id for p in proxies}
    for proxy in proxies:  # every reference points at an exported entity
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in ids
    project = next(p for p in proxies if p.schema.name == "Project")
    assert set(project.get("keywords")) == {"Gao", "drug trafficking", "terrorism"}
    roles = sorted(p.first("role") for p in proxies if p.schema.name == "ProjectParticipant")
    assert roles == ["funder", "implementer"]


def test_payment_between_organizations(client: TestClient) -> None:
    graphs.load_into(client, extraction("doc-p", [("EU", "Organization", []), ("ECOWAS", "Organization", [])],
                                        [("FUNDS", "EU", "ECOWAS", "EU funds ECOWAS")]))
    lines = [json.loads(line) for line in export(client, "ftm").decode().splitlines()]
    payment = next(line for line in lines if line["schema"] == "Payment")
    assert set(payment["properties"]) >= {"payer", "beneficiary", "proof", "description"}


def test_filters_and_region_neighbourhood(client: TestClient) -> None:
    graphs.load_into(client, nexus_doc(), niger_doc())
    g = nx.node_link_graph(json.loads(export(client, "networkx", region="Mali")), edges="edges")
    assert sorted(g.nodes) == ["organization:government-of-japan", "organization:unodc", "project:gao-dialogue",
                               "region:gao", "region:mali", "threat:drug-trafficking", "threat:terrorism"]
    g = nx.node_link_graph(json.loads(export(client, "networkx", node_types=["Organization", "Project"],
                                             rel_types=["FUNDS"])), edges="edges")
    assert sorted(g.edges) == [("organization:eu", "project:niger-project", "FUNDS"),
                               ("organization:government-of-japan", "project:gao-dialogue", "FUNDS")]
    assert g.number_of_nodes() == 6  # 4 organizations, 2 projects
    assert nx.node_link_graph(json.loads(export(client, "networkx", min_evidence=2)), edges="edges") \
        .number_of_edges() == 0


def test_bad_export_requests(loaded: TestClient) -> None:
    response = loaded.get("/export/pdf")  # the format is an enum in the spec: 422 listing the formats
    assert response.status_code == 422 and "graphml" in response.text
    response = loaded.get("/export/graphml", params={"node_types": "Planet"})  # an enum in the spec
    assert response.status_code == 422 and "Planet" in response.text and "Organization" in response.text
    assert loaded.get("/export/csv", params={"region": "Atlantis"}).status_code == 404
    assert loaded.get("/export/csv", params={"min_evidence": -1}).status_code == 422


def test_exports_read_in_pages(repo: GraphRepository, schema: GraphSchema, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest(repo, schema, nexus_doc())
    monkeypatch.setattr("app.analytics.rows.PAGE", 2)  # several pages for 9 nodes and 9 relationships
    rows = GraphRows(repo, GraphFilter())
    assert len({r["id"] for r in rows.nodes()}) == NODES
    assert len({(r["source"], r["type"], r["target"]) for r in rows.edges()}) == EDGES


def test_cli_export(store: object, engine: str, graph_name: str, falkor_socket: Path, tmp_path: Path,
                    repo: GraphRepository, schema: GraphSchema, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import main
    from app.settings import get_settings

    if engine != "falkordb":
        pytest.skip("the CLI test points NEXUS_* at the embedded engine")
    ingest(repo, schema, nexus_doc())
    monkeypatch.setenv("NEXUS_STORE", "falkordb")
    monkeypatch.setenv("NEXUS_FALKORDB_SOCKET", str(falkor_socket))
    monkeypatch.setenv("NEXUS_GRAPH_NAME", graph_name)
    monkeypatch.setenv("NEXUS_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        assert main(["export", "--format", "csv", "--out", str(tmp_path / "csv")]) == 0
        assert main(["export", "--format", "gexf", "--out", str(tmp_path / "g.gexf")]) == 0
    finally:
        get_settings.cache_clear()
    assert len((tmp_path / "csv" / "nodes.csv").read_text().splitlines()) == NODES + 1
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_edges() == EDGES
