"""The IATI mapping table (``iati_mapping.yaml``) as frozen pydantic models, validated once.

Relations must be schema types allowed from Organization to Project; sector threats and region
targets must be taxonomy entries. A malformed file raises :class:`SchemaFileError` naming it.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph_schema.errors import SchemaFileError
from graph_schema.model import GraphSchema, load_schema
from graph_schema.names import normalize_name
from graph_schema.taxonomy import Taxonomy, load_taxonomy

_CODE = r"^[0-9A-Za-z.-]{1,12}$"
SOURCE = "graph_schema/iati_mapping.yaml"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class ParticipatingRole(_Frozen):
    name: str = Field(min_length=1)
    relation: str = Field(pattern=r"^[A-Z][A-Z_]*$")
    role: str = Field(min_length=1, max_length=40)


class TransactionType(_Frozen):
    name: str = Field(min_length=1)
    funds: bool


class RegionCode(_Frozen):
    name: str = Field(min_length=1)
    region: str = Field(min_length=1)


class SectorCode(_Frozen):
    name: str = Field(min_length=1)
    threats: tuple[str, ...] = ()


class IatiMapping(_Frozen):
    version: int
    standard: str
    participating_roles: dict[str, ParticipatingRole]
    transaction_types: dict[str, TransactionType]
    activity_status: dict[str, str]
    activity_date_types: dict[str, str]
    government_types: tuple[str, ...] = ()
    regions: dict[str, RegionCode] = {}
    sectors: dict[str, SectorCode] = {}

    @property
    def rule_version(self) -> str:
        return f"iati-mapping-{self.version}"


def _check_codes(mapping: IatiMapping) -> list[str]:
    import re

    problems = []
    for table in ("participating_roles", "transaction_types", "activity_status", "activity_date_types", "regions",
                  "sectors"):
        for code in getattr(mapping, table):
            if not re.match(_CODE, code):
                problems.append(f"{table}: code {code!r} is not an IATI code")
    return problems


def check_mapping(mapping: IatiMapping, schema: GraphSchema, taxonomy: Taxonomy) -> None:
    """Cross-check the table against the schema and the taxonomy; raise SchemaFileError listing every problem."""
    problems = _check_codes(mapping)
    for code, role in mapping.participating_roles.items():
        if role.relation not in schema.fact_types or not schema.relationship(role.relation).allows(
                "Organization", "Project"):
            problems.append(f"participating_roles {code}: {role.relation} is not an Organization -> Project type")
    threats = {normalize_name(t.name) for t in taxonomy.threats}
    for code, sector in mapping.sectors.items():
        for threat in sector.threats:
            if normalize_name(threat) not in threats:
                problems.append(f"sectors {code}: threat {threat!r} is not in the taxonomy")
    for code, region in mapping.regions.items():
        if taxonomy.region_named(region.region) is None:
            problems.append(f"regions {code}: region {region.region!r} is not in the taxonomy")
    if problems:
        raise SchemaFileError(f"{SOURCE}: " + "; ".join(problems))


def parse_mapping(text: str, source: str = SOURCE) -> IatiMapping:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SchemaFileError(f"{source}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise SchemaFileError(f"{source}: top level must be a mapping")
    try:
        return IatiMapping.model_validate(raw)
    except ValidationError as exc:
        raise SchemaFileError(f"{source}: invalid IATI mapping: {exc}") from None


@lru_cache(maxsize=1)
def load_iati_mapping() -> IatiMapping:
    """The packaged table, validated against the schema and the taxonomy once per process."""
    text = resources.files("graph_schema").joinpath("iati_mapping.yaml").read_text(encoding="utf-8")
    mapping = parse_mapping(text)
    check_mapping(mapping, load_schema(), load_taxonomy())
    return mapping
