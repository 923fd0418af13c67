"""The ``nexus`` command line: load, extract, ingest, query, serve, reset, remove."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from app.catalogue import load_catalogue
from app.repository import GraphRepository
from app.settings import get_settings
from app.store.factory import build_store
from graph_schema.errors import NexusError
from graph_schema.model import load_schema


@contextmanager
def open_repository() -> Iterator[GraphRepository]:
    """A started store and one session, for the length of a command."""
    settings = get_settings()
    store = build_store(settings, load_schema())
    store.start()
    try:
        with store.session() as session:
            yield GraphRepository(session, load_catalogue(), store.dialect, load_schema())
    finally:
        store.close()


def _parse_params(pairs: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"--param takes key=value, got {pair!r}")
        params[key] = int(value) if value.lstrip("-").isdigit() else value
    return params


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(no rows)"
    cols = list(rows[0])
    cells = [[json.dumps(r.get(c), ensure_ascii=False) if not isinstance(r.get(c), str) else str(r.get(c))
              for c in cols] for r in rows]
    widths = [min(60, max(len(c), *(len(row[i]) for row in cells))) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True))]
    lines += ["  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def cmd_query(args: argparse.Namespace) -> int:
    from app.services.query_service import run_query

    with open_repository() as repo:
        rows = run_query(repo, load_catalogue(), args.name, _parse_params(args.param))
    print(json.dumps(rows, ensure_ascii=False, indent=2) if args.json else _table(rows))
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    if not args.yes:
        print("nexus reset deletes every node and relationship; add --yes to confirm", file=sys.stderr)
        return 2
    settings = get_settings()
    store = build_store(settings, load_schema())
    store.start()
    try:
        store.clear()
    finally:
        store.close()
    print("graph emptied")
    return 0


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.dev_key import ensure_dev_key
    from app.store.falkordb_server import FalkorServer

    ensure_dev_key()
    settings = get_settings()
    server = FalkorServer(settings.data_dir) if settings.store == "falkordb" and not settings.falkordb_socket else None
    if server is not None:
        server.ensure_running()  # one engine for every worker; stopped when serve exits
    # uvicorn re-raises SIGTERM after its graceful shutdown; turn it into SystemExit so `finally` stops the engine
    signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        base = f"http://{args.host}:{args.port}"
        print(f"Sahel Nexus Graph on {base} - explorer at {base}/, API docs at {base}/docs", flush=True)
        uvicorn.run("app.main:create_app", factory=True, host=args.host, port=args.port, workers=args.workers,
                    log_level=args.log_level)
    finally:
        if server is not None:
            server.stop()
    return 0


def build_parser() -> argparse.ArgumentParser:
    from app import cli_documents, cli_export

    parser = argparse.ArgumentParser(prog="nexus", description="Sahel Nexus Graph: the nexus knowledge graph.")
    sub = parser.add_subparsers(dest="command", required=True)
    cli_documents.add_commands(sub)
    cli_export.add_commands(sub)
    p = sub.add_parser("query", help="run a canned query (see GET /queries)")
    p.add_argument("name")
    p.add_argument("--param", "-p", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=cmd_query)
    p = sub.add_parser("serve", help="serve the HTTP API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--log-level", default="info")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("reset", help="delete every node and relationship")
    p.add_argument("--yes", action="store_true")
    p.set_defaults(func=cmd_reset)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
        return code
    except NexusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
