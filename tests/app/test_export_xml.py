"""GraphML and GEXF stay valid XML and keep ids unique (issue #12, defects 2 and 10)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from tests.app import analytics_graphs as graphs
from tests.factories import nexus_doc

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture
def loaded(client: TestClient) -> TestClient:
    doc = nexus_doc()
    # Stored before the edge checks existed (or by a loader): the exports must still be valid XML.
    store = client.app.state.store  # type: ignore[attr-defined]
    graphs.load_into(client, doc)
    with store.session() as s:
        s.write("MATCH (d:Document {id: 'doc-a'}) SET d.title = $t, d.url = $u",
                {"t": "bell\u0007 and esc\u001b[31m and \ufffe end", "u": "https://example.org/\u0008x"})
    return client


def get(client: TestClient, fmt: str) -> bytes:
    response = client.get(f"/export/{fmt}", params={"include_documents": True})
    assert response.status_code == 200, response.text
    assert response.content, "an empty export"
    return response.content


def test_graphml_with_control_characters_is_valid_xml(loaded: TestClient) -> None:
    data = get(loaded, "graphml")
    ET.fromstring(data)  # well-formed XML 1.0
    g = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert g.nodes["doc-a"]["name"] == "bell and esc[31m and  end"
    assert g.nodes["doc-a"]["url"] == "https://example.org/x"


def test_gexf_with_control_characters_is_valid_xml(loaded: TestClient) -> None:
    data = get(loaded, "gexf")
    ET.fromstring(data)
    g = nx.read_gexf(io.BytesIO(data))
    assert g.nodes["doc-a"]["label"] == "bell and esc[31m and  end"


def test_graphml_edge_ids_are_unique_and_no_key_is_named_id(loaded: TestClient) -> None:
    root = ET.fromstring(get(loaded, "graphml"))
    edges = root.findall(f".//{GRAPHML}edge")
    ids = [e.get("id") for e in edges]
    assert len(edges) == 18 and None not in ids and len(set(ids)) == len(ids), ids
    keys = {k.get("attr.name") for k in root.findall(f"{GRAPHML}key")}
    assert "id" not in keys, keys
    g = nx.read_graphml(io.BytesIO(get(loaded, "graphml")), force_multigraph=True)
    funds = [d for _, _, d in g.edges("organization:government-of-japan", data=True) if d["type"] == "FUNDS"]
    assert len(funds) == 1 and funds[0]["evidence_count"] == 1


def test_gexf_edge_ids_are_unique(loaded: TestClient) -> None:
    root = ET.fromstring(get(loaded, "gexf"))
    ids = [e.get("id") for e in root.iter() if e.tag.endswith("}edge")]
    assert len(ids) == 18 and len(set(ids)) == 18
