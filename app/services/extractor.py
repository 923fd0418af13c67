"""The app's extraction: a queue of one in front of the extraction worker process.

One thread per app hands documents to the worker (app/services/extraction_worker.py) one at a
time; a request waits at most ``QUEUE_FACTOR`` time limits for its turn (then 503). Each document
gets ``extraction_timeout_s`` from the moment the worker starts on it; at the limit the worker
process is killed, so the request's 422 (ExtractionTimeout) comes with the CPU and memory back.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Future, ThreadPoolExecutor

from app.services.extraction_worker import ExtractionJob, shared_worker
from graph_schema.contract import Extraction
from graph_schema.errors import StoreUnavailable

QUEUE_FACTOR = 10  # a request waits at most this many timeouts for the worker before a 503


class Extractor:
    """Owns the queue in front of the process's extraction worker."""

    def __init__(self, max_bytes: int, timeout_s: float) -> None:
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nexus-extract")

    @property
    def worker_pid(self) -> int | None:
        return shared_worker(self.max_bytes).pid

    async def run(self, job: ExtractionJob) -> Extraction:
        loop = asyncio.get_running_loop()
        started = asyncio.Event()
        worker = shared_worker(self.max_bytes)

        def on_start() -> None:
            loop.call_soon_threadsafe(started.set)

        def work() -> Extraction:
            return worker.run(job, self.timeout_s, on_start=on_start)

        future = self._pool.submit(work)
        future.add_done_callback(_consume)
        try:
            await asyncio.wait_for(started.wait(), timeout=max(60.0, QUEUE_FACTOR * self.timeout_s))
        except TimeoutError:
            future.cancel()
            raise StoreUnavailable("the extraction worker is busy; retry later") from None
        return await asyncio.wrap_future(future)  # the worker enforces the time limit (and kills at it)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _consume(future: Future[Extraction]) -> None:
    if not future.cancelled():
        future.exception()  # a result nobody waits for any more must not log "never retrieved"


def preload(max_bytes: int, timeout_s: float) -> None:
    """Start the extraction worker and load its models now (e.g. before a test run) instead of on first use."""
    shared_worker(max_bytes).ensure_started()
