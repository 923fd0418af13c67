"""Long names the statistical NER cuts or misses.

- title-case names joined by lower-case connectors and closed by an acronym: 'National Agency for the Fight against
  Trafficking in Persons (ANLTP/TIM)' -> one entity, the acronym as alias;
- project naming cues: 'the project, known as X (ACR)', 'dubbed X', 'intitulé X', 'le projet X';
- organizations introduced by what they are: 'X, a local NGO based in Y', 'the NGO X', "l'association X";
- municipal and local bodies: 'the municipal council of X', 'la mairie de X' (located in X);
- role phrases ('Head of Office', 'Country Director') that are never organizations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from loaders.acronyms import classify_name
from loaders.lexicon import Lexicon
from loaders.mentions import Mention
from loaders.textfold import fold_phrase

RegionOf = Callable[[str], "str | None"]

_UP = r"[A-ZÀ-ÖØ-Þ]"
_TC = rf"{_UP}[\w'’-]*"
_CONN = r"(?:of|for|against|and|the|in|on|to|de|du|des|la|le|les|pour|contre|et|sur|au|aux|en|&|d['’]|l['’])"
_CONN_CLOSED = rf"{_TC}(?:(?:[ \t]+{_CONN})*[ \t]*(?<=[ \t'’]){_TC})*"
# names not closed by an acronym do not run on through a place ('dubbed Safe Roads in Tahoua')
_CONN_OPEN = r"(?:of|for|against|and|the|on|de|du|des|la|le|les|pour|contre|et|sur|&|d['’]|l['’])"
_NAME_OPEN = rf"{_TC}(?:(?:[ \t]+{_CONN_OPEN})*[ \t]*(?<=[ \t'’]){_TC})*"
_ACR = r"[A-Z][A-Za-z0-9&]*[A-Z0-9](?:[/-][A-Z][A-Za-z0-9&]*)*"
_LEAD_SKIP = frozenset("The This That These Its Their Our A An In For Of On With And By As From To At Le La Les L' "
                       "Un Une Des Du De Au Aux Ce Cette Son Sa Ses Leur Et Pour Par Dans".split())
_CONN_WORDS = frozenset("of for against and the in on to de du des la le les pour contre et sur au aux en &".split())

_PROJECT_NOUN = (r"(?:project|programme|program|initiative|scheme|campaign|operation|plan|strategy|"
                 r"projet|programme|initiative|campagne|opération|operation|stratégie|plan)")
_NAMING_CUE = (r"(?:(?:also |now |locally |commonly )?known as|dubbed|called|titled|entitled|named|"
               r"baptisée?s?|intitulée?s?|dénommée?s?|appelée?s?|connue? sous le nom (?:de|d['’]))")
_QUOTE_OPEN = "«\"“‘"
_QUOTE_CLOSE = "»\"”’"

_ORG_KINDS = (r"(?:NGO|ngo|non-governmental organi[sz]ation|organi[sz]ation|association|network|cooperative|"
              r"co-operative|foundation|charity|collective|civil society organi[sz]ation|grassroots group|"
              r"women's group|youth group|youth association|community group|think tank|"
              r"ONG|organisation|réseau|coopérative|fondation|collectif|groupement)")
_APPOS_ORG = re.compile(
    rf"(?P<name>{_CONN_CLOSED})\s*(?:\((?P<acr>{_ACR})\)\s*)?,\s+(?:an?|une?|the|la|le|l['’])\s*"
    rf"(?:[\w'’-]+\s+){{0,3}}?{_ORG_KINDS}(?![\w-])"
    rf"(?P<based>\s+(?:based|basée?s?|installée?s?|active) (?:in|à|en|au)\s+"
    rf"(?P<place>{_TC}(?:[ -]{_TC})?))?"
)
_KIND_THEN_NAME = re.compile(
    rf"\b(?i:(?:the|an?|l['’]|la|le|une?)\s*(?:local\s+|national\s+|community\s+|locale\s+|nationale\s+)?"
    rf"(?:NGO|ONG|association|organisation|coopérative|cooperative|network|réseau|collectif|foundation|fondation))"
    rf"\s+(?P<adj>(?:(?!(?:of|for|de|du|des|pour|in|en|the|la|le|les|and|et)\b)[a-zà-ÿ][\w-]*\s+){{0,2}}?)"
    rf"(?P<name>{_CONN_CLOSED})"
)
_LOCAL_BODY = re.compile(
    rf"\b(?P<body>(?:[Mm]unicipal|[Tt]own|[Cc]ity|[Cc]ommunal|[Rr]egional|[Pp]rovincial|[Dd]istrict|[Ll]ocal)\s+"
    rf"(?:[Cc]ouncil|[Dd]irectorate|[Aa]dministration|[Aa]ssembly|[Gg]overnment|[Aa]uthorit(?:y|ies))"
    rf"|[Tt]own [Hh]all|[Cc]ity [Hh]all|[Gg]overnorate|[Pp]refecture|[Mm]ayor['’]s [Oo]ffice)"
    rf"\s+(?:of|for|in)\s+(?:the\s+)?(?P<place>{_TC}(?:[ -]{_TC})?)"
    rf"|\b(?P<fbody>[Mm]airie|[Cc]onseil (?:municipal|régional|communal|de cercle)|[Dd]irection régionale"
    rf"(?:\s+(?:de la|des|du|de l['’])\s*[a-zà-ÿ]+(?:\s+[a-zà-ÿ]+)?)?|[Pp]réfecture|[Gg]ouvernorat|[Hh]ôtel de ville)"
    rf"\s+(?:de la |de l['’]|du |des |de |d['’])(?P<fplace>{_TC}(?:[ -]{_TC})?)"
)


def _strip_lead(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading articles/prepositions and a sentence-initial function word from a title-case run."""
    while True:
        m = re.match(r"([\w'’-]+)\s*", text[start:end])
        if not m:
            return start, end
        word = m.group(1)
        if re.search(r"-(?:based|led|funded|born)$", word) and m.end() < end - start:
            start += m.end()
            continue
        if word in _LEAD_SKIP or word.rstrip("'’") + "'" in _LEAD_SKIP or word.lower() in _CONN_WORDS \
                or word[:2] in ("L'", "L’", "l'", "l’", "d'", "d’"):
            if word[:2] in ("L'", "L’", "l'", "l’", "d'", "d’") and len(word) > 2:
                start += 2
                continue
            start += m.end()
            continue
        return start, end


def _title_run_before(text: str, end: int) -> tuple[int, int] | None:
    """The title-case run with connectors that ends at text[end] (spaces before end are skipped)."""
    j = end
    while j > 0 and text[j - 1] == " ":
        j -= 1
    window_start = max(0, j - 220)
    hits = [m for m in re.finditer(_CONN_CLOSED, text[window_start:j]) if window_start + m.end() == j]
    if not hits:
        return None
    m = hits[0]
    s = window_start + m.start()
    newline = text.rfind("\n", s, j)
    if newline >= 0:  # a headline above does not belong to a name that ends on this line
        s = newline + 1
        while s < j and text[s].isspace():
            s += 1
    # a run glued to the previous word is not a name start ('xYZ')
    if s > 0 and (text[s - 1].isalnum()):
        return None
    s, e = _strip_lead(text, s, j)
    return (s, e) if s < e else None


def _letters_fit(acr: str, name: str) -> bool:
    letters = [c for c in acr if c.isalpha()]
    initials = {fold_phrase(w[0]).upper() for w in re.findall(r"[\w'’-]+", name)
                if w.lower() not in _CONN_WORDS and w[0].isalpha()}
    hits = sum(1 for c in set(letters) if c in initials)
    return bool(letters) and letters[0] in initials and hits * 2 >= len(set(letters))


def _split_and(text: str, s: int, e: int, known: Callable[[str], bool]) -> int:
    """'UNODC and the National Agency ... (X)': start after a leading known name joined by 'and'/'et'."""
    moved = True
    while moved:
        moved = False
        for m in re.finditer(r"\s(?:and|et|&)\s+(?:the\s+|la\s+|le\s+|l['’])?", text[s:e]):
            head = text[s : s + m.start()]
            if known(head) or any(len(w) >= 2 and w.isupper() for w in head.split()):
                s += m.end()
                moved = True
                break
    return s


def acronym_long_names(text: str, lex: Lexicon, known: Callable[[str], bool],
                       known_acronyms: frozenset[str] = frozenset()) -> list[Mention]:
    """'Long Title-Case Name of the Thing (ACR)' even when the acronym's letters come from another language."""
    out: list[Mention] = []
    for m in re.finditer(rf"\(\s*({_ACR})\s*\)", text):
        acr = m.group(1)
        if len(acr.replace("/", "").replace("-", "")) < 2 or acr in known_acronyms \
                or any(part in known_acronyms for part in acr.split("/")):
            continue
        run = _title_run_before(text, m.start())
        if run is None:
            continue
        s, e = run
        split = _split_and(text, s, e, known)
        if split != s and _letters_fit(acr, text[split:e]):
            s = split
        name = text[s:e]
        words = [w for w in name.split() if w.lower() not in _CONN_WORDS]
        if len(words) < 2 or len(name.split()) > 18 or "\n" in name or not _letters_fit(acr, name):
            continue
        typ = classify_name(name, lex) or _any_head(name, lex) or _context_type(text, s, acr)
        if typ is None:
            continue
        parts = acr.split("/") if "/" in acr else []
        aliases = (acr, *parts, f"{name} ({acr})")
        out.append(Mention(s, e, name, typ, name, aliases, "acronym", attrs=(("kind", "named"),)))
        out += _later_uses(text, m.end(), acr, typ, name, aliases)
    return out


def _any_head(name: str, lex: Lexicon) -> str | None:
    words = [fold_phrase(w) for w in re.findall(r"[\w'’-]+", name)]
    first_prep = next((i for i, w in enumerate(words) if w in _CONN_WORDS and w not in ("and", "et", "&")), len(words))
    head = words[:first_prep]
    if any(w in lex.words["project_heads"] for w in head):
        return "Project"
    if any(w in lex.words["org_heads"] for w in head):
        return "Organization"
    return None


def _context_type(text: str, start: int, acr: str) -> str | None:
    before = text[max(0, start - 80) : start]
    if re.search(rf"\b{_PROJECT_NOUN}\b[^.;]{{0,12}}?,?\s*{_NAMING_CUE}\s*$", before, re.IGNORECASE) or \
            re.search(rf"\b(?:the|a|an|new|le|la|un|une|nouveau|nouvelle)\s+{_PROJECT_NOUN}\s*$", before, re.I):
        return "Project"
    if re.search(rf"(?<![\w-]){re.escape(acr)}\s+{_PROJECT_NOUN}\b", text, re.IGNORECASE):
        return "Project"
    return None


def _later_uses(text: str, pos: int, acr: str, typ: str, name: str, aliases: tuple[str, ...]) -> list[Mention]:
    out: list[Mention] = []
    for form in dict.fromkeys((acr, *(acr.split("/") if "/" in acr else ()))):
        if len(form) < 2:
            continue
        for hit in re.finditer(rf"(?<![\w/-]){re.escape(form)}(?![\w/-])", text):
            if hit.start() >= pos:
                out.append(Mention(hit.start(), hit.end(), form, typ, name, aliases,
                                   "acronym" if typ == "Organization" else "project", attrs=(("kind", "named"),)))
    return out


_CUE_RE = re.compile(
    rf"\b(?P<noun>(?i:{_PROJECT_NOUN}))\b(?P<mid>[^.;:\n]{{0,40}}?)[,\s]\s*(?i:{_NAMING_CUE})\s+"
    rf"(?:(?P<q>[{_QUOTE_OPEN}])\s*(?P<qname>[^{_QUOTE_CLOSE}\n]{{2,90}}?)\s*[{_QUOTE_CLOSE}]"
    rf"|(?P<cname>{_CONN_CLOSED})\s*\((?P<acr>{_ACR})\)|(?P<name>{_NAME_OPEN}))"
)
_FR_PROJECT_RE = re.compile(
    rf"\b(?:[Ll]e|[Dd]u|[Aa]u|[Cc]e|[Ss]on|[Ll]eur)\s+(?:nouveau\s+)?(?:projet|programme)\s+(?!de\b|d['’]|du\b|des\b|pour\b)"
    rf"(?:(?P<cname>{_CONN_CLOSED})\s*\((?P<acr>{_ACR})\)|(?P<name>{_NAME_OPEN}))"
)


def cue_named_projects(text: str) -> list[Mention]:
    """'a programme dubbed Safe Roads', 'the project, known as X (ACR)', 'le projet X', 'baptisé X'."""
    out: list[Mention] = []
    for rx in (_CUE_RE, _FR_PROJECT_RE):
        for m in rx.finditer(text):
            if rx is _CUE_RE and not re.search(r"[A-Za-zÀ-ÿ]", m.group("noun")[:1]):
                continue
            if rx is _CUE_RE and m.group("noun")[:1].isupper() and m.start() > 0 and \
                    text[max(0, m.start() - 2) : m.start()].strip()[-1:].isalpha():
                continue  # 'the Safe Roads Project, called ...' is named by projects.py
            group = next(g for g in ("qname", "cname", "name") if m.groupdict().get(g))
            s, e = m.start(group), m.end(group)
            if group != "qname":
                s, e = _strip_lead(text, s, e)
            name = text[s:e].strip(" ,.")
            e = s + len(name)
            words = [w for w in name.split() if w.lower() not in _CONN_WORDS]
            if not words or (group == "name" and len(words) < 2 and not name.isupper()) or len(name.split()) > 14:
                continue
            if group != "qname" and not name[:1].isupper():
                continue
            acr = m.groupdict().get("acr")
            aliases: tuple[str, ...] = (acr, f"{name} ({acr})") if acr else ()
            out.append(Mention(s, e, name, "Project", name, aliases, "project", attrs=(("kind", "cue"),)))
            if acr:
                out += _later_uses(text, m.end(), acr, "Project", name, aliases)
    return out


def described_orgs(text: str, demonyms: dict[int, tuple[int, str]], region_of: RegionOf,
                   known: Callable[[str], bool]) -> list[Mention]:
    """'Tadamunt Tanafé, a local NGO based in Tahoua', 'the NGO X', "l'ONG nigérienne X" -> Organization."""
    out: list[Mention] = []
    for m in _APPOS_ORG.finditer(text):
        run = _title_run_before(text, m.end("name"))
        if run is None:
            continue
        s, e = run
        s = _split_and(text, s, e, known)
        name = text[s:e]
        if not name or "\n" in name or len(name.split()) > 10 or known(name) or region_of(name):
            continue
        country = region_of(m.group("place")) if m.group("place") else None
        aliases = (m.group("acr"),) if m.group("acr") else ()
        out.append(Mention(s, e, name, "Organization", name, aliases, "pattern", country=country,
                           attrs=(("kind", "described"),)))
        if m.group("acr"):
            out += _later_uses(text, m.end("acr"), m.group("acr"), "Organization", name, aliases)
    for m in _KIND_THEN_NAME.finditer(text):
        s, e = _strip_lead(text, m.start("name"), m.end("name"))
        name = text[s:e]
        if not name or "\n" in name or len(name.split()) > 10 or known(name) or region_of(name):
            continue
        country = None
        adj_end = m.end("adj")
        for end, (_, state) in demonyms.items():
            if m.start("adj") < end <= adj_end:
                country = state
        acr = re.match(rf"\s*\(({_ACR})\)", text[e : e + 20])
        aliases = (acr.group(1),) if acr else ()
        out.append(Mention(s, e, name, "Organization", name, aliases, "pattern", country=country,
                           attrs=(("kind", "described"),)))
        if acr:
            out += _later_uses(text, e + acr.end(), acr.group(1), "Organization", name, aliases)
    return out


def local_bodies(text: str, region_of: RegionOf) -> list[Mention]:
    """'the municipal council of Tahoua', 'la mairie de Maradi' -> Organization located in that place."""
    out: list[Mention] = []
    for m in _LOCAL_BODY.finditer(text):
        g = "body" if m.group("body") else "fbody"
        pg = "place" if g == "body" else "fplace"
        place = m.group(pg)
        region = region_of(place)
        s, e = m.start(g), m.end(pg)
        name = text[s:e]
        name = name[:1].upper() + name[1:]
        out.append(Mention(s, e, text[s:e], "Organization", name, (), "pattern", country=region or place,
                           attrs=(("kind", "local_body"),)))
        if region is None:
            out.append(Mention(m.start(pg), m.end(pg), place, "Region", place, (), "pattern",
                               attrs=(("kind", "place"),)))
    return out


def is_role_phrase(name: str, lex: Lexicon) -> bool:
    """'Head of Office', 'Country Director', 'Programme Manager': a post, not an organization."""
    key = fold_phrase(re.sub(r"^(?:the|a|an|le|la|l['’])\s*", "", name, flags=re.IGNORECASE))
    roles = lex.words["roles"]
    words = key.split()
    if not words:
        return False
    if key in roles:
        return True
    # '<role> of <office word>' / '<qualifier> <role>'
    if words[0] in roles and len(words) <= 3 and (len(words) == 1 or words[1] in ("of", "de", "du", "des")):
        return not any(w[:1].isupper() and w.isupper() for w in name.split()[2:])
    qualifiers = ("country", "regional", "deputy", "programme", "program", "project", "field", "senior", "chief",
                  "executive", "general", "national", "associate")
    return len(words) == 2 and words[1] in roles and words[0] in qualifiers


_CUE_BEFORE = re.compile(
    rf"\b(?:the|this|that|le|ce|cette)\s+(?:new\s+|nouveau\s+|nouvelle\s+)?{_PROJECT_NOUN}\s*,?\s*"
    rf"(?:which is\s+|now\s+|officially\s+)?(?:{_NAMING_CUE})\s*[{_QUOTE_OPEN}]?\s*$",
    re.IGNORECASE,
)


def adopt_cue_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """'launched a new project ... The project, known as ALYA': the unnamed project is ALYA."""
    renames: dict[int, Mention] = {}
    for m in mentions:
        if m.type != "Project" or m.attr("kind") != "cue":
            continue
        if not _CUE_BEFORE.search(text[max(0, m.start - 60) : m.start]):
            continue
        prior = [(i, p) for i, p in enumerate(mentions) if p.type == "Project" and p.attr("kind") == "unnamed"
                 and m.start - 600 <= p.end <= m.start]
        if prior:
            renames[prior[-1][0]] = m
    if not renames:
        return mentions
    return [replace(p, name=renames[i].name, aliases=renames[i].aliases, attrs=(("kind", "named"),))
            if i in renames else p for i, p in enumerate(mentions)]
