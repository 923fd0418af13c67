"""The app's extraction pipeline: built once (lazily, on the first ingest), run off the event loop.

One worker thread runs every extraction: the pipeline keeps per-document state on itself, so
calls must not overlap, and spaCy is CPU-bound anyway. Each document gets
``extraction_timeout_s`` from the moment its extraction starts; past that the request answers
422 (ExtractionTimeout) and the pipeline's own timeout check stops the work at its next stage.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from typing import TYPE_CHECKING

from graph_schema.contract import Extraction
from graph_schema.errors import DocumentTooLarge, ExtractionTimeout, StoreUnavailable

if TYPE_CHECKING:
    from loaders.pipeline import ExtractionPipeline

QUEUE_FACTOR = 10  # a request waits at most this many timeouts for the worker before a 503


@lru_cache(maxsize=4)
def _pipeline(max_bytes: int, timeout_s: float) -> ExtractionPipeline:
    from loaders.pipeline import ExtractionPipeline

    return ExtractionPipeline(max_bytes=max_bytes, timeout_s=timeout_s)


class Extractor:
    """Owns the pipeline (models are loaded once per process) and the single extraction worker."""

    def __init__(self, max_bytes: int, timeout_s: float) -> None:
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nexus-extract")
        self._lock = threading.Lock()

    @property
    def pipeline(self) -> ExtractionPipeline:
        with self._lock:
            return _pipeline(self.max_bytes, self.timeout_s)

    async def run(self, job: Callable[[ExtractionPipeline], Extraction], what: str) -> Extraction:
        loop = asyncio.get_running_loop()
        started = asyncio.Event()

        def work() -> Extraction:
            pipeline = self.pipeline  # loading the models is not counted against the document
            loop.call_soon_threadsafe(started.set)
            try:
                return job(pipeline)
            except ValueError as exc:  # spaCy refuses texts over nlp.max_length (E088)
                if "[E088]" not in str(exc):
                    raise
                raise DocumentTooLarge(
                    f"{what}: the text is longer than the extraction models accept (1,000,000 characters); "
                    "split the document"
                ) from None

        future = self._pool.submit(work)
        future.add_done_callback(_consume)
        try:
            await asyncio.wait_for(started.wait(), timeout=max(60.0, QUEUE_FACTOR * self.timeout_s))
        except TimeoutError:
            future.cancel()
            raise StoreUnavailable("the extraction worker is busy; retry later") from None
        try:
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), timeout=self.timeout_s)
        except TimeoutError:
            raise ExtractionTimeout(f"{what}: extraction ran over the limit of {self.timeout_s:g} s") from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _consume(future: Future[Extraction]) -> None:
    if not future.cancelled():
        future.exception()  # a result nobody waits for any more must not log "never retrieved"


def preload(max_bytes: int, timeout_s: float) -> None:
    """Load the models now (e.g. before a test run or a benchmark) instead of on the first ingest."""
    _pipeline(max_bytes, timeout_s)
