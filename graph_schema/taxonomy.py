"""The taxonomy: known actors, threat vocabulary and regions, as validated frozen models.

Data lives in ``graph_schema/taxonomy/*.yaml``; every pycountry country is added as a Region.
Loaded once per process (:func:`load_taxonomy` is cached). Imports nothing from loaders/app.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, Literal, TypeVar

import pycountry
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph_schema.errors import SchemaFileError
from graph_schema.names import normalize_name

TAXONOMY_DIR = Path(__file__).with_name("taxonomy")
ActorKind = Literal["international", "national", "ngo", "armed_group", "donor", "media"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Actor(_Frozen):
    name: str = Field(min_length=1)
    kind: ActorKind
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    aliases: tuple[str, ...] = ()


class Threat(_Frozen):
    name: str = Field(min_length=1, pattern=r"^[^A-Z]+$")
    aliases: tuple[str, ...] = ()
    bare: tuple[str, ...] = ()


class Region(_Frozen):
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    kind: Literal["country", "place"] = "place"
    code: str | None = None
    demonyms: tuple[str, ...] = ()
    located_in: tuple[str, ...] = ()


class Taxonomy(_Frozen):
    version: str
    actors: tuple[Actor, ...]
    threats: tuple[Threat, ...]
    regions: tuple[Region, ...]
    not_same: tuple[tuple[str, str], ...] = ()

    def region_named(self, name: str) -> Region | None:
        return _region_index(self).get(normalize_name(name))

    def is_not_same(self, a: str, b: str) -> bool:
        pair = {normalize_name(a), normalize_name(b)}
        return any({normalize_name(x), normalize_name(y)} == pair for x, y in self.not_same)


_T = TypeVar("_T")


def per_taxonomy(build: Callable[[Taxonomy], _T]) -> Callable[[Taxonomy], _T]:
    """Cache what ``build`` derives from a taxonomy, once per taxonomy object, keyed by its identity (the
    taxonomy is frozen, and hashing its fields at every lookup would cost more than the lookup)."""
    cache: dict[int, tuple[Taxonomy, _T]] = {}

    @wraps(build)
    def cached(tax: Taxonomy) -> _T:
        hit = cache.get(id(tax))
        if hit is not None and hit[0] is tax:
            return hit[1]
        value = build(tax)
        cache[id(tax)] = (tax, value)
        return value

    return cached


@per_taxonomy
def _region_index(tax: Taxonomy) -> dict[str, Region]:
    """Normalised name -> region."""
    index: dict[str, Region] = {}
    for region in tax.regions:
        for key in (region.name, *region.aliases):
            index.setdefault(normalize_name(key), region)
    return index


def _read(name: str) -> dict[str, Any]:
    path = TAXONOMY_DIR / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SchemaFileError(f"{path}: cannot read taxonomy file: {exc}") from None
    if not isinstance(data, dict):
        raise SchemaFileError(f"{path}: top level must be a mapping")
    return data


def _countries(extra: dict[str, Any]) -> list[Region]:
    out: list[Region] = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        add = extra.get(country.alpha_2) or {}
        common = getattr(country, "common_name", None) or country.name
        names = [country.name, getattr(country, "official_name", "") or "", *add.get("aliases", [])]
        aliases = tuple(dict.fromkeys(n for n in names if n and n != common and "," not in n))
        out.append(
            Region(
                name=common,
                aliases=aliases,
                kind="country",
                code=country.alpha_2,
                demonyms=tuple(add.get("demonyms", [])),
                located_in=("Africa",) if country.alpha_2 in _AFRICA else (),
            )
        )
    return out


_AFRICA = frozenset(
    "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU MA MZ "
    "NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW".split()
)


def _subdivisions(spec: dict[str, Any], known: list[Region]) -> list[Region]:
    """First-level subdivisions (pycountry) of the listed countries, as places in their country.

    ``spec`` maps an ISO alpha-2 code to the subdivision types to take; names that are common words
    ("Est", "Centre", "Sahel") or already known regions are skipped."""
    skip = {normalize_name(n) for n in spec.get("skip", [])}
    taken = {normalize_name(k) for r in known for k in (r.name, *r.aliases)}
    by_code = {r.code: r.name for r in known if r.code}
    out: list[Region] = []
    for code in sorted(k for k in spec if k != "skip"):
        types = set(spec[code] or [])
        country = by_code.get(code)
        if country is None:
            continue
        subs: list[Any] = list(pycountry.subdivisions.get(country_code=code) or [])  # type: ignore[no-untyped-call]
        for sub in sorted(subs, key=lambda x: x.code):
            key = normalize_name(sub.name)
            if (types and sub.type not in types) or key in skip or key in taken or len(key) < 4:
                continue
            taken.add(key)
            out.append(Region(name=sub.name, located_in=(country,)))
    return out


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """Read and validate the taxonomy files once per process."""
    actors_raw, threats_raw, regions_raw = _read("actors.yaml"), _read("threats.yaml"), _read("regions.yaml")
    try:
        regions = _countries(regions_raw.get("countries") or {})
        regions += [
            Region(name=p["name"], aliases=tuple(p.get("aliases", [])), located_in=tuple(p.get("in", [])))
            for p in regions_raw.get("places") or []
        ]
        regions += _subdivisions(regions_raw.get("subdivisions") or {}, regions)
        tax = Taxonomy(
            version="-".join(str(d.get("version", 0)) for d in (actors_raw, threats_raw, regions_raw)),
            actors=tuple(Actor.model_validate(a) for a in actors_raw.get("actors") or []),
            threats=tuple(Threat.model_validate(t) for t in threats_raw.get("threats") or []),
            regions=tuple(regions),
            not_same=tuple((str(a), str(b)) for a, b in actors_raw.get("not_same") or []),
        )
    except (ValidationError, KeyError, TypeError, ValueError) as exc:
        raise SchemaFileError(f"{TAXONOMY_DIR}: invalid taxonomy: {exc}") from None
    _check_hierarchy(tax)
    return tax


def _check_hierarchy(tax: Taxonomy) -> None:
    known = _region_index(tax)
    for region in tax.regions:
        for parent in region.located_in:
            if normalize_name(parent) not in known:
                raise SchemaFileError(f"{TAXONOMY_DIR}/regions.yaml: {region.name} is in unknown region {parent!r}")
