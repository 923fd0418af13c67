"""The export formats: name, media type, file name, the tool that opens it, and its writer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from app.analytics.rows import GraphRows
from app.exports import ftm, json_formats, neo4j_csv, xml_formats
from graph_schema.errors import NotFound


@dataclass(frozen=True)
class ExportFormat:
    name: str
    media_type: str
    filename: str
    opens_with: str
    write: Callable[[GraphRows], Iterator[bytes]]


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("graphml", "application/graphml+xml", "sahel-nexus.graphml",
                 "Gephi, yEd, Cytoscape desktop, networkx.read_graphml", xml_formats.graphml),
    ExportFormat("gexf", "application/gexf+xml", "sahel-nexus.gexf", "Gephi, networkx.read_gexf",
                 xml_formats.gexf),
    ExportFormat("networkx", "application/json", "sahel-nexus.json",
                 "networkx.node_link_graph(data, edges='edges'), D3", json_formats.node_link),
    ExportFormat("csv", "application/zip", "sahel-nexus-neo4j-csv.zip",
                 "neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv",
                 neo4j_csv.zip_stream),
    ExportFormat("cytoscape", "application/json", "sahel-nexus.cyjs", "Cytoscape.js (cytoscape({elements}))",
                 json_formats.cytoscape),
    ExportFormat("ftm", "application/x-ndjson", "sahel-nexus.ftm.json",
                 "Aleph / OpenAleph (alephclient write-entities), ftm CLI", ftm.ftm_lines),
)}


def get_format(name: str) -> ExportFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise NotFound(f"unknown export format {name!r}; formats: {', '.join(FORMATS)}") from None
