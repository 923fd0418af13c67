"""Run the real server (``python -m app.cli serve``) in a subprocess with its own data directory."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import redis
from falkordb import FalkorDB

from app.store.falkordb_server import socket_path, stop_by_pidfile
from tests.app.ingest_helpers import KEY

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def read_response(sock: socket.socket, timeout: float = 30.0) -> bytes:
    """One HTTP/1.1 response off a raw socket: the status line, the headers and the whole body
    (by Content-Length), or whatever came before the peer closed. A single ``recv`` may return only
    the headers: TCP gives no message boundaries."""
    sock.settimeout(timeout)
    data = b""
    while True:
        head, sep, body = data.partition(b"\r\n\r\n")
        if sep:
            length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")[1:]
                           if line.lower().startswith(b"content-length:")), None)
            if length is not None and len(body) >= length:
                return data
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:  # the server closed with our unread upload in its buffer
            return data
        if not chunk:
            return data
        data += chunk


class ServerProcess:
    """``nexus serve`` on a free loopback port; the engine it starts lives in ``data_dir``."""

    def __init__(self, data_dir: Path, env: dict[str, str | None] | None = None) -> None:
        self.data_dir = data_dir
        self.env = env or {}  # overrides of the server's environment (None removes a variable)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = data_dir / "api.log"

    def start(self, timeout: float = 120.0) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "NEXUS_DATA_DIR": str(self.data_dir), "NEXUS_API_KEYS": KEY,
               "NEXUS_ENVIRONMENT": "test", "NEXUS_STORE": "falkordb", "PYTHONPATH": str(ROOT)}
        env.pop("NEXUS_FALKORDB_SOCKET", None)
        for name, value in self.env.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "app.cli", "serve", "--port", str(self.port), "--log-level", "warning"],
                cwd=self.data_dir, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}: {self.log.read_text()[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"server did not answer within {timeout:.0f}s: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        """SIGKILL the API process (the engine, in its own session, keeps running)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def engine_pid(self) -> int:
        return int((self.data_dir / "falkordb.pid").read_text().strip())

    def stop(self) -> None:
        """Stop the API (SIGTERM, then SIGKILL) and the engine of this data directory, if still running."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        stop_by_pidfile(self.data_dir, timeout=10)

    def engine(self) -> redis.Redis:
        return redis.Redis(unix_socket_path=str(socket_path(self.data_dir)), socket_timeout=10)

    def cypher(self, query: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        db = FalkorDB(unix_socket_path=str(socket_path(self.data_dir)))
        try:
            return list(db.select_graph("nexus").ro_query(query, params or {}).result_set)
        finally:
            db.connection.close()
