"""The phrasings ``GET /ask`` understands: analyst questions (English and French) -> a canned query and named slots.

Deterministic: a question is folded (casefold, accents stripped), its final punctuation dropped,
and tried against each phrasing below in order; the first match wins. Each phrasing names the
canned query it stands for and which of its parameters the captured text fills. Nothing is
guessed: a question no phrasing matches is reported as unmatched, with the closest phrasings'
examples as suggestions (:func:`closest`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from graph_schema.names import fold

# "in Mali", "au Niger", "en Afrique", "à Gao", "dans la région de Gao"
_IN = r"(?:in|within|at|au|aux|en|a|dans(?: le| la| les| l')?|dans la region de|in the region of)"
# "against drug trafficking", "on arms trafficking", "contre le trafic"
_AGAINST = r"(?:against|on|targeting|countering|fighting|about|contre(?: le| la| les| l')?)"
_FUND_VERB = r"(?:funds?|finances?|pays? for|bankrolls?|sponsors?|finance|financent)"
_WHAT = r"(?:what|which projects|projects|whom|what projects|quoi|quels projets)"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile("^(?:" + pattern + ")$")


@dataclass(frozen=True)
class Phrasing:
    """Questions of one shape: ``pattern`` (on the folded question) captures the slots the query needs."""

    query: str
    pattern: re.Pattern[str]
    example: str
    # captured group name -> the canned query's parameter it fills (same name when absent)
    slots: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Reading:
    """What a question was read as: the query and the raw text of each entity slot."""

    query: str
    slots: dict[str, str]
    phrasing: Phrasing


def _funding(pattern: str, example: str) -> Phrasing:
    return Phrasing("who_funds_what", _rx(pattern), example)


_MODS = rf"(?:\s+{_IN}\s+(?P<region>.+?))?(?:\s+{_AGAINST}\s+(?P<threat>.+?))?"
_MODS_REV = rf"(?:\s+{_AGAINST}\s+(?P<threat>.+?))(?:\s+{_IN}\s+(?P<region>.+?))"
_PROJECTS = r"(?:which|what) (?:projects|programmes|programs|activities)"
_TARGET_VERB = r"(?:target|targets|address|tackle|fight|counter|work on|deal with|are against|focus on)"

_VS = r"(?:vs\.?|versus|against|and|or|but not|not)"

PHRASINGS: tuple[Phrasing, ...] = (
    # reported vs published funding in REGION (report text against IATI data); financement declare vs publie au REGION
    Phrasing("funding_reported_vs_published",
             _rx(rf"(?:(?:funding )?reported {_VS} published(?: funding)?|funding (?:in reports|reported) {_VS} "
                 rf"(?:in )?(?:iati|published)|(?:reports|report text) {_VS} iati(?: data)?(?: funding)?|"
                 rf"financements? (?:declares?|annonces?) (?:vs\.?|contre|et|ou) publies?) {_IN}\s+(?P<region>.+)"),
             "reported vs published funding in Mali"),
    # who funds what [in REGION] [against THREAT] (either order); qui finance quoi [au REGION] [contre THREAT]
    _funding(rf"(?:who|qui) {_FUND_VERB} {_WHAT}{_MODS_REV}", "who funds what against drug trafficking in Mali"),
    _funding(rf"(?:who|qui) {_FUND_VERB} {_WHAT}{_MODS}", "who funds what in Mali against drug trafficking"),
    _funding(rf"(?:funding|funders|donors|financement|bailleurs)(?: de fonds)?{_MODS_REV}",
             "funding against terrorism in Niger"),
    _funding(rf"(?:funding|funders|donors|financement|bailleurs)(?: de fonds)?{_MODS}", "funders in Mali"),
    # which projects target THREAT [in REGION]; quels projets ciblent THREAT [au REGION]
    Phrasing("projects_targeting_threat",
             _rx(rf"{_PROJECTS} {_TARGET_VERB} (?P<threat>.+?)(?:\s+{_IN}\s+(?P<region>.+?))?"),
             "which projects target arms trafficking in Gao"),
    Phrasing("projects_targeting_threat",
             _rx(rf"(?:quels|quelles) (?:projets|programmes|activites) (?:ciblent|visent|luttent contre|combattent)"
                 rf"(?: le| la| les| l')? ?(?P<threat>.+?)(?:\s+{_IN}\s+(?P<region>.+?))?"),
             "quels projets ciblent le trafic d'armes au Mali"),
    Phrasing("projects_targeting_threat",
             _rx(rf"(?:projects|programmes|projets) {_AGAINST}\s+(?P<threat>.+?)(?:\s+{_IN}\s+(?P<region>.+?))?"),
             "projects against drug trafficking in Mali"),
    # which projects are in REGION; quels projets au REGION
    Phrasing("projects_in_region",
             _rx(rf"(?:(?:which|what) )?(?:projects|programmes|activities)(?: are| run| running)? {_IN}"
                 rf"\s+(?P<region>.+)"),
             "which projects are in Mali"),
    Phrasing("projects_in_region",
             _rx(rf"(?:(?:quels|quelles) )?(?:projets|programmes|activites)(?: sont| menes)? {_IN}\s+(?P<region>.+)"),
             "quels projets au Niger"),
    # how is A connected to B; comment A est-il lie a B; quel lien entre A et B
    Phrasing("path_between",
             _rx(r"how (?:is|are) (?P<source>.+?) (?:connected|linked|related|tied) (?:to|with) (?P<target>.+)"),
             "how is UNODC connected to AIRCOP"),
    Phrasing("path_between",
             _rx(r"how (?:are|is) (?P<source>.+?) and (?P<target>.+?) (?:connected|linked|related|tied)"),
             "how are UNODC and AIRCOP connected"),
    Phrasing("path_between",
             _rx(r"(?:what is the )?(?:connection|link|path|relation|relationship) between (?P<source>.+?) and "
                 r"(?P<target>.+)"),
             "link between European Union and INTERPOL"),
    Phrasing("path_between",
             _rx(r"comment (?P<source>.+?) (?:est-(?:il|elle) |est |sont )?(?:lie|liee|lies|liees|connecte|connectee|"
                 r"relie|reliee)s? (?:a|au|aux|avec) (?P<target>.+)"),
             "comment l'ONUDC est-il lié à AIRCOP"),
    Phrasing("path_between",
             _rx(r"(?:quel|quelle) (?:est le |est la )?(?:lien|relation|chemin) entre (?P<source>.+?) et "
                 r"(?P<target>.+)"),
             "quel lien entre l'ONUDC et AIRCOP"),
    # partners of ORG; partenaires de ORG
    Phrasing("partners_of_org",
             _rx(r"(?:who are )?(?:the )?partners (?:of|with) (?P<org>.+)"), "partners of ECOWAS"),
    Phrasing("partners_of_org",
             _rx(r"(?:who|which organi[sz]ations) (?:partners?|works?|cooperates?|collaborates?) with (?P<org>.+)"),
             "who partners with UNODC"),
    Phrasing("partners_of_org", _rx(r"(?P<org>.+?)(?:'s)? partners"), "ECOWAS partners"),
    Phrasing("partners_of_org",
             _rx(r"(?:qui sont |quels sont )?(?:les )?partenaires (?:de la |de l'|du |des |de |d')(?P<org>.+)"),
             "partenaires de la CEDEAO"),
    # who funds PROJECT; qui finance PROJECT (after "who funds what")
    Phrasing("funders_of_project",
             _rx(rf"(?:who|qui) {_FUND_VERB} (?:the )?(?P<project>.+)"), "who funds AIRCOP"),
    Phrasing("funders_of_project",
             _rx(r"(?:funders|donors|bailleurs(?: de fonds)?) (?:of|de la |de l'|du |de |d')(?P<project>.+)"),
             "funders of AIRCOP"),
    # who implements PROJECT; qui met en oeuvre PROJECT
    Phrasing("implementers_of_project",
             _rx(r"who (?:implements|runs|leads|organi[sz]es|manages) (?:the )?(?P<project>.+)"),
             "who implements AIRCOP"),
    Phrasing("implementers_of_project",
             _rx(r"(?:implementers|implementing partners) of (?:the )?(?P<project>.+)"), "implementers of AIRCOP"),
    Phrasing("implementers_of_project",
             _rx(r"qui (?:met en (?:oeuvre|œuvre)|mene|dirige|organise) (?:le |la |l')?(?P<project>.+)"),
             "qui met en oeuvre AIRCOP"),
    # THREAT nexus
    Phrasing("threat_nexus",
             _rx(r"(?:what|which threats) (?:is|are) (?P<threat>.+?) (?:linked|connected|tied) to"),
             "what is drug trafficking linked to"),
    Phrasing("threat_nexus",
             _rx(r"(?:threats )?(?:linked|connected) to (?P<threat>.+)"), "threats linked to terrorism"),
    Phrasing("threat_nexus", _rx(r"(?:the )?nexus (?:of|around|for) (?P<threat>.+)"), "nexus of drug trafficking"),
    Phrasing("threat_nexus", _rx(r"(?P<threat>.+?) nexus"), "terrorism nexus"),
    Phrasing("threat_nexus",
             _rx(r"(?:a quoi est lie|a quoi est liee|menaces liees a|menaces liees au) (?:le |la |l')?(?P<threat>.+)"),
             "menaces liées au terrorisme"),
    # organizations active in REGION
    Phrasing("org_network_in_region",
             _rx(rf"(?:(?:which|what) )?(?:organi[sz]ations|actors|who)(?: are| is)? "
                 rf"(?:active|working|present|operating)? ?{_IN}\s+(?P<region>.+)"),
             "organizations active in Mali"),
    Phrasing("org_network_in_region",
             _rx(rf"(?:quelles )?(?:organisations|acteurs)(?: actifs| actives| presents| presentes)? {_IN}\s+"
                 rf"(?P<region>.+)"),
             "organisations actives au Niger"),
    # documents about ENTITY
    Phrasing("documents_mentioning",
             _rx(r"(?:which )?(?:documents|reports|sources)(?: that)? "
                 r"(?:about|on|mentioning|mention|that mention|citing) (?P<entity>.+)"),
             "documents mentioning UNODC"),
    Phrasing("documents_mentioning",
             _rx(r"(?:quels )?(?:documents|rapports) (?:sur|mentionnant|qui mentionnent|citant) (?:le |la |l')?"
                 r"(?P<entity>.+)"),
             "documents sur l'ONUDC"),
    # who/what is ENTITY
    Phrasing("entity_profile",
             _rx(r"(?:who|what) (?:is|are) (?:the )?(?P<entity>.+)|tell me about (?P<entity2>.+)"),
             "who is INTERPOL", {"entity2": "entity"}),
    Phrasing("entity_profile", _rx(r"(?:qui|qu'est-ce que|qu'est ce que) (?:est )?(?P<entity>.+)"), "qui est INTERPOL"),
)

_TRAILING = re.compile(r"[\s?.!;:]+$")
_LEADING_ARTICLE = re.compile(r"^(?:the|le|la|les|l'|du|des|de la|de l')\s*")


def normalise_question(question: str) -> str:
    """Folded (casefold, accents stripped, quotes and dashes unified), final punctuation dropped."""
    return _TRAILING.sub("", fold(question))


def _clean_slot(text: str) -> str:
    return _LEADING_ARTICLE.sub("", text.strip(" ,;\"'")).strip()


def read(question: str) -> Reading | None:
    """The first phrasing that matches the question, with its slot texts; None when none does."""
    text = normalise_question(question)
    for phrasing in PHRASINGS:
        m = phrasing.pattern.match(text)
        if m is None:
            continue
        slots: dict[str, str] = {}
        for group, value in m.groupdict().items():
            if value:
                slots[phrasing.slots.get(group, group)] = _clean_slot(value)
        if any(not v for v in slots.values()):
            continue
        return Reading(phrasing.query, slots, phrasing)
    return None


_STOP = {"the", "and", "for", "les", "des", "est", "qui", "que", "with", "are", "what", "which"}


def _words(text: str) -> set[str]:
    """Content words, plural 's' dropped (partners ~ partner)."""
    words = (w for w in re.split(r"[^a-z0-9]+", normalise_question(text)) if len(w) > 2 and w not in _STOP)
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words}


def closest(question: str, count: int = 3) -> list[Phrasing]:
    """The canned queries whose phrasings read most like the question, best first, one example each.

    Deterministic: the share of the question's words found in a query's phrasings (their examples
    and the query's name), then the character similarity to its nearest example, then catalogue order.
    """
    text = normalise_question(question)
    words = _words(question)
    vocab: dict[str, set[str]] = {}
    best: dict[str, tuple[float, int, Phrasing]] = {}
    for order, phrasing in enumerate(PHRASINGS):
        vocab.setdefault(phrasing.query, set(phrasing.query.split("_"))).update(_words(phrasing.example))
        ratio = SequenceMatcher(None, text, normalise_question(phrasing.example)).ratio()
        if phrasing.query not in best or ratio > best[phrasing.query][0]:
            best[phrasing.query] = (ratio, order, phrasing)
    scored = []
    for query, (ratio, order, phrasing) in best.items():
        overlap = len(words & vocab[query]) / len(words) if words else 0.0
        scored.append((-(overlap + 0.1 * ratio), order, phrasing))
    return [phrasing for _, _, phrasing in sorted(scored, key=lambda item: (item[0], item[1]))[:count]]
