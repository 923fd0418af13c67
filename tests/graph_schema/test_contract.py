from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph_schema.contract import Extraction
from graph_schema.errors import BadDocument
from graph_schema.model import load_schema
from graph_schema.validation import validate_extraction


def test_every_gold_file_is_a_valid_extraction(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "gold").glob("*.json")):
        text = (shared_dir / "corpus" / f"{path.stem}.txt").read_text(encoding="utf-8")
        ext = Extraction.from_gold(json.loads(path.read_text(encoding="utf-8")), stem=path.stem, text=text)
        validate_extraction(load_schema(), ext)
        for rel in ext.relations:
            ev = rel.evidence[0]
            assert ev.start is not None and ev.end is not None
            assert text[ev.start:ev.end] == ev.quote


def test_gold_round_trip_keeps_names_types_and_quotes() -> None:
    data = {"document": "doc1", "entities": [{"name": "A", "type": "Organization", "aliases": ["Aa"]},
                                             {"name": "P", "type": "Project", "aliases": []}],
            "relations": [{"type": "IMPLEMENTS", "source": "A", "target": "P", "evidence": "A runs P"}]}
    ext = Extraction.from_gold(data, stem="doc1", text="Here A runs P.")
    out = ext.to_gold()
    assert out["entities"] == data["entities"]
    assert out["relations"][0]["evidence"] == "A runs P"
    assert out["relations"][0]["evidence_spans"][0]["start"] == 5
    assert Extraction.from_gold(out, stem="doc1") == ext


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "top level must be a JSON object"),
        ({"entities": {}}, "'entities' must be a list"),
        ({"entities": [{"name": "", "type": "Organization"}]}, "entities.0.name"),
        ({"entities": [], "relations": [{"type": "FUNDS", "source": "A"}]}, "relations.0.target"),
        ({"entities": [], "relations": [{"type": "FUNDS", "source": "A", "target": "B", "evidence": 3}]},
         "relations.0.evidence"),
    ],
)
def test_malformed_gold_is_rejected_with_the_place(data: object, message: str) -> None:
    with pytest.raises(BadDocument, match=message.replace(".", r"\.")):
        Extraction.from_gold(data, stem="x")
