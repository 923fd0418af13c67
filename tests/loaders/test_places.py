"""Places the gazetteer does not know, from the NER where a locative word says they are places (our own texts)."""

from __future__ import annotations

from loaders.pipeline import ExtractionPipeline
from loaders.places import place_mentions


def _regions(pipeline: ExtractionPipeline, text: str) -> set[str]:
    return {e.name for e in pipeline.extract_text(text, doc_id="t").entities if e.type == "Region"}


def test_a_place_after_a_locative_word_is_a_region(pipeline: ExtractionPipeline) -> None:
    assert "Tabankort" in _regions(pipeline, "The clinic opened in Tabankort after the floods.")
    assert "Ouatagouna" in _regions(pipeline, "Les formations ont eu lieu à Ouatagouna la semaine dernière.")


def test_the_ner_alone_does_not_decide() -> None:
    text = "Tabankort said the clinic was full."
    assert place_mentions(text, [(0, 9, "GPE")], frozenset()) == []
    assert [m.name for m in place_mentions("It opened in Tabankort.", [(13, 22, "GPE")], frozenset())] == ["Tabankort"]


def test_compass_words_known_names_and_bodies_are_not_places() -> None:
    assert place_mentions("They fled to the South.", [(13, 22, "LOC")], frozenset()) == []
    assert place_mentions("It opened in Gao.", [(13, 16, "GPE")], frozenset({"gao"})) == []
    assert place_mentions("They went to the Gendarmerie.", [(17, 28, "LOC")], frozenset(),
                          frozenset({"gendarmerie"})) == []


def test_a_region_named_after_region_du(pipeline: ExtractionPipeline) -> None:
    assert "Centre-Sud" in _regions(pipeline, "L'atelier a réuni des élus de la région du Centre-Sud à Manga.")
