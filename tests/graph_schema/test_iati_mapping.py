"""The IATI mapping table is data validated at start-up; the data properties it fills are schema-declared."""

from __future__ import annotations

from importlib import resources

import pytest

from app.catalogue import load_catalogue
from graph_schema.errors import SchemaFileError
from graph_schema.iati_mapping import check_mapping, load_iati_mapping, parse_mapping
from graph_schema.model import PROPERTY_OWNER, load_schema, parse_schema
from graph_schema.taxonomy import load_taxonomy

TABLE = resources.files("graph_schema").joinpath("iati_mapping.yaml").read_text(encoding="utf-8")


def test_the_packaged_table_is_valid() -> None:
    mapping = load_iati_mapping()
    assert {code: (r.relation, r.role) for code, r in mapping.participating_roles.items()} == {
        "1": ("FUNDS", "funding"), "2": ("IMPLEMENTS", "accountable"), "3": ("FUNDS", "extending"),
        "4": ("IMPLEMENTS", "implementing")}
    assert mapping.sectors["16063"].threats == ("drug trafficking",)
    assert mapping.sectors["15240"].threats == ("small arms proliferation",)
    assert mapping.regions["1027"].region == "West Africa"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("threats: [drug trafficking]", "threats: [space piracy]", "threat 'space piracy' is not in the taxonomy"),
    ("relation: FUNDS, role: funding", "relation: LINKED_TO, role: funding", "LINKED_TO is not an Organization"),
    ("region: West Africa", "region: Atlantis", "region 'Atlantis' is not in the taxonomy"),
])
def test_a_wrong_table_is_refused_naming_the_file(old: str, new: str, message: str) -> None:
    assert old in TABLE
    with pytest.raises(SchemaFileError, match=r"graph_schema/iati_mapping\.yaml") as caught:
        check_mapping(parse_mapping(TABLE.replace(old, new, 1)), load_schema(), load_taxonomy())
    assert message in str(caught.value)


def test_malformed_tables_are_refused() -> None:
    with pytest.raises(SchemaFileError, match="not valid YAML"):
        parse_mapping("a: [")
    with pytest.raises(SchemaFileError, match="invalid IATI mapping"):
        parse_mapping(TABLE.replace("funds: true", "funds: maybe", 1))


def test_retraction_and_profile_know_every_data_property() -> None:
    declared = {p for node in load_schema().nodes.values() for p in node.properties} | {PROPERTY_OWNER}
    catalogue = load_catalogue()
    retract = catalogue.get("_retract_document").text
    profile = catalogue.get("entity_profile").text
    for prop in declared:
        assert f"p.{prop} = null" in retract, prop
        assert f"{prop}: n.{prop}" in profile, prop


def test_reserved_names_are_no_data_properties() -> None:
    text = resources.files("graph_schema").joinpath("schema.yaml").read_text(encoding="utf-8")
    with pytest.raises(SchemaFileError, match="properties may not be"):
        parse_schema(text.replace("properties: [iati_ref]", "properties: [name]"), "schema.yaml")


def test_undeclared_data_properties_are_a_schema_violation() -> None:
    from graph_schema.contract import DocumentMeta, EntityRecord, Extraction
    from graph_schema.errors import SchemaViolation
    from graph_schema.validation import validate_extraction

    doc = DocumentMeta(id="d1", content_hash="h")
    ok = Extraction(document=doc, entities=(EntityRecord(name="P", type="Project",
                                                         properties=(("iati_status", "2 Implementation"),)),))
    assert validate_extraction(load_schema(), ok).entities[0].properties == (("iati_status", "2 Implementation"),)
    bad = Extraction(document=doc, entities=(EntityRecord(name="R", type="Region", properties=(("iati_ref", "x"),)),))
    with pytest.raises(SchemaViolation, match="property 'iati_ref' is not declared for Region"):
        validate_extraction(load_schema(), bad)
