"""The extraction stages as registered spaCy components (loaders/components.py), on a short text of our own."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from loaders import components
from loaders.pipeline import ExtractionPipeline, build_nlp
from tests.loaders.triples import triples

TEXT = (
    "Coastal Justice Project launched in Niamey\n\n"
    "The Coastal Justice Project is funded by the European Union and implemented by UNODC. "
    "It aims to counter drug trafficking in Niger."
)


def test_the_pipeline_reads_its_stages_from_pipe_names(pipeline: ExtractionPipeline) -> None:
    assert tuple(pipeline.nlp.pipe_names) == components.STAGES
    assert pipeline.nlp.get_pipe_meta("nexus_analysis").default_config == {"english_model": None,
                                                                           "french_model": None}


def test_a_data_scientist_assembles_the_stages_in_their_own_pipeline(pipeline: ExtractionPipeline) -> None:
    nlp = spacy.blank("xx")
    for name in components.STAGES:
        nlp.add_pipe(name)
    doc = nlp.make_doc(TEXT)
    doc._.nexus_input = {"doc_id": "coastal"}
    doc = nlp(doc)
    extraction = pipeline.extract_text(TEXT, doc_id="coastal")
    assert doc._.extraction == extraction  # the same stages, the same answer
    assert doc._.relations == extraction.relations
    found = {(r.type, r.source, r.target) for r in doc._.relations}
    assert ("FUNDS", "EU", "Coastal Justice Project") in found
    assert ("IMPLEMENTS", "UNODC", "Coastal Justice Project") in found
    spans = doc.spans[components.MENTIONS_KEY]
    by_text = {(s.text, s.label_): s._.canonical for s in spans}
    assert by_text[("European Union", "Organization")] == "EU"  # the gazetteer's canonical name
    assert any(label == "Project" and canon == "Coastal Justice Project" for (_t, label), canon in by_text.items())
    assert all(doc.text[s.start_char : s.end_char] == s.text for s in spans)
    assert doc._.meta.id == "coastal" and doc._.meta.language == "en"


def test_without_metadata_the_id_is_document_and_the_language_is_detected() -> None:
    nlp = build_nlp()
    doc = nlp("Le projet est financé par l'Union européenne et mis en œuvre par l'ONUDC au Niger.")
    assert doc._.meta.id == "document" and doc._.meta.language == "fr"
    assert doc._.extraction is not None


def test_decide_disabled_leaves_the_rules_facts_only(pipeline: ExtractionPipeline) -> None:
    rules_only = build_nlp(use_model=False)
    doc = rules_only.make_doc(TEXT)
    doc._.nexus_input = {"doc_id": "coastal"}
    doc = rules_only(doc)
    learned = {r.evidence[0].rule for r in pipeline.extract_text(TEXT, doc_id="coastal").relations}
    rules = {r.evidence[0].rule for r in doc._.relations}
    assert not any(rule.endswith(".learned.v4") for rule in rules)
    assert triples(doc._.extraction) <= triples(pipeline.extract_text(TEXT, doc_id="coastal"))
    assert learned  # the full pipeline decided something


def test_a_stage_out_of_order_says_which_extension_is_missing() -> None:
    nlp: Language = spacy.blank("xx")
    nlp.add_pipe("nexus_rules")
    with pytest.raises(ValueError, match=r"nexus_rules: doc\._\.context is not set"):
        nlp("UNODC trains judges.")
