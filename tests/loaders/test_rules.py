"""Relation rules on short texts of our own (not from any reference corpus), English and French."""

from __future__ import annotations

from pathlib import Path

from loaders.analysis import analyse
from loaders.batch import extract_paths, gold_json
from loaders.language import split_by_language
from loaders.pipeline import ExtractionPipeline
from tests.loaders.triples import triples as _rels

EN_DONORS = (
    "Border Resilience Programme extended to 2026\n\n"
    "The Border Resilience Programme is financed by a group of donors that includes the Government of Norway, "
    "Sweden and the World Bank. UNDP has extended its Border Resilience Programme, which covers Chad, Niger and "
    "Nigeria. The programme works with the IOM on migrant smuggling. The Lake Chad Basin, shared by Chad, Niger "
    "and Nigeria, remains fragile. UNICEF and IOM jointly trained border officials."
)
FR_PROJECT = (
    "Le Projet de renforcement des capacités judiciaires est financé par la Banque mondiale et mis en œuvre par "
    "le PNUD en partenariat avec l'OIM et INTERPOL. Le projet couvre le Niger, le Tchad et le Mali. "
    "Il vise à lutter contre le trafic d'armes et le terrorisme."
)
FR_SUPPORT = (
    "Atelier régional sur la traite des personnes\n\n"
    "L'atelier a été organisé conjointement par l'OIM et l'UNICEF à Niamey, avec l'appui du Japon et de la "
    "Norvège. Le trafic de migrants alimente les réseaux criminels."
)
PARTICIPANTS = (
    "In 2022, UNDP launched a joint project titled \"Stronger Borders for Safer Communities\", with Chad "
    "representing one of the partners, alongside Niger and Cameroon."
)
REGIONS = (
    "Mali remains fragile. In 2021 we ran a programme on Community Security that we led in the country's central "
    "regions: Mopti and Ségou. "
    "The work will run in partnership with Mopti-based NGO Association Sahel Paix (ASP) and the Peace Research "
    "Institute in Canada."
)
MIXED = (
    "Regional workshop on drug trafficking\n\n"
    "UNODC organized a regional workshop in Dakar on drug trafficking and terrorism financing across West Africa.\n\n"
    "L'ONUDC a organisé un atelier régional à Dakar sur le trafic de drogue et le financement du terrorisme."
)



def test_donor_list_coverage_shared_area_and_joint(pipeline: ExtractionPipeline) -> None:
    rels = _rels(pipeline.extract_text(EN_DONORS, doc_id="en-donors"))
    project = "Border Resilience Programme"
    for funder in ("Government of Norway", "Government of Sweden", "World Bank"):
        assert ("FUNDS", funder, project) in rels
    assert ("IMPLEMENTS", "UNDP", project) in rels  # 'UNDP has extended its ... Programme'
    for country in ("Chad", "Niger", "Nigeria"):
        assert ("TARGETS", project, country) in rels  # 'which covers A, B and C'
        assert ("LOCATED_IN", "Lake Chad Basin", country) in rels  # 'shared by A, B and C'
    assert ("PARTNERS_WITH", "UNDP", "IOM") in rels  # 'the programme works with' -> its implementer
    assert ("PARTNERS_WITH", "IOM", "UNICEF") in rels  # 'A and B jointly trained'
    assert not any(t == "PARTNERS_WITH" and "Government" in s + o for t, s, o in rels)


def test_french_project_funding_coverage_and_purpose(pipeline: ExtractionPipeline) -> None:
    x = pipeline.extract_text(FR_PROJECT, doc_id="fr-project")
    assert x.document.language == "fr"
    rels = _rels(x)
    project = "Projet de renforcement des capacités judiciaires"
    assert ("FUNDS", "World Bank", project) in rels  # financé par
    assert ("IMPLEMENTS", "UNDP", project) in rels  # mis en œuvre par
    assert ("PARTNERS_WITH", "UNDP", "INTERPOL") in rels  # en partenariat avec: the agent, not the funder
    assert not any(t == "PARTNERS_WITH" and "World Bank" in (s, o) for t, s, o in rels)
    for country in ("Niger", "Chad", "Mali"):
        assert ("TARGETS", project, country) in rels  # couvre
    assert ("TARGETS", project, "arms trafficking") in rels  # vise à lutter contre
    assert ("TARGETS", project, "terrorism") in rels


def test_french_support_and_joint_organisation(pipeline: ExtractionPipeline) -> None:
    rels = _rels(pipeline.extract_text(FR_SUPPORT, doc_id="fr-support"))
    funders = {s for t, s, _ in rels if t == "FUNDS"}
    assert {"Government of Japan", "Government of Norway"} <= funders  # avec l'appui du Japon et de la Norvège
    implementers = {s for t, s, _ in rels if t == "IMPLEMENTS"}
    assert {"IOM", "UNICEF"} <= implementers  # organisée conjointement par
    assert ("LINKED_TO", "migrant trafficking", "organized crime") in rels


def test_participant_countries_are_targets(pipeline: ExtractionPipeline) -> None:
    rels = _rels(pipeline.extract_text(PARTICIPANTS, doc_id="participants"))
    targets = {o for t, _, o in rels if t == "TARGETS"}
    assert {"Chad", "Niger", "Cameroon"} <= targets
    assert not any(t == "PARTNERS_WITH" for t, _, _ in rels)


def test_region_list_based_ngo_and_hierarchy(pipeline: ExtractionPipeline) -> None:
    rels = _rels(pipeline.extract_text(REGIONS, doc_id="regions"))
    for place in ("Mopti", "Ségou"):
        assert ("LOCATED_IN", place, "Mali") in rels
        assert any(t == "TARGETS" and o == place for t, _, o in rels)
    assert any(t == "LOCATED_IN" and o == "Mopti" and "Association Sahel Paix" in s for t, s, o in rels)


def test_mixed_language_paragraph_routing(pipeline: ExtractionPipeline) -> None:
    segments = split_by_language(MIXED, "en")
    assert [s.language for s in segments] == ["en", "fr"]
    analysis = analyse(MIXED, "en", pipeline.models)
    assert len(analysis.models) == 2  # each paragraph parsed by its own language's model
    french_start = MIXED.index("L'ONUDC")
    assert any(s >= french_start for s, _ in analysis.sentences)
    x = pipeline.extract_text(MIXED, doc_id="mixed")
    names = {e.name for e in x.entities}
    assert {"UNODC", "Dakar", "drug trafficking", "terrorist financing"} <= names


def test_parallel_batch_is_byte_identical(tmp_path: Path) -> None:
    files = []
    for i, text in enumerate((EN_DONORS, FR_PROJECT, PARTICIPANTS)):
        path = tmp_path / f"doc{i}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    serial = [gold_json(item.extraction) for item in extract_paths(files, workers=1, progress=False)
              if item.extraction is not None]
    parallel = [gold_json(item.extraction) for item in extract_paths(files, workers=2, progress=False)
                if item.extraction is not None]
    assert len(serial) == 3
    assert serial == parallel
