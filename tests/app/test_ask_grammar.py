"""The /ask grammar on its own: which canned query and which slot texts each phrasing gives (no graph)."""

from __future__ import annotations

import pytest

from app.catalogue import load_catalogue
from app.services.ask_grammar import PHRASINGS, closest, read

MALI_DRUGS = {"region": "mali", "threat": "drug trafficking"}
CASES = [
    ("who funds what in Mali against drug trafficking", "who_funds_what", MALI_DRUGS),
    ("Who funds what against drug trafficking in Mali?", "who_funds_what", MALI_DRUGS),
    ("who funds what in Mali", "who_funds_what", {"region": "mali"}),
    ("who funds what?", "who_funds_what", {}),
    ("qui finance quoi au Niger", "who_funds_what", {"region": "niger"}),
    ("Qui finance quoi en Mauritanie contre le terrorisme ?", "who_funds_what",
     {"region": "mauritanie", "threat": "terrorisme"}),
    ("which projects target arms trafficking in Gao", "projects_targeting_threat",
     {"threat": "arms trafficking", "region": "gao"}),
    ("which projects target drug trafficking", "projects_targeting_threat", {"threat": "drug trafficking"}),
    ("how is UNODC connected to MERIT", "path_between", {"source": "unodc", "target": "merit"}),
    ("How are the EU and INTERPOL linked?", "path_between", {"source": "eu", "target": "interpol"}),
    ("comment l'ONUDC est-il lié à AIRCOP ?", "path_between", {"source": "onudc", "target": "aircop"}),
    ("partners of ECOWAS", "partners_of_org", {"org": "ecowas"}),
    ("partenaires de la CEDEAO", "partners_of_org", {"org": "cedeao"}),
    ("who funds AIRCOP", "funders_of_project", {"project": "aircop"}),
    ("who implements the WAPIS Programme", "implementers_of_project", {"project": "wapis programme"}),
    ("what is drug trafficking linked to", "threat_nexus", {"threat": "drug trafficking"}),
    ("which projects are in Niger", "projects_in_region", {"region": "niger"}),
    ("organizations active in Mali", "org_network_in_region", {"region": "mali"}),
    ("documents mentioning UNODC", "documents_mentioning", {"entity": "unodc"}),
    ("who is INTERPOL", "entity_profile", {"entity": "interpol"}),
    ("reported vs published funding in Mali", "funding_reported_vs_published", {"region": "mali"}),
    ("funding reported but not published in Niger?", "funding_reported_vs_published", {"region": "niger"}),
    ("reports vs IATI in the Sahel", "funding_reported_vs_published", {"region": "sahel"}),
    ("financement déclaré vs publié au Mali", "funding_reported_vs_published", {"region": "mali"}),
]


@pytest.mark.parametrize(("question", "query", "slots"), CASES, ids=[c[0] for c in CASES])
def test_question_reads_as_query_and_slots(question: str, query: str, slots: dict[str, str]) -> None:
    reading = read(question)
    assert reading is not None, question
    assert (reading.query, reading.slots) == (query, slots)


@pytest.mark.parametrize("question", ["the weather in Paris", "UNODC", "", "   ", "drop everything", "???"])
def test_unknown_phrasings_are_not_read(question: str) -> None:
    assert read(question) is None


def test_every_phrasing_reads_its_own_example_and_names_real_parameters() -> None:
    catalogue = load_catalogue()
    for phrasing in PHRASINGS:
        reading = read(phrasing.example)
        assert reading is not None and reading.query == phrasing.query, phrasing.example
        params = {p.name for p in catalogue.get(phrasing.query).params if p.type == "entity"}
        assert set(reading.slots) <= params, (phrasing.example, reading.slots)


def test_closest_is_deterministic_one_per_query_and_ranked() -> None:
    first = closest("who pays for stuff in Paris")
    assert [p.query for p in first] == [p.query for p in closest("who pays for stuff in Paris")]
    assert len({p.query for p in first}) == len(first) == 3
    assert closest("funders in the Sahel region")[0].query == "who_funds_what"
    assert closest("a partner list for the EU")[0].query == "partners_of_org"
    assert {p.query for p in closest("the funders near Gao")[:2]} == {"who_funds_what", "funders_of_project"}
