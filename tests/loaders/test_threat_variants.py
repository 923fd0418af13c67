"""Threat names in their plural, across hard-wrapped lines, and the threats the taxonomy gained (our own texts)."""

from __future__ import annotations

from loaders.gazetteer import _plural
from loaders.pipeline import ExtractionPipeline


def _threats(pipeline: ExtractionPipeline, text: str) -> set[str]:
    return {e.name for e in pipeline.extract_text(text, doc_id="t").entities if e.type == "Threat"}


def test_plural_forms() -> None:
    assert _plural("intercommunal conflict") == "intercommunal conflicts"
    assert _plural("criminal economy") == "criminal economies"
    assert _plural("drug trafficking") is None and _plural("terrorism") is None and _plural("IFFs") is None
    assert _plural("trafic de bétail") is None or _plural("trafic de bétail") == "trafic de bétails"


def test_a_plural_threat_is_the_threat(pipeline: ExtractionPipeline) -> None:
    assert "farmer-herder conflict" in _threats(pipeline, "Farmer-herder conflicts displaced villagers near Mopti.")


def test_a_hard_wrapped_list_of_trafficked_goods_goes_on(pipeline: ExtractionPipeline) -> None:
    text = ("Les ministres ont dénoncé le trafic illicite d'armes, de carburant,\n"
            "de bétail et le blanchiment d'argent dans la région de Kidal.")
    expected = {"arms trafficking", "fuel trafficking", "cattle trafficking", "money laundering"}
    assert expected <= _threats(pipeline, text)


def test_a_blank_line_ends_the_list(pipeline: ExtractionPipeline) -> None:
    text = "The report covers trafficking of fuel, cattle\n\nGold mining sites employ children."
    assert "cattle trafficking" in _threats(pipeline, text)
    assert "gold trafficking" not in _threats(pipeline, text)


def test_new_threat_names_in_both_languages(pipeline: ExtractionPipeline) -> None:
    en = "Irregular migration and document fraud feed the illicit economy, while insecurity spreads."
    fr = "L'immigration irrégulière, la fraude documentaire et l'insécurité nourrissent l'économie criminelle."
    expected = {"irregular migration", "document fraud", "illicit economy", "insecurity"}
    assert expected <= _threats(pipeline, en)
    assert expected <= _threats(pipeline, fr)
