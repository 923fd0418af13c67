"""Canned-query latency through the HTTP API against the same query straight on the engine, and throughput."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from app.catalogue import load_catalogue
from app.store.falkordb_store import FalkorStore
from bench.graphgen import SyntheticGraph
from graph_schema.errors import QueryTimeout

PATH_SAMPLES = 60
QUERY_TIMEOUT_MS = 10_000  # the service's default (Settings.query_timeout_ms), on both sides


@dataclass(frozen=True)
class Call:
    """One query with its parameters: how the API is asked, and what the engine runs."""

    query: str
    params: dict[str, Any]
    method: str
    path: str
    body: dict[str, Any] | None = None


def sample_calls(graph: SyntheticGraph, n: int, seed: int = 11) -> dict[str, list[Call]]:
    """Entities drawn half uniformly, half by degree (popular entities are asked about more)."""
    rng = np.random.default_rng(seed)
    degrees = graph.degrees()
    labels = [lab for lab in graph.schema.entity_labels]
    sizes = np.array([graph.node_counts[lab] for lab in labels], dtype=float)

    def pick(label: str | None = None) -> str:
        lab = label or labels[int(rng.choice(len(labels), p=sizes / sizes.sum()))]
        deg = degrees[lab].astype(float)
        if rng.random() < 0.5 or deg.sum() == 0:
            i = int(rng.integers(len(deg)))
        else:
            i = int(rng.choice(len(deg), p=deg / deg.sum()))
        return graph.ids[lab][i]

    calls: dict[str, list[Call]] = {"entity_profile": [], "neighbors": [], "who_funds_what": [], "path_between": []}
    for k in range(n):
        e = pick()
        calls["entity_profile"].append(Call("entity_profile", {"entity": e}, "GET", f"/entities/{e}"))
        e = pick()
        calls["neighbors"].append(Call("neighbors", {"entity": e, "depth": 1, "limit": 50}, "GET",
                                       f"/entities/{e}/neighbors?depth=1&limit=50"))
        r = pick("Region")
        calls["who_funds_what"].append(Call("who_funds_what", {"region": r, "threat": None, "limit": 100, "offset": 0},
                                            "GET", f"/funding?region={r}"))
        if k >= PATH_SAMPLES:  # algo.SPpaths takes up to seconds from hubs; fewer samples keep the run short
            continue
        a, b = pick("Organization"), pick("Project")
        calls["path_between"].append(Call("path_between", {"source": a, "target": b, "max_hops": 4}, "POST",
                                          "/queries/path_between", {"source": a, "target": b, "max_hops": 4}))
    return calls


def percentiles(ms: list[float]) -> dict[str, float]:
    arr = np.array(ms)
    return {"p50": float(np.percentile(arr, 50)), "p95": float(np.percentile(arr, 95)),
            "p99": float(np.percentile(arr, 99)), "mean": float(arr.mean()), "max": float(arr.max()), "n": len(ms)}


class Api:
    """``nexus serve`` (uvicorn, one worker) on loopback, against the benchmark's FalkorDB graph."""

    def __init__(self, sock: Path, graph: str, data_dir: Path, port: int = 8765) -> None:
        self.base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "NEXUS_FALKORDB_SOCKET": str(sock), "NEXUS_GRAPH_NAME": graph,
               "NEXUS_DATA_DIR": str(data_dir), "NEXUS_QUERY_TIMEOUT_MS": str(QUERY_TIMEOUT_MS)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "warning"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the API did not start: {self.proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                if httpx.get(self.base + "/health", timeout=60).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("the API did not answer /health within 120 s")

    @property
    def pid(self) -> int:
        return self.proc.pid

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _direct(store: FalkorStore) -> Callable[[Call], int]:
    catalogue = load_catalogue()
    texts = {q.name: store.dialect.query_overrides.get(q.name, q.text) for q in catalogue.all()}

    def run(call: Call) -> int:
        with store.session() as s:
            s._timeout = QUERY_TIMEOUT_MS  # type: ignore[attr-defined]
            try:
                return len(s.read(texts[call.query], call.params))
            except QueryTimeout as exc:
                raise RuntimeError(str(exc)) from exc
    return run


def _http(client: httpx.Client) -> Callable[[Call], int]:
    def run(call: Call) -> int:
        r = client.request(call.method, call.path, json=call.body)
        if r.status_code != 200:
            raise RuntimeError(f"{call.method} {call.path}: {r.status_code} {r.text[:300]}")
        return len(r.content)
    return run


def latency(store: FalkorStore, api: Api, calls: dict[str, list[Call]], log: Any = None,
            budget_s: float = 120.0) -> dict[str, Any]:
    """Sequential, one client; direct and HTTP alternate call by call (same params), after a warm-up.

    Each query stops taking samples after ``budget_s`` seconds (the count is in the result).
    """
    direct = _direct(store)
    out: dict[str, Any] = {}
    with httpx.Client(base_url=api.base, timeout=120) as client:
        http = _http(client)
        for name, items in calls.items():
            for call in items[:3]:
                with contextlib.suppress(RuntimeError):
                    direct(call)
                    http(call)
            d_ms: list[float] = []
            h_ms: list[float] = []
            rows = errors = 0
            deadline = time.monotonic() + budget_s
            for call in items:
                if time.monotonic() > deadline:
                    break
                t0 = time.perf_counter()
                try:
                    rows += direct(call)
                except RuntimeError:
                    errors += 1
                d_ms.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                try:
                    http(call)
                except RuntimeError:  # e.g. 504: the API's query time limit; counted, its time kept
                    errors += 1
                h_ms.append((time.perf_counter() - t0) * 1000)
            out[name] = {"direct": percentiles(d_ms), "http": percentiles(h_ms), "mean_rows": rows / len(d_ms),
                         "planned_samples": len(items), "timeouts_or_errors": errors}
            if log:
                log(f"  {name}: direct p50 {out[name]['direct']['p50']:.2f} ms, http p50 {out[name]['http']['p50']:.2f}"
                    f" ms, p99 {out[name]['direct']['p99']:.2f} / {out[name]['http']['p99']:.2f} ms")
    return out


def _pound(run_factory: Callable[[], Callable[[Call], int]], mix: list[Call], clients: int,
           seconds: float) -> dict[str, float]:
    done = [0] * clients
    errors = [0] * clients
    stop = time.monotonic() + seconds

    def worker(k: int) -> None:
        run = run_factory()
        i = k
        while time.monotonic() < stop:
            try:
                run(mix[i % len(mix)])
                done[k] += 1
            except Exception:
                errors[k] += 1
            i += clients
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {"requests_per_s": sum(done) / wall, "requests": sum(done), "errors": sum(errors)}


def throughput(store: FalkorStore, api: Api, calls: dict[str, list[Call]], levels: tuple[int, ...],
               seconds: float, log: Any = None) -> dict[str, Any]:
    """A mix of entity_profile, neighbors and who_funds_what; baseline = the same mix straight on the engine."""
    mix = [c for trio in zip(calls["entity_profile"], calls["neighbors"], calls["who_funds_what"], strict=True)
           for c in trio]
    out: dict[str, Any] = {}
    for n in levels:
        clients: list[httpx.Client] = []

        def http_factory(opened: list[httpx.Client] = clients) -> Callable[[Call], int]:
            c = httpx.Client(base_url=api.base, timeout=120)
            opened.append(c)
            return _http(c)

        d = _pound(lambda: _direct(store), mix, n, seconds)
        h = _pound(http_factory, mix, n, seconds)
        for c in clients:
            c.close()
        out[str(n)] = {"direct": d, "http": h}
        if log:
            log(f"  {n} clients: http {h['requests_per_s']:.0f} req/s, direct {d['requests_per_s']:.0f} req/s")
    return out


def _server_ms(response: httpx.Response) -> float:
    """The app's own time for an answer, from its ``Server-Timing: app;dur=<ms>`` (app/http/caching.py)."""
    for part in response.headers.get("server-timing", "").split(","):
        name, _, rest = part.strip().partition(";")
        if name == "app" and rest.startswith("dur="):
            return float(rest[4:])
    raise RuntimeError(f"no Server-Timing app;dur in the answer to {response.request.url}")


def revalidation(api: Api, calls: dict[str, list[Call]], log: Any = None, per_query: int = 100) -> dict[str, Any]:
    """A dashboard's refresh: the same request answered 200 (query run) and then, with its ETag, 304.

    The three GETs, and ``POST /queries/who_funds_what`` with the region in the body (its tag covers
    the body). Server-side time (the app's Server-Timing) and client time of the 304, beside the 200 of
    the same request in the same run; the 304 must not depend on the query behind it.
    """
    asks: dict[str, list[tuple[str, str, dict[str, Any] | None]]] = {
        name: [("GET", c.path, None) for c in calls[name][:per_query]]
        for name in ("entity_profile", "neighbors", "who_funds_what")}
    asks["POST /queries/who_funds_what"] = [
        ("POST", "/queries/who_funds_what", {"region": c.params["region"], "limit": 100})
        for c in calls["who_funds_what"][:per_query]]
    out: dict[str, Any] = {}
    with httpx.Client(base_url=api.base, timeout=120) as client:
        for name, items in asks.items():
            full_server: list[float] = []
            full_wall: list[float] = []
            cached_server: list[float] = []
            cached_wall: list[float] = []
            skipped: dict[str, int] = {}
            for method, path, body in items:
                t0 = time.perf_counter()
                first = client.request(method, path, json=body)
                if first.status_code in (503, 504):  # over the query time limit (a region holding most of the graph)
                    skipped[str(first.status_code)] = skipped.get(str(first.status_code), 0) + 1
                    continue
                full_wall.append((time.perf_counter() - t0) * 1000)
                if first.status_code != 200 or "etag" not in first.headers:
                    raise RuntimeError(f"{method} {path}: {first.status_code}, ETag {first.headers.get('etag')}")
                full_server.append(_server_ms(first))
                t0 = time.perf_counter()
                again = client.request(method, path, json=body, headers={"If-None-Match": first.headers["etag"]})
                cached_wall.append((time.perf_counter() - t0) * 1000)
                if again.status_code != 304:
                    raise RuntimeError(f"{method} {path} with its ETag: {again.status_code}, not 304")
                cached_server.append(_server_ms(again))
            out[name] = {"server_304": percentiles(cached_server), "server_200": percentiles(full_server),
                         "client_304": percentiles(cached_wall), "client_200": percentiles(full_wall),
                         "skipped": skipped}
            if log:
                log(f"  {name}: 304 server p50 {out[name]['server_304']['p50']:.3f} ms (200: "
                    f"{out[name]['server_200']['p50']:.2f} ms), client p50 {out[name]['client_304']['p50']:.2f} ms"
                    + (f"; skipped (no 200 within the time limit): {skipped}" if skipped else ""))
    return out
