"""Regression guard on the team-written sample corpus (a second, independently annotated set)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.batch import write_gold
from loaders.pipeline import ExtractionPipeline

ROOT = Path(__file__).parents[2]
SCORER = ROOT.parent / "shared" / "gold" / "score.py"


@pytest.mark.skipif(not SCORER.exists(), reason="no ../shared/gold/score.py on this machine")
def test_sample_corpus_scores(pipeline: ExtractionPipeline, tmp_path: Path) -> None:
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    for path in sorted((ROOT / "examples" / "corpus").glob("*.txt")):
        shutil.copy(path.with_suffix(".json"), gold)
        write_gold(pipeline.extract_file(path), pred)
    out = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(pred), "--json"], capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout)
    assert result["entities"]["overall"]["f1"] >= 0.88, result["entities"]
    assert result["relations"]["overall"]["f1"] >= 0.62, result["relations"]
