from __future__ import annotations

import pytest

from graph_schema.errors import SchemaViolation
from graph_schema.model import load_schema
from graph_schema.validation import validate_extraction
from tests.factories import extraction, nexus_doc


def test_valid_document_resolves_every_relation() -> None:
    validated = validate_extraction(load_schema(), nexus_doc())
    assert len(validated.entities) == 9
    assert len(validated.relations) == 9
    funds = next(r for r in validated.relations if r.type == "FUNDS")
    assert (funds.source.id, funds.target.id) == ("organization:government-of-japan", "project:gao-dialogue")


def test_aliases_resolve_relation_ends_case_and_accent_insensitively() -> None:
    doc = extraction(
        "d", [("Office Central des Stupéfiants", "Organization", ["OCS"]), ("Mali", "Region", [])],
        [("LOCATED_IN", "office central des STUPEFIANTS", "mali", "the Malian OCS")],
    )
    validated = validate_extraction(load_schema(), doc)
    assert validated.relations[0].source.name == "Office Central des Stupéfiants"


def test_entities_sharing_an_alias_merge_into_one() -> None:
    doc = extraction("d", [("UNODC", "Organization", []),
                           ("United Nations Office on Drugs and Crime", "Organization", ["unodc"])], [])
    validated = validate_extraction(load_schema(), doc)
    assert len(validated.entities) == 1
    assert "United Nations Office on Drugs and Crime" in validated.entities[0].aliases


@pytest.mark.parametrize(
    ("entities", "relations", "expected"),
    [
        ([("X", "Weapon", [])], [], "unknown label 'Weapon'"),
        ([("A", "Organization", []), ("B", "Threat", [])], [("FUNDS", "A", "B", "q")], "pattern not allowed"),
        ([("A", "Organization", [])], [("FUNDS", "A", "Nowhere", "q")], "target is not a listed entity"),
        ([("A", "Organization", []), ("B", "Project", [])], [("PAYS", "A", "B", "q")], "unknown relationship type"),
        ([("...", "Organization", [])], [], "missing key"),
        ([("A", "Organization", []), ("B", "Project", [])], [("MENTIONS", "A", "B", "q")],
         "unknown relationship type 'MENTIONS'"),
    ],
)
def test_violations_name_the_offending_item(entities: list, relations: list, expected: str) -> None:
    with pytest.raises(SchemaViolation) as info:
        validate_extraction(load_schema(), extraction("d", entities, relations))
    assert expected in str(info.value)


def test_generic_aliases_neither_merge_entities_nor_get_stored() -> None:
    doc = extraction(
        "d",
        [("MERIT", "Project", ["the project", "It"]), ("WAPIS", "Project", ["The Project"]),
         ("ICCT", "Organization", [])],
        [("IMPLEMENTS", "ICCT", "the project", "ICCT leads the project")],
    )
    validated = validate_extraction(load_schema(), doc)
    projects = [e for e in validated.entities if e.label == "Project"]
    assert [p.name for p in projects] == ["MERIT", "WAPIS"]
    assert all(p.aliases == () for p in projects)
    assert validated.relations[0].target.name == "MERIT"  # a generic relation end still resolves
