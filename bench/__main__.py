"""``python -m bench [--scale tiny|small|full] [--only extraction,load,queries,revalidation,export,iati]``: run, print,
save.

``queries`` is latency, revalidation (304 against 200) and throughput; ``revalidation`` alone runs only
the 304 part (minutes instead of a quarter of an hour at full scale, where path_between eats its budget).

Every figure is printed beside its baseline measured in the same run, with the ratio and the
target. Results go to bench/results/<timestamp>.json (gitignored). BENCH_SCALE sets the default
scale (full: 100k nodes, 1M relationships).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import corpus, engine, extraction, iati, load, queries
from bench.graphgen import SCALES, SyntheticGraph
from graph_schema.model import load_schema

RESULTS = Path(__file__).with_name("results")
PLAN = {  # corpus documents, query samples per query, seconds per throughput level, export time cap
    "tiny": {"docs": 10, "samples": 30, "seconds": 2.0, "export_cap": 120, "budget": 30},
    "small": {"docs": 40, "samples": 150, "seconds": 4.0, "export_cap": 300, "budget": 60},
    "full": {"docs": 120, "samples": 300, "seconds": 8.0, "export_cap": 150, "budget": 90},
}
LATENCY_TARGET_MS = {"entity_profile": 20.0, "neighbors": 20.0, "who_funds_what": 20.0}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')} load {engine.load_average()}] {msg}", file=sys.stderr, flush=True)


def machine() -> dict[str, Any]:
    def cmd(args: list[str]) -> str:
        try:
            return subprocess.run(args, capture_output=True, text=True, timeout=10).stdout
        except OSError:
            return ""
    model = next((line.split(":", 1)[1].strip() for line in cmd(["lscpu"]).splitlines()
                  if line.startswith("Model name")), platform.processor())
    import psutil

    return {"nproc": os.cpu_count(), "cpu": model, "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "platform": platform.platform()}


def run_export(sock: Path, graph: str, cap: float, *extra: str) -> dict[str, Any]:
    args = [sys.executable, "-m", "bench.export", "--socket", str(sock), "--graph", graph, *extra]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=cap)
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish within {cap:.0f} s", "seconds": None}
    if proc.returncode != 0:
        return {"error": proc.stderr[-1500:], "seconds": None}
    out: dict[str, Any] = json.loads(proc.stdout)
    out["wall_seconds"] = time.perf_counter() - t0
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench")
    p.add_argument("--scale", default=os.environ.get("BENCH_SCALE", "full"), choices=sorted(SCALES))
    p.add_argument("--only", default="extraction,load,queries,export,iati")
    p.add_argument("--batch-size", type=int, default=None)
    args = p.parse_args(argv)
    only = set(args.only.split(","))
    plan = PLAN[args.scale]
    schema = load_schema()
    started = time.perf_counter()
    result: dict[str, Any] = {"scale": args.scale, "spec": vars(SCALES[args.scale]), "plan": plan,
                              "started": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine(),
                              "load_average": {"start": engine.load_average()}}
    log(f"scale {args.scale}: {SCALES[args.scale]}")

    if "extraction" in only:
        log("extraction")
        result["extraction"] = extraction.run(corpus.make_corpus(plan["docs"]), log=log)
        result["load_average"]["after_extraction"] = engine.load_average()

    graph = SyntheticGraph(schema, SCALES[args.scale]) if only & {"load", "queries", "export"} else None
    with engine.falkordb_server() as (server, sock), engine.MemorySampler() as mem:
        mem.watch("falkordb", engine.server_pid(server.data_dir))
        bulk_store = engine.open_store(schema, sock, "bench")
        result["falkordb_version"] = bulk_store.server_version()
        if only & {"load", "queries", "revalidation", "export"}:
            assert graph is not None
            log(f"load: {graph.relationship_count} relationships, raw script vs app/writer/bulk.py")
            raw_store = engine.open_store(schema, sock, "bench_raw")
            kwargs = {"batch_size": args.batch_size} if args.batch_size else {}
            result["load"] = load.compare_load(raw_store, bulk_store, graph, log=log, **kwargs)
            engine.drop_graph(raw_store, "bench_raw")
            raw_store.close()
            result["load_average"]["after_load"] = engine.load_average()
            log(f"  project {result['load']['bulk_rels_per_s']:.0f} rel/s, raw {result['load']['raw_rels_per_s']:.0f}")
        if only & {"queries", "revalidation"}:
            api = queries.Api(sock, "bench", server.data_dir)
            mem.watch("api", api.pid)
            try:
                assert graph is not None
                calls = queries.sample_calls(graph, plan["samples"])
                if "queries" in only:
                    log("latency: HTTP vs direct, one client")
                    result["latency"] = queries.latency(bulk_store, api, calls, log=log, budget_s=plan["budget"])
                log("revalidation: 304 (If-None-Match) vs 200 of the same request")
                result["revalidation"] = queries.revalidation(api, calls, log=log, per_query=min(plan["samples"], 100))
                if "queries" in only:
                    log("throughput at 1, 8, 32 clients")
                    result["throughput"] = queries.throughput(bulk_store, api, calls, (1, 8, 32), plan["seconds"],
                                                              log=log)
            finally:
                mem.sample()
                api.close()
                mem.unwatch("api")
            result["load_average"]["after_queries"] = engine.load_average()
        if "export" in only:
            log("networkx export (fresh processes)")
            ex: dict[str, Any] = {"fetch_only": run_export(sock, "bench", plan["export_cap"], "--fetch-only")}
            ex["pages"] = run_export(sock, "bench", plan["export_cap"], "--own")
            try:
                import app.client  # noqa: F401

                ex["load_graph"] = run_export(sock, "bench", plan["export_cap"])
            except ImportError:
                pass
            result["export"] = ex
            result["load_average"]["after_export"] = engine.load_average()
        if "iati" in only:
            log(f"iati: {iati.ACTIVITIES[args.scale]:,} synthetic activities, files of {iati.PER_FILE:,}")
            iati_store = engine.open_store(schema, sock, "bench_iati")
            result["iati"] = iati.run(iati_store, schema, args.scale, log=log)
            engine.drop_graph(iati_store, "bench_iati")
            iati_store.close()
            result["load_average"]["after_iati"] = engine.load_average()
        result["server_peak_rss"] = {"per_process": dict(mem.peak), "total": mem.peak_total}
        bulk_store.close()
    result["seconds"] = time.perf_counter() - started
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{datetime.now().strftime('%Y%m%d-%H%M%S')}-{args.scale}.json"
    out.write_text(json.dumps(result, indent=2, default=str))
    from bench.report import table

    print(table(result))
    print(f"\nresults: {out}  ({result['seconds'] / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
