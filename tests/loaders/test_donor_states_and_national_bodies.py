"""Donor states by their cue or their money, and a state's forces named by adjective or country (our own texts)."""

from __future__ import annotations

from loaders.pipeline import ExtractionPipeline


def _orgs(pipeline: ExtractionPipeline, text: str) -> dict[str, tuple[str, ...]]:
    x = pipeline.extract_text(text, doc_id="t")
    return {e.name: e.aliases for e in x.entities if e.type == "Organization"}


def _regions(pipeline: ExtractionPipeline, text: str) -> set[str]:
    return {e.name for e in pipeline.extract_text(text, doc_id="t").entities if e.type == "Region"}


def test_a_list_of_countries_after_a_support_cue_are_governments(pipeline: ExtractionPipeline) -> None:
    text = ("The border workshop in Dosso took place thanks to the generous support of Canada, Norway and "
            "the Netherlands.")
    orgs = _orgs(pipeline, text)
    assert {"Government of Canada", "Government of Norway", "Government of Netherlands"} <= set(orgs)
    assert not {"Canada", "Norway", "Netherlands"} & _regions(pipeline, text)


def test_french_passive_and_grace_au_soutien(pipeline: ExtractionPipeline) -> None:
    assert "Government of Germany" in _orgs(pipeline, "Cette formation a été financée par l'Allemagne.")
    assert "Government of Japan" in _orgs(pipeline, "L'atelier s'est tenu à Mopti grâce au soutien financier du Japon.")


def test_a_country_with_an_amount_of_money_is_a_donor(pipeline: ExtractionPipeline) -> None:
    orgs = _orgs(pipeline, "Italy pledged EUR 5 million, Belgium EUR 2 million and Sweden SEK 10 million.")
    assert {"Government of Italy", "Government of Belgium", "Government of Sweden"} <= set(orgs)


def test_a_country_elsewhere_stays_a_region(pipeline: ExtractionPipeline) -> None:
    assert "Canada" in _regions(pipeline, "The smugglers moved cocaine from Canada to Mali.")


def test_national_forces_carry_their_country(pipeline: ExtractionPipeline) -> None:
    text = ("The Malian police and the Nigerien customs seized 2 tonnes of cannabis. "
            "La police française et la gendarmerie nationale burkinabè ont formé la police du Tchad.")
    orgs = _orgs(pipeline, text)
    assert "Malian police" in orgs and "police of Mali" in orgs["Malian police"]
    assert any("Nigerien customs" in (n, *a) for n, a in orgs.items())  # the taxonomy's Douanes nigériennes
    assert "police française" in orgs and "French police" in orgs["police française"]
    assert "gendarmerie nationale burkinabè" in orgs
    assert "police du Tchad" in orgs
    assert "Malian police" not in orgs.get("police française", ())  # two countries' police never merge


def test_french_authorities_are_the_government(pipeline: ExtractionPipeline) -> None:
    orgs = _orgs(pipeline, "Les autorités nigériennes ont signé l'accord avec l'OIM.")
    assert "Government of Niger" in orgs


def test_a_ministers_name_after_the_comma_is_a_person_not_part_of_the_ministry(pipeline: ExtractionPipeline) -> None:
    x = pipeline.extract_text("The Minister for Trade of Norway, Kari Haugland, opened the fair in Bamako.", doc_id="t")
    names = {(e.type, e.name) for e in x.entities}
    assert ("Person", "Kari Haugland") in names
    assert not any("Haugland" in n for t, n in names if t == "Organization")


def test_a_french_list_of_countries_gives_one_police_per_country(pipeline: ExtractionPipeline) -> None:
    orgs = _orgs(pipeline, "L'équipe réunit la police du Mali, de Belgique et d'Italie à Bamako.")
    assert {"police du Mali", "police de Belgique", "police d'Italie"} <= set(orgs)
    assert "de Belgique" not in orgs["police de Belgique"]  # an elliptic item is no name of its own


def test_diplomatic_missions_by_owner_and_seat(pipeline: ExtractionPipeline) -> None:
    orgs = _orgs(pipeline, "The EU delegation in Niamey and la délégation de l'UE à Bamako met the Danish Embassy "
                           "in Ouagadougou. A delegation in Support of peace left.")
    assert "Delegation of the European Union in Niamey" in orgs["EU delegation in Niamey"]
    assert "délégation de l'UE à Bamako" in orgs
    assert "Danish Embassy in Ouagadougou" in orgs
    assert not any("Support" in n for n in orgs)
