"""A private FalkorDB server for a benchmark run, and process-memory sampling (psutil)."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

from app.store.falkordb_server import FalkorServer
from app.store.falkordb_store import FalkorStore
from graph_schema.model import GraphSchema


@contextmanager
def falkordb_server(keep: Path | None = None) -> Iterator[tuple[FalkorServer, Path]]:
    """Start FalkorDB in a scratch data directory, with the project's own settings (AOF, fsync always)."""
    data_dir = keep or Path(tempfile.mkdtemp(prefix="nexus-bench-"))
    server = FalkorServer(data_dir)
    sock = server.ensure_running()
    try:
        yield server, sock
    finally:
        server.stop()
        if keep is None:
            shutil.rmtree(data_dir, ignore_errors=True)


def server_pid(data_dir: Path) -> int:
    return int((data_dir / "falkordb.pid").read_text().strip())


def open_store(schema: GraphSchema, sock: Path, graph: str, timeout_ms: int = 600_000) -> FalkorStore:
    store = FalkorStore(schema, sock.parent, graph_name=graph, socket=sock, timeout_ms=timeout_ms)
    store.start()
    return store


def drop_graph(store: FalkorStore, graph: str) -> None:
    store._client.connection.execute_command("GRAPH.DELETE", graph)


class MemorySampler:
    """Peak RSS of some processes (and of their sum), sampled every ``interval`` seconds in a thread."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.pids: dict[str, int] = {}
        self.peak: dict[str, int] = {}
        self.peak_total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def watch(self, name: str, pid: int) -> None:
        self.pids[name] = pid

    def unwatch(self, name: str) -> None:
        self.pids.pop(name, None)

    def sample(self) -> None:
        total = 0
        for name, pid in list(self.pids.items()):
            try:
                rss = psutil.Process(pid).memory_info().rss
            except psutil.Error:
                continue
            self.peak[name] = max(self.peak.get(name, 0), rss)
            total += rss
        self.peak_total = max(self.peak_total, total)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            time.sleep(self.interval)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def load_average() -> str:
    one, five, fifteen = psutil.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"
