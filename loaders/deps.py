"""Relation rules on the dependency parse (spaCy ``dep_``, ``head``, ``children``, ``conjuncts``), English and French.

The surface rules (roles.py, relations.py) read the words between two mentions; these rules read the grammatical
roles instead, so they also work when a relative clause, a fronted participle or a parenthesis separates the verb
from its arguments: the agent of a passive ("funded by X", "financé par X"), the subject of an active verb (through
conjuncts and relative pronouns), the project a purpose verb belongs to ("designed to curb X"), the place an activity
happens in, a person's apposed title. Word classes come from the ``dependency`` section of cues.yaml; every fact
records its rule id ("funds.dep_passive_agent.v4").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from loaders.context import DocContext, gap_is_list
from loaders.gazetteer import default_gazetteer
from loaders.mentions import Mention
from loaders.textfold import fold_phrase

_REL_PRONOUNS = frozenset("which that who whom qui que lequel laquelle lesquels lesquelles".split())
_PRONOUNS = frozenset("it il elle".split())
_WE = frozenset("we nous".split())
_PROJECT_WORDS = frozenset("project programme program projet initiative".split())
_SUBJ = ("nsubj",)
_SUBJ_PASS = ("nsubjpass", "nsubj:pass")
_OBJ = ("dobj", "obj")
_AGENT_FR = ("obl:agent",)
_OBLIQUE = ("obl", "obl:mod", "obl:arg", "nmod", "pobj", "obl:agent")
_CLIMB = frozenset("xcomp acl advcl relcl acl:relcl ccomp conj prep pobj obl obl:mod obl:arg nmod mark pcomp "
                   "advmod".split())
MAX_SENTENCE_TOKENS = 60  # longer sentences get unreliable parses: the surface rules alone read them
_EACH_OTHER = re.compile(r"\b(?:each other|one another|mutuellement|l'un l'autre)\b")


def _f(tok: Token) -> str:
    return fold_phrase(tok.text)


class Parsed:
    """The parses of one document with a map from tokens to the chosen mentions."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.mentions = sorted(ctx.mentions, key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]
        self._heads: dict[tuple[int, int], Token | None] = {}
        # (offset, end, doc) per parsed segment: Doc.text joins every token, so its length is read once
        self._segments = [(off, off + len(doc.text), doc) for off, doc in ctx.parses]

    def pos(self, tok: Token) -> int:
        return self._offset(tok) + tok.idx

    def _offset(self, tok: Token) -> int:
        doc = tok.doc
        for off, d in self.ctx.parses:
            if d is doc:
                return off
        return 0

    def tokens(self) -> Iterator[tuple[int, Token]]:
        for off, doc in self.ctx.parses:
            for tok in doc:
                yield off, tok

    def at(self, tok: Token, types: Iterable[str] | None = None) -> Mention | None:
        """The mention covering the token."""
        p = self.pos(tok)
        i = bisect.bisect_right(self._starts, p) - 1
        wanted = tuple(types) if types else None
        while i >= 0 and self.mentions[i].start > p - 400:
            m = self.mentions[i]
            if m.start <= p < m.end and (wanted is None or m.type in wanted):
                return m
            i -= 1
        return None

    def head_token(self, m: Mention) -> Token | None:
        """The syntactic head of a mention: its token whose head lies outside the mention (cached)."""
        key = (m.start, m.end)
        if key not in self._heads:
            self._heads[key] = self._find_head(m)
        return self._heads[key]

    def _find_head(self, m: Mention) -> Token | None:
        for off, end, doc in self._segments:
            if not (off <= m.start < end):
                continue
            span = doc.char_span(m.start - off, m.end - off, alignment_mode="expand")
            if span is None or len(span) == 0:
                return None
            return span.root
        return None

    def np(self, tok: Token, types: tuple[str, ...]) -> Mention | None:
        """The mention a noun-phrase head stands for: the one covering it, or the one inside its phrase
        ('the Government of Japan', 'l'ONG nigérienne Association X')."""
        m = self.at(tok, types)
        if m is not None:
            return m
        if tok.pos_ not in ("NOUN", "PROPN", "X"):
            return None
        lo = self.pos(tok.left_edge)
        hi = self.pos(tok) + len(tok.text)
        for c in tok.rights:
            if c.dep_ in ("compound", "flat", "flat:name", "appos", "nmod", "amod", "punct", "prep", "pobj"):
                hi = max(hi, self.pos(c.right_edge) + len(c.right_edge.text))
        inside = [x for x in self.mentions if lo <= x.start and x.end <= hi and x.type in types]
        if inside:
            return inside[0]
        # 'the NGO Association X', "l'ONG nigérienne Association X": a common noun right before the name
        after = [x for x in self.mentions if x.start >= hi and x.type in types]
        if after and re.fullmatch(r"\s+(?:[a-zéèê][\w'’-]*\s+){0,1}", self.ctx.text[hi : after[0].start]):
            return after[0]
        return None

    def listed(self, first: Mention, types: tuple[str, ...]) -> list[Mention]:
        """'A, B and C': the mentions coordinated with ``first`` in the text (the parse often splits lists)."""
        out = [first]
        cursor = first.end
        for m in self.mentions:
            if m.start < cursor:
                continue
            gap = self.ctx.text[cursor : m.start]
            if m.type not in types or not gap_is_list(gap) or re.search(r"[.;:\n]", gap):
                break
            if m.type == "Region" and out[-1].attr("kind") != "country" and m.attr("kind") == "country" \
                    and re.fullmatch(r",\s*", gap):
                break  # 'Nouakchott, Mauritania': an address, not a list
            out.append(m)
            cursor = m.end
        return out

    def group(self, tok: Token, types: tuple[str, ...], strict: bool = False) -> list[Mention]:
        """The mentions of a token and its conjuncts ('X and Y' -> both), with text-level list expansion
        (``strict``: only mentions that cover the tokens themselves)."""
        out: list[Mention] = []
        for t in (tok, *tok.conjuncts):
            m = self.at(t, types) if strict else self.np(t, types)
            if m is not None:
                for x in self.listed(m, types):
                    if x not in out:
                        out.append(x)
        return out

    # ------------------------------------------------------------------ arguments of a verb

    def subjects(self, v: Token) -> list[Token]:
        found = [c for c in v.children if c.dep_ in _SUBJ]
        if not found and v.dep_ in ("conj", "xcomp") and v.head is not v:
            return self.subjects(v.head)
        return found

    def passive_subjects(self, v: Token) -> list[Token]:
        found = [c for c in v.children if c.dep_ in _SUBJ_PASS]
        if found:
            return found
        if v.dep_ in ("acl", "relcl", "amod", "acl:relcl") and v.head is not v:
            return [v.head]  # 'the programme funded by X'
        fronted = v.i < v.head.i and v.dep_ in ("advcl", "conj", "ccomp", "acl")
        if fronted or (v.dep_ == "ROOT" and v.i == v.sent.start):
            # 'Funded by X, the project ...': the fronted participle's subject is the main clause's
            host = v.head if v.head is not v else next((c for c in v.children if c.dep_ == "conj"), v)
            return [c for c in host.children if c.dep_ in _SUBJ + _SUBJ_PASS]
        if v.dep_ == "conj" and v.head is not v:
            return self.passive_subjects(v.head)
        return []

    def agents(self, v: Token) -> list[Token]:
        out: list[Token] = []
        for c in v.children:
            if c.dep_ == "agent" or (c.dep_ == "prep" and _f(c) == "by"):
                out += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            elif c.dep_ in _AGENT_FR or (c.dep_ in _OBLIQUE and any(_f(g) == "par" and g.dep_ == "case"
                                                                    for g in c.children)):
                out.append(c)
        return out

    def objects(self, v: Token) -> list[Token]:
        return [c for c in v.children if c.dep_ in _OBJ]

    def with_args(self, v: Token, marker: str) -> list[Token]:
        """Objects of a 'with'/'avec' (or other) preposition attached to the verb."""
        out: list[Token] = []
        for c in v.children:
            if c.dep_ == "prep" and _f(c) == marker:
                out += [g for g in c.children if g.dep_ == "pobj"]
            elif c.dep_ in _OBLIQUE and any(_f(g) == marker and g.dep_ == "case" for g in c.children):
                out.append(c)
        return out

    def verb_forms(self, v: Token) -> list[str]:
        w = _f(v)
        forms = [w]
        for c in v.children:
            cw = _f(c)
            if c.dep_ in ("prt", "compound:prt") or cw in ("out", "up"):
                forms.append(f"{w} {cw}")
            if cw in ("oeuvre", "place"):
                forms.append(f"{w} en {cw}")
            if cw == "for" and c.dep_ == "prep":
                forms.append(f"{w} for")
        return forms

    def is_word(self, key: str, v: Token) -> bool:
        return any(self.ctx.lex.dep_word(key, f) for f in self.verb_forms(v))

    # ------------------------------------------------------------------ resolving arguments

    def antecedent(self, pron: Token, types: tuple[str, ...]) -> Mention | None:
        """What a relative pronoun stands for: the noun its clause modifies, else the mention right before it."""
        verb = pron.head
        if verb.dep_ in ("relcl", "acl:relcl", "acl") and verb.head is not verb:
            m = self.np(verb.head, types)
            if m is not None:
                return m
        p = self.pos(pron)
        before = [m for m in self.mentions if m.end <= p and m.type in types]
        if before and re.fullmatch(r"[\s\"”’»),]*(?:\([^()]{1,40}\)[\s,]*)?", self.ctx.text[before[-1].end : p]):
            return before[-1]
        return None

    def orgs(self, tok: Token) -> list[Mention]:
        """Organizations (or donor states) a subject/agent token stands for, with its conjuncts."""
        w = _f(tok)
        if w in _REL_PRONOUNS:
            m = self.antecedent(tok, ("Organization", "Region"))
            found = [m] if m is not None else []
        elif w in _WE and self.ctx.author:
            return [Mention(self.pos(tok), self.pos(tok) + len(tok.text), tok.text, "Organization", self.ctx.author,
                            source="pattern")]
        else:
            found = self.group(tok, ("Organization", "Region"))
        return [m for m in found if m.type == "Organization" or m.attr("kind") == "country"]

    def project(self, tok: Token) -> Mention | None:
        """The project or activity a token stands for: a mention, a relative pronoun's antecedent, or an anaphor
        ('it', 'the project', 'the course', 'ce projet') resolved to the last project or activity mentioned."""
        m = self.np(tok, ("Project",))
        if m is not None:
            return m
        w = _f(tok)
        if w in _REL_PRONOUNS:
            return self.antecedent(tok, ("Project",))
        anaphor = w in _PRONOUNS or (tok.pos_ == "NOUN" and self.ctx.lex.dep_word("project_nouns", w) and any(
            c.dep_ in ("det", "poss") and _f(c) in ("the", "this", "that", "its", "their", "le", "la", "l'", "ce",
                                                   "cet", "cette", "son", "sa", "leur")
            for c in tok.children))
        if not anaphor:
            return None
        wants_project = w in _PROJECT_WORDS
        p = self.pos(tok)
        before = [x for x in self.mentions if x.type == "Project" and x.end <= p]
        pref = [x for x in before if (x.attr("kind") != "activity") == wants_project] if w not in _PRONOUNS else []
        pick = pref or before
        return pick[-1] if pick else None

    def clause_project(self, v: Token, depth: int = 0) -> Mention | None:
        """The project a verb's clause is about: its own project argument, or the project of the clause or noun
        phrase it depends on ('designed to curb X', 'a project to curb X', 'aims to help ... prosecute X')."""
        x: Token | None = v
        for _ in range(5):
            if x is None:
                return None
            m = self.np(x, ("Project",)) if x.pos_ in ("NOUN", "PROPN") else None
            if m is None and x.pos_ in ("NOUN", "PRON"):
                m = self.project(x)
            if m is not None:
                return m
            if x.pos_ in ("VERB", "AUX", "ADJ"):
                for c in x.children:
                    if c.dep_ in _SUBJ + _SUBJ_PASS:
                        found = self.project(c)
                        if found is not None:
                            return found
                        if c.pos_ in ("NOUN", "PROPN") or _f(c) in _PRONOUNS:
                            return None  # a subject that is not a project: the clause is about something else
            if x.dep_ not in _CLIMB or x.head is x:
                return None
            x = x.head
        return None


# ---------------------------------------------------------------------- the rules


def dependency_relations(ctx: DocContext) -> None:
    if not ctx.parses:
        return
    P = Parsed(ctx)
    for _, tok in P.tokens():
        if len(tok.sent) > MAX_SENTENCE_TOKENS:
            continue
        if tok.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            verbal = tok.pos_ != "NOUN" or _noun_tagged_verb(tok)
            if verbal and (P.is_word("fund_verbs", tok) or P.is_word("support_verbs", tok)):
                _funds_verb(P, tok)
            if tok.pos_ != "NOUN" and P.is_word("implement_verbs", tok):
                _implements_verb(P, tok)
            if tok.pos_ != "NOUN" and P.is_word("link_verbs", tok):
                _link_verb(P, tok)
        if tok.pos_ in ("NOUN", "PROPN"):
            _possessive_project(P, tok)
    for m in ctx.mentions:
        head = P.head_token(m)
        if head is None or len(head.sent) > MAX_SENTENCE_TOKENS:
            continue
        if m.type == "Threat":
            _threat_target(P, m)
        elif m.type == "Region":
            _place_target(P, m)
        elif m.type == "Person":
            _apposition(P, m)


def _noun_tagged_verb(tok: Token) -> bool:
    """A verb the tagger took for a noun ('the Government of Norway funds a project': 'funds' NOUN) that the parser
    still gave a subject and a direct object."""
    return tok.dep_ == "ROOT" and any(c.dep_ in _SUBJ for c in tok.children) and any(
        c.dep_ in _OBJ for c in tok.children)


def _sent_span(P: Parsed, tok: Token) -> tuple[int, int]:
    s = P.pos(tok.sent[0])
    return s, P.pos(tok.sent[-1]) + len(tok.sent[-1].text)


def _target_form(P: Parsed, v: Token) -> str:
    if any(_f(c) in _REL_PRONOUNS for c in v.children if c.dep_ in _SUBJ + _SUBJ_PASS) or v.dep_ in (
            "relcl", "acl:relcl"):
        return "relative"
    if (v.i < v.head.i and v.dep_ in ("advcl", "acl")) or (v.dep_ == "ROOT" and v.i == v.sent.start):
        return "fronted_participle"
    return "passive_agent"


def _funds_verb(P: Parsed, v: Token) -> None:
    span = _sent_span(P, v)
    agents = [o for a in P.agents(v) for o in P.orgs(a)]
    support = P.is_word("support_verbs", v) and not P.is_word("fund_verbs", v)
    if agents:
        if support and not any(a.attr("kind") == "country" or a.name.startswith("Government")
                               or a.attr("kind") == "donor" for a in agents):
            return
        targets = [P.project(t) for t in P.passive_subjects(v)]
        rule = _target_form(P, v)
        for t in targets:
            if t is None:
                continue
            for org in agents:
                P.ctx.add("FUNDS", _org_name(P, org), t.name, span, f"dep_{rule}", 0.85)
        return
    if support:
        return
    funders = [o for s in P.subjects(v) for o in P.orgs(s)]
    for obj in P.objects(v):
        target = P.project(obj)
        if target is None and not P.ctx.lex.dep_word("project_nouns", _f(obj)):
            target = next(iter(P.orgs(obj)), None)  # 'funds UNODC'; not 'funds a UNDP initiative' (no such org)
        if target is None:
            continue
        for org in funders:
            P.ctx.add("FUNDS", _org_name(P, org), target.name, span, "dep_active_subject", 0.8)


def _org_name(P: Parsed, m: Mention) -> str:
    if m.type == "Region":
        P.ctx.dropped.add((m.start, m.end))
        return f"Government of {m.name}"
    return m.name


def _implements_verb(P: Parsed, v: Token) -> None:
    span = _sent_span(P, v)
    agents = [o for a in P.agents(v) for o in P.orgs(a)]
    if agents:
        projects = [P.project(t) for t in P.passive_subjects(v)]
        rule = "dep_passive_agent"
    else:
        agents = [o for s in P.subjects(v) for o in P.orgs(s)]
        projects = [P.project(t) for t in P.objects(v)]
        rule = "dep_active_subject"
        if not any(projects):
            # 'the workshop that UNODC organised': the object is the relative pronoun's antecedent
            projects = [P.project(c) for c in v.children if c.dep_ in _OBJ and _f(c) in _REL_PRONOUNS]
    found = [p for p in projects if p is not None]
    partners = _partners(P, v)
    partners = [p for p in partners if p.name not in {a.name for a in agents}]
    leads = [_org_name(P, a) for a in agents]
    if not leads and found:
        leads = list(P.ctx.implementers.get(found[0].name, []))
    for p in found:
        for org in agents:
            P.ctx.add("IMPLEMENTS", _org_name(P, org), p.name, span, rule, 0.85)
        for org in partners if rule != "dep_passive_agent" else ():  # 'implemented by X in partnership with Y'
            P.ctx.add("IMPLEMENTS", _org_name(P, org), p.name, span, "dep_with_partner", 0.75)
    for lead in leads:
        for org in partners:
            P.ctx.add("PARTNERS_WITH", lead, _org_name(P, org), span, "dep_with_partner", 0.8)
    if len(agents) >= 2 and found:
        for i, a in enumerate(agents[:4]):
            for b in agents[i + 1 : 4]:
                P.ctx.add("PARTNERS_WITH", _org_name(P, a), _org_name(P, b), span, "dep_co_subjects", 0.75)


def _partners(P: Parsed, v: Token) -> list[Mention]:
    """'in partnership with X', 'together with X', 'co-organized ... with X', 'en partenariat avec X'."""
    lex = P.ctx.lex
    co = _f(v).startswith("co")
    marked = co or any(lex.dep_word("partner_adverbs", _f(c)) or lex.dep_word("partner_nouns", _f(c))
                       for c in v.children)
    out: list[Mention] = []
    heads: list[Token] = [v]
    if co:
        heads += [c for c in v.children if c.dep_ in _OBJ]
    for h in heads:
        for c in h.children:
            cw = _f(c)
            if c.dep_ == "prep" and cw == "with":
                adv = any(lex.dep_word("partner_adverbs", _f(g)) for g in c.children) or (
                    c.i > 0 and lex.dep_word("partner_adverbs", _f(c.doc[c.i - 1])))
                if marked or adv:
                    out += [o for g in c.children if g.dep_ == "pobj" for o in P.orgs(g)]
            elif c.dep_ == "prep" and cw in ("in", "en"):
                for n in c.children:
                    if n.dep_ == "pobj" and lex.dep_word("partner_nouns", _f(n)):
                        out += [o for g in P.with_args(n, "with") for o in P.orgs(g)]
            elif c.dep_ in _OBLIQUE and lex.dep_word("partner_nouns", cw):
                out += [o for g in P.with_args(c, "avec") for o in P.orgs(g)]
            elif c.dep_ in _OBLIQUE and any(_f(g) == "avec" and g.dep_ == "case" for g in c.children):
                prev = c.doc[c.left_edge.i - 1] if c.left_edge.i > 0 else None
                if marked or (prev is not None and lex.dep_word("partner_adverbs", _f(prev))):
                    out += P.orgs(c)
    seen: list[Mention] = []
    for m in out:
        if m.name not in {x.name for x in seen}:
            seen.append(m)
    return seen


def _possessive_project(P: Parsed, n: Token) -> None:
    """"X's project", 'its project "Y"', 'a project of X', 'son projet' -> IMPLEMENTS."""
    if not P.ctx.lex.dep_word("project_nouns", _f(n)) or _f(n) not in _PROJECT_WORDS:
        return
    project = P.np(n, ("Project",))
    if project is None:
        end = P.pos(n) + len(n.text)
        nxt = [m for m in P.mentions if m.type == "Project" and end <= m.start <= end + 3]
        project = nxt[0] if nxt else None
    if project is None:
        return
    owners: list[Mention] = []
    for c in n.children:
        if c.dep_ in ("poss", "nmod:poss") or (c.dep_ == "det" and _f(c) in ("son", "sa", "leur")):
            if _f(c) in ("its", "their", "son", "sa", "leur"):
                verb = n.head.head if n.dep_ == "pobj" else n.head
                subj = P.agents(verb) or P.subjects(verb)
                owners += [o for s in subj for o in P.orgs(s)]
            else:
                owners += P.orgs(c)
        elif (c.dep_ == "prep" and _f(c) == "of") or (c.dep_ == "nmod" and any(_f(g) in ("de", "du", "d'")
                                                                               for g in c.children)):
            objs = [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else [c]
            owners += [o for g in objs for o in P.orgs(g) if o.type == "Organization"]
    for org in owners:
        P.ctx.add("IMPLEMENTS", _org_name(P, org), project.name, _sent_span(P, n), "dep_possessive", 0.75)


def _first_conjunct(t: Token) -> Token:
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    return t


def _threat_target(P: Parsed, m: Mention) -> None:
    """'designed to curb X', 'a project to curb X', 'vise à réduire X', 'training on X', 'lutter contre X'."""
    tok = P.head_token(m)
    if tok is None:
        return
    u = _first_conjunct(tok)
    if u.dep_ in ("compound", "nmod", "amod") and u.head is not u and P.at(u.head, ("Threat",)) is None:
        u = _first_conjunct(u.head)
    lex = P.ctx.lex
    verb: Token | None = None
    if u.dep_ in _OBJ and P.is_word("target_verbs", u.head):
        verb = u.head
    elif u.dep_ == "pobj" and lex.dep_word("target_preps", _f(u.head)):
        verb = u.head.head
    elif any(c.dep_ == "case" and lex.dep_word("target_preps", _f(c)) for c in u.children):
        verb = u.head
    if verb is None or verb is u:
        return
    if not P.is_word("target_verbs", verb) and _f(u.head) in ("on", "sur") and P.np(verb, ("Project",)) is None \
            and not P.ctx.lex.dep_word("project_nouns", _f(verb)):
        return  # 'on X' only after a project or activity noun ('training on X')
    project = P.clause_project(verb)
    if project is None:
        return
    span = _sent_span(P, tok)
    for t in P.listed(m, ("Threat",)):
        P.ctx.add("TARGETS", project.name, t.name, span, "dep_purpose_object", 0.75)


def _place_target(P: Parsed, m: Mention) -> None:
    """'a workshop in Dori', 'held a training in X', 'un atelier à Niamey et à Zinder': where the activity happens."""
    tok = P.head_token(m)
    if tok is None:
        return
    u = _first_conjunct(tok)
    lex = P.ctx.lex
    attach: Token | None = None
    if u.dep_ == "pobj" and lex.dep_word("place_preps", _f(u.head)):
        attach = u.head.head
    elif any(c.dep_ == "case" and lex.dep_word("place_preps", _f(c)) for c in u.children):
        attach = u.head
    if attach is None or attach is u:
        return
    project: Mention | None = None
    if attach.pos_ in ("NOUN", "PROPN"):
        project = P.np(attach, ("Project",)) or (P.project(attach) if lex.dep_word("project_nouns", _f(attach))
                                                 else None)
        if project is None and attach.dep_ in ("pobj", "nmod") and attach.head.dep_ == "prep":
            host = attach.head.head  # 'a programme for prosecutors in X'
            if host.pos_ in ("NOUN", "PROPN"):
                project = P.np(host, ("Project",))
    elif attach.pos_ in ("VERB", "AUX") and (P.is_word("implement_verbs", attach) or _f(attach) in (
            "held", "hold", "holds", "took", "tenu", "tenue", "deroule", "tient", "place", "based")):
        for c in attach.children:
            if c.dep_ in _OBJ + _SUBJ_PASS + _SUBJ:
                found = P.project(c)
                if found is not None:
                    project = found
                    break
    if project is None or project.start <= m.start < project.end:
        return
    span = _sent_span(P, tok)
    for r in P.listed(m, ("Region",)):
        P.ctx.add("TARGETS", project.name, r.name, span, "dep_activity_place", 0.7)


def _apposition(P: Parsed, m: Mention) -> None:
    """'Jane Doe, head of X', 'X's director, Jane Doe', 'Mme Y, coordonnatrice du projet à l'AJA'."""
    tok = P.head_token(m)
    if tok is None:
        return
    roles = P.ctx.lex.words["roles"]
    cands = [c for c in tok.children if c.dep_ == "appos"]
    if tok.dep_ == "appos":
        cands.append(tok.head)
    for a in cands:
        if fold_phrase(a.text) not in roles:
            continue
        pm = (P.pos(tok.left_edge), P.pos(tok.right_edge))
        orgs = [x for x in P.mentions if x.type == "Organization"
                and P.pos(a.left_edge) <= x.start < P.pos(a.right_edge) + len(a.right_edge.text)
                and not (pm[0] <= x.start <= pm[1] and a.head is not tok)]
        orgs = [x for x in orgs if not (m.start <= x.start < m.end)]
        names = [x.name for x in orgs]
        if not names:
            # 'the UNDP programme manager': an organization inside a project name within the title
            lo, hi = P.pos(a.left_edge), P.pos(a.right_edge) + len(a.right_edge.text)
            for x in P.mentions:
                if x.type == "Project" and lo <= x.start < hi:
                    names += [g.entry.name for g in default_gazetteer().find(x.text)
                              if g.entry.type == "Organization" and g.start == 0]
        if not names:
            continue
        words = [t.text for t in a.subtree if t.i <= a.i and t.dep_ not in ("det", "punct", "poss")]
        role = " ".join(words).strip() or a.text
        P.ctx.add("AFFILIATED_WITH", m.name, names[0], _sent_span(P, tok), "dep_apposition", 0.8, role=role)
        return


def _link_verb(P: Parsed, v: Token) -> None:
    """'X fuels Y', 'A, B and C finance terrorism', 'X and Y feed each other', 'X coexiste avec Y'."""
    threats = ("Threat",)
    subjects = [t for s in P.subjects(v) for t in P.group(s, threats, strict=True)]
    if not subjects:
        return
    objects = [t for o in P.objects(v) for t in P.group(o, threats, strict=True)]
    objects += [t for o in P.with_args(v, "with") + P.with_args(v, "avec") for t in P.group(o, threats, strict=True)]
    span = _sent_span(P, v)
    names = list(dict.fromkeys(t.name for t in subjects))
    if objects:
        for a in names:
            for b in dict.fromkeys(t.name for t in objects):
                P.ctx.add("LINKED_TO", a, b, span, "dep_link_verb", 0.7)
        return
    sent = fold_phrase(P.ctx.text[span[0] : span[1]])
    reflexive = any(_f(c) in ("se", "s'") for c in v.children)
    if len(names) >= 2 and (_EACH_OTHER.search(sent) or reflexive):
        for i, a in enumerate(names[:4]):
            for b in names[i + 1 : 4]:
                P.ctx.add("LINKED_TO", a, b, span, "dep_link_verb", 0.7)
