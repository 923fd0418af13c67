"""``nexus load`` (gold-format JSON), ``extract``, ``ingest`` and ``remove``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from graph_schema.contract import Extraction
from graph_schema.errors import NexusError
from graph_schema.model import load_schema


def _json_files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        out.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    return out


def read_gold_file(path: Path) -> Extraction:
    """A gold-format JSON file; a sibling ``<stem>.txt`` (if any) gives evidence offsets."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        from graph_schema.errors import BadDocument

        raise BadDocument(f"{path}: cannot read JSON: {exc}") from None
    text_path = path.with_suffix(".txt")
    text = text_path.read_text(encoding="utf-8") if text_path.exists() else None
    return Extraction.from_gold(data, stem=path.stem, text=text)


def cmd_load(args: argparse.Namespace) -> int:
    from app.cli import open_repository
    from app.services.ingest_service import ingest

    if args.iati:
        return _load_iati(args.paths, args.replace, quiet=False)
    failures: list[str] = []
    with open_repository() as repo:
        for path in _json_files(args.paths):
            try:
                result = ingest(repo, load_schema(), read_gold_file(path), replace=args.replace)
                print(f"{result.status:9} {result.document_id}: "
                      f"{result.entities} entities, {result.relations} relations")
            except NexusError as exc:
                failures.append(f"{path}: {exc}")
    return _summary(failures)


def _load_iati(paths: list[str], replace: bool, *, quiet: bool) -> int:
    """IATI activity files (folders: their *.xml), each one document; a batch goes on past failures."""
    from app.cli import open_repository
    from app.services.iati_service import iati_files, ingest_iati, read_file
    from app.settings import get_settings

    max_bytes = get_settings().max_upload_bytes
    failures: list[str] = []
    with open_repository() as repo:
        for path in iati_files(paths):
            try:
                loaded = ingest_iati(repo, load_schema(), read_file(path, max_bytes), path.name, max_bytes=max_bytes,
                                     replace=replace)
            except NexusError as exc:
                failures.append(f"{path}: {exc}")
                continue
            result = loaded.result
            if not quiet:
                print(f"{result.status:9} {result.document_id}: {path.name}, {loaded.activities} activities, "
                      f"{result.entities} entities, {result.relations} relations")
                for note in loaded.notes:
                    print(f"  note    {note}")
    return _summary(failures)


def _summary(failures: list[str]) -> int:
    for line in failures:
        print(f"failed    {line}", file=sys.stderr)
    if failures:
        print(f"{len(failures)} file(s) failed", file=sys.stderr)
    return 1 if failures else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from loaders.batch import run_extract

    return run_extract([Path(p) for p in args.paths], Path(args.out), workers=args.workers)


def cmd_ingest(args: argparse.Namespace) -> int:
    """Extract documents (folders expand) and write each one's facts; a batch goes on past failures."""
    from app.cli import open_repository
    from app.services.ingest_service import ingest
    from loaders.batch import extract_paths

    xml = [p for p in args.paths if p.lower().endswith(".xml")]
    texts = [p for p in args.paths if p not in xml]
    code = _load_iati(xml, args.replace, quiet=args.quiet) if xml else 0
    if not texts:
        return code
    failures: list[str] = []
    done = 0
    with open_repository() as repo:
        for item in extract_paths([Path(p) for p in texts], workers=args.workers, progress=not args.quiet):
            if item.extraction is None:
                failures.append(f"{item.path}: {item.error}")
                continue
            try:
                result = ingest(repo, load_schema(), item.extraction, replace=args.replace)
            except NexusError as exc:
                failures.append(f"{item.path}: {exc}")
                continue
            done += 1
            if not args.quiet:
                print(f"{result.status:9} {result.document_id}: "
                      f"{result.entities} entities, {result.relations} relations")
    print(f"ingested {done} document(s)", file=sys.stderr)
    return max(code, _summary(failures))


def cmd_remove(args: argparse.Namespace) -> int:
    from app.cli import open_repository
    from app.services.ingest_service import retract

    with open_repository() as repo:
        for doc_id in args.doc_ids:
            retract(repo, doc_id)
            print(f"removed   {doc_id}")
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("load", help="load gold-format JSON extractions, or IATI activity files with --iati")
    p.add_argument("paths", nargs="+")
    p.add_argument("--iati", action="store_true",
                   help="the files are IATI activity XML (folders: their *.xml); each file is one document")
    p.add_argument("--replace", action="store_true", help="replace documents stored with other content")
    p.set_defaults(func=cmd_load)
    p = sub.add_parser("extract", help="extract documents to gold-format JSON (one <id>.json each)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--workers", type=int, default=1, help="worker processes (each loads the models once)")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("ingest", help="extract documents (TXT/HTML/PDF/DOCX, folders) and load them; "
                       ".xml files are read as IATI activity files")
    p.add_argument("paths", nargs="+")
    p.add_argument("--workers", type=int, default=1, help="worker processes for extraction")
    p.add_argument("--replace", action="store_true", help="replace documents stored with other content")
    p.add_argument("--quiet", action="store_true", help="no progress bar or per-document lines")
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("remove", help="retract documents: what only they supported disappears")
    p.add_argument("doc_ids", nargs="+")
    p.set_defaults(func=cmd_remove)
