"""Active funding verbs with an organization subject and a project object (texts of our own, EN + FR)."""

from __future__ import annotations

from functools import partial

import pytest

from graph_schema.contract import Extraction
from loaders.pipeline import ExtractionPipeline
from tests.loaders.triples import triples

_rels = partial(triples, both_ways=False)



def _aliases(x: Extraction, name: str) -> set[str]:
    return {a for e in x.entities if e.name == name for a in e.aliases}


def test_funds_indefinite_project_and_partner_is_not_implementer(pipeline: ExtractionPipeline) -> None:
    text = ("The Government of Norway funds a new UNODC project to counter drug trafficking in Gao, Mali. "
            "The project is implemented by UNODC in partnership with the Office Central des Stupefiants.")
    x = pipeline.extract_text(text, doc_id="active-fund-1")
    rels = _rels(x)
    # the unnamed project is named by its description: head + topic (GUIDE.md)
    (project,) = [e.name for e in x.entities if e.type == "Project"]
    assert "UNODC project to counter drug trafficking" in project
    assert ("FUNDS", "Government of Norway", project) in rels
    assert ("IMPLEMENTS", "UNODC", project) in rels
    assert ("IMPLEMENTS", "Office Central des Stupéfiants", project) not in rels
    assert {frozenset(r[1:]) for r in rels if r[0] == "PARTNERS_WITH"} == {
        frozenset({"Office Central des Stupéfiants", "UNODC"})}
    assert "UNODC" not in _aliases(x, project)  # an organization's acronym is no project alias


@pytest.mark.parametrize(
    ("text", "funders", "project"),
    [
        ("Denmark and the European Union are funding a new project to fight banditry in Niger.",
         {"Government of Denmark", "EU"}, "project to fight banditry"),
        ("Japan provides funding to the WAPIS Programme in Niger.", {"Government of Japan"}, "WAPIS Programme"),
        ("The European Union finances a new project to strengthen border management in Mauritania.", {"EU"},
         "project to strengthen border management"),
        ("Germany bankrolls a new INTERPOL project to counter arms trafficking in Chad.", {"Government of Germany"},
         "INTERPOL project to counter arms trafficking"),
        ("Le Gouvernement du Japon finance un nouveau projet de l'ONUDC pour lutter contre le trafic de drogue "
         "au Mali.", {"Government of Japan"}, "projet de l'ONUDC pour lutter contre le trafic de drogue"),
    ],
)
def test_active_funding_verbs(pipeline: ExtractionPipeline, text: str, funders: set[str], project: str) -> None:
    x = pipeline.extract_text(text, doc_id="active-fund")
    # an unnamed project is named by its description (head + topic, GUIDE.md), never by its bare head
    (name,) = [e.name for e in x.entities if e.type == "Project"]
    assert project in name
    got = {s for t, s, o in _rels(x) if t == "FUNDS" and o == name}
    assert got == funders
    assert "INTERPOL" not in _aliases(x, name)


def test_funding_verb_without_organization_subject(pipeline: ExtractionPipeline) -> None:
    x = pipeline.extract_text("Drug trafficking funds a new project of armed groups in Mali.", doc_id="active-fund-2")
    assert not {r for r in _rels(x) if r[0] == "FUNDS"}
