"""Project names: headlines, organizations' acronyms and French quoted titles (short texts of our own)."""

from __future__ import annotations

from loaders.pipeline import ExtractionPipeline
from tests.loaders.triples import triples


def _projects(pipeline: ExtractionPipeline, text: str) -> set[str]:
    return {e.name for e in pipeline.extract_text(text, doc_id="t").entities if e.type == "Project"}


def test_a_headline_does_not_swallow_the_project_named_on_the_next_line(pipeline: ExtractionPipeline) -> None:
    text = ("Coastal Justice Project launched in Niamey\n\n"
            "The Coastal Justice Project is funded by the European Union and implemented by UNODC.")
    found = triples(pipeline.extract_text(text, doc_id="t"))
    assert ("IMPLEMENTS", "UNODC", "Coastal Justice Project") in found
    assert ("FUNDS", "EU", "Coastal Justice Project") in found


def test_an_organizations_long_name_with_its_acronym_is_no_project(pipeline: ExtractionPipeline) -> None:
    text = ("Le Programme des Nations Unies pour le développement (PNUD) appuie le projet Frontières Sûres "
            "dans la région de Tillabéri.")
    x = pipeline.extract_text(text, doc_id="t")
    assert "PNUD" not in {e.name for e in x.entities if e.type == "Project"}
    assert "UNDP" in {e.name for e in x.entities if e.type == "Organization"}


def test_an_apostrophe_inside_a_french_quoted_title_does_not_end_it(pipeline: ExtractionPipeline) -> None:
    straight = "Le PNUD lance le projet « Sauvegarder l'avenir des jeunes de la région d'Agadez » avec le Japon."
    curly = "Le PNUD lance le projet « Sauvegarder l’avenir des jeunes de la région d’Agadez » avec le Japon."
    for text in (straight, curly):
        names = _projects(pipeline, text)
        assert any(n.startswith("Sauvegarder l") and n.endswith("Agadez") for n in names), names
        assert not any(n.endswith((" l", " d")) for n in names), names


def test_two_names_of_one_project_in_a_document_are_one_entity(pipeline: ExtractionPipeline) -> None:
    text = ("UNDP launched the Regional Recovery Facility for Lake Chad in 2019. Japan and Norway fund the "
            "UNDP Lake Chad Recovery Facility, which now covers Diffa.")
    names = _projects(pipeline, text)
    assert len(names) == 1, names


def test_two_projects_that_differ_by_their_place_stay_apart(pipeline: ExtractionPipeline) -> None:
    text = ("The Border Security Programme for Mali ended in 2020; the Border Security Programme for Niger goes on. "
            "The Border Security Programme is funded by Denmark.")
    names = _projects(pipeline, text)
    assert {"Border Security Programme for Mali", "Border Security Programme for Niger"} <= names, names


def test_a_quoted_name_beside_a_project_head_names_the_project(pipeline: ExtractionPipeline) -> None:
    assert "Safe Roads" in _projects(pipeline, "The NGO runs the “Safe Roads” project in Gao.")
    assert "Justice Sahel" in _projects(pipeline, "Le programme européen « Justice Sahel » forme les greffiers.")
    assert "relèvement des marchés de Ménaka" in _projects(
        pipeline, "La Suède finance le projet de « relèvement des marchés de Ménaka » au Mali.")


def test_a_programme_named_after_its_description(pipeline: ExtractionPipeline) -> None:
    names = _projects(pipeline, "Un ambitieux programme de développement vient de naître au Niger. Baptisé Kawtal, "
                                "il financera des forages.")
    assert "Kawtal" in names
    assert "Kawtal" not in _projects(pipeline, "Baptisé Kawtal, le village a reçu des forages.")  # no programme head


def test_a_sized_programme_named_by_its_purpose(pipeline: ExtractionPipeline) -> None:
    names = _projects(pipeline, "A €7 million programme approved under the EUTF will strengthen the rule of law in "
                                "Niger by training judges.")
    assert "Programme to strengthen the rule of law in Niger" in names, names


def test_an_observance_is_an_event(pipeline: ExtractionPipeline) -> None:
    assert "Journée nationale de lutte contre la drogue" in _projects(
        pipeline, "La Journée nationale de lutte contre la drogue, célébrée à Gao, a réuni les élèves.")
    assert "World Day against Trafficking in Persons" in _projects(
        pipeline, "IOM marked the World Day against Trafficking in Persons in Agadez.")
