"""Walk each ``iati-activity`` through the mapping table (graph_schema/iati_mapping.yaml) into one Extraction.

Per activity: the Project (title narratives in every language as name + aliases, the iati-identifier as
an alias and ``iati_identifier``, status and dates as properties); the reporting organisation; each
participating-org by role (FUNDS / IMPLEMENTS with the role kept on the relationship); recipient
countries (ISO alpha-2 through the taxonomy) and regions (DAC region codes) as TARGETS Region; DAC
sectors as TARGETS Threat; budgets and money-in transactions as evidence of the FUNDS facts (type,
value, currency, date). Every fact's evidence names the activity, the element's XPath and its value.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from lxml import etree

from graph_schema.contract import DocumentMeta, EntityRecord, Evidence, Extraction, RelationRecord
from graph_schema.errors import BadDocument
from graph_schema.iati_mapping import IatiMapping, load_iati_mapping
from graph_schema.names import normalize_name
from graph_schema.taxonomy import Taxonomy, load_taxonomy
from loaders.iati import names
from loaders.iati.names import XML_LANG, Narratives
from loaders.iati.reader import DEFAULT_MAX_BYTES, parse_activity_file
from loaders.iati.records import EvidenceMaker


@dataclass(frozen=True)
class IatiLoad:
    extraction: Extraction
    activities: int
    notes: tuple[str, ...] = ()  # codes the table does not map, elements skipped


def content_document_id(data: bytes) -> str:
    """The id an upload of these bytes gets (the same rule as POST /documents)."""
    return "doc-" + hashlib.sha256(data).hexdigest()[:16]


@dataclass
class _Builder:
    mapping: IatiMapping
    tax: Taxonomy
    evidence: EvidenceMaker
    entities: dict[tuple[str, str], EntityRecord] = field(default_factory=dict)
    relations: list[RelationRecord] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def entity(self, record: EntityRecord) -> str:
        key = (record.type, normalize_name(record.name))
        known = self.entities.get(key)
        if known is None:
            self.entities[key] = record
        elif record.aliases or record.properties:
            aliases = tuple(dict.fromkeys((*known.aliases, *record.aliases)))
            props = dict(known.properties)
            for prop, value in record.properties:
                props.setdefault(prop, value)
            update = {"aliases": aliases, "properties": tuple(sorted(props.items()))}
            self.entities[key] = known.model_copy(update=update)
        return record.name

    def fact(self, rel_type: str, source: str, target: str, ev: Evidence, role: str | None = None) -> None:
        self.relations.append(RelationRecord(type=rel_type, source=source, target=target, role=role, evidence=(ev,)))


def _attr(element: etree._Element | None, name: str) -> str:
    return (element.get(name) or "").strip() if element is not None else ""


def _org_names(element: etree._Element, lang: str) -> list[str]:
    return Narratives.of(element, lang).all()


class _Activity:
    """One iati-activity element being mapped."""

    def __init__(self, b: _Builder, tree: etree._ElementTree, el: etree._Element, file_lang: str) -> None:
        self.b, self.tree, self.el = b, tree, el
        self.lang = (el.get(XML_LANG) or file_lang or "en").lower()
        self.currency = _attr(el, "default-currency")
        self.identifier = " ".join((el.findtext("iati-identifier") or "").split())
        if not self.identifier:
            raise BadDocument(f"activity {tree.getpath(el)} has no iati-identifier")

    def path(self, element: etree._Element) -> str:
        return str(self.tree.getpath(element))

    def ev(self, element_name: str, element: etree._Element, value: str) -> Evidence:
        return self.b.evidence.make(element_name, self.identifier, self.path(element), value)

    def org(self, element: etree._Element) -> EntityRecord | None:
        return names.organisation(_org_names(element, self.lang), element.get("ref"), element.get("type"),
                                  self.b.mapping, self.b.tax)

    def org_names(self) -> list[str]:
        """Every name of the activity's organisations (reporting and participating), for title aliases."""
        out: list[str] = []
        for element in (self.el.find("reporting-org"), *self.el.findall("participating-org")):
            record = self.org(element) if element is not None else None
            if record is not None:
                out += [record.name, *record.aliases]
        return out

    def project(self) -> str:
        titles = Narratives.of(self.el.find("title"), self.lang)
        name = titles.preferred() or self.identifier
        props = [("iati_identifier", self.identifier)]
        status = self.el.find("activity-status")
        code = _attr(status, "code")
        if code:
            props.append(("iati_status", f"{code} {self.b.mapping.activity_status.get(code, 'unknown')}".strip()))
        date_props = {"1": "iati_planned_start", "2": "iati_actual_start", "3": "iati_planned_end",
                      "4": "iati_actual_end"}
        for date in self.el.findall("activity-date"):
            prop = date_props.get(_attr(date, "type"))
            if prop and _attr(date, "iso-date"):
                props.append((prop, _attr(date, "iso-date")))
        aliases = names.title_aliases(titles.all(), self.org_names())
        record = EntityRecord(name=name, type="Project", aliases=(*aliases, self.identifier),
                              properties=tuple(dict(props).items()))
        return self.b.entity(record)

    def run(self) -> None:
        project = self.project()
        reporting = self.el.find("reporting-org")
        reporter = self.org(reporting) if reporting is not None else None
        reporter_name = self.b.entity(reporter) if reporter is not None else None
        funders = self._participants(project)
        self._recipients(project)
        self._sectors(project)
        self._budgets(project, funders)
        self._transactions(project, reporter_name)

    def _participants(self, project: str) -> list[str]:
        funders: list[str] = []
        for element in self.el.findall("participating-org"):
            code = _attr(element, "role")
            role = self.b.mapping.participating_roles.get(code)
            record = self.org(element)
            if role is None or record is None:
                self.b.notes.append(f"{self.identifier}: {self.path(element)} skipped (role {code or '?'}"
                                    f"{'' if record else ', no name or ref'})")
                continue
            name = self.b.entity(record)
            value = f"role {code} {role.name}: {record.name}" + (f" (ref {element.get('ref')})" if element.get("ref")
                                                                  else "")
            self.b.fact(role.relation, name, project, self.ev("participating-org", element, value), role.role)
            if role.relation == "FUNDS" and code == "1":
                funders.append(name)
        return funders

    def _recipients(self, project: str) -> None:
        for element in self.el.findall("recipient-country"):
            code = _attr(element, "code")
            region = names.country(code, self.b.tax)
            if region is None:
                self.b.notes.append(f"{self.identifier}: recipient-country {code!r} is not an ISO 3166 country")
                continue
            target = self.b.entity(names.region_entity(region))
            pct = _attr(element, "percentage")
            value = f"{code} {region.name}" + (f", {pct}%" if pct else "")
            self.b.fact("TARGETS", project, target, self.ev("recipient-country", element, value))
        for element in self.el.findall("recipient-region"):
            code, vocabulary = _attr(element, "code"), _attr(element, "vocabulary") or "1"
            entry = self.b.mapping.regions.get(code) if vocabulary == "1" else None
            region = self.b.tax.region_named(entry.region) if entry else None
            if entry is None or region is None:
                self.b.notes.append(f"{self.identifier}: recipient-region {code!r} (vocabulary {vocabulary}) "
                                    "is not in the mapping table")
                continue
            target = self.b.entity(names.region_entity(region))
            pct = _attr(element, "percentage")
            value = f"{code} {entry.name} -> {region.name}" + (f", {pct}%" if pct else "")
            self.b.fact("TARGETS", project, target, self.ev("recipient-region", element, value))

    def _sectors(self, project: str) -> None:
        for element in self.el.findall("sector"):
            code, vocabulary = _attr(element, "code"), _attr(element, "vocabulary") or "1"
            entry = self.b.mapping.sectors.get(code) if vocabulary == "1" else None
            if entry is None:
                self.b.notes.append(f"{self.identifier}: sector {code!r} (vocabulary {vocabulary}) maps to no threat")
                continue
            pct = _attr(element, "percentage")
            for threat in entry.threats:
                target = self.b.entity(names.threat_entity(threat, self.b.tax))
                value = f"DAC {code} {entry.name} -> {threat}" + (f", {pct}%" if pct else "")
                self.b.fact("TARGETS", project, target, self.ev("sector", element, value))

    def _money(self, value_el: etree._Element | None) -> str:
        if value_el is None:
            return "no value"
        amount = " ".join((value_el.text or "").split())
        currency = _attr(value_el, "currency") or self.currency or "?"
        return f"{amount} {currency}" + (f" (value date {_attr(value_el, 'value-date')})"
                                         if _attr(value_el, "value-date") else "")

    def _budgets(self, project: str, funders: list[str]) -> None:
        for element in self.el.findall("budget"):
            start = _attr(element.find("period-start"), "iso-date")
            end = _attr(element.find("period-end"), "iso-date")
            kind = {"1": "original", "2": "revised"}.get(_attr(element, "type") or "1", "?")
            status = {"1": "indicative", "2": "committed"}.get(_attr(element, "status") or "1", "?")
            value = f"budget {kind} {status} {start}..{end}: {self._money(element.find('value'))}"
            if not funders:
                self.b.notes.append(f"{self.identifier}: {self.path(element)} kept on no fact (no funding org)")
            for funder in funders:
                self.b.fact("FUNDS", funder, project, self.ev("budget", element, value), "funding")

    def _transactions(self, project: str, reporter: str | None) -> None:
        for element in self.el.findall("transaction"):
            code = _attr(element.find("transaction-type"), "code")
            kind = self.b.mapping.transaction_types.get(code)
            if kind is None or not kind.funds:
                self.b.notes.append(f"{self.identifier}: {self.path(element)} type {code or '?'} "
                                    f"({kind.name if kind else 'unknown'}) states no funding")
                continue
            provider_el = element.find("provider-org")
            provider = self.org(provider_el) if provider_el is not None else None
            source = self.b.entity(provider) if provider is not None else reporter
            if source is None:
                self.b.notes.append(f"{self.identifier}: {self.path(element)} has no provider and no reporting-org")
                continue
            receiver_el = element.find("receiver-org")
            receiver = self.org(receiver_el) if receiver_el is not None else None
            date = _attr(element.find("transaction-date"), "iso-date")
            value = (f"transaction {code} {kind.name} {date}: {self._money(element.find('value'))}, provider {source}"
                     + (f", receiver {receiver.name}" if receiver else ""))
            self.b.fact("FUNDS", source, project, self.ev("transaction", element, value), "funding")


def read_iati(data: bytes, name: str, doc_id: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES,
              validate: bool = True, title: str | None = None, date: str | None = None,
              mapping: IatiMapping | None = None, taxonomy: Taxonomy | None = None) -> IatiLoad:
    """One IATI activity file as one Extraction (document id: ``doc_id`` or the upload rule's content id)."""
    tree = parse_activity_file(data, name, max_bytes=max_bytes, validate=validate)
    mapping = mapping or load_iati_mapping()
    tax = taxonomy or load_taxonomy()
    root = tree.getroot()
    doc_id = doc_id or content_document_id(data)
    standard = _attr(root, "version") or mapping.standard
    builder = _Builder(mapping, tax, EvidenceMaker(doc_id, standard, mapping.rule_version))
    activities = root.findall("iati-activity")
    if not activities:
        raise BadDocument(f"{name}: the file holds no iati-activity")
    file_lang = _attr(root, XML_LANG)
    for element in activities:
        try:
            _Activity(builder, tree, element, file_lang).run()
        except BadDocument as exc:
            raise BadDocument(f"{name}: {exc}") from None
    generated = _attr(root, "generated-datetime")[:10] or None
    meta = DocumentMeta(
        id=doc_id, title=title or f"IATI activity file {name} ({len(activities)} activities)",
        date=date or generated, language=None, content_hash=hashlib.sha256(data).hexdigest(), source=f"iati:{name}",
    )
    extraction = Extraction(document=meta, entities=tuple(builder.entities.values()),
                            relations=tuple(builder.relations))
    return IatiLoad(extraction, len(activities), tuple(builder.notes))
