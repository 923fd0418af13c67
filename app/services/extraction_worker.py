"""The extraction worker: a child process that holds the models and runs one extraction at a time.

spaCy cannot be interrupted from outside, and a thread cannot be killed, so a document that runs
over its time limit used to keep a core (and gigabytes) busy for minutes after its 422. Here the
extraction runs in a process of its own; at the limit the parent kills it (SIGKILL), reaps it,
and the CPU and memory come back at once. The next extraction starts a fresh worker (its model
loading is not counted against that document's time limit).

One worker per API process and upload size limit, shared by every app in the process (tests make
many apps; the models load once). Calls are serialised by the worker's lock.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Literal

from graph_schema import errors
from graph_schema.contract import Extraction
from graph_schema.errors import BadDocument, DocumentTooLarge, ExtractionTimeout, StoreUnavailable

log = logging.getLogger(__name__)
READY_TIMEOUT_S = 300.0  # loading both spaCy models on a busy 2-core machine
_CONTEXT = multiprocessing.get_context("spawn")  # a clean interpreter: no inherited threads, locks or sockets


@dataclass(frozen=True)
class ExtractionJob:
    """What to extract (picklable: it crosses into the worker process)."""

    kind: Literal["bytes", "text"]
    what: str  # the file name or document id, for messages
    data: bytes | None = None
    text: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


def _run_job(pipeline: Any, job: ExtractionJob) -> Extraction:
    try:
        if job.kind == "bytes":
            assert job.data is not None
            result: Extraction = pipeline.extract_bytes(job.data, filename=job.what, **job.options)
        else:
            assert job.text is not None
            result = pipeline.extract_text(job.text, **job.options)
        return result
    except ValueError as exc:  # spaCy refuses texts over nlp.max_length (E088)
        if "[E088]" not in str(exc):
            raise
        raise DocumentTooLarge(
            f"{job.what}: the text is longer than the extraction models accept (1,000,000 characters); "
            "split the document"
        ) from None


def _serve(conn: Connection, max_bytes: int) -> None:
    """The worker's main loop: load the pipeline once, then answer jobs until the parent goes away."""
    from loaders.pipeline import ExtractionPipeline

    pipeline = ExtractionPipeline(max_bytes=max_bytes)
    conn.send(("ready", None))
    while True:
        try:
            job, timeout_s = conn.recv()
        except (EOFError, OSError):  # the API process closed the pipe or died
            return
        pipeline.timeout_s = timeout_s  # the pipeline's own checks between stages, as a second line
        try:
            conn.send(("ok", _run_job(pipeline, job)))
        except errors.NexusError as exc:
            conn.send(("error", (type(exc).__name__, str(exc))))
        except Exception as exc:  # a bug in extraction: the parent answers 500 with this text
            conn.send(("crash", f"{type(exc).__name__}: {exc}"))


def _domain_error(name: str, message: str) -> Exception:
    cls = getattr(errors, name, None)
    if isinstance(cls, type) and issubclass(cls, errors.NexusError) and cls is not errors.SchemaViolation:
        return cls(message)
    return BadDocument(message)


class ExtractionWorker:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None and self._process.is_alive() else None

    def ensure_started(self) -> None:
        with self._lock:
            self._ensure()

    def _ensure(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            return self._conn
        self._stop()
        parent, child = _CONTEXT.Pipe()
        process = _CONTEXT.Process(target=_serve, args=(child, self.max_bytes), name="nexus-extraction",
                                   daemon=True)
        process.start()
        child.close()
        self._process, self._conn = process, parent
        if not parent.poll(READY_TIMEOUT_S):
            self._stop()
            raise StoreUnavailable("the extraction worker did not load its models; retry later")
        try:
            parent.recv()  # ("ready", None)
        except (EOFError, OSError):
            self._stop()
            raise StoreUnavailable("the extraction worker exited while loading its models") from None
        return parent

    def run(self, job: ExtractionJob, timeout_s: float, on_start: Callable[[], None] | None = None) -> Extraction:
        """Run one job; ExtractionTimeout (after killing the worker) when it is not done in ``timeout_s``."""
        with self._lock:
            conn = self._ensure()  # model loading is not counted against the document
            if on_start is not None:
                on_start()
            started = time.monotonic()
            try:
                conn.send((job, timeout_s))
                done = conn.poll(timeout_s)
                answer = conn.recv() if done else None
            except (EOFError, OSError, BrokenPipeError):
                self._stop()
                raise BadDocument(f"{job.what}: the extraction worker died on this document") from None
            if answer is None:
                self._stop()  # SIGKILL: the CPU and the memory come back now, not when spaCy is done
                log.warning("extraction of %s stopped at its limit of %.3g s", job.what, timeout_s)
                raise ExtractionTimeout(f"{job.what}: extraction ran over the limit of {timeout_s:g} s")
        kind, payload = answer
        if kind == "ok":
            assert isinstance(payload, Extraction)
            return payload
        if kind == "error":
            raise _domain_error(*payload)
        raise RuntimeError(f"extraction of {job.what} failed after {time.monotonic() - started:.1f} s: {payload}")

    def _stop(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(timeout=10)  # reaped: no zombie

    def close(self) -> None:
        with self._lock:
            self._stop()


_WORKERS: dict[int, ExtractionWorker] = {}
_WORKERS_LOCK = threading.Lock()


def shared_worker(max_bytes: int) -> ExtractionWorker:
    with _WORKERS_LOCK:
        worker = _WORKERS.get(max_bytes)
        if worker is None:
            worker = _WORKERS[max_bytes] = ExtractionWorker(max_bytes)
        return worker
