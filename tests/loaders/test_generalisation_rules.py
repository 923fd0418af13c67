"""General mechanisms on short texts of our own (English and French): coordination, reverse and money cues
for LINKED_TO, named operations, acronym-named programmes, unnamed actions, titled works, 'the same regions'."""

from __future__ import annotations

from graph_schema.contract import Extraction
from loaders.pipeline import ExtractionPipeline
from tests.loaders.triples import triples as _rels


def _project(x: Extraction, word: str) -> str:
    names = [e.name for e in x.entities if e.type == "Project" and word.lower() in e.name.lower()]
    assert names, [e.name for e in x.entities]
    return names[0]


def test_linked_to_coordinated_sources_and_money(pipeline: ExtractionPipeline) -> None:
    text = ("Analysts describe terrorist financing in the region. Cattle rustling, kidnapping for ransom and fuel "
            "smuggling provide steady revenue to armed groups.")
    rels = _rels(pipeline.extract_text(text, doc_id="en-links"))
    for threat in ("cattle trafficking", "kidnapping", "fuel trafficking"):
        assert ("LINKED_TO", threat, "terrorist financing") in rels


def test_linked_to_reverse_french(pipeline: ExtractionPipeline) -> None:
    text = ("Dans le nord du pays, les groupes armés tirent une partie de leurs ressources du trafic de drogue et "
            "de l'orpaillage illégal.")
    rels = _rels(pipeline.extract_text(text, doc_id="fr-links"))
    assert ("LINKED_TO", "drug trafficking", "terrorism") in rels
    assert ("LINKED_TO", "artisanal gold mining", "terrorism") in rels


def test_named_operation_participants_anaphor_and_funding(pipeline: ExtractionPipeline) -> None:
    text = ("Police officers from Chad, Niger and Nigeria took part in Operation SAND VIPER, coordinated by "
            "INTERPOL. The operation aimed to disrupt arms trafficking. It was conducted with funding from Japan.")
    x = pipeline.extract_text(text, doc_id="en-operation")
    rels = _rels(x)
    op = "Operation SAND VIPER"
    for country in ("Chad", "Niger", "Nigeria"):
        assert ("TARGETS", op, country) in rels
    assert ("TARGETS", op, "arms trafficking") in rels
    assert ("IMPLEMENTS", "INTERPOL", op) in rels
    assert ("FUNDS", "Government of Japan", op) in rels


def test_acronym_programme_and_commission(pipeline: ExtractionPipeline) -> None:
    text = ("Niger joined the Coastal Information Network (CINET) Programme in 2020. CINET is funded by the "
            "European Union and implemented by IOM in cooperation with the Commission of the Economic Community "
            "of West African States (ECOWAS).")
    x = pipeline.extract_text(text, doc_id="en-acronym")
    rels = _rels(x)
    assert ("FUNDS", "EU", "CINET Programme") in rels
    assert ("IMPLEMENTS", "IOM", "CINET Programme") in rels
    assert ("PARTNERS_WITH", "IOM", "ECOWAS Commission") in rels


def test_french_activity_gets_descriptive_name_and_english_alias(pipeline: ExtractionPipeline) -> None:
    text = ("Une trentaine de juges ont suivi à Niamey une formation consacrée aux enquêtes financières. "
            "L'atelier a été organisé conjointement par la Section des droits de l'homme (SDH) de la MINUSMA et "
            "l'ONUDC.")
    x = pipeline.extract_text(text, doc_id="fr-activity")
    project = next(e for e in x.entities if e.type == "Project" and "enquêtes" in e.name)
    assert any(a.startswith("Training on") for a in project.aliases)
    rels = _rels(x)
    assert ("IMPLEMENTS", "UNODC", project.name) in rels
    assert ("IMPLEMENTS", "MINUSMA", project.name) in rels


def test_unnamed_action_becomes_an_activity(pipeline: ExtractionPipeline) -> None:
    text = "In Chad, UNDP trained 40 customs officers to detect drug trafficking."
    x = pipeline.extract_text(text, doc_id="en-action")
    name = _project(x, "trained")
    rels = _rels(x)
    assert ("IMPLEMENTS", "UNDP", name) in rels
    assert ("TARGETS", name, "Chad") in rels
    assert ("TARGETS", name, "drug trafficking") in rels


def test_same_regions_and_titled_work(pipeline: ExtractionPipeline) -> None:
    text = ("UNICRI has published a new report on migrant smuggling in Niger. The report, titled 'Roads of Sand "
            "and Salt', draws on interviews in Tahoua, Zinder and Maradi. UNICRI will start a new project that will "
            "focus on the same three regions.")
    x = pipeline.extract_text(text, doc_id="en-work")
    rels = _rels(x)
    work = "Roads of Sand and Salt"
    assert ("IMPLEMENTS", "UNICRI", work) in rels
    assert ("TARGETS", work, "migrant trafficking") in rels
    project = _project(x, "new project")
    for region in ("Tahoua", "Zinder", "Maradi"):
        assert ("TARGETS", project, region) in rels
        assert ("LOCATED_IN", region, "Niger") in rels


def test_appositive_role_with_title_words(pipeline: ExtractionPipeline) -> None:
    text = "Moussa Keita, Senior Adviser of UNDP, opened the meeting in Bamako."
    x = pipeline.extract_text(text, doc_id="en-role")
    assert ("AFFILIATED_WITH", "Moussa Keita", "UNDP") in _rels(x)
