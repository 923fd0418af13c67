"""Dependency-parse rules (loaders/deps.py) on short texts of our own, English and French; robustness of the
pipeline (texts over the model's max_length, two threads extracting at once)."""

from __future__ import annotations

import threading

import pytest

from graph_schema.contract import Extraction
from graph_schema.errors import DocumentTooLarge
from loaders.lexicon import load_lexicon
from loaders.pipeline import ExtractionPipeline
from tests.loaders.triples import triples as _rels


def _rules(x: Extraction) -> set[str]:
    return {ev.rule for r in x.relations for ev in r.evidence}


def test_dependency_rule_ids_are_versioned_in_the_lexicon() -> None:
    lex = load_lexicon()
    assert lex.dep_word("implement_verbs", "carried out")
    assert lex.dep_word("implement_verbs", "mis en oeuvre")
    assert lex.dep_word("fund_verbs", "financee")
    assert lex.rule_id("FUNDS", "dep_passive_agent") == f"funds.dep_passive_agent.v{lex.version}"


def test_fronted_participle_passive_agent_and_partner(pipeline: ExtractionPipeline) -> None:
    text = ("Funded by the Government of Norway, the Coastal Resilience Programme is implemented by UNDP together "
            "with Expertise France.")
    x = pipeline.extract_text(text, doc_id="en-fronted")
    rels = _rels(x)
    assert ("FUNDS", "Government of Norway", "Coastal Resilience Programme") in rels
    assert ("IMPLEMENTS", "UNDP", "Coastal Resilience Programme") in rels
    assert ("PARTNERS_WITH", "UNDP", "Expertise France") in rels
    assert any(r.startswith("funds.dep_") for r in _rules(x))


def test_relative_clause_funder_and_active_implementer(pipeline: ExtractionPipeline) -> None:
    text = ("Last year UNICEF launched the Safe Schools Initiative, which is financed by the World Bank. "
            "The initiative is designed to counter violent extremism and radicalisation in Niger.")
    rels = _rels(pipeline.extract_text(text, doc_id="en-relative"))
    assert ("FUNDS", "World Bank", "Safe Schools Initiative") in rels
    assert ("IMPLEMENTS", "UNICEF", "Safe Schools Initiative") in rels
    assert ("TARGETS", "Safe Schools Initiative", "violent extremism") in rels
    assert ("TARGETS", "Safe Schools Initiative", "radicalisation") in rels


def test_french_passive_agent_partnership_and_purpose(pipeline: ExtractionPipeline) -> None:
    text = ("Le Projet de prévention de la radicalisation des jeunes est financé par l'Union européenne. "
            "Il est mis en œuvre par l'OIM en partenariat avec l'UNICEF. "
            "Ce projet vise à réduire le trafic de drogue à Niamey.")
    rels = _rels(pipeline.extract_text(text, doc_id="fr-passive"))
    project = "Projet de prévention de la radicalisation des jeunes"
    assert ("FUNDS", "EU", project) in rels
    assert ("IMPLEMENTS", "IOM", project) in rels
    assert ("PARTNERS_WITH", "IOM", "UNICEF") in rels
    assert ("TARGETS", project, "drug trafficking") in rels


def test_apposition_role_english(pipeline: ExtractionPipeline) -> None:
    text = "\"We need better data,\" said Amina Diallo, the UNDP programme manager, at the launch in Dakar."
    x = pipeline.extract_text(text, doc_id="en-appos")
    aff = [r for r in x.relations if r.type == "AFFILIATED_WITH"]
    assert [(r.source, r.target) for r in aff] == [("Amina Diallo", "UNDP")]
    assert aff[0].role and "manager" in aff[0].role


def test_link_verbs_with_conjuncts_and_each_other(pipeline: ExtractionPipeline) -> None:
    text = ("Officials say that kidnapping and cattle rustling fuel terrorism in the region. "
            "In the border areas, terrorism and organized crime feed each other.")
    rels = _rels(pipeline.extract_text(text, doc_id="en-links"))
    assert ("LINKED_TO", "kidnapping", "terrorism") in rels
    assert ("LINKED_TO", "cattle trafficking", "terrorism") in rels
    assert ("LINKED_TO", "terrorism", "organized crime") in rels


def test_french_link_verb(pipeline: ExtractionPipeline) -> None:
    text = "Selon les autorités, la contrebande de carburant coexiste avec le trafic de drogue dans la région."
    rels = _rels(pipeline.extract_text(text, doc_id="fr-links"))
    assert ("LINKED_TO", "fuel trafficking", "drug trafficking") in rels


def test_text_over_model_max_length_is_refused_before_analysis(pipeline: ExtractionPipeline) -> None:
    limit = min(m.nlp.max_length for m in pipeline.models.values())
    text = "word " * (limit // 5 + 10)
    assert len(text) > limit and len(text.encode()) <= pipeline.max_bytes
    with pytest.raises(DocumentTooLarge, match="characters"):
        pipeline.extract_text(text, doc_id="huge")


def test_two_threads_extract_at_once(pipeline: ExtractionPipeline) -> None:
    texts = {
        "a": "UNICEF launched the Safe Schools Initiative, which is financed by the World Bank.",
        "b": ("Le Projet de renforcement des capacités judiciaires est financé par la Banque mondiale et mis en "
              "œuvre par le PNUD."),
    }
    expected = {k: pipeline.extract_text(t, doc_id=k) for k, t in texts.items()}
    results: dict[str, list[Extraction]] = {k: [] for k in texts}
    errors: list[BaseException] = []

    def work(key: str) -> None:
        try:
            for _ in range(3):
                results[key].append(pipeline.extract_text(texts[key], doc_id=key))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for key, runs in results.items():
        for x in runs:
            assert x.model_dump() == expected[key].model_dump()
