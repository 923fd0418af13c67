from __future__ import annotations

from graph_schema.taxonomy import load_taxonomy


def test_taxonomy_loads_and_is_cached() -> None:
    tax = load_taxonomy()
    assert tax is load_taxonomy()
    names = {a.name for a in tax.actors}
    assert {"UNODC", "ECOWAS", "MINUSMA", "JNIM", "ISGS"} <= names
    assert any("ONUDC" in a.aliases for a in tax.actors)


def test_regions_bilingual_and_hierarchy() -> None:
    tax = load_taxonomy()
    tombouctou = tax.region_named("Tombouctou")
    assert tombouctou is not None and tombouctou.name == "Timbuktu" and "Mali" in tombouctou.located_in
    mali = tax.region_named("Mali")
    assert mali is not None and mali.kind == "country" and "Malian" in mali.demonyms


def test_threats_lower_case_with_french_aliases() -> None:
    tax = load_taxonomy()
    drug = next(t for t in tax.threats if t.name == "drug trafficking")
    assert "trafic de stupéfiants" in drug.aliases
    assert all(t.name == t.name.lower() for t in tax.threats)
    assert tax.is_not_same("Office Central des Stupéfiants", "OCRTIS") is False


def test_norway_code_is_not_a_yaml_boolean() -> None:
    from graph_schema.taxonomy import load_taxonomy

    norway = load_taxonomy().region_named("Norvège")
    assert norway is not None and norway.name == "Norway"
