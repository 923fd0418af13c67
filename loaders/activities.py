"""Distinct activities (workshops, dialogues, meetings...) as Project entities, and anaphora to them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.lexicon import Lexicon
from loaders.mentions import Mention
from loaders.textfold import fold_phrase

_MONTHS = ("January February March April May June July August September October November December "
           "janvier février mars avril mai juin juillet août septembre octobre novembre décembre").split()
_MONTH_ABBR = {m.lower(): _MONTHS[i % 12][:3] for i, m in enumerate(_MONTHS)}
_DATE_RE = re.compile(rf"\b((?:{'|'.join(_MONTHS)}))\s+(\d{{4}})\b", re.IGNORECASE)
_INDEFINITE = frozenset("a an un une".split())
_DEFINITE = frozenset("the this that these those its their our le la les l' cet cette ce ces".split())
_ADJ_SUFFIX = ("al", "ive", "ary", "ic", "ical", "-level", "ever", "ional", "ale", "ique", "aire", "elle", "ieme")
# compared folded (fold_phrase: lower case, no accents)
_MODIFIERS = frozenset(fold_phrase(w) for w in "first second third new joint national regional local high-level "
                       "technical ever annual consultative international subregional premier première deuxième "
                       "nouveau nouvelle nouvel grand grande vaste".split())
# a descriptive name never ends in one of these (GUIDE.md: a noun phrase, not a truncated clause)
_FUNCTION_WORDS = frozenset("a an the of on for to in at by and or with from as its their "
                            "de d du des la le les l un une et ou sur pour par au aux en a avec dans".split())
MAX_NAME_WORDS = 15
_PLACE_RE = re.compile(
    r"^\s*(?:event\s+|series\s+)?(?:(?:took place|was held|were held|held)\s+)?(?:in|at|à|au|en)\s+$"
)


@dataclass
class Activity:
    name: str
    head: str
    start: int
    end: int
    place: str | None = None
    date: str | None = None
    aliases: list[str] = field(default_factory=list)


def _noun_re(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{lex.alternation('activity_nouns')})(?![\w-])", re.IGNORECASE)


def _modifier_start(text: str, start: int, nouns: re.Pattern[str]) -> tuple[int, str | None]:
    """Start of the noun phrase (modifiers included) and its determiner."""
    pos = start
    while True:
        m = re.search(r"((?:[€$£]\s?)?[\w'’.,-]*[\w'’-])\s+$", text[max(0, pos - 40) : pos])
        if not m:
            return pos, None
        word = m.group(1)
        low = fold_phrase(word)
        wstart = pos - len(m.group(0))
        if low in _INDEFINITE or low in _DEFINITE:
            return pos, low
        hyphenated = re.fullmatch(r"[a-z]+-[a-z]+", word) is not None  # 'week-long', 'three-day'
        money = _MONEY_WORD.fullmatch(word) is not None  # 'a €10 million programme'
        if low in _MODIFIERS or low.endswith(_ADJ_SUFFIX) or nouns.fullmatch(word) or word.isupper() or hyphenated \
                or money:
            pos = wstart
            continue
        return pos, None


def _date_near(text: str, start: int, end: int) -> str | None:
    m = _DATE_RE.search(text[start:end])
    if not m:
        return None
    return f"{_MONTH_ABBR[m.group(1).lower()]} {m.group(2)}"


def find_activities(
    text: str,
    sentences: list[tuple[int, int]],
    title: tuple[int, int] | None,
    regions: list[Mention],
    lex: Lexicon,
) -> list[Mention]:
    nouns = _noun_re(lex)
    acts: list[Activity] = []
    refs: list[tuple[int, int, Activity]] = []
    for m in nouns.finditer(text):
        sent = next(((s, e) for s, e in sentences if s <= m.start() < e), (m.start(), m.end()))
        np_start, det = _modifier_start(text, m.start(), nouns)
        if np_start < m.start() and nouns.fullmatch(text[np_start : m.start()].strip()):
            continue  # "training workshops": the last noun is the head
        nxt = nouns.match(text, m.end() + 1) if text[m.end() : m.end() + 1] == " " else None
        if nxt:
            continue
        head = fold_phrase(m.group(0)).rstrip("s")
        place = _place_after(text, m.end(), sent[1], regions) or _place_after(
            text, np_start + len(descriptive_name(text, np_start, m.end(), sent[1])), sent[1], regions)
        date = _date_near(text, sent[0], sent[1])
        in_title = title is not None and title[0] <= m.start() < title[1]
        phrase = text[np_start : m.end()]
        same = [a for a in acts if a.head.split()[-1] == head.split()[-1]  # 'the course' = 'training course'
                and (place is None or a.place in (None, place))]
        if in_title and title is not None:
            name = text[np_start : title[1]].strip(" .:")
            act = Activity(name=name[:1].upper() + name[1:], head=head, start=np_start, end=title[1], place=place)
            acts.append(act)
            refs.append((np_start, m.end(), act))
        elif det in _INDEFINITE and not re.search(r"\bseries of\s+$", text[max(0, np_start - 12) : np_start]):
            if same and same[-1].place is not None and place is None:
                refs.append((np_start, m.end(), same[-1]))
                continue
            if acts and not same and place is None and acts[-1].place is None and len(acts) == 1:
                refs.append((np_start, m.end(), acts[-1]))
                continue
            act = Activity(name=descriptive_name(text, np_start, m.end(), sent[1]), head=head, start=np_start,
                           end=m.end(), place=place, date=date)
            acts.append(act)
            refs.append((np_start, m.end(), act))
        else:
            target = same[-1] if same else (acts[-1] if acts else None)
            if target is None or (not same and np_start < m.start() and det is not None and len(acts) > 0
                                  and text[np_start : m.start()].strip().lower() not in ("first", "same")):
                if det is None and target is not None:
                    refs.append((np_start, m.end(), target))
                    continue
                if target is None and det is None:
                    continue
                act = Activity(name=descriptive_name(text, np_start, m.end(), sent[1]), head=head, start=np_start,
                               end=m.end(), place=place, date=date)
                acts.append(act)
                target = act
            refs.append((np_start, m.end(), target))
        act = refs[-1][2]
        if act.place is None and place:
            act.place = place
        if act.date is None and date:
            act.date = date
        if phrase not in act.aliases:
            act.aliases.append(phrase)
    return [_mention(text, s, e, act) for s, e, act in refs]


def descriptive_name(text: str, start: int, end: int, stop: int) -> str:
    """'consultative meeting in Bamako', 'training on alternative narratives'."""
    m = re.match(r"(?:\s+(?:event|series))?(?:\s+(?:of the|of|de la|de l['’]|du|des)\s*[A-Z][\w'’-]*(?=\s+(?:on|sur|to|"
                 r"for|pour|against|contre|de lutte|visant|aimed|d['’]appui)\b))?"
                 r"(?:\s+(?:in|at|à)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
                 r"|\s+(?:on|sur|about|regarding|concerning|portant sur|consacrée?s? (?:à|au|aux)|given to|"
                 r"delivered to|provided to|dispensée?s? (?:à|au|aux)|"
                 r"dédiée?s? (?:à|au|aux)|"
                 r"relative?s? (?:à|au|aux)|en matière de|against|to (?:counter|combat|fight|prevent|tackle|curb|"
                 r"address|reduce|strengthen|support|improve|promote)|aimed at (?:countering|combating|fighting|"
                 r"preventing|strengthening|supporting)|(?:de|pour|visant à) (?:lutter? contre|lutte contre|"
                 r"prévenir|prévention|renforcer|renforcement|soutenir|appui|appuyer|contrer)|d['’]appui (?:à|au|aux)|"
                 r"de lutte contre|contre)\s+[\w'’/-]+"
                 r"(?:\s+(?!in\b|for\b|to\b|by\b|that\b|with\b|par\b|pour\b|qui\b|dans\b|à\b|avec\b|was\b|were\b|is\b|are\b|"
                 r"has\b|have\b|will\b|a\b|ont\b|est\b|sont\b|été\b|au\b|aux\b|en\b|from\b|held\b|organi[sz]ed\b|"
                 r"organisée?s?\b|du\s+\d|on\s+\d|de\s+\d)[\w'’/-]+){0,9})?",
                 text[end:stop])
    phrase = text[start : end + (m.end() if m else 0)]
    return noun_phrase_name(phrase)


def is_generic_project(name: str, lex: Lexicon) -> bool:
    """'Training', 'Joint meeting', 'Action Plan', 'nouveau projet': a head noun and modifiers, nothing that names
    the thing (GUIDE.md wants head + topic + place + date); such a Project is not kept."""
    generic = {part for key in ("activity_nouns", "project_heads") for w in lex.words[key]
               for part in fold_phrase(w).split()}
    words = [w for w in re.split(r"[\s'’]+", fold_phrase(name)) if w and w not in _FUNCTION_WORDS]
    return bool(words) and all(w in generic or w.rstrip("s") in generic or w in _MODIFIERS
                               or w.endswith(("-funded", "-led", "-financed")) for w in words)


def noun_phrase_name(phrase: str) -> str:
    """At most MAX_NAME_WORDS words, never ending in a function word, capitalised."""
    words = re.sub(r"\s+", " ", phrase).strip(" ,;:.").split(" ")[:MAX_NAME_WORDS]
    while len(words) > 1 and fold_phrase(re.sub(r"^.*['’]", "", words[-1]) or words[-1]) in _FUNCTION_WORDS:
        words.pop()
    name = " ".join(words)
    return name[:1].upper() + name[1:]


_EN_HEADS = {"formation": "training", "formations": "training", "atelier": "workshop", "ateliers": "workshop",
             "seminaire": "seminar", "reunion": "meeting", "table ronde": "roundtable", "conference": "conference",
             "concertation": "consultation", "session de formation": "training session",
             "mission d'evaluation": "assessment mission"}


def english_alias(name: str, head: str) -> str | None:
    """'Formation consacrée au traitement ...' -> 'Training on traitement ...': an English head noun, so that a
    French activity can match an English description."""
    en = _EN_HEADS.get(fold_phrase(head))
    if en is None:
        return None
    rest = re.sub(r"^[\w'’-]+(?:\s+(?:de|d['’])\s*formation)?\s*", "", name, count=1)
    rest = re.sub(r"^(?:sur|portant sur|consacrée?s? (?:à|au|aux)|dédiée?s? (?:à|au|aux)|relative?s? (?:à|au|aux)|"
                  r"en matière de)\s+", "", rest)
    return f"{en.capitalize()} on {rest}" if rest else en.capitalize()


def _place_after(text: str, end: int, stop: int, regions: list[Mention]) -> str | None:
    for r in regions:
        if end <= r.start < min(stop, end + 40) and _PLACE_RE.match(text[end : r.start]):
            return r.name
    return None


_MONEY_WORD = re.compile(r"(?:[€$£]|USD|EUR|US\$)?\d[\d.,]*(?:[€$£]|m|bn)?|million|millions|billion|milliards?|"
                         r"USD|EUR|euros?|dollars?|[€$£]\d[\d.,]*", re.IGNORECASE)
_PURPOSE_AFTER = re.compile(
    r"(?:\s+(?:approved|funded|financed|launched|adopted|signed|announced)\s+(?:under|by|in|with|at)\s+[^,.;:]{1,60}?)?"
    r"\s+(?:will|would|shall|aims to|is to|seeks to|is designed to|is meant to)\s+"
    r"(?P<verb>support|strengthen|counter|combat|fight|prevent|improve|promote|reinforce|help|contribute to|"
    r"reduce|tackle|build)\s+(?P<obj>[^,.;:()]{3,120})"
)
_PROGRAMME_HEADS = re.compile(r"(?<![\w-])(?:programmes?|programs?|projects?|projets?|initiatives?|campaigns?|"
                              r"campagnes?|strateg(?:y|ies)|stratégies?)(?![\w-])", re.IGNORECASE)


def unnamed_programmes(text: str, sentences: list[tuple[int, int]], regions: list[Mention],
                       lex: Lexicon) -> list[Mention]:
    """'a two-year programme on border security in Kidal', 'un nouveau projet de lutte contre le trafic': a
    programme the text introduces without a name becomes a Project named by its description (head + topic,
    place); later 'the programme' / 'le projet' refer to it (anaphors)."""
    out: list[Mention] = []
    for m in _PROGRAMME_HEADS.finditer(text):
        np_start, det = _modifier_start(text, m.start(), _PROGRAMME_HEADS)
        if det not in _INDEFINITE:
            continue
        sent_end = next((e for s, e in sentences if s <= m.start() < e), len(text))
        name = descriptive_name(text, np_start, m.end(), sent_end)
        described = len(name) > len(" ".join(text[np_start : m.end()].split()))  # a topic follows the head
        purpose = _PURPOSE_AFTER.match(text, m.end(), sent_end)
        if not described and purpose:  # 'a €10 million programme approved under X will support the fight against Y'
            obj = re.split(r"\s+(?:by|through|via|with|thanks to|while|and will|en|par)\s+", purpose.group("obj"))[0]
            name = noun_phrase_name(f"{m.group(0)} to {purpose.group('verb')} {obj}")
            described = True
        if not described or is_generic_project(name, lex) or len(name.split()) < 3:
            continue
        place = _place_after(text, np_start + len(name), sent_end, regions)
        # no alias such as '€10 million programme': another document's programme of that size is another one
        act = Activity(name=name, head=fold_phrase(m.group(0)), start=np_start, end=m.end(), place=place)
        out.append(_mention(text, np_start, m.end(), act, kind="programme"))
    return out


def _mention(text: str, start: int, end: int, act: Activity, kind: str = "activity") -> Mention:
    suffix = ", ".join(x for x in (act.place, act.date) if x)
    base = act.name
    name = f"{base} ({suffix})" if suffix and (act.place or "") not in base else base
    english = english_alias(base, act.head)
    aliases = tuple(dict.fromkeys([base, *act.aliases, *([english] if english else [])]))
    return Mention(start, end, text[start:end], "Project", name, aliases, "activity",
                   attrs=(("kind", kind), ("key", f"{act.start}"), ("place", act.place or "")))
