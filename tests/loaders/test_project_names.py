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
