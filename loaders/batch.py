"""Batch extraction: many files, optional worker processes, gold-format output, a failure summary."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from graph_schema.contract import Extraction
from graph_schema.errors import NexusError
from loaders.readers import SUPPORTED_SUFFIXES


@dataclass(frozen=True)
class BatchItem:
    path: Path
    extraction: Extraction | None
    error: str | None


_WORKER: object | None = None


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given; folders expanded (recursively, sorted) to their supported files."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES))
        else:
            out.append(p)
    return out


def _pipeline() -> object:
    global _WORKER
    if _WORKER is None:
        from loaders.pipeline import ExtractionPipeline

        _WORKER = ExtractionPipeline()
    return _WORKER


def _extract_one(path: Path) -> BatchItem:
    from loaders.pipeline import ExtractionPipeline

    pipeline = _pipeline()
    assert isinstance(pipeline, ExtractionPipeline)
    if not path.exists():
        return BatchItem(path, None, f"{path}: no such file")
    try:
        return BatchItem(path, pipeline.extract_file(path), None)
    except NexusError as exc:
        return BatchItem(path, None, str(exc))


def extract_paths(paths: list[Path], *, workers: int = 1, progress: bool = True) -> Iterator[BatchItem]:
    """Extract each file (folders expand to supported files), in input order."""
    files = expand_paths(paths)
    bar = tqdm(total=len(files), file=sys.stderr, disable=not progress, unit="doc", desc="extract")
    try:
        if workers <= 1 or len(files) <= 1:
            for f in files:
                item = _extract_one(f)
                bar.update(1)
                yield item
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                for item in pool.map(_extract_one, files):
                    bar.update(1)
                    yield item
    finally:
        bar.close()


def gold_json(extraction: Extraction) -> str:
    return json.dumps(extraction.to_gold(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_gold(extraction: Extraction, out_dir: Path) -> Path:
    """Write <doc id>.json in the gold format; byte-identical for identical input."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{extraction.document.id}.json"
    target.write_text(gold_json(extraction), encoding="utf-8")
    return target


def run_extract(paths: list[Path], out_dir: Path, workers: int = 1, *, quiet: bool = False) -> int:
    """`nexus extract PATH... --out DIR`: write one JSON per document; 1 if any document failed."""
    failures: list[BatchItem] = []
    written = 0
    for item in extract_paths(list(paths), workers=workers, progress=not quiet):
        if item.extraction is not None:
            write_gold(item.extraction, out_dir)
            written += 1
        else:
            failures.append(item)
    print(f"extracted {written} document(s) to {out_dir}", file=sys.stderr)
    if failures:
        print(f"{len(failures)} document(s) failed:", file=sys.stderr)
        for item in failures:
            print(f"  {item.path}: {item.error}", file=sys.stderr)
        return 1
    return 0
