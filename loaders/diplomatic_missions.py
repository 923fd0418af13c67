"""Diplomatic missions named by their owner and their seat: 'the EU delegation in Nouakchott', 'the Swiss Embassy
in Bamako', 'la délégation de l'UE à Nouakchott', "l'Ambassade du Japon à Yaoundé".

The owner must be the EU, the UN or a state (its name or demonym, from the taxonomy) and the seat a place the
taxonomy knows, so that 'a delegation in Support of …' or a person's title is not read as a mission. The
mission is an Organization of its own, LOCATED_IN its seat's country; its aliases spell it the other way round.
"""

from __future__ import annotations

import re

from graph_schema.taxonomy import Region, Taxonomy, per_taxonomy
from loaders.mentions import Mention
from loaders.textfold import fold_phrase

_SUPRANATIONAL = {"eu": "European Union", "european union": "European Union", "ue": "European Union",
                  "union europeenne": "European Union", "un": "United Nations", "onu": "United Nations",
                  "united nations": "United Nations", "nations unies": "United Nations"}
_PLACE = r"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
_EN = re.compile(r"\b(?P<owner>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+"
                 r"(?P<kind>[Dd]elegation|[Ee]mbassy|High Commission|[Cc]onsulate(?:[ -][Gg]eneral)?)\s+(?:in|to|at)\s+"
                 + _PLACE)
_FR = re.compile(r"\b(?P<kind>[Dd]élégation|[Aa]mbassade|[Cc]onsulat(?:\s+général)?|[Hh]aute[ -][Cc]ommission)\s+"
                 r"(?:de\s+l['’]\s*|du\s+|de\s+la\s+|des\s+|de\s+|d['’]\s*)"
                 r"(?P<owner>[A-Z][\w'’-]+(?:\s+[a-zé][\w'’-]+)?(?:\s+[A-Z][\w'’-]+)?)\s+(?:à|au|en)\s+" + _PLACE)
_KIND_EN = {"délégation": "Delegation", "ambassade": "Embassy", "consulat": "Consulate",
            "consulat général": "Consulate General", "haute commission": "High Commission",
            "haute-commission": "High Commission"}


@per_taxonomy
def _demonym_countries(taxonomy: Taxonomy) -> dict[str, str]:
    """Folded demonym -> country name ('danish' -> Denmark); the first country in the taxonomy's order wins."""
    out: dict[str, str] = {}
    for r in taxonomy.regions:
        if r.kind == "country":
            for d in r.demonyms:
                out.setdefault(fold_phrase(d), r.name)
    return out


def _owner(taxonomy: Taxonomy, name: str) -> str | None:
    key = fold_phrase(name)
    if key in _SUPRANATIONAL:
        return _SUPRANATIONAL[key]
    region = taxonomy.region_named(name)
    if region is not None and region.kind == "country":
        return region.name
    return _demonym_countries(taxonomy).get(key)


def _seat(taxonomy: Taxonomy, name: str) -> tuple[int, Region] | None:
    words = name.split()
    for n in range(len(words), 0, -1):
        region = taxonomy.region_named(" ".join(words[:n]))
        if region is not None:
            return len(" ".join(words[:n])), region
    return None


def diplomatic_mission_mentions(text: str, taxonomy: Taxonomy) -> list[Mention]:
    out: list[Mention] = []
    for rx in (_EN, _FR):
        for m in rx.finditer(text):
            owner_text, owner_start = m.group("owner"), m.start("owner")
            owner = _owner(taxonomy, owner_text)
            if owner is None and " " in owner_text:  # 'The EU delegation': the article is no owner
                first = owner_text.split()[0]
                owner_text, owner_start = owner_text[len(first) :].lstrip(), owner_start + len(first) + 1
                owner = _owner(taxonomy, owner_text)
            seat = _seat(taxonomy, m.group("place"))
            if owner is None or seat is None:
                continue
            length, region = seat
            place = region.name
            start, end = (owner_start if rx is _EN else m.start()), m.start("place") + length
            surface = " ".join(text[start:end].split())
            kind = m.group("kind")
            english_kind = _KIND_EN.get(kind.lower(), kind[:1].upper() + kind[1:].lower())
            country = region.name if region.kind == "country" else next(
                (c for c in region.located_in if (r := taxonomy.region_named(c)) is not None and r.kind == "country"),
                None)
            the = "the " if owner in _SUPRANATIONAL.values() else ""
            aliases = tuple(a for a in (f"{english_kind} of {the}{owner} in {place}",) if a != surface)
            out.append(Mention(start, end, text[start:end], "Organization", surface, aliases, "pattern",
                               country=country, attrs=(("kind", "mission"),)))
    return out
