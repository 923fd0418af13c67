"""``nexus export --format … --out …``: the graph in another tool's format (see GET /export/{format})."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.analytics.rows import GraphFilter, GraphRows
from app.exports import neo4j_csv
from app.exports.formats import FORMATS
from app.exports.service import plan_export


def cmd_export(args: argparse.Namespace) -> int:
    from app.cli import open_repository

    flt = GraphFilter(tuple(args.node_type) or None, tuple(args.rel_type) or None, args.region, args.min_evidence,
                      args.include_documents)
    with open_repository() as repo:
        plan = plan_export(repo, args.format, flt)
        rows = GraphRows(repo, plan.filter, plan.keep)
        if args.format == "csv" and args.out != "-" and not args.out.endswith(".zip"):
            for path in neo4j_csv.write_directory(rows, Path(args.out)):
                print(f"wrote     {path}", file=sys.stderr)
            return 0
        if args.out == "-":
            for chunk in plan.format.write(rows):
                sys.stdout.buffer.write(chunk)
            sys.stdout.flush()
            return 0
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as fh:
            for chunk in plan.format.write(rows):
                fh.write(chunk)
    print(f"wrote     {out} ({plan.format.name}; opens with {plan.format.opens_with})", file=sys.stderr)
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("export", help="export the graph (graphml, gexf, networkx, csv, cytoscape, ftm)")
    p.add_argument("--format", "-f", required=True, choices=sorted(FORMATS))
    p.add_argument("--out", "-o", required=True,
                   help="output file ('-' for stdout); for csv a folder (nodes.csv, relationships.csv) or a .zip")
    p.add_argument("--node-type", action="append", default=[], help="keep this entity type (repeatable)")
    p.add_argument("--rel-type", action="append", default=[], help="keep this relationship type (repeatable)")
    p.add_argument("--region", help="only this region's neighbourhood (name, alias or id)")
    p.add_argument("--min-evidence", type=int, default=1)
    p.add_argument("--include-documents", action="store_true", help="add Document nodes and MENTIONS edges")
    p.set_defaults(func=cmd_export)
