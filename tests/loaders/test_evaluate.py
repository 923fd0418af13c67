"""The evaluation helper: which texts of the development set are there, and the scorer's tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders import evaluate

INDEX = evaluate.SHARED / "dev" / "index.json"


@pytest.mark.skipif(not INDEX.exists(), reason="no ../shared/dev/index.json on this machine")
def test_check_dev_reports_missing_and_altered_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    first = json.loads(INDEX.read_text(encoding="utf-8"))["documents"][0]
    (tmp_path / f"{Path(first['file']).stem}.txt").write_text("not the text\n", encoding="utf-8")
    monkeypatch.setitem(evaluate.SETS, "dev", evaluate.DocumentSet(tmp_path, evaluate.SETS["dev"].gold))
    assert evaluate.check_dev() == 1
    out = capsys.readouterr().out
    assert "differs: 13 chars" in out and "missing" in out and "0 of 30 texts usable" in out


def test_table_lists_overall_languages_and_types() -> None:
    counts = {"gold": 4, "pred": 2, "tp": 1, "precision": 0.5, "recall": 0.25, "f1": 1 / 3}
    part = {"overall": counts, "per_type": {"FUNDS": counts}}
    text = evaluate.table({"overall": {"entities": part, "relations": part}, "fr": {"entities": part,
                                                                                    "relations": part}})
    assert "  fr" in text and "    FUNDS" in text and "0.333" in text
