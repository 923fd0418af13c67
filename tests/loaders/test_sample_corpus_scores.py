"""Regression guard on the team-written sample corpus (a second, independently annotated set)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph_schema.names import is_generic_name, normalize_name
from loaders.activities import MAX_NAME_WORDS
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
    assert result["entities"]["overall"]["f1"] >= 0.92, result["entities"]
    assert result["relations"]["overall"]["f1"] >= 0.70, result["relations"]


_FUNCTION_WORDS = frozenset("a an the of on for to in at by and or with from de d du des la le les l un une et ou sur "
                            "pour par au aux en avec dans".split())


def test_sample_corpus_has_no_junk_projects_or_generic_aliases(pipeline: ExtractionPipeline) -> None:
    """Issue #10's precision guards: a Project name is a noun phrase of at most 15 words that does not end in a
    function word; no alias is a generic class ('drugs', 'the project', 'armed groups' and the like)."""
    for path in sorted((ROOT / "examples" / "corpus").glob("*.txt")):
        x = pipeline.extract_file(path)
        for e in x.entities:
            if e.type == "Project":
                words = e.name.split()
                assert len(words) <= MAX_NAME_WORDS, (path.name, e.name)
                assert words[-1].lower().strip(",.;:") not in _FUNCTION_WORDS, (path.name, e.name)
            for alias in e.aliases:
                assert not is_generic_name(normalize_name(alias)), (path.name, e.name, alias)
