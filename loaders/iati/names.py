"""Canonical graph entities for what an IATI file names: organisations, countries, regions, threats.

Organisations go through the actor gazetteer (graph_schema/taxonomy/actors.yaml), so "United Nations
Office on Drugs and Crime" is the same UNODC the text pipeline finds; a government organisation named
after a country is that country's government as a donor ("Government of Japan", alias "Japan"), as
GUIDE.md and the text pipeline say. The organisation identifier (``ref``) is kept as an alias (so two
files naming the same ref meet on one node) and as the ``iati_ref`` property.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from graph_schema.contract import EntityRecord
from graph_schema.iati_mapping import IatiMapping
from graph_schema.names import is_generic_name, normalize_name
from graph_schema.taxonomy import Actor, Region, Taxonomy, Threat, load_taxonomy, per_taxonomy

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Narratives:
    """An element's narratives: (language, text) in file order; ``default`` is the activity's language."""

    items: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, element: etree._Element | None, default_lang: str) -> Narratives:
        if element is None:
            return cls(())
        out = []
        for narrative in element.findall("narrative"):
            text = " ".join((narrative.text or "").split())
            if text:
                out.append(((narrative.get(XML_LANG) or default_lang or "").lower(), text))
        return cls(tuple(out))

    def preferred(self) -> str | None:
        """The English narrative if there is one, else the first."""
        for lang, text in self.items:
            if lang == "en":
                return text
        return self.items[0][1] if self.items else None

    def all(self) -> list[str]:
        return list(dict.fromkeys(text for _, text in self.items))


@dataclass(frozen=True)
class _Indexes:
    actors: dict[str, Actor]
    threats: dict[str, Threat]
    countries: dict[str, Region]


@per_taxonomy
def _indexes(tax: Taxonomy) -> _Indexes:
    """Lookups built once per taxonomy object."""
    actors: dict[str, Actor] = {}
    for actor in tax.actors:
        for key in (actor.name, *actor.aliases):
            actors.setdefault(normalize_name(key), actor)
    return _Indexes(actors, {normalize_name(t.name): t for t in tax.threats},
                    {r.code: r for r in tax.regions if r.kind == "country" and r.code})


def organisation(names: list[str], ref: str | None, org_type: str | None, mapping: IatiMapping,
                 tax: Taxonomy | None = None) -> EntityRecord | None:
    """The Organization an IATI organisation element stands for (None without a narrative or a ref)."""
    tax = tax or load_taxonomy()
    ref = ref.strip() if ref and ref.strip() else None
    props = (("iati_ref", ref),) if ref else ()
    index = _indexes(tax).actors
    for text in names:
        actor = index.get(normalize_name(text))
        if actor is not None:
            aliases = [*actor.aliases, *names, *([ref] if ref else [])]
            return EntityRecord(name=actor.name, type="Organization", aliases=_distinct(actor.name, aliases),
                                properties=props)
    if org_type in mapping.government_types:
        for text in names:
            country = tax.region_named(text)
            if country is not None and country.kind == "country":
                name = f"Government of {country.name}"
                aliases = [country.name, *names, *([ref] if ref else [])]
                return EntityRecord(name=name, type="Organization", aliases=_distinct(name, aliases), properties=props)
    if names:
        return EntityRecord(name=names[0], type="Organization", aliases=_distinct(names[0], [*names, *([ref] if ref
                            else [])]), properties=props)
    if ref:
        return EntityRecord(name=ref, type="Organization", properties=props)
    return None


_ACRONYM_END = re.compile(r"^(?P<long>.*\S)\s*\((?P<short>[A-Z][A-Za-z0-9-]{1,15})\)$")


def title_aliases(titles: list[str], org_names: list[str]) -> list[str]:
    """Names a report may use for the activity: each title, "Long Name (ACR)" split into both, and a title that
    starts with one of its organisations' names without it ("UNODC Sahel Programme" -> "Sahel Programme")."""
    out: list[str] = []
    prefixes = sorted({n for n in org_names if n}, key=len, reverse=True)
    for title in titles:
        out.append(title)
        match = _ACRONYM_END.match(title)
        if match:
            out += [match.group("long"), match.group("short")]
        for prefix in prefixes:
            if title.lower().startswith(prefix.lower() + " "):
                rest = title[len(prefix):].strip()
                if len(rest.split()) >= 2 and not is_generic_name(normalize_name(rest)):
                    out.append(rest)
                break
    return list(dict.fromkeys(out))


def country(code: str, tax: Taxonomy | None = None) -> Region | None:
    return _indexes(tax or load_taxonomy()).countries.get(code.strip().upper())


def region_entity(region: Region) -> EntityRecord:
    return EntityRecord(name=region.name, type="Region", aliases=_distinct(region.name, list(region.aliases)))


def threat_entity(name: str, tax: Taxonomy | None = None) -> EntityRecord:
    threat = _indexes(tax or load_taxonomy()).threats[normalize_name(name)]
    return EntityRecord(name=threat.name, type="Threat", aliases=_distinct(threat.name, list(threat.aliases)))


def _distinct(name: str, aliases: list[str]) -> tuple[str, ...]:
    seen = {normalize_name(name)}
    out = []
    for alias in aliases:
        key = normalize_name(alias)
        if key and key not in seen:
            seen.add(key)
            out.append(alias)
    return tuple(out)
