"""Extraction throughput (words/s): the project's pipeline with 1 and 2 worker processes vs bare spaCy.

Baseline: ``nlp.pipe`` of the same models (English for English documents, French for French
ones, the same excluded components) over the same texts, in 1 process and with
``n_process=2``. The pipeline runs through ``loaders.batch.extract_paths`` on the documents
written as .txt files. With 1 worker both sides have their models loaded before timing; with 2,
both pay their worker start-up (the pipeline's pool and spaCy's ``n_process``).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpus import Document


def _bare(docs: list[Document], n_process: int) -> float:
    from loaders.models import load_model

    en, fr = load_model("en").nlp, load_model("fr").nlp
    t0 = time.perf_counter()
    for nlp, lang in ((en, "en"), (fr, "fr")):
        texts = [d.text for d in docs if d.language == lang]
        for _ in nlp.pipe(texts, n_process=n_process, batch_size=8):
            pass
    return time.perf_counter() - t0


def _pipeline(paths: list[Path], workers: int) -> tuple[float, int]:
    from loaders.batch import extract_paths

    t0 = time.perf_counter()
    failed = sum(1 for item in extract_paths(paths, workers=workers, progress=False) if item.extraction is None)
    return time.perf_counter() - t0, failed


def run(docs: list[Document], log: Any = None) -> dict[str, Any]:
    from loaders.batch import _pipeline as warm
    from loaders.models import load_model

    words = sum(d.words for d in docs)
    out: dict[str, Any] = {"documents": len(docs), "words": words,
                           "french_documents": sum(d.language == "fr" for d in docs)}
    with tempfile.TemporaryDirectory(prefix="nexus-bench-corpus-") as tmp:
        paths = []
        for d in docs:
            p = Path(tmp) / f"{d.id}.txt"
            p.write_text(d.text, encoding="utf-8")
            paths.append(p)
        # Models, taxonomy, lexicon and the language detector (built on first use) loaded once, as in a
        # long-running worker: one document extracted before timing.
        warm().extract_text(docs[0].text, doc_id="warm-up")  # type: ignore[attr-defined]
        out["model_en"] = load_model("en").label
        out["model_fr"] = load_model("fr").label
        _bare(docs[:2], 1)
        for workers in (1, 2):
            bare = _bare(docs, workers)
            seconds, failed = _pipeline(paths, workers)
            out[str(workers)] = {"pipeline_seconds": seconds, "pipeline_words_per_s": words / seconds,
                                 "spacy_seconds": bare, "spacy_words_per_s": words / bare, "failed": failed}
            if log:
                log(f"  {workers} worker(s): pipeline {words / seconds:.0f} words/s, bare spaCy {words / bare:.0f}"
                    f" words/s")
    return out
