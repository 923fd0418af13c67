"""Crash safety: SIGKILL the API, or the engine, in the middle of an ingest; the document is all there or absent.

The real server runs in a subprocess (``python -m app.cli serve``) with its own data directory.
We watch the engine for the ingest's write (a blocked ``graph.query`` client) and kill then.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from tests.app.ingest_helpers import AUTH, TEXT_EN
from tests.app.server_helpers import ServerProcess, read_response

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"


def big_text() -> str:
    """Every sample document, one after the other: a document with many entities and facts."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    assert parts, f"no sample documents in {CORPUS}"
    return "\n\n".join(parts)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    srv = ServerProcess(tmp_path / "data")
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()
        assert not (srv.data_dir / "falkordb.pid").exists() or not _alive(srv.data_dir / "falkordb.pid")


def _alive(pidfile: Path) -> bool:
    try:
        os.kill(int(pidfile.read_text().strip()), 0)
    except (OSError, ValueError):
        return False
    return True


def _writing(engine: redis.Redis) -> bool:
    """Is a graph write executing on the engine right now (a client blocked in graph.query)?"""
    clients = engine.execute_command("CLIENT", "LIST")
    text = clients.decode() if isinstance(clients, bytes) else str(clients)
    for line in text.lower().splitlines():
        fields = dict(item.partition("=")[::2] for item in line.split())
        if fields.get("cmd") == "graph.query" and "b" in fields.get("flags", ""):
            return True
    return False


def _ingest_in_background(srv: ServerProcess, body: dict[str, Any]) -> tuple[threading.Thread, list[Any]]:
    out: list[Any] = []

    def send() -> None:
        try:
            out.append(httpx.post(f"{srv.url}/documents", json=body, headers=AUTH, timeout=300).status_code)
        except httpx.HTTPError as exc:
            out.append(exc)

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    return thread, out


def _kill_during_write(srv: ServerProcess, kill: Callable[[], None]) -> tuple[dict[str, Any], bool]:
    """Ingest large documents until one's write is seen executing, and kill right then.

    Returns the document being written at the kill and whether the kill landed mid-write
    (documents whose write was missed are simply stored; after three we kill anyway).
    """
    engine = srv.engine()
    for attempt in range(3):
        body = {"text": big_text(), "id": f"big-{attempt}"}
        thread, out = _ingest_in_background(srv, body)
        while thread.is_alive():
            if _writing(engine):
                kill()
                thread.join(timeout=60)
                return body, True
        assert out == [201], out
    kill()
    return body, False


def check_invariants(srv: ServerProcess) -> set[str]:
    """No orphan entity, no evidence citing a missing document, evidence arrays aligned; returns doc ids."""
    docs = {row[0] for row in srv.cypher("MATCH (d:Document) RETURN d.id")}
    orphans = srv.cypher("MATCH (n:Entity) OPTIONAL MATCH (d:Document)-[:MENTIONS]->(n) WITH n, count(d) AS c "
                         "WHERE c = 0 RETURN n.id")
    assert orphans == [], f"entities no document mentions: {orphans}"
    rels = srv.cypher("MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id, type(r), b.id, r.ev_keys, r.ev_docs, "
                      "r.ev_quotes, r.docs")
    for src, rtype, dst, keys, ev_docs, quotes, rdocs in rels:
        where = f"{src} -{rtype}-> {dst}"
        assert ev_docs and len(keys) == len(ev_docs) == len(quotes), where
        assert set(ev_docs) <= docs and set(rdocs) <= docs, f"{where} cites missing documents {set(ev_docs) - docs}"
        mentioned = {row[0] for row in srv.cypher(
            "MATCH (d:Document)-[:MENTIONS]->(n:Entity) WHERE n.id IN [$a, $b] RETURN d.id", {"a": src, "b": dst})}
        assert set(ev_docs) <= mentioned, f"{where}: evidence from documents that do not mention its ends"
    return docs


def _facts(srv: ServerProcess, doc_id: str) -> tuple[list[Any], list[Any]]:
    body = httpx.get(f"{srv.url}/documents/{doc_id}/facts", params={"limit": 500}).json()
    return body["entities"], body["relations"]


def _recover_and_compare(srv: ServerProcess, body: dict[str, Any]) -> str:
    """After the restart: the document is absent (and then ingests cleanly) or complete.

    Complete means: exactly what the reference copy ``ref`` (same text, ingested by the same
    server process before the crash) contributed, entity for entity and quote for quote.
    """
    docs = check_invariants(srv)
    assert {"warm", "ref"} <= docs and {d for d in docs if d.startswith("big-")} <= {f"big-{i}" for i in range(3)}
    if body["id"] in docs:
        assert _facts(srv, body["id"]) == _facts(srv, "ref"), "the document is only partly stored"
        again = httpx.post(f"{srv.url}/documents", json=body, headers=AUTH, timeout=300)
        assert again.status_code == 200 and again.json()["status"] == "unchanged"
        state = "present"
    else:
        assert httpx.post(f"{srv.url}/documents", json=body, headers=AUTH, timeout=300).status_code == 201
        state = "absent"
    check_invariants(srv)
    return state


def _warm_up(srv: ServerProcess) -> None:
    """Documents stored before the crash (the first loads the models); both must survive it."""
    response = httpx.post(f"{srv.url}/documents", json={"text": TEXT_EN, "id": "warm"}, headers=AUTH, timeout=300)
    assert response.status_code == 201, response.text
    ref = httpx.post(f"{srv.url}/documents", json={"text": big_text(), "id": "ref"}, headers=AUTH, timeout=300)
    assert ref.status_code == 201, ref.text


def test_sigkill_api_mid_write(server: ServerProcess) -> None:
    _warm_up(server)
    body, caught = _kill_during_write(server, server.kill)
    server.start()  # reconnects to the engine that kept running
    state = _recover_and_compare(server, body)
    print(f"API killed {'mid-write' if caught else 'after the write'}; document was {state}")


def test_sigkill_engine_mid_write(server: ServerProcess) -> None:
    _warm_up(server)
    engine = server.engine_pid()
    body, caught = _kill_during_write(server, lambda: os.kill(engine, signal.SIGKILL))
    # the server's supervisor restarts the engine, which replays the append-only file; the API keeps running
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{server.url}/health", timeout=5).status_code == 200:
                break
        time.sleep(0.05)
    assert httpx.get(f"{server.url}/health", timeout=5).status_code == 200, "the engine was not restarted in 10 s"
    assert server.engine_pid() != engine
    state = _recover_and_compare(server, body)
    print(f"engine killed {'mid-write' if caught else 'after the write'}; document was {state}")


def test_oversized_upload_is_cut_off_while_streaming(server: ServerProcess) -> None:
    """A chunked 50 MB upload over a real socket: the 413 comes after ~10 MB, not after 50 MB."""
    import select

    chunk = b"a" * (1024 * 1024)
    sent = 0
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(f"POST /documents HTTP/1.1\r\nHost: x\r\nX-API-Key: {AUTH['X-API-Key']}\r\n"
                     "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".encode())
        try:
            for _ in range(50):
                if select.select([sock], [], [], 0)[0]:
                    break
                sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        reply = read_response(sock).decode("latin-1")
    assert reply.startswith("HTTP/1.1 413"), reply[:200]
    assert "exceeds the upload limit" in reply
    assert sent < 20 * 1024 * 1024, f"the server took {sent} bytes before answering"
