"""Named projects and programmes, quoted titles, resolutions, and unnamed projects."""

from __future__ import annotations

import re

from loaders.lexicon import Lexicon
from loaders.mentions import Mention
from loaders.textfold import fold_phrase

_CAPW = r"[A-Z][\w'’&-]*"
_SP = r"[^\S\n]+"  # spaces within a line: a name never runs across a line break (a headline into the body)
_GLUE = r"(?:and|of|for|on|the|in|to|against|&|de|des|du|la|le|les|contre|pour|sur|en|au|aux)"
# a quoted title; an apostrophe between letters ('d’une') does not close it
_QUOTED = r"(?<!\w)[\"“«‘']\s*((?:[^\"”»’\n]|(?<=\w)’(?=\w)){3,160}?)\s*[,.]?\s*(?:[\"”»]|[’'](?!\w))"
_TITLE_CUE_RE = re.compile(
    rf"\b(?:titled|entitled|called|named|intitulée?|campaign|campagne|document|report|rapport|study|étude|brief|"
    rf"video series|video|film|programme|project|projet)\s*,?\s*(?:called\s+|titled\s+)?{_QUOTED}",
    re.IGNORECASE,
)
# '"Gold, Guns and Governance", a policy brief on ...' / 'publishes "X"' / 'a lancé « X »': a quoted title of a work
_WORKS = (r"(?:policy brief|brief|report|study|paper|guide|handbook|manual|toolkit|documentary|film|video|podcast|"
          r"campaign|strategy|plan|programme|project|initiative|rapport|étude|note|guide|documentaire|campagne|"
          r"stratégie|projet|programme|initiative)")
_QUOTED_WORK_RE = re.compile(
    rf"{_QUOTED}(?=,?\s+(?:a|an|the|its|their|un|une|le|la|son|sa|leur)\s+(?:[\w'’-]+\s+){{0,3}}?{_WORKS}\b)"
    rf"|\b(?:publish(?:es|ed)?|launch(?:es|ed)?|release[sd]?|present(?:s|ed)?|publie|publié|lance|lancé)\s+{_QUOTED}",
    re.IGNORECASE,
)
_RESOLUTION_RE = re.compile(
    r"\b((?:UN\s+|United Nations\s+)?Security Council\s+)?[Rr]esolution\s+(\d{3,4})(\s+\(\d{4}\))?"
)
_ON_RE = re.compile(
    r"\b(?:programme|program|project|projet|initiative)\s+(?:on|for|sur)\s+([A-Z][^,.;:()\"“”\n]*?)"
    r"(?=\s+(?:that|which|who|whose|funded|led|implemented|developed|launched|with the)\b|[,.;:()]|$)"
)
_NEW_PROJECT_RE = re.compile(
    r"(?<!\bis )(?<!\bwas )\b(?:a|an)\s+"
    r"((?:new|pilot|joint|(?:\d+|multi)-(?:month|year))\s+(?:project|programme|initiative))"
    r"(?!\s+(?:titled|entitled|called|named|on|for)\b)"
    # French 'un nouveau projet', 'un projet pilote'
    r"|(?<!\best )(?<!\bétait )\b(?:un|une)\s+((?:nouveau|nouvel|nouvelle)\s+(?:projet|programme|initiative)|"
    r"(?:projet|programme|initiative)\s+(?:pilote|conjoint|conjointe))(?!\s+(?:intitulée?|appelée?|nommée?)\b)"
)


def _named_re(lex: Lexicon) -> re.Pattern[str]:
    heads = "|".join(h.capitalize() for h in sorted(lex.words["project_heads"], key=len, reverse=True) if " " not in h)
    lower = "programme|program|project|strategy"
    return re.compile(
        rf"\b((?:{_CAPW}{_SP}(?:(?:and|&){_SP}(?={_CAPW}\s))?){{1,6}}?(?:{heads}|{lower})"
        rf"(?:{_SP}(?:on|for|to|against|of){_SP}{_CAPW}(?:{_SP}(?:{_GLUE}{_SP})*{_CAPW})*)?(?:{_SP}(?:19|20)\d\d(?:[–-]\d{{2,4}})?)?)"
        rf"(?![\w-])"
    )


_FR_NAMED_RE = re.compile(
    r"\b((?:Projet|Programme|Stratégie|Strategie|Politique|Plan d['’]action|Initiative)\s+"
    r"(?:(?:national|nationale|régional|régionale|conjoint|conjointe)\s+)?(?:de|d['’]|du|des|pour|sur|contre)\s*"
    r"(?:(?!(?:est|sont|a|ont|qui|que|dont|sera|était|mis|mise|financé|financée|lancé|lancée|avec|par|dans|à|au|en)\b)"
    r"[\w'’-]+\s*){1,7}?)(?=\s*(?:[,.;:()]|\b(?:est|sont|a|ont|qui|que|dont|sera|était|mis|mise|financé|financée|lancé|"
    r"lancée|avec|par|dans|à|au|en)\b|$))"
)
_OPERATION_RE = re.compile(
    r"\b(?:Operation|Opération|opération|operation)\s+((?:[A-Z0-9][\w'’-]*)(?:\s+(?:[A-Z0-9][\w'’-]*))*)"
)
_KINDS = r"Programme|Program|Project|Initiative|Strategy|Projet|Stratégie|Campaign|Campagne"
# 'West African Police Information System (WAPIS) Programme' -> 'WAPIS Programme'
_ACR_KIND_RE = re.compile(rf"((?:[A-Z][\w'’-]*\s+(?:(?:of|for|on|against|and|the|de|des|du|la|pour|contre)\s+)*)"
                          rf"{{1,9}})"
                          rf"\(([A-Z][A-Z0-9&-]{{1,11}})\)\s+({_KINDS})\b")
# 'AIRCOP, the Airport Communication Project' / 'Projet de communication aéroportuaire (AIRCOP)'
_ACR_APPOS_RE = re.compile(rf"\b([A-Z][A-Z0-9&-]{{2,11}}),\s+(?:the|le|la|l['’])\s*"
                           rf"((?:[\w'’-]+\s+){{1,8}}?(?:{_KINDS.lower()}|{_KINDS}))\b")
_LONG_ACR_RE = re.compile(rf"\b((?:{_KINDS})\s+(?:[\w'’-]+\s+){{1,8}}?)\(([A-Z][A-Z0-9&-]{{2,11}})\)")
# French 'le Programme Sahel', 'son Projet Frontières' -> English-order alias 'Sahel Programme'
_FR_TITLE_RE = re.compile(r"\b(Programme|Projet|Initiative)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\b")
_FR_EN = {"Programme": "Programme", "Projet": "Project", "Initiative": "Initiative"}
_SKIP_FIRST = frozenset("The This That These Its Their Our A An In For Of On With And By As From To At".split())


def named_projects(text: str, lex: Lexicon, org_names: frozenset[str]) -> list[Mention]:
    out: list[Mention] = []
    for m in _named_re(lex).finditer(text):
        name = m.group(1)
        words = name.split()
        while words and (words[0] in _SKIP_FIRST or words[0].endswith(("'s", "’s"))):
            words = words[1:]
        if len(words) < 2 or "\n" in name:
            continue
        start = m.start(1) + name.find(words[0])
        name = " ".join(words)
        end = start + len(text[start:].split(words[-1], 1)[0]) + len(words[-1])
        aliases: tuple[str, ...] = ()
        if words[0] in org_names and len(words) > 2:
            aliases = (" ".join(words[1:]),)
        out.append(Mention(start, end, text[start:end], "Project", name, aliases, "project",
                           attrs=(("kind", "named"),)))
    for m in _FR_NAMED_RE.finditer(text):  # 'le Projet de renforcement des capacités judiciaires'
        name = m.group(1).strip()
        if len(name.split()) >= 3 and "\n" not in name:
            out.append(Mention(m.start(1), m.start(1) + len(name), name, "Project", name, (), "project",
                               attrs=(("kind", "named"),)))
    for m in _TITLE_CUE_RE.finditer(text):
        title = m.group(1).strip(" ,.")
        if len(title.split()) >= 2:
            out.append(Mention(m.start(1), m.start(1) + len(title), title, "Project", title, (), "project",
                               attrs=(("kind", "titled"),)))
    for m in _QUOTED_WORK_RE.finditer(text):
        g = 1 if m.group(1) else 2
        title = m.group(g).strip(" ,.")
        if len(title.split()) >= 2 and title[:1].isupper():
            out.append(Mention(m.start(g), m.start(g) + len(title), title, "Project", title, (), "project",
                               attrs=(("kind", "titled"),)))
    for m in _RESOLUTION_RE.finditer(text):
        name = f"Security Council resolution {m.group(2)}"
        out.append(Mention(m.start(), m.end(), m.group(0), "Project", name,
                           (f"resolution {m.group(2)}", f"UNSCR {m.group(2)}", m.group(0)), "project",
                           attrs=(("kind", "resolution"),)))
    for m in _ON_RE.finditer(text):
        topic = m.group(1).strip()
        if len(topic.split()) >= 2:
            out.append(Mention(m.start(1), m.start(1) + len(topic), topic, "Project", topic, (), "project",
                               attrs=(("kind", "named"),)))
    out += _acronym_projects(text, org_names)
    for m in _NEW_PROJECT_RE.finditer(text):
        g = 1 if m.group(1) else 2
        out.append(Mention(m.start(g), m.end(g), m.group(g), "Project", m.group(g), (), "project",
                           attrs=(("kind", "unnamed"),)))
    return out


# French puts the head first: 'le programme Tiwara', 'du projet ECI-Niger', "l'opération Barkhane"
_HEAD_FIRST_RE = re.compile(r"\b(?:programme|projet|initiative|opération|operation|mécanisme)\s+"
                            r"((?:[A-Z][\w’'-]*[\w])(?:[\s-](?:[A-Z0-9][\w’'-]*[\w]))?)(?=[\s,.;:)»\"”]|$)")
# legal instruments the text describes: 'loi N°2015-36 du 26 mai 2015 relative au trafic illicite de migrants'
_LAW_RE = re.compile(
    r"\b((?:[Ll]oi|[Oo]rdonnance|[Dd]écret|[Dd]ecree|[Ll]aw|[Aa]ct)\s+(?:[Nn]°\s*|[Nn]o\.?\s*|[Nn]umber\s+)?"
    r"\d{1,4}[-/]\d{1,4}(?:[-/]\d{1,4})?)"
    r"((?:\s+(?:du|of|dated)\s+\d{1,2}(?:er)?\s+[A-Za-zéû]+\s+\d{4})?"
    r"(?:,?\s+(?:relative?s?|portant|on|sur|concerning)\s+(?:[\w’'-]+\s*){1,10}?(?=[,.;:()]|\s+(?:et|and|qui|which)\s|$))?)"
)


_PROJECT_HEADS = r"(?:project|programme|program|initiative|campaign|projet|campagne|programmes|projects|projets)"
# 'le programme européen "Contre-Terrorisme Sahel"', 'le projet de « X »', 'the "Common Ground" project'
_HEAD_QUOTE_RE = re.compile(
    rf"\b{_PROJECT_HEADS}(?:\s+(?:[a-zéè]+(?:éen|éenne|ien|ienne|ais|aise|al|ale|aux|ain|aine|an|ese|ish|ic)))?"
    rf"(?:\s+(?:de\s+la|de\s+l['’]|de|du|des|d['’]|of|on|for))?\s*{_QUOTED}",
    re.IGNORECASE,
)
_QUOTE_HEAD_RE = re.compile(rf"{_QUOTED}\s+(?:{_PROJECT_HEADS})\b", re.IGNORECASE)


def quoted_projects(text: str, known: frozenset[str]) -> list[Mention]:
    """A quoted name beside a project head names that project: 'the “Common Ground” project', 'le programme européen
    « Contre-Terrorisme Sahel »', 'le projet de « stabilisation d'urgence de Baltram »' (alias: the head with it)."""
    out: list[Mention] = []
    for rx in (_HEAD_QUOTE_RE, _QUOTE_HEAD_RE):
        for m in rx.finditer(text):
            name = " ".join(m.group(1).split()).strip(" ,.")
            if len(name) < 3 or len(name.split()) > 15 or fold_phrase(name) in known:
                continue
            start = m.start(1)
            out.append(Mention(start, start + len(m.group(1).rstrip(" ,.")), name, "Project", name,
                               (" ".join(m.group(0).split()),), "project", attrs=(("kind", "named"),)))
    return out


# 'un ambitieux programme … Baptisé Tiwara, il …', 'a new initiative, dubbed Safe Roads': the name a text gives
# to a programme it has just described (a project head within the preceding 250 characters)
_BAPTISED_RE = re.compile(r"\b(?:[Bb]aptisée?s?|[Dd]énommée?s?|[Dd]ubbed|[Kk]nown as|[Cc]odenamed|[Cc]ode-named)\s+"
                          r"[«\"“]?\s*([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})")
_HEAD_BEFORE_RE = re.compile(r"\b(?:programme|program|project|projet|initiative|opération|operation|mécanisme|"
                             r"facility|fonds|fund)s?\b", re.IGNORECASE)


# observances: 'la Journée mondiale contre les abus et trafics de drogues', 'the International Day against Drug
# Abuse and Illicit Trafficking' (the event an activity is held for, named as such)
_OBSERVANCE_RE = re.compile(
    r"\b((?:Journée|Semaine)\s+(?:mondiale|internationale|nationale|africaine|régionale)\s+"
    r"(?:de\s+la|de\s+l['’]|du|des|de|contre|pour|sur)\s*[^,.;:()\n]{3,80}?"
    r"|(?:International|World|National|African|Global)\s+(?:Day|Week)\s+(?:of|against|for|on)\s+[^,.;:()\n]{3,80}?)"
    r"(?=\s*[,.;:()]|\s+(?:célébrée?|qui|que|est|a|was|is|which|held|marked|observed|on|le|chaque|every|each)\b|$)"
)


def observance_projects(text: str, places: frozenset[str]) -> list[Mention]:
    out: list[Mention] = []
    for m in _OBSERVANCE_RE.finditer(text):
        raw = m.group(1)
        where = re.search(r"\s+(?:in|at|à|au)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)$", raw)
        cut = where.start() if where and fold_phrase(where.group(1)) in places else len(raw)
        # '… in Agadez': the place is not part of the name
        name = " ".join(raw[:cut].split())
        out.append(Mention(m.start(1), m.start(1) + cut, raw[:cut], "Project", name, (), "project",
                           attrs=(("kind", "named"),)))
    return out


def baptised_projects(text: str, known: frozenset[str]) -> list[Mention]:
    out: list[Mention] = []
    for m in _BAPTISED_RE.finditer(text):
        name = m.group(1)
        if fold_phrase(name) in known or len(name) < 3 or not _HEAD_BEFORE_RE.search(text[max(0, m.start() - 250) :
                                                                                             m.start()]):
            continue
        # the span starts at the cue, so that a statistical 'Baptisé Kawtal' (PERSON) does not outrank it
        out.append(Mention(m.start(), m.end(1), text[m.start() : m.end(1)], "Project", name, (), "project",
                           attrs=(("kind", "named"),)))
    return out


def head_first_projects(text: str, known: frozenset[str]) -> list[Mention]:
    """'le programme Tiwara' -> Tiwara (alias 'programme Tiwara'); not a known organization or place."""
    out: list[Mention] = []
    for m in _HEAD_FIRST_RE.finditer(text):
        name = m.group(1)
        if fold_phrase(name) in known or len(name) < 3:
            continue
        out.append(Mention(m.start(), m.end(1), text[m.start() : m.end(1)], "Project", name, (m.group(0),),
                           "project", attrs=(("kind", "named"),)))
    return out


def legal_instruments(text: str) -> list[Mention]:
    """Laws, ordinances and decrees named by their number, with their date and subject when the text gives them."""
    out: list[Mention] = []
    for m in _LAW_RE.finditer(text):
        full = (m.group(1) + m.group(2)).strip()
        out.append(Mention(m.start(1), m.start(1) + len(full), full, "Project", full, (m.group(1),), "project",
                           attrs=(("kind", "law"),)))
    return out


def _acronym_projects(text: str, org_names: frozenset[str]) -> list[Mention]:
    """Named operations and acronym-named programmes, with every later bare use of the acronym."""
    out: list[Mention] = []
    acronyms: dict[str, tuple[str, tuple[str, ...]]] = {}
    for m in _OPERATION_RE.finditer(text):
        words = m.group(1).split()
        while words and not (words[-1][:1].isupper() or words[-1][:1].isdigit()):
            words.pop()
        if not words or words[0] in _SKIP_FIRST:
            continue
        core = " ".join(words)
        name = f"Operation {core}"
        end = m.start(1) + len(core)
        out.append(Mention(m.start(), end, text[m.start() : end], "Project", name, (core, text[m.start() : end]),
                           "project", attrs=(("kind", "named"),)))
        if core.split()[0].isupper() and len(core.split()[0]) >= 3:
            acronyms.setdefault(core, (name, (core,)))
    for m in _ACR_KIND_RE.finditer(text):
        long_name, acr, kind = m.group(1).strip(), m.group(2), m.group(3)
        if acr in org_names:  # an organization's acronym: 'the Programme des Nations Unies ... (PNUD)'
            continue
        words = long_name.split()
        while words and words[0] in _SKIP_FIRST:
            words = words[1:]
        if len(words) < 2:
            continue
        long_name = " ".join(words)
        start = m.start(1) + m.group(1).find(words[0])
        name = f"{acr} {kind}"
        aliases: tuple[str, ...] = (long_name, acr, f"{long_name} ({acr}) {kind}", f"{long_name} {kind}")
        out.append(Mention(start, m.end(), text[start : m.end()], "Project", name, aliases, "project",
                           attrs=(("kind", "named"),)))
        acronyms.setdefault(acr, (name, aliases))
    for m in _ACR_APPOS_RE.finditer(text):
        acr, long_name = m.group(1), m.group(2).strip()
        if len(long_name.split()) < 2 or acr in org_names:
            continue
        out.append(Mention(m.start(2), m.end(2), long_name, "Project", acr, (long_name,), "project",
                           attrs=(("kind", "named"),)))
        acronyms.setdefault(acr, (acr, (long_name,)))
    for m in _LONG_ACR_RE.finditer(text):
        long_name, acr = m.group(1).strip(), m.group(2)
        if acr in org_names:
            continue
        out.append(Mention(m.start(1), m.end(2) + 1, text[m.start(1) : m.end(2) + 1], "Project", acr,
                           (long_name,), "project", attrs=(("kind", "named"),)))
        acronyms.setdefault(acr, (acr, (long_name,)))
    for m in _FR_TITLE_RE.finditer(text):
        head, core = m.group(1), m.group(2)
        if core.split()[0] in _SKIP_FIRST or core.isupper():
            continue
        out.append(Mention(m.start(), m.end(), m.group(0), "Project", m.group(0), (f"{core} {_FR_EN[head]}",),
                           "project", attrs=(("kind", "named"),)))
    for acr, (name, aliases) in acronyms.items():
        for hit in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", text):
            out.append(Mention(hit.start(), hit.end(), acr, "Project", name, aliases, "project",
                               attrs=(("kind", "named"),)))
    return out
