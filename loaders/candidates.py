"""Propose: every type-compatible pair of mentions in a sentence becomes a relation candidate with features.

A candidate is (relation type, source mention, target mention, the sentence that would be its evidence). Pairs
come from each sentence (ordered by the relation's signature; both directions where it is ambiguous), and from
the document's main activity to the threats and places of sentences that name no other project ("the
programme also covers ..."). Features describe the pair the way the rules read it — cue-lexicon hits between and
around the two mentions (cues.yaml, both languages), words and dependency path between them, distance,
coordination, negation, entity kinds, whether a hand-written rule already produced the fact — and are strings
such as ``FUNDS|cue_btw=FUNDS.passive_by``. ``loaders/scorer.py`` decides.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from loaders.context import DocContext, gap_is_list
from loaders.mentions import Mention
from loaders.textfold import fold_phrase

# relation type -> (source types, target types); a country Region may stand for its government as a source
SIGNATURES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "FUNDS": (("Organization", "Country"), ("Project", "Organization")),
    "PARTNERS_WITH": (("Organization", "Country"), ("Organization", "Country")),
    "IMPLEMENTS": (("Organization",), ("Project",)),
    "TARGETS": (("Project",), ("Threat", "Region")),
    "AFFILIATED_WITH": (("Person",), ("Organization",)),
    "LINKED_TO": (("Threat",), ("Threat",)),
    "LOCATED_IN": (("Region", "Organization"), ("Region",)),
}
SYMMETRIC = frozenset({"PARTNERS_WITH", "LINKED_TO"})
_NEGATION = re.compile(r"\b(?:not|no longer|never|n['’]|ne|pas|jamais|plus)\b", re.IGNORECASE)
_CONTENT_POS = frozenset({"VERB", "NOUN", "ADP", "ADJ", "AUX", "PROPN"})
MAX_BETWEEN_TOKENS = 12


@dataclass(frozen=True)
class Candidate:
    type: str
    source: Mention
    target: Mention
    sentence: tuple[int, int]
    features: tuple[str, ...]

    @property
    def source_name(self) -> str:
        return government_name(self.source)

    @property
    def target_name(self) -> str:
        if self.type == "PARTNERS_WITH":
            return government_name(self.target)
        return self.target.name


def government_name(m: Mention) -> str:
    """A country in an organization's slot is its government ('funded by Denmark' -> Government of Denmark)."""
    return f"Government of {m.name}" if _role_type(m) == "Country" else m.name


def _role_type(m: Mention) -> str:
    if m.type == "Region" and m.attr("kind") == "country":
        return "Country"
    return m.type


def _fits(m: Mention, allowed: tuple[str, ...]) -> bool:
    role = _role_type(m)
    return role in allowed or (role == "Country" and "Region" in allowed)


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[tuple[str, str]] = set()
    out: list[Mention] = []
    for m in mentions:
        key = (m.type, m.name)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _usable(ctx: DocContext) -> list[Mention]:
    return [m for m in ctx.mentions if m.name.strip()]


def propose(ctx: DocContext) -> list[Candidate]:
    """Every candidate of the document, in text order; deterministic."""
    reader = _Reader(ctx)
    mentions = _usable(ctx)
    out: list[Candidate] = []
    seen: set[tuple[str, str, str]] = set()
    sentence_projects: dict[tuple[int, int], bool] = {}
    for sent in ctx.sentences:
        inside = _unique([m for m in mentions if sent[0] <= m.start and m.end <= sent[1]])
        sentence_projects[sent] = any(m.type == "Project" for m in inside)
        for i, a in enumerate(inside):
            for b in inside[i + 1 :]:
                for first, second in ((a, b), (b, a)):
                    for rel, (srcs, tgts) in SIGNATURES.items():
                        if first.name == second.name or not (_fits(first, srcs) and _fits(second, tgts)):
                            continue
                        if any((m.start, m.end) in ctx.dropped and "Country" not in allowed
                               for m, allowed in ((first, srcs), (second, tgts))):
                            continue  # a country the rules read as its government is no place here
                        if rel in SYMMETRIC and second.start < first.start:
                            continue
                        key = _key(rel, government_name(first), government_name(second))
                        if key in seen:
                            continue
                        seen.add(key)
                        out.append(Candidate(rel, first, second, sent, reader.features(rel, first, second, sent)))
    regions = _unique([m for m in mentions if m.type == "Region"])
    for a in regions:  # 'Agadez ... Niger': places the taxonomy puts inside another place the document names
        for b in regions:
            key = _key("LOCATED_IN", a.name, b.name)
            if a.name == b.name or key in seen or not reader.inside(a, b) or (a.start, a.end) in ctx.dropped:
                continue
            seen.add(key)
            sent = ctx.sentence_of(a.start)
            out.append(Candidate("LOCATED_IN", a, b, sent, reader.features("LOCATED_IN", a, b, sent, doc=True)))
    for org in _unique([m for m in mentions if m.type == "Organization" and m.country]):
        # 'the Nigerien gendarmerie', a national body of the taxonomy: the body's country, where the text names it
        place = next((r for r in regions if r.name == org.country), None)
        key = _key("LOCATED_IN", org.name, org.country or "")
        if place is None or key in seen:
            continue
        seen.add(key)
        sent = ctx.sentence_of(org.start)
        out.append(Candidate("LOCATED_IN", org, place, sent,
                             (*reader.features("LOCATED_IN", org, place, sent, doc=True), "org_country")))
    main = _main_project(ctx, mentions)
    if main is None:
        return out
    for sent in ctx.sentences:
        # the document's main activity and what a sentence says without naming it ('Funding came from X.')
        for t in _unique([m for m in mentions if sent[0] <= m.start and m.end <= sent[1]]):
            if (t.start, t.end) in ctx.dropped and t.type == "Region":
                continue
            if t.type in ("Threat", "Region") and not sentence_projects.get(sent):
                pairs = [("TARGETS", main, t)]
            elif _fits(t, SIGNATURES["FUNDS"][0]):
                pairs = [("FUNDS", t, main)] + ([("IMPLEMENTS", t, main)] if t.type == "Organization" else [])
            else:
                continue
            for rel, src, tgt in pairs:
                key = _key(rel, government_name(src), tgt.name)
                if key in seen:
                    continue
                seen.add(key)
                out.append(Candidate(rel, src, tgt, sent, reader.features(rel, src, tgt, sent, doc=True)))
    return out


def _key(rel: str, source: str, target: str) -> tuple[str, str, str]:
    if rel in SYMMETRIC:
        first, second = sorted((source, target))
        return rel, first, second
    return rel, source, target


def _main_project(ctx: DocContext, mentions: list[Mention]) -> Mention | None:
    projects = [m for m in mentions if m.type == "Project"]
    if not projects:
        return None
    counts: dict[str, int] = {}
    for p in projects:
        counts[p.name] = counts.get(p.name, 0) + 1
    best = max(counts.values())
    return next(p for p in projects if counts[p.name] == best)


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


class _Reader:
    """Reads the features of pairs in one document (cue regexes, tokens, dependency paths)."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.cues = [(f"{rel}.{group}", rx) for rel, groups in ctx.lex.cues.items() for group, rx in groups.items()]
        self.tokens: list[tuple[int, Token]] = sorted(((off + t.idx, t) for off, doc in ctx.parses for t in doc),
                                                      key=lambda pt: (pt[0], pt[1].i))
        self._starts = [pos for pos, _ in self.tokens]
        self.rule_pairs: dict[tuple[str, str], set[str]] = {}
        for rel_type, src, tgt in ctx.relations:
            self.rule_pairs.setdefault(tuple(sorted((src, tgt))), set()).add(rel_type)  # type: ignore[arg-type]
        self.main = _main_project(ctx, _usable(ctx))
        self.n_projects = len({m.name for m in ctx.mentions if m.type == "Project"})

    def inside(self, a: Mention, b: Mention) -> bool:
        region = self.ctx.taxonomy.region_named(a.name)
        return region is not None and b.name in region.located_in

    def _cue_hits(self, start: int, end: int) -> list[str]:
        if end <= start:
            return []
        folded = fold_phrase(self.ctx.text[start:end]) if end - start < 400 else ""
        return sorted({name for name, rx in self.cues if rx.search(folded)})

    def _tokens(self, start: int, end: int) -> list[Token]:
        # tokens are in text order (segments in order, tokens in order): bisect to the first at or after start
        i = bisect.bisect_left(self._starts, start)
        out: list[Token] = []
        for pos, t in self.tokens[i:]:
            if pos >= end:
                break
            if pos + len(t.text) <= end:
                out.append(t)
        return out

    def _head(self, m: Mention) -> Token | None:
        toks = self._tokens(m.start, m.end)
        if not toks:
            return None
        inside = {t.i for t in toks}
        for t in toks:
            if t.head.i not in inside or t.head is t:
                return t
        return toks[-1]

    def _path(self, a: Token, b: Token) -> tuple[str, str]:
        if a.doc is not b.doc:
            return "none", "none"
        up_a = [a, *a.ancestors]
        ids_a = {t.i: k for k, t in enumerate(up_a)}
        for k, t in enumerate([b, *b.ancestors]):
            if t.i in ids_a:
                left = [x.dep_ for x in up_a[: ids_a[t.i]]][:3]
                right = [x.dep_ for x in [b, *b.ancestors][:k]][:3]
                return t.lemma_.lower() if t.pos_ in ("VERB", "NOUN", "AUX") else t.pos_, \
                    "/".join(left) + ">" + "/".join(reversed(right))
        return "none", "none"

    def features(self, rel: str, src: Mention, tgt: Mention, sent: tuple[int, int], doc: bool = False) -> tuple[
            str, ...]:
        ctx = self.ctx
        f: list[str] = ["bias", f"src={_role_type(src)}", f"tgt={_role_type(tgt)}",
                        f"src_from={src.source}", f"tgt_from={tgt.source}"]
        for m, side in ((src, "src"), (tgt, "tgt")):
            kind = m.attr("kind")
            if kind:
                f.append(f"{side}_kind={kind}")
            if m.bare:
                f.append(f"{side}_bare")
        rules = self.rule_pairs.get(tuple(sorted((src.name, tgt.name))), set())  # type: ignore[arg-type]
        gsrc, gtgt = government_name(src), government_name(tgt)
        rules |= self.rule_pairs.get(tuple(sorted((gsrc, gtgt))), set())  # type: ignore[arg-type]
        if rel in rules:
            f.append("rule")
        f += [f"rule_other={r}" for r in sorted(rules - {rel})]
        if self.main is not None and self.main.name in (src.name, tgt.name):
            f.append("main_project")
        if sent[0] <= (self.main.start if self.main else -1) < sent[1]:
            f.append("sentence_names_main")
        if rel == "LOCATED_IN" and self.inside(src, tgt):
            f.append("taxonomy_inside")
        if self.n_projects == 1 and "Project" in (src.type, tgt.type):
            f.append("single_project")
        text = ctx.text
        if sent == ctx.sentences[0] if ctx.sentences else False:
            f.append("first_sentence")
        if _NEGATION.search(text[sent[0] : sent[1]]):
            f.append("negated")
        if doc:
            f.append("doc_level")
            f += [f"sent_cue={c}" for c in self._cue_hits(sent[0], sent[1])]
            return tuple(f)
        first, second = (src, tgt) if src.start < tgt.start else (tgt, src)
        f.append("src_first" if first is src else "tgt_first")
        gap = text[first.end : second.start]
        f.append("dist" + _bucket(len(gap), (3, 30, 80, 160)))
        between = [m for m in ctx.mentions if first.end <= m.start and m.end <= second.start]
        f.append("between" + _bucket(len(between), (0, 1, 3)))
        if gap_is_list(gap):
            f.append("listed")
        if re.search(r"[;:]", gap):
            f.append("gap_semicolon")
        if re.fullmatch(r"\s*\(\s*", gap) or re.fullmatch(r"\s*,\s*", gap):
            f.append("gap_tight")
        f += [f"cue_btw={c}" for c in self._cue_hits(first.end, second.start)]
        f += [f"cue_pre={c}" for c in self._cue_hits(max(sent[0], first.start - 60), first.start)]
        f += [f"cue_post={c}" for c in self._cue_hits(second.end, min(sent[1], second.end + 60))]
        toks = self._tokens(first.end, second.start)
        if len(toks) <= MAX_BETWEEN_TOKENS:
            f += sorted({f"btw={t.lemma_.lower()}" for t in toks if t.pos_ in _CONTENT_POS})
        prev = self._tokens(max(sent[0], first.start - 30), first.start)[-1:]
        f += [f"pre1={t.lemma_.lower()}" for t in prev]
        ha, hb = self._head(src), self._head(tgt)
        if ha is not None and hb is not None:
            lca, path = self._path(ha, hb)
            f += [f"lca={lca}", f"path={path}"]
        return tuple(f)


def crossed(candidate: Candidate) -> Iterator[str]:
    """The features as the scorer sees them: each crossed with the relation type, plus a few shared ones."""
    for feat in candidate.features:
        yield f"{candidate.type}|{feat}"
