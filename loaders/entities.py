"""Candidate mentions of organizations, regions, threats and persons (projects: projects.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from loaders.acronyms import acronym_mentions
from loaders.gazetteer import Gazetteer, Match
from loaders.lexicon import Lexicon
from loaders.mentions import Mention
from loaders.textfold import fold_phrase

_CAP = r"[A-Z][\w'’-]*"
_NAME = rf"{_CAP}(?:(?:\s+(?:and|&|of|for|the)\s+|\s+|,\s+(?:and\s+)?)(?:{_CAP}|affairs))*"
_MINISTRY_RE = re.compile(rf"\b(Ministr(?:y|ies)|Minister)\s+(of|for)\s+({_NAME})")
_FR_MINISTRY_RE = re.compile(
    r"\b(Minist(?:ère|re))\s+((?:de la |de l'|de l’|des |du |de )[A-ZÉ][\w'’ -]*?)"
    r"(?=[,.;:()]|\s+(?:et|a|a été|pour)\s|$)"
)
_LIST_SPLIT_RE = re.compile(r",\s+(?=and\s)|,\s+(?=[A-Z])")


def gazetteer_mentions(matches: Iterable[Match]) -> list[Mention]:
    out: list[Mention] = []
    for m in matches:
        e = m.entry
        if e.type == "Demonym":
            continue
        aliases = tuple(a for a in e.aliases if a != e.name)
        out.append(
            Mention(m.start, m.end, m.text, e.type, e.name, aliases, "gazetteer", country=e.country, bare=e.bare,
                    attrs=(("kind", e.kind),))
        )
    return out


# the head may carry an adjective: "trafic illicite d'armes, de carburant et de bétail"
_THREAT_HEAD = re.compile(r"\b(trafficking|smuggling|trade|trafic|trafics|contrebande|commerce illicite)"
                          r"(?:\s+(?:illicite|illicites|illégal|illégaux|illicit|illegal))?\s+"
                          r"(of|in|de|d['’]|des|du)\s*", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r"\s*,\s*(?:(?:and|or|et|ou)\s+)?|\s+(?:and|or|et|ou|as well as|ainsi que)\s+")
_ITEM_LEAD = re.compile(r"^(?:(?:of|in|the|de|d['’]|des|du|la|le|les|l['’])\s*)+", re.IGNORECASE)
_PREPS = {"of": ("of", "in"), "in": ("in", "of"), "de": ("de", "d'", "des"), "d'": ("d'", "de"), "d’": ("d'", "de"),
          "des": ("des", "de"), "du": ("du", "de")}


def coordinated_threats(text: str, gaz: Gazetteer) -> list[Mention]:
    """'trafficking of fuel, cattle and drugs', 'trafficking in human beings, drugs and weapons', 'le trafic de
    carburant, de bétail et d'or' -> one threat per item: the head and preposition are shared by the list."""
    out: list[Mention] = []
    for m in _THREAT_HEAD.finditer(text):
        head, prep = m.group(1), m.group(2).lower()
        # a hard-wrapped line ('de drogue,\nd'êtres humains') goes on; a blank line ends the list
        stop = re.search(r"[.;:()]|\n\s*\n|\s(?:which|that|who|qui|que|is|are|was|were|est|sont|has|have|a|ont)\s",
                         text[m.end() : m.end() + 160])
        segment_end = m.end() + (stop.start() if stop else min(160, len(text) - m.end()))
        pos = m.end()
        first = True
        for piece in _ITEM_SPLIT.split(text[m.end() : segment_end]):
            start = text.index(piece, pos) if piece else pos
            pos = start + len(piece)
            lead = _ITEM_LEAD.match(piece)
            item = piece[lead.end() :] if lead else piece
            words = item.split()
            found = None
            for n in range(min(3, len(words)), 0, -1):  # 'migrants to the Mediterranean' -> 'migrants'
                item = " ".join(words[:n])
                for p in _PREPS.get(prep, (prep,)):
                    joiner = "" if p.endswith("'") else " "
                    query = f"{head} {p}{joiner}{item}"
                    hits = [g for g in gaz.find(query) if g.entry.type == "Threat" and not g.entry.bare
                            and g.start == 0 and g.end == len(query)]
                    if hits:
                        found = hits[0].entry
                        break
                if found is not None:
                    break
            if found is None:
                if first:
                    first = False
                    continue  # 'trafficking of X' alone is the gazetteer's job
                break
            first = False
            s = start + (lead.end() if lead else 0)
            out.append(Mention(s, s + len(item), item, "Threat", found.name, found.aliases, "coordination"))
            if n < len(words):
                break
    return out


def demonym_index(matches: Iterable[Match]) -> dict[int, tuple[int, str]]:
    """end offset of a demonym -> (start, country name)."""
    return {m.end: (m.start, m.entry.name) for m in matches if m.entry.type == "Demonym"}


def _preceding_demonym(text: str, start: int, demonyms: dict[int, tuple[int, str]]) -> tuple[int, str] | None:
    j = start
    while j > 0 and text[j - 1] == " ":
        j -= 1
    return demonyms.get(j)


def ministry_mentions(text: str, demonyms: dict[int, tuple[int, str]]) -> list[Mention]:
    out: list[Mention] = []
    for m in _MINISTRY_RE.finditer(text):
        word, prep, names = m.group(1), m.group(2), m.group(3).rstrip(", ")
        names = re.sub(r"\s+(?:and|&)\s+the\b.*$", "", names)
        if word != "Ministries":  # 'Minister for Trade of Denmark, Jane Doe': the comma ends one ministry's name
            names = names.split(",")[0].rstrip()
        items = [names] if word != "Ministries" else _split_list(names)
        dem = _preceding_demonym(text, m.start(), demonyms)
        pos = m.start(3)
        for item in items:
            item = item.strip().removeprefix("and ").strip()
            s = text.find(item, pos)
            if s < 0 or not item:
                continue
            pos = s + len(item)
            name = f"Ministry of {_title(item)}"
            aliases = [f"Ministry {prep} {item}", f"Minister {prep} {item}"]
            if dem:
                aliases.append(f"{text[dem[0]:m.start()].strip()} {name}")
            start = m.start() if word != "Ministries" or item == items[0] else s
            attrs: tuple[tuple[str, str], ...] = ()
            if word == "Minister":
                attrs = (("role", f"Minister {prep} {item}"),)
            out.append(Mention(start, s + len(item), text[start : s + len(item)], "Organization", name,
                               tuple(aliases), "pattern", country=dem[1] if dem else None, attrs=attrs))
    for m in _FR_MINISTRY_RE.finditer(text):
        name = f"{m.group(1)} {m.group(2).strip()}"
        out.append(Mention(m.start(), m.start() + len(name), name, "Organization", name, (), "pattern"))
    return out


def _split_list(names: str) -> list[str]:
    parts = _LIST_SPLIT_RE.split(names)
    items: list[str] = []
    for part in parts:
        if items and items[-1].startswith("and "):
            items[-1] += ", " + part
        else:
            items.append(part)
    return items


def _title(item: str) -> str:
    return re.sub(r"\baffairs\b", "Affairs", item)


def government_mentions(text: str, demonyms: dict[int, tuple[int, str]], countries: dict[str, str]) -> list[Mention]:
    """'the Malian government', 'Government of Denmark', 'gouvernement du Mali', embassies."""
    out: list[Mention] = []
    for end, (start, country) in sorted(demonyms.items()):
        rest = text[end : end + 40]
        g = re.match(r"\s+(government|Government|authorities|Authorities)\b", rest)
        if g:
            stop = end + g.end()
            out.append(Mention(start, stop, text[start:stop], "Organization", f"Government of {country}",
                               (text[start:stop], country), "pattern", country=country))
        emb = re.match(r"\s+(Embassy|embassy)(\s+in\s+[A-Z][\w-]+)?", rest)
        if emb:
            royal = text[max(0, start - 6) : start] == "Royal "
            s0 = start - 6 if royal else start
            stop = end + emb.end()
            demonym = text[start:end]
            name = text[s0:stop]
            out.append(Mention(s0, stop, name, "Organization", name,
                               (f"{demonym} Embassy", f"Embassy of {country}"), "pattern", country=country))
    for m in re.finditer(r"\b[Gg]overnment of (?:the )?([A-Z][\w-]+(?: [A-Z][\w-]+)?)", text):
        state = countries.get(fold_phrase(m.group(1)))
        if state:
            out.append(Mention(m.start(), m.end(), m.group(0), "Organization", f"Government of {state}",
                               (state,), "pattern", country=state))
    for m in re.finditer(r"\b[Gg]ouvernement (?:du |de la |de l'|des |de )([A-Z][\w-]+)", text):
        state = countries.get(fold_phrase(m.group(1)))
        if state:
            out.append(Mention(m.start(), m.end(), m.group(0), "Organization", f"Government of {state}",
                               (state, m.group(0)), "pattern", country=state))
    return out


_COUNTRY_NAME = re.compile(r"(?:the\s+|la\s+|le\s+|l['’]|les\s+|du\s+|de\s+la\s+|de\s+l['’]|des\s+|de\s+)?"
                           r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|et\s+)?|\s+and\s+|\s+et\s+|\s+as well as\s+)")
_GOVERNMENTS = re.compile(r"\b(?:[Gg]overnments|[Gg]ouvernements)\s+(?:of\s+|du\s+|de\s+la\s+|de\s+l['’]|des\s+|de\s+)")
_DONOR_VERB = re.compile(r"\s+(?:(?:has|have|had|also|already|recently|a|ont|aussi)\s+)*(?:pledged|contributed|donated|"
                         r"provided|committed|granted|financed|funded|funds|finances|disbursed|allocated|offered|"
                         r"promised|annonce|a\s+annoncé|finance|financé|accordé|octroyé|alloué|débloqué|mobilisé)\b")


# a funder's slot by its cue: 'funded by', 'with the financial support of', 'grants from', 'financé par',
# "grâce au soutien de", "avec l'appui financier du" (the country that follows, and the list it heads, are donors)
_FUNDER_CUE = re.compile(
    r"\b(?:(?:funded|financed|sponsored|co-?funded|co-?financed|paid\s+for|made\s+possible)\s+by"
    r"|(?:thanks\s+to|with|through|by)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:support|funding|financing|contributions?|assistance|grants?|donations?|backing|sponsorship)\s+(?:of|from)"
    r"|(?:funding|financing|grants?|donations?|contributions?)\s+from"
    r"|(?:financ[ée]e?s?|cofinanc[ée]e?s?|soutenue?s?|appuy[ée]e?s?|parrain[ée]e?s?)\s+par"
    r"|gr[aâ]ce\s+(?:au|à\s+la|à\s+l['’]|aux)\s*(?:[\w-]+\s+){0,2}?"
    r"(?:financement|soutien|appui|contribution|don|concours|aide|subvention)s?\s+(?:financi[eè]re?s?\s+)?(?:de|du|des|d['’])"
    r"|avec\s+(?:l['’]\s*|le\s+|la\s+)(?:[\w-]+\s+){0,2}?"
    r"(?:appui|soutien|financement|contribution|concours|aide|subvention)\s+(?:financi[eè]re?\s+)?(?:de|du|des|d['’])"
    r")\s*",
    re.IGNORECASE,
)
# 'France EUR 8 million', 'the US announced USD 60 million': a country with an amount of money is a donor
_MONEY_AFTER = re.compile(
    r"\s+(?:(?:has|have|had|also|a|ont)\s+)*(?:(?:announced|pledged|contributed|committed|provided|gave|granted|"
    r"offered|annoncé|promis|accordé|versé)\s+)?(?:(?:an?|une?)\s+(?:additional\s+|further\s+)?)?"
    r"(?:USD|EUR|US\$|\$|€|£|CHF|GBP|SEK|NOK|DKK|FCFA|XOF)\s*\d"
)


def _country_at(text: str, pos: int, countries: dict[str, str]) -> tuple[int, int, str] | None:
    m = _COUNTRY_NAME.match(text, pos)
    if not m:
        return None
    words = m.group(1).split()
    for n in range(len(words), 0, -1):  # the longest run of capitalised words that names a country
        name = " ".join(words[:n])
        state = countries.get(fold_phrase(name))
        if state:  # 'the Netherlands': the article is part of some countries' names in the gazetteer
            lead = m.start() if text[m.start() : m.start(1)].lower().startswith("the") else m.start(1)
            return lead, m.start(1) + len(name), state
    return None


def donor_state_mentions(text: str, countries: dict[str, str]) -> list[Mention]:
    """Countries in a donor's role are their governments: 'the governments of Denmark, Ireland and Norway', 'Japan
    pledged USD 5 million', 'France EUR 8 million', 'thanks to the support of Denmark, Japan and the Netherlands',
    'financé par l'Allemagne'. Elsewhere the same country stays a Region."""
    out: list[Mention] = []
    for g in (*_GOVERNMENTS.finditer(text), *_FUNDER_CUE.finditer(text)):
        pos = g.end()
        while (hit := _country_at(text, pos, countries)) is not None:
            start, stop, state = hit
            out.append(Mention(start, stop, text[start:stop], "Organization", f"Government of {state}",
                               (state,), "role", country=state))
            join = _LIST_JOIN.match(text, stop)
            if not join:
                break
            pos = join.end()
    for m in re.finditer(r"(?<![\w-])([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})(?=\s)", text):
        hit = _country_at(text, m.start(), countries)
        if hit is None or not (_DONOR_VERB.match(text, hit[1]) or _MONEY_AFTER.match(text, hit[1])):
            continue
        start, stop, state = hit
        out.append(Mention(start, stop, text[start:stop], "Organization", f"Government of {state}", (state,),
                           "role", country=state))
    return out


def embassy_list_mentions(text: str, demonyms: dict[int, tuple[int, str]]) -> list[Mention]:
    """'the Canadian, American, Danish and Swedish embassies' -> four embassies."""
    out: list[Mention] = []
    for m in re.finditer(r"\b[Ee]mbassies\b", text):
        chain: list[tuple[int, int, str]] = []
        pos = m.start()
        while True:
            j = pos
            while j > 0 and text[j - 1] in " ,":
                j -= 1
            if text[max(0, j - 4) : j] == " and":
                j -= 4
                while j > 0 and text[j - 1] == " ":
                    j -= 1
            hit = demonyms.get(j)
            if not hit:
                break
            chain.append((hit[0], j, hit[1]))
            pos = hit[0]
        for s, e, country in chain:
            demonym = text[s:e]
            out.append(Mention(s, e, demonym, "Organization", f"{demonym} Embassy", (f"Embassy of {country}",),
                               "pattern", country=country))
    return out


def demonym_org_mentions(text: str, demonyms: dict[int, tuple[int, str]], lex: Lexicon) -> list[Mention]:
    """'the Malian Prison Administration' -> organization in Mali."""
    heads = lex.alternation("org_heads")
    out: list[Mention] = []
    for end, (start, country) in sorted(demonyms.items()):
        m = re.match(rf"((?:\s+[A-Z][\w'’-]*){{0,4}}?\s+(?i:{heads}))(?![\w-])", text[end : end + 80])
        if m and text[end + m.end() - 1 : end + m.end()].isalpha():
            stop = end + m.end()
            last = text[end:stop].split()[-1]
            if not last[:1].isupper():
                continue
            name = text[start:stop]
            plain = text[end:stop].strip()
            out.append(Mention(start, stop, name, "Organization", name, (plain,), "pattern", country=country))
    return out


_ORG_APPOS = re.compile(r",\s+(?:an?|the|une?|l['’]|la|le)\s+(?:[\w'’-]+\s+){0,3}?([\w'’-]+)\s*[,.;]")


def ner_mentions(
    text: str, spans: Iterable[tuple[int, int, str]], lex: Lexicon, known_keys: frozenset[str]
) -> list[Mention]:
    """Persons, and organizations whose head noun is an organization word, from the statistical NER."""
    heads = lex.words["org_heads"]
    honorifics = re.compile(rf"^(?:(?:{lex.alternation('honorifics')})\.?\s+)+", re.IGNORECASE)
    out: list[Mention] = []
    for start, end, label in spans:
        surface = text[start:end]
        if label in ("PERSON", "PER"):
            s = start
            name: str
            lead = honorifics.match(surface)
            if lead:
                s += lead.end()
            ini = re.match(r"[A-Z]\.\s+", text[s:end])
            if ini and re.search(r"\b(?:and|or)\s+$", text[max(0, s - 8) : s]):
                s += ini.end()
            name = text[s:end].strip(" ,.;:")
            words = name.split()
            if len(words) < 2 or len(words) > 4 or not all(w[:1].isupper() for w in words):
                continue
            if any(fold_phrase(w) in known_keys for w in words) or any(ch.isdigit() for ch in name):
                continue
            aliases = (surface.strip(),) if s != start else ()
            out.append(Mention(s, s + len(name), name, "Person", name, aliases, "ner"))
        elif label == "ORG":
            line = surface.rfind("\n")  # an entity the model ran across a line break: its last line
            if line >= 0:
                surface, start = surface[line + 1 :], start + line + 1
            m = re.match(r"^(?:the|The|L'|L’|l'|l’|la|La|le|Le)\s*", surface)
            s = start + (m.end() if m else 0)
            name = text[s:end].strip(" ,.;:")
            words = name.split()
            # 'Sahel Resource Watch, an independent research NGO': the apposition says what the name is
            described = _ORG_APPOS.match(text[s + len(name) : s + len(name) + 80])
            described = described if described and fold_phrase(described.group(1)) in heads else None
            if not words or (fold_phrase(words[-1]) not in heads and not described) or not words[0][:1].isupper() \
                    or "\n" in name:
                continue
            if len(words) == 1:
                continue
            extra = re.match(r"\s+of\s+the\s+(?:UN|United Nations)(?:\s+in\s+[A-Z][\w-]+)?", text[s + len(name) :])
            if extra:
                name = text[s : s + len(name) + extra.end()]
            out.append(Mention(s, s + len(name), name, "Organization", name, (), "ner"))
    return out


def _overlapping(pattern: re.Pattern[str], text: str, keep: Callable[[re.Match[str]], bool]) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` that ``keep`` accepts, trying again one word on where a match is refused (so that a
    refused 'The ECOWAS Commission' still finds 'ECOWAS Commission', as the alternation of acronyms did)."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        if keep(m):
            yield m
            pos = m.end()
        else:
            pos = m.start(1) + 1


def sub_body_mentions(text: str, lex: Lexicon, acronyms: Iterable[str], long_names: dict[str, str]) -> list[Mention]:
    """Bodies of a known organization: 'ECOWAS Commission', 'ECOWAS Court of Justice', 'AU Peace and Security
    Council', and 'the Commission of the Economic Community of West African States (ECOWAS)' -> 'ECOWAS Commission'."""
    acrs = sorted({a for a in acronyms if len(a) >= 2}, key=len, reverse=True)
    if not acrs:
        return []
    heads = lex.alternation("org_heads")
    # one-word acronyms are matched as any capitalised word and checked against the set (a regex alternation of
    # hundreds of acronyms tried at every position was this stage's main cost); multi-word ones keep the alternation
    single = frozenset(a for a in acrs if re.fullmatch(r"[A-Z][\w&'’-]*", a))
    multi = [a for a in acrs if a not in single]
    alt = "|".join([*(re.escape(a) for a in multi), r"[A-Z][\w&'’-]*"])
    out: list[Mention] = []
    pattern = re.compile(rf"(?<![\w-])({alt})\s+((?:[A-Z][\w'’-]*\s+(?:and\s+)?){{0,3}}?(?i:{heads}))(?![\w-])"
                         rf"(\s+(?:of|for|to)\s+[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){{0,2}})?")
    for m in _overlapping(pattern, text, lambda hit: hit.group(1) in single or hit.group(1) in multi):
        body = m.group(2)
        if not body[:1].isupper() or not body.split()[-1][:1].isupper():
            continue
        name = m.group(0).strip()
        out.append(Mention(m.start(), m.start() + len(name), name, "Organization", name, (), "pattern"))
    for long_form, acr in long_names.items():
        for m in re.finditer(rf"\b(Commission|Secretariat|Parliament|Court of Justice|Council)\s+of\s+(?:the\s+)?"
                             rf"{re.escape(long_form)}(?:\s*\({re.escape(acr)}\))?", text):
            name = f"{acr} {m.group(1)}"
            out.append(Mention(m.start(), m.end(), m.group(0), "Organization", name, (m.group(0),), "pattern"))
    return out


_MISSION_RE = re.compile(r"\b(EUCAP|EUTM|EUBAM|EUPOL|EUMPM|EUNAVFOR|MINUS[A-Z]+|MONUS[A-Z]+)\s+(?:(Sahel)\s+)?"
                         r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")


def mission_mentions(text: str, countries: dict[str, str]) -> list[Mention]:
    """Missions named after the country they work in: 'EUTM Mali', 'EUCAP Sahel Niger' (LOCATED_IN that country)."""
    out: list[Mention] = []
    for m in _MISSION_RE.finditer(text):
        words = m.group(3).split()
        for n in (2, 1):
            state = countries.get(fold_phrase(" ".join(words[:n]))) if len(words) >= n else None
            if state:
                end = m.start(3) + len(" ".join(words[:n]))
                out.append(Mention(m.start(), end, text[m.start() : end], "Organization", text[m.start() : end], (),
                                   "pattern", country=state))
                break
    return out


__all__ = [
    "acronym_mentions",
    "coordinated_threats",
    "demonym_index",
    "demonym_org_mentions",
    "embassy_list_mentions",
    "gazetteer_mentions",
    "government_mentions",
    "ministry_mentions",
    "ner_mentions",
]
