"""Every participating-org role, recipient, sector, budget and transaction of the sample files lands as the
mapping table (graph_schema/iati_mapping.yaml) says, element by element, with its evidence."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree

from graph_schema.contract import EntityRecord, Extraction, RelationRecord
from graph_schema.iati_mapping import load_iati_mapping
from graph_schema.names import normalize_name
from graph_schema.taxonomy import load_taxonomy
from loaders.iati import read_iati
from loaders.iati.records import split_data_quote
from tests.loaders.iati.iati_files import EXAMPLES, activity_file

SAMPLES = sorted(EXAMPLES.glob("*.xml"))
MAPPING = load_iati_mapping()


def _by_xpath(extraction: Extraction) -> dict[str, list[RelationRecord]]:
    out: dict[str, list[RelationRecord]] = defaultdict(list)
    for rel in extraction.relations:
        for ev in rel.evidence:
            out[split_data_quote(ev.quote).xpath].append(rel)
    return out


def _entity(extraction: Extraction, name: str, type_: str) -> EntityRecord:
    found = [e for e in extraction.entities if e.name == name and e.type == type_]
    assert len(found) == 1, (name, type_)
    return found[0]


def _names(entity: EntityRecord) -> set[str]:
    return {normalize_name(n) for n in (entity.name, *entity.aliases)}


def _narratives(element: etree._Element) -> list[str]:
    return [" ".join((n.text or "").split()) for n in element.findall("narrative")]


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_element_lands_as_the_table_says(path: Path) -> None:
    data = path.read_bytes()
    extraction = read_iati(data, path.name).extraction
    facts = _by_xpath(extraction)
    tree = etree.ElementTree(etree.fromstring(data))
    tax = load_taxonomy()
    seen: set[str] = set()
    for activity in tree.getroot().findall("iati-activity"):
        identifier = activity.findtext("iati-identifier")
        titles = _narratives(activity.find("title"))
        project = next(e for e in extraction.entities if e.type == "Project" and identifier in e.aliases)
        assert {normalize_name(t) for t in titles} <= _names(project)  # every language's title is a name
        props = dict(project.properties)
        assert props["iati_identifier"] == identifier
        assert props["iati_status"].split()[0] == activity.find("activity-status").get("code")
        for date in activity.findall("activity-date"):
            kind = MAPPING.activity_date_types[date.get("type")].replace(" ", "_")
            assert props[f"iati_{kind}"] == date.get("iso-date")
        funders = []
        for org in activity.findall("participating-org"):
            xpath = tree.getpath(org)
            role = MAPPING.participating_roles[org.get("role")]
            [rel] = facts[xpath]
            source = _entity(extraction, rel.source, "Organization")
            assert (rel.type, rel.role, rel.target) == (role.relation, role.role, project.name)
            assert {normalize_name(n) for n in _narratives(org)} <= _names(source)
            if org.get("ref"):
                assert dict(source.properties)["iati_ref"] == org.get("ref") and org.get("ref") in source.aliases
            if org.get("role") == "1":
                funders.append(rel.source)
            seen.add(xpath)
        for country in activity.findall("recipient-country"):
            xpath = tree.getpath(country)
            [rel] = facts[xpath]
            region = _entity(extraction, rel.target, "Region")
            expected = next(r for r in tax.regions if r.code == country.get("code"))
            assert (rel.type, rel.source, region.name) == ("TARGETS", project.name, expected.name)
            assert split_data_quote(rel.evidence[0].quote).value.endswith(f"{country.get('percentage')}%")
            seen.add(xpath)
        for region_el in activity.findall("recipient-region"):
            xpath = tree.getpath(region_el)
            [rel] = facts[xpath]
            assert (rel.type, rel.source, rel.target) == (
                "TARGETS", project.name, MAPPING.regions[region_el.get("code")].region)
            seen.add(xpath)
        for sector in activity.findall("sector"):
            xpath = tree.getpath(sector)
            entry = MAPPING.sectors.get(sector.get("code"))
            threats = sorted(rel.target for rel in facts.get(xpath, []))
            assert threats == sorted(entry.threats if entry else []), sector.get("code")
            assert all(rel.type == "TARGETS" and rel.source == project.name for rel in facts.get(xpath, []))
            seen.add(xpath)
        for budget in activity.findall("budget"):
            xpath = tree.getpath(budget)
            rels = facts[xpath]
            assert sorted(r.source for r in rels) == sorted(funders) and funders
            value = budget.find("value")
            quote = split_data_quote(rels[0].evidence[0].quote)
            assert f"{value.text} {value.get('currency')}" in quote.value and quote.activity == identifier
            seen.add(xpath)
        for transaction in activity.findall("transaction"):
            xpath = tree.getpath(transaction)
            kind = MAPPING.transaction_types[transaction.find("transaction-type").get("code")]
            rels = facts.get(xpath, [])
            assert len(rels) == (1 if kind.funds else 0)
            if rels:
                value = transaction.find("value")
                quote = split_data_quote(rels[0].evidence[0].quote).value
                assert rels[0].type == "FUNDS" and rels[0].target == project.name
                assert f"{value.text} {value.get('currency')}" in quote
                assert transaction.find("transaction-date").get("iso-date") in quote and kind.name in quote
            seen.add(xpath)
    assert set(facts) <= seen  # no fact without its element


def test_evidence_of_data() -> None:
    path = EXAMPLES / "eu_sahel_security_drugs.xml"
    extraction = read_iati(path.read_bytes(), path.name, "doc-eu").extraction
    money = [ev for rel in extraction.relations for ev in rel.evidence if ev.rule == "iati.transaction.v1"]
    assert [split_data_quote(ev.quote) for ev in money] == [
        split_data_quote("XM-DAC-918-SNG-G5-SAHEL-JOINT-FORCE | /iati-activities/iati-activity[1]/transaction[1] | "
                         "transaction 2 Outgoing Commitment 2017-06-05: 50000000 EUR (value date 2017-06-05), "
                         "provider EU, receiver G5 Sahel Joint Force"),
        split_data_quote("XM-DAC-918-SNG-G5-SAHEL-JOINT-FORCE | /iati-activities/iati-activity[1]/transaction[2] | "
                         "transaction 2 Outgoing Commitment 2018-02-23: 50000000 EUR (value date 2018-02-23), "
                         "provider EU, receiver G5 Sahel Joint Force"),
    ]
    for rel in extraction.relations:
        for ev in rel.evidence:
            assert ev.document_id == "doc-eu" and ev.rule.startswith("iati.") and ev.rule.endswith(".v1")
            assert ev.model == "iati-activities-2.03" and ev.pipeline_version == "iati-mapping-1"
            assert ev.start is None and ev.confidence == 1.0


def test_names_meet_the_text_pipeline() -> None:
    japan = read_iati((EXAMPLES / "japan_unodc_sahel_programme.xml").read_bytes(), "j.xml").extraction
    denmark = read_iati((EXAMPLES / "denmark_merit_sahel.xml").read_bytes(), "d.xml").extraction
    # a government organisation named after a country is its government (GUIDE.md); the gazetteer's names win
    assert _entity(japan, "Government of Japan", "Organization").aliases == ("Japan", "XM-DAC-701")
    assert "United Nations Office on Drugs and Crime" in _entity(japan, "UNODC", "Organization").aliases
    # aliases a report may use: the title without its organisation, the acronym of "Long Name (ACR)"
    assert "Sahel Programme" in _entity(japan, "UNODC Sahel Programme", "Project").aliases
    merit = _entity(denmark, "Mali (Dis-)Engagement and Re-Integration related to Terrorism", "Project")
    assert "MERIT" in merit.aliases
    assert "Ministry of Foreign Affairs of Denmark" in {e.name for e in denmark.entities}  # extending, no ref


def test_unmapped_codes_are_notes_not_facts() -> None:
    extra = """
    <transaction><transaction-type code="4"/><transaction-date iso-date="2024-05-01"/>
      <value currency="EUR" value-date="2024-05-01">10</value></transaction>"""
    data = activity_file(extra=extra).replace(b'code="16063"', b'code="11110"').replace(b'"ML"', b'"XX"')
    loaded = read_iati(data, "t.xml")
    assert {r.type for r in loaded.extraction.relations} == {"FUNDS", "IMPLEMENTS"}
    notes = " ".join(loaded.notes)
    assert "sector '11110' (vocabulary 1) maps to no threat" in notes
    assert "recipient-country 'XX' is not an ISO 3166 country" in notes
    assert "type 4 (Expenditure) states no funding" in notes


def test_same_bytes_same_extraction() -> None:
    data = (EXAMPLES / "denmark_merit_sahel.xml").read_bytes()
    assert read_iati(data, "a.xml") == read_iati(data, "a.xml")
    assert read_iati(data, "a.xml").extraction.document.id == read_iati(data, "b.xml").extraction.document.id
