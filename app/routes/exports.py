from __future__ import annotations

from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Path, Query
from fastapi.responses import StreamingResponse

from app.analytics.rows import GraphFilter
from app.deps import Repo, StoreDep
from app.exports.formats import FORMATS
from app.exports.service import export_bytes, plan_export
from graph_schema.model import load_schema

router = APIRouter(tags=["exports"])
FORMAT_HELP = "; ".join(f"{f.name}: {f.opens_with}" for f in FORMATS.values())
FormatName = Literal["graphml", "gexf", "networkx", "csv", "cytoscape", "ftm"]  # the spec's enum
assert set(get_args(FormatName)) == set(FORMATS), "FormatName must list exactly the export formats"
NodeType = Literal["Organization", "Project", "Region", "Threat", "Person"]
RelType = Literal["FUNDS", "PARTNERS_WITH", "IMPLEMENTS", "TARGETS", "AFFILIATED_WITH", "LINKED_TO", "LOCATED_IN"]
assert get_args(NodeType) == load_schema().entity_labels and get_args(RelType) == load_schema().fact_types


@router.get(
    "/export/{format}", summary="Export the graph (GraphML, GEXF, node-link JSON, neo4j-admin CSV, Cytoscape, FtM)",
    response_class=StreamingResponse, responses={404: {"description": "Unknown region"},
                                                 422: {"description": "Unknown format or invalid filter"}},
)
def export(
    repo: Repo, store: StoreDep,
    format: Annotated[FormatName, Path(description=FORMAT_HELP)],
    node_types: Annotated[list[NodeType] | None, Query(description="Keep these entity types (repeat)")] = None,
    rel_types: Annotated[list[RelType] | None, Query(description="Keep these relationship types (repeat)")] = None,
    region: Annotated[str | None, Query(min_length=1, max_length=300, description="Only a region's "
                                        "neighbourhood (name, alias or id)")] = None,
    min_evidence: Annotated[int, Query(ge=0, le=1_000_000, description="Minimum evidence per relationship")] = 1,
    include_documents: Annotated[bool, Query(description="Add Document nodes and MENTIONS edges")] = False,
) -> StreamingResponse:
    flt = GraphFilter(tuple(node_types) if node_types else None, tuple(rel_types) if rel_types else None,
                      region, min_evidence, include_documents)
    plan = plan_export(repo, format, flt)
    return StreamingResponse(export_bytes(store, plan), media_type=plan.format.media_type,
                             headers={"Content-Disposition": f'attachment; filename="{plan.format.filename}"'})
