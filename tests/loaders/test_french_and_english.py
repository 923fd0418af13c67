"""Small texts of our own (not from the reference corpus) checking cues in both languages."""

from __future__ import annotations

from functools import partial

from loaders.lexicon import load_lexicon
from loaders.pipeline import ExtractionPipeline
from tests.loaders.triples import triples

_rels = partial(triples, both_ways=False)

FRENCH = (
    "Atelier régional sur la lutte contre le trafic de drogue\n\n"
    "L'ONUDC a organisé un atelier à Mopti en mars 2022, avec le soutien de l'Union européenne. "
    "Les participants ont souligné que le trafic de stupéfiants alimente le terrorisme dans la région."
)
ENGLISH = (
    "Training on border security in Niamey\n\n"
    "INTERPOL delivered a training in Niamey, Niger, in May 2021. This activity was funded by the World Bank. "
    "The proceeds of arms trafficking fuel terrorism across the Sahel."
)



def test_french_cues(pipeline: ExtractionPipeline) -> None:
    x = pipeline.extract_text(FRENCH, doc_id="fr-test")
    assert x.document.language == "fr"
    names = {e.name for e in x.entities}
    assert {"UNODC", "EU", "drug trafficking", "terrorism", "Mopti"} <= names
    rels = _rels(x)
    assert any(t == "FUNDS" and s == "EU" for t, s, _ in rels)
    assert ("LINKED_TO", "drug trafficking", "terrorism") in rels


def test_english_cues(pipeline: ExtractionPipeline) -> None:
    x = pipeline.extract_text(ENGLISH, doc_id="en-test")
    rels = _rels(x)
    assert any(t == "FUNDS" and s == "World Bank" for t, s, _ in rels)
    assert any(t == "IMPLEMENTS" and s == "INTERPOL" for t, s, _ in rels)
    assert ("LINKED_TO", "arms trafficking", "terrorism") in rels
    version = load_lexicon().version
    assert all(r.evidence and r.evidence[0].rule.endswith(f".v{version}") for r in x.relations)


def test_determinism(pipeline: ExtractionPipeline) -> None:
    from loaders.batch import gold_json

    a = gold_json(pipeline.extract_text(ENGLISH, doc_id="d"))
    b = gold_json(pipeline.extract_text(ENGLISH, doc_id="d"))
    assert a == b
