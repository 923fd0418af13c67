"""followthemoney entities as JSON lines, for Aleph / OpenAleph (``ftm`` / ``alephclient write-entities``).

Organization, Project and Person become FtM entities of the same name; Document nodes become
Document entities cited as ``proof``. FUNDS between organizations is a Payment (payer,
beneficiary); FUNDS and IMPLEMENTS to a project are ProjectParticipant (role funder /
implementer: a Payment needs a legal-entity beneficiary, which a project is not); PARTNERS_WITH
is an UnknownLink (role partner); AFFILIATED_WITH is a Membership. Regions and threats are not
FtM things: a project's TARGETS regions and an organization's LOCATED_IN regions become
``country`` (when the name is a country) or ``keywords``, a project's threats ``keywords``;
LINKED_TO (threat to threat) has no FtM form and is left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from typing import cast

import pycountry
from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.schema import ValidationData
from followthemoney.types import registry

from app.analytics.rows import GraphRows
from app.store.base import Row

NS = "sahel-nexus"
SCHEMATA = {"Organization": "Organization", "Project": "Project", "Person": "Person"}
LINKS: dict[tuple[str, str], tuple[str, str, str, str | None]] = {  # (type, target type) -> schema, src, dst, role
    ("FUNDS", "Organization"): ("Payment", "payer", "beneficiary", None),
    ("FUNDS", "Project"): ("ProjectParticipant", "participant", "project", "funder"),
    ("IMPLEMENTS", "Project"): ("ProjectParticipant", "participant", "project", "implementer"),
    ("PARTNERS_WITH", "Organization"): ("UnknownLink", "subject", "object", "partner"),
    ("AFFILIATED_WITH", "Organization"): ("Membership", "member", "organization", None),
}


def ftm_id(*parts: str) -> str:
    proxy = model.make_entity("Thing")
    proxy.make_id(NS, *parts)
    assert proxy.id is not None
    return proxy.id


def checked(proxy: EntityProxy) -> str:
    """One JSON line; raises followthemoney's InvalidData if the entity does not validate."""
    data = proxy.to_dict()
    proxy.schema.validate(cast(ValidationData, data))
    return json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"


def document_entity(doc: Row) -> EntityProxy:
    proxy = model.make_entity("Document")
    proxy.id = ftm_id("document", doc["id"])
    proxy.add("title", doc.get("title"))
    proxy.add("fileName", doc["id"])
    proxy.add("sourceUrl", doc.get("url"), quiet=True)
    proxy.add("date", doc.get("date"), quiet=True)
    proxy.add("language", doc.get("language"), quiet=True)
    return proxy


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """The ISO code when the region's name is a country's (exact lookup; FtM's fuzzy one takes seconds to load)."""
    try:
        code = str(pycountry.countries.lookup(name).alpha_2).lower()
    except LookupError:
        return None
    return code if registry.country.validate(code) else None


def _folded(rows: GraphRows) -> dict[str, dict[str, list[str]]]:
    """Per entity id, the country / keywords values folded in from the regions and threats it points to."""
    names = {r["id"]: (r["name"], r["type"]) for r in rows.entities(("Region", "Threat"))}
    folded: dict[str, dict[str, list[str]]] = {}
    for rel in rows.relationships():
        if rel["type"] in ("TARGETS", "LOCATED_IN") and rel["target"] in names:
            name, kind = names[rel["target"]]
            code = country_code(name) if kind == "Region" else None
            prop, value = ("country", code) if code else ("keywords", name)
            folded.setdefault(rel["source"], {}).setdefault(prop, []).append(value)
    return folded


def entity(row: Row, folded: dict[str, list[str]]) -> EntityProxy:
    proxy = model.make_entity(SCHEMATA[row["type"]])
    proxy.id = ftm_id(row["id"])
    proxy.add("name", row["name"])
    proxy.add("alias", row.get("aliases") or [])
    for prop, values in folded.items():
        proxy.add(prop, sorted(set(values)), cleaned=prop == "country", quiet=True)
    return proxy


def link(rel: Row, types: dict[str, str]) -> EntityProxy | None:
    spec = LINKS.get((rel["type"], types.get(rel["target"], "")))
    if spec is None or types.get(rel["source"]) not in SCHEMATA:
        return None
    schema, src, dst, role = spec
    proxy = model.make_entity(schema)
    proxy.id = ftm_id(rel["source"], rel["type"], rel["target"])
    proxy.add(src, ftm_id(rel["source"]))
    proxy.add(dst, ftm_id(rel["target"]))
    proxy.add("role", [role] if role else rel.get("roles") or [], quiet=True)
    proxy.add("description", " | ".join(rel.get("quotes") or [])[:4000] or None, quiet=True)
    proxy.add("proof", [ftm_id("document", d) for d in rel.get("documents") or []])
    return proxy


def ftm_lines(rows: GraphRows) -> Iterator[bytes]:
    folded = _folded(rows)
    types: dict[str, str] = {}
    for doc in rows.documents():
        yield checked(document_entity(doc)).encode()
    for row in rows.entities():
        if row["type"] in SCHEMATA:
            types[row["id"]] = row["type"]
            yield checked(entity(row, folded.get(row["id"], {}))).encode()
    for rel in rows.relationships():
        proxy = link(rel, types)
        if proxy is not None:
            yield checked(proxy).encode()
