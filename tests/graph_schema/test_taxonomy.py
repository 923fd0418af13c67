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


def test_sahel_subdivisions_come_from_pycountry_without_common_words() -> None:
    tax = load_taxonomy()
    for name, country in (("Tahoua", "Niger"), ("Zinder", "Niger"), ("Assaba", "Mauritania"), ("Soum", "Burkina Faso")):
        region = tax.region_named(name)
        assert region is not None and country in region.located_in, name
    for word in ("Est", "Centre", "Nord"):
        region = tax.region_named(word)
        assert region is None or region.kind == "country", word
    sahel = tax.region_named("Sahel")
    assert sahel is not None and "Burkina Faso" not in sahel.located_in


def test_armed_groups_and_financing_threat_aliases() -> None:
    tax = load_taxonomy()
    by_name = {t.name: t for t in tax.threats}
    # 'armed groups' still reads as terrorism, so that 'X provides revenue to armed groups' links X to terrorism
    # (issue #10 counts it as a junk alias: a mention-only name is the next step); 'drugs' is no name of drug use
    assert "armed groups" in by_name["terrorism"].aliases and "groupes armés" in by_name["terrorism"].aliases
    assert "drugs" not in by_name["drug use"].aliases
    assert "terrorism financing" in by_name["terrorist financing"].aliases
