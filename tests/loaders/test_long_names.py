"""Long title-case names, cue-named projects, described organizations, local bodies and role phrases."""

from __future__ import annotations

from functools import partial

from graph_schema.contract import Extraction
from loaders.pipeline import ExtractionPipeline
from tests.loaders.triples import triples

_rels = partial(triples, both_ways=False)


def _run(pipeline: ExtractionPipeline, text: str) -> Extraction:
    return pipeline.extract_text(text, doc_id="t")


def _ents(ex: Extraction) -> dict[str, str]:
    return {e.name: e.type for e in ex.entities}


def _aliases(ex: Extraction, name: str) -> tuple[str, ...]:
    return next(e.aliases for e in ex.entities if e.name == name)



EN = ("Border towns\n\nThe National Office for the Protection of Rivers and the Control of Sand Mining (ONPR/CSM) "
      "and IOM launched a new project in Zinder, Niger. The project, known as Bridges and Skills for Women in "
      "Zinder (BSWZ), is funded by the Government of Norway. BSWZ targets drug trafficking in Zinder. "
      "\"We are ready,\" said Anna Keller, IOM's Head of Office in Zinder.")

FR = ("Les jeunes de Dosso\n\nL'ONG Tamakrast Néré a lancé le projet intitulé Routes Sûres pour les Jeunes (RSJ) "
      "à Dosso, au Niger, avec la mairie de Dosso. RSJ est financé par la Suisse.")


def test_long_name_with_connectors_and_slash_acronym(pipeline: ExtractionPipeline) -> None:
    ex = _run(pipeline, EN)
    name = "National Office for the Protection of Rivers and the Control of Sand Mining"
    assert _ents(ex).get(name) == "Organization"
    assert "ONPR/CSM" in _aliases(ex, name)
    assert "Head of Office" not in _ents(ex)


def test_project_named_by_cue_takes_over_the_unnamed_project(pipeline: ExtractionPipeline) -> None:
    ex = _run(pipeline, EN)
    name = "Bridges and Skills for Women in Zinder"
    assert _ents(ex).get(name) == "Project"
    assert "BSWZ" in _aliases(ex, name)
    rels = _rels(ex)
    assert ("FUNDS", "Government of Norway", name) in rels
    assert ("TARGETS", name, "drug trafficking") in rels
    assert not any(e.type == "Project" and e.name != name for e in ex.entities)


def test_role_phrase_is_an_affiliation_not_an_organization(pipeline: ExtractionPipeline) -> None:
    ex = _run(pipeline, EN)
    assert ("AFFILIATED_WITH", "Anna Keller", "IOM") in _rels(ex)
    text = "Kofi Mensah, the Country Director of UNODC, met the Programme Manager in Dakar."
    ents = _ents(_run(pipeline, text))
    assert "Country Director" not in ents and "Programme Manager" not in ents


def test_described_ngo_and_municipal_council(pipeline: ExtractionPipeline) -> None:
    text = ("Safe Paths\n\nTanafé Amana, a local NGO based in Tahoua, works with the municipal council of Tahoua on "
            "a programme dubbed Safe Paths Forward to prevent drug use among young people.")
    ex = _run(pipeline, text)
    ents = _ents(ex)
    assert ents.get("Tanafé Amana") == "Organization"
    assert ents.get("Safe Paths Forward") == "Project"
    council = next(n for n, t in ents.items() if t == "Organization" and n.lower() == "municipal council of tahoua")
    rels = _rels(ex)
    assert ("LOCATED_IN", "Tanafé Amana", "Tahoua") in rels
    assert ("LOCATED_IN", council, "Tahoua") in rels


def test_french_ngo_cue_project_and_mairie(pipeline: ExtractionPipeline) -> None:
    ex = _run(pipeline, FR)
    ents = _ents(ex)
    assert ents.get("Tamakrast Néré") == "Organization"
    assert ents.get("Routes Sûres pour les Jeunes") == "Project"
    assert "RSJ" in _aliases(ex, "Routes Sûres pour les Jeunes")
    mairie = next(n for n, t in ents.items() if t == "Organization" and n.lower() == "mairie de dosso")
    rels = _rels(ex)
    assert ("LOCATED_IN", mairie, "Dosso") in rels
    assert ("IMPLEMENTS", "Tamakrast Néré", "Routes Sûres pour les Jeunes") in rels
    assert ("FUNDS", "Government of Switzerland", "Routes Sûres pour les Jeunes") in rels


def test_long_names_are_deterministic(pipeline: ExtractionPipeline) -> None:
    assert _run(pipeline, EN + "\n\n" + FR) == _run(pipeline, EN + "\n\n" + FR)
