"""Propose-then-decide on short texts of our own: candidates, their features, the learned scorer, donor states,
descriptive activity names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph_schema.errors import SchemaFileError
from loaders.activities import descriptive_name, is_generic_project, noun_phrase_name
from loaders.candidates import government_name, propose
from loaders.lexicon import load_lexicon
from loaders.pipeline import ExtractionPipeline
from loaders.scorer import RelationScorer, decide, load_scorer

FUNDED = ("The Desert Roads Initiative is funded by Belgium and the World Bank. It is implemented by UNDP in Gao. "
          "Smuggling of fuel finances armed groups in the region.")
DONORS = ("The study was supported by the governments of Denmark, Ireland, the Netherlands and Sweden. "
          "Later, Japan pledged USD 2 million. Denmark is a small country.")


def test_every_type_compatible_pair_of_a_sentence_is_proposed(pipeline: ExtractionPipeline) -> None:
    _, ctx = pipeline.prepare(FUNDED, doc_id="t1")
    cands = {(c.type, c.source_name, c.target_name): c for c in propose(ctx)}
    funds = cands[("FUNDS", "Government of Belgium", "Desert Roads Initiative")]
    assert "cue_btw=FUNDS.passive_by" in funds.features
    assert ("FUNDS", "World Bank", "Desert Roads Initiative") in cands
    assert any(t == "TARGETS" and s == "Desert Roads Initiative" and o == "Gao" for t, s, o in cands)
    # no pair across types the schema forbids, and no self pair
    assert not any(t == "IMPLEMENTS" and o == "Gao" for t, _, o in cands)
    assert all(s != o for _, s, o in cands)


def test_candidates_are_deterministic(pipeline: ExtractionPipeline) -> None:
    first = [(c.type, c.source_name, c.target_name, c.features) for c in propose(pipeline.prepare(FUNDED,
                                                                                                   doc_id="t")[1])]
    again = [(c.type, c.source_name, c.target_name, c.features) for c in propose(pipeline.prepare(FUNDED,
                                                                                                   doc_id="t")[1])]
    assert first == again


def test_decide_adds_what_the_scorer_keeps_with_its_rule_id_and_probability(pipeline: ExtractionPipeline) -> None:
    _, ctx = pipeline.prepare(FUNDED, doc_id="t2")
    before = set(ctx.relations)
    # a scorer of our own: believes every FUNDS candidate with a passive funding cue between its ends
    scorer = RelationScorer(weights={"FUNDS|cue_btw=FUNDS.passive_by": 4.0, "bias": -2.0}, threshold=0.5)
    decide(ctx, propose(ctx), scorer)
    added = {k: v for k, v in ctx.relations.items() if k not in before}
    assert ("FUNDS", "World Bank", "Desert Roads Initiative") in ctx.relations
    for rel in added.values():
        assert rel.evidence[0].rule == f"{rel.type.lower()}.learned.v{load_lexicon().version}"
        assert rel.evidence[0].confidence == pytest.approx(0.881, abs=1e-3)
    nothing = RelationScorer(weights={"bias": -9.0}, threshold=0.5)
    _, ctx2 = pipeline.prepare(FUNDED, doc_id="t3")
    kept = dict(ctx2.relations)
    decide(ctx2, propose(ctx2), nothing)
    assert ctx2.relations == kept


def test_a_country_read_as_its_government_leaves_the_region_elsewhere(pipeline: ExtractionPipeline) -> None:
    x = pipeline.extract_text(DONORS, doc_id="donors")
    orgs = {e.name for e in x.entities if e.type == "Organization"}
    assert {"Government of Denmark", "Government of Ireland", "Government of Sweden", "Government of Japan"} <= orgs
    assert "Government of Netherlands" in orgs or "Government of the Netherlands" in orgs


def test_government_name_only_for_countries(pipeline: ExtractionPipeline) -> None:
    _, ctx = pipeline.prepare("UNDP works in Gao and in Mali.", doc_id="g")
    by_name = {m.name: m for m in ctx.mentions}
    assert government_name(by_name["Mali"]) == "Government of Mali"
    assert government_name(by_name["Gao"]) == "Gao"
    assert government_name(by_name["UNDP"]) == "UNDP"


def test_activity_names_are_noun_phrases_not_truncated_clauses() -> None:
    assert noun_phrase_name("training on the analysis of") == "Training on the analysis"
    assert noun_phrase_name("formation sur la lutte contre le") == "Formation sur la lutte contre"
    assert len(noun_phrase_name(" ".join(["word"] * 30)).split()) == 15
    text = "UNODC held a first training on the analysis of jihadist propaganda in Mopti in May 2021."
    start = text.index("first")
    name = descriptive_name(text, start, start + len("first training"), len(text))
    assert name == "First training on the analysis of jihadist propaganda"


def test_generic_heads_are_not_projects() -> None:
    lex = load_lexicon()
    for generic in ("Training", "Joint meeting", "Action Plan", "nouveau projet", "EU-funded project", "Formation"):
        assert is_generic_project(generic, lex), generic
    for named in ("Training on border security", "MERIT", "Atelier sur la traite des personnes"):
        assert not is_generic_project(named, lex), named


def test_a_generic_project_takes_the_description_that_follows(pipeline: ExtractionPipeline) -> None:
    x = pipeline.extract_text("UNICEF launched a new project on child protection in Tahoua. The project is funded "
                              "by Norway.", doc_id="np")
    projects = [e for e in x.entities if e.type == "Project"]
    assert projects and all(not is_generic_project(p.name, load_lexicon()) for p in projects)
    assert any("child protection" in p.name for p in projects)


def test_model_file_is_validated(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text(json.dumps({"weights": {"x": "not a number"}}), encoding="utf-8")
    with pytest.raises(SchemaFileError, match="invalid relation model"):
        load_scorer(bad)
    assert load_scorer(tmp_path / "absent.json") is None
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"weights": {"bias": 0.0}, "threshold": 0.4}), encoding="utf-8")
    scorer = load_scorer(good)
    assert scorer is not None and scorer.threshold == 0.4


def test_the_committed_model_loads() -> None:
    scorer = load_scorer()
    assert scorer is not None, "loaders/relation_model.json is missing: python -m loaders.train_scorer builds it"
    assert 0.0 < scorer.threshold < 1.0 and len(scorer.weights) > 10
