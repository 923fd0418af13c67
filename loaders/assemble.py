"""The last stage: a document's context (mentions, decided relations) -> the Extraction the writer stores."""

from __future__ import annotations

import re
from typing import Any

from graph_schema.contract import DocumentMeta, Extraction, RelationRecord
from loaders.context import DocContext
from loaders.resolution import entity_records

_SIGNATURE_TYPES = {"FUNDS": ("Organization", None), "IMPLEMENTS": ("Organization", "Project"),
                    "PARTNERS_WITH": ("Organization", "Organization"), "AFFILIATED_WITH": ("Person", "Organization"),
                    "LINKED_TO": ("Threat", "Threat"), "TARGETS": ("Project", None), "LOCATED_IN": (None, "Region")}


def assemble(meta: DocumentMeta, ctx: DocContext) -> Extraction:
    groups = dict(ctx.groups)
    used = {(m.type, m.name) for m in ctx.mentions if (m.start, m.end) not in ctx.dropped}
    for rel in ctx.relations.values():
        for end, slot in ((rel.source, 0), (rel.target, 1)):
            typ = _end_type(rel.type, slot, end, ctx, groups)
            if typ and (typ, end) not in used:
                used.add((typ, end))
                if end.startswith("Government of "):
                    groups.setdefault((typ, end), (end.removeprefix("Government of "),))
    for typ, name in used:
        if typ == "Organization" and name.startswith("Government of "):
            extra = government_aliases(ctx.taxonomy, name.removeprefix("Government of "))
            groups[(typ, name)] = tuple(dict.fromkeys((*groups.get((typ, name), ()), *extra)))
    relations: list[RelationRecord] = sorted(ctx.relations.values(), key=lambda r: (r.type, r.source, r.target))
    return Extraction(document=meta, entities=tuple(entity_records(groups, used)), relations=tuple(relations))


def government_aliases(taxonomy: Any, state: str) -> tuple[str, ...]:
    """'Government of Czechia': also 'Czechia', 'Czech Republic', 'Government of the Czech Republic'."""
    region = taxonomy.region_named(state)
    names = (state, *(region.aliases if region is not None else ()))
    out: list[str] = []
    for n in names:
        if n[:1].isupper() and len(n) > 2:
            out += [n, f"Government of {n}"]
            if re.search(r"\b(?:Republic|Kingdom|States|Netherlands|Emirates|Islands|Union|Federation)\b", n):
                out.append(f"Government of the {n}")  # 'the Government of the Netherlands'
    return tuple(dict.fromkeys(a for a in out if a != f"Government of {state}"))


def _end_type(
    rel_type: str, slot: int, name: str, ctx: DocContext, groups: dict[tuple[str, str], tuple[str, ...]]
) -> str | None:
    fixed = _SIGNATURE_TYPES[rel_type][slot]
    if fixed:
        return fixed
    for typ in ("Organization", "Project", "Threat", "Region"):
        if (typ, name) in groups:
            return typ
    if ctx.taxonomy.region_named(name) is not None:
        return "Region"
    if rel_type == "TARGETS":
        return "Threat"
    return "Organization"
