from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.batch import write_gold
from loaders.pipeline import ExtractionPipeline

SHARED = Path(__file__).parents[2].parent / "shared"


@pytest.mark.skipif(not (SHARED / "gold" / "score.py").exists(), reason="no ../shared gold corpus on this machine")
def test_reference_corpus_scores(pipeline: ExtractionPipeline, tmp_path: Path) -> None:
    for path in sorted((SHARED / "corpus").glob("*.txt")):
        write_gold(pipeline.extract_file(path), tmp_path)
    out = subprocess.run(
        [sys.executable, str(SHARED / "gold" / "score.py"), str(SHARED / "gold"), str(tmp_path), "--json"],
        capture_output=True, text=True, check=True,
    )
    result = json.loads(out.stdout)
    assert result["entities"]["overall"]["f1"] >= 0.95, result["entities"]
    assert result["relations"]["overall"]["f1"] >= 0.77, result["relations"]
