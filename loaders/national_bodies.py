"""A state's forces and services named by a national adjective or its country: 'the Malian police', 'la police
française', 'la gendarmerie nationale burkinabè', 'police du Niger', 'les autorités nigériennes'.

Generic bodies ("police", "customs", "gendarmerie") carry their country, so that two countries' police never
merge and the body is LOCATED_IN its country. Government words ('government', 'authorities', 'gouvernement',
'autorités') name the country's government ("Government of X"). The demonyms and country names come from the
taxonomy (graph_schema/taxonomy/regions.yaml), in English and French, any case.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from graph_schema.taxonomy import Taxonomy, per_taxonomy
from loaders.mentions import Mention
from loaders.textfold import fold_phrase

# head (as written, lower case) -> its English name; 'government' heads become "Government of X"
_EN_HEADS = {
    "national police": "national police", "police": "police", "national gendarmerie": "national gendarmerie",
    "gendarmerie": "gendarmerie", "customs": "customs", "customs service": "customs", "army": "army",
    "armed forces": "armed forces", "national guard": "national guard", "border police": "border police",
    "navy": "navy", "air force": "air force", "intelligence services": "intelligence services",
    "security forces": "security forces", "defence and security forces": "defence and security forces",
    "defense and security forces": "defence and security forces", "judiciary": "judiciary",
    "prison service": "prison service", "coast guard": "coast guard",
    "government": "government", "authorities": "government",
}
_FR_HEADS = {
    "police nationale": "national police", "police": "police", "gendarmerie nationale": "national gendarmerie",
    "gendarmerie": "gendarmerie", "garde nationale": "national guard", "douane": "customs", "douanes": "customs",
    "armée": "army", "forces armées": "armed forces", "forces de défense et de sécurité": "defence and security forces",
    "forces de sécurité": "security forces", "justice": "judiciary", "marine": "navy",
    "gouvernement": "government", "autorités": "government",
}


@dataclass(frozen=True)
class _Patterns:
    english: re.Pattern[str]  # 'Malian police'
    french: re.Pattern[str]  # 'police malienne', 'gendarmerie nationale burkinabè'
    french_of: re.Pattern[str]  # 'police du Niger'
    demonyms: dict[str, tuple[str, str]]  # folded demonym -> (country, English demonym)
    countries: dict[str, tuple[str, str]]  # folded country name -> (country, English demonym)


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


@per_taxonomy
def _patterns(taxonomy: Taxonomy) -> _Patterns:
    demonyms: dict[str, tuple[str, str]] = {}
    countries: dict[str, tuple[str, str]] = {}
    for r in taxonomy.regions:
        if r.kind != "country" or not r.demonyms:
            continue
        english = r.demonyms[0]
        for d in r.demonyms:
            demonyms.setdefault(fold_phrase(d), (r.name, english))
        for n in (r.name, *r.aliases):
            countries.setdefault(fold_phrase(n), (r.name, english))
    dem = _alt({d for r in taxonomy.regions if r.kind == "country" for d in r.demonyms})
    return _Patterns(
        english=re.compile(rf"\b(?P<dem>{dem})\s+(?P<head>(?i:{_alt(_EN_HEADS)}))\b"),
        french=re.compile(rf"\b(?P<head>(?i:{_alt(_FR_HEADS)}))\s+(?P<dem>(?i:{dem}))s?\b"),
        french_of=re.compile(rf"\b(?P<head>(?i:{_alt(h for h in _FR_HEADS if _FR_HEADS[h] != 'government')}))"
                             r"\s+(?P<prep>du|de\s+la|de\s+l['’]|des|de|d['’])\s*(?P<country>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"),
        demonyms=demonyms,
        countries=countries,
    )


def _mention(text: str, start: int, end: int, head: str, country: str, english_demonym: str) -> Mention:
    surface = text[start:end]
    if head == "government":
        return Mention(start, end, surface, "Organization", f"Government of {country}", (surface, country), "pattern",
                       country=country)
    english = f"{english_demonym} {head}"
    aliases = tuple(dict.fromkeys(a for a in (english, f"{head} of {country}", f"{country} {head}") if a != surface))
    return Mention(start, end, surface, "Organization", surface, aliases, "pattern", country=country,
                   attrs=(("kind", "national_body"),))


def national_body_mentions(text: str, taxonomy: Taxonomy) -> list[Mention]:
    p = _patterns(taxonomy)
    out: list[Mention] = []
    for m in p.english.finditer(text):
        found = p.demonyms.get(fold_phrase(m.group("dem")))
        if found:
            out.append(_mention(text, m.start(), m.end(), _EN_HEADS[m.group("head").lower()], *found))
    for m in p.french.finditer(text):
        found = p.demonyms.get(fold_phrase(m.group("dem")))
        if found:
            out.append(_mention(text, m.start(), m.end(), _FR_HEADS[m.group("head").lower()], *found))
    for m in p.french_of.finditer(text):
        head = m.group("head")
        hit = _country_at(p, text, m.start("country"))
        if hit is None:
            continue
        end, found = hit
        out.append(_mention(text, m.start(), end, _FR_HEADS[head.lower()], *found))
        # 'la police du Niger, de France et d'Espagne': one body per country of the list
        while (more := _FR_LIST_ITEM.match(text, end)) is not None:
            hit = _country_at(p, text, more.start("country"))
            if hit is None:
                break
            end, found = hit
            mention = _mention(text, more.start("prep"), end, _FR_HEADS[head.lower()], *found)
            name = f"{head} {more.group('prep')}{'' if more.group('prep').endswith(('’', chr(39))) else ' '}" \
                   f"{text[more.start('country') : end]}"
            out.append(dataclasses.replace(mention, name=name, attrs=(*mention.attrs, ("elliptic", "yes"))))
    return out


_FR_LIST_ITEM = re.compile(r"\s*(?:,\s*(?:et\s+)?|\s+et\s+)(?P<prep>de\s+la|de\s+l['’]|du|des|de|d['’])\s*"
                           r"(?P<country>[A-Z])")


def _country_at(p: _Patterns, text: str, start: int) -> tuple[int, tuple[str, str]] | None:
    words = re.match(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?", text[start:])
    if words is None:
        return None
    parts = words.group(0).split()
    for n in range(len(parts), 0, -1):
        found = p.countries.get(fold_phrase(" ".join(parts[:n])))
        if found:
            return start + len(" ".join(parts[:n])), found
    return None
