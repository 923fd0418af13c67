from __future__ import annotations

from pathlib import Path

import pytest

from graph_schema.errors import SchemaFileError
from graph_schema.model import load_schema, load_schema_file

GUIDE_PATTERNS = {
    "FUNDS": {("Organization", "Project"), ("Organization", "Organization")},
    "PARTNERS_WITH": {("Organization", "Organization")},
    "IMPLEMENTS": {("Organization", "Project")},
    "TARGETS": {("Project", "Threat"), ("Project", "Region")},
    "AFFILIATED_WITH": {("Person", "Organization")},
    "LINKED_TO": {("Threat", "Threat")},
    "LOCATED_IN": {("Region", "Region"), ("Organization", "Region")},
}


def test_schema_has_the_labels_and_types_of_the_guide() -> None:
    schema = load_schema()
    assert set(schema.nodes) == {"Organization", "Project", "Region", "Threat", "Person", "Document"}
    assert set(schema.fact_types) == set(GUIDE_PATTERNS)
    for rel_type, patterns in GUIDE_PATTERNS.items():
        assert set(schema.relationship(rel_type).patterns) == patterns
    assert schema.relationship("MENTIONS").internal
    assert schema.relationship("PARTNERS_WITH").symmetric and schema.relationship("LINKED_TO").symmetric


def test_schema_models_are_frozen() -> None:
    schema = load_schema()
    with pytest.raises(Exception, match="frozen"):
        schema.nodes["Organization"].key = "name"  # type: ignore[misc]


def test_schema_matches_the_gold_scorer(shared_dir: Path) -> None:
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("gold_score", shared_dir / "gold" / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    sys.modules["gold_score"] = score
    spec.loader.exec_module(score)
    schema = load_schema()
    for rel_type, (sources, targets) in score.SIGNATURES.items():
        rel = schema.relationship(rel_type)
        assert rel.source_labels == sources and rel.target_labels == targets


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nodes: [unclosed", "not valid YAML"),
        ("- a list", "top level must be a mapping"),
        ("version: 1\nnodes: {}\nrelationships:\n  X:\n    description: d\n    patterns: [[A, B]]\n", "unknown label"),
        ("version: 1\nnodes:\n  A:\n    description: d\n    key: id\n    required: [name]\nrelationships: {}\n",
         "must be listed in required"),
    ],
)
def test_malformed_schema_file_names_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaFileError) as info:
        load_schema_file(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)
