"""Evidence that fits data: the file (document), the activity identifier, the element's XPath, its value.

The contract's ``Evidence.quote`` carries the three as ``<activity> | <xpath> | <value>`` (split them back
with :func:`split_data_quote`); ``rule`` is ``iati.<element>.v1``, ``model`` the file's standard
(``iati-activities-2.03``), ``pipeline_version`` the mapping table's version; offsets are unset and the
confidence is 1 (the publisher states it).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_schema.contract import MAX_QUOTE, Evidence

SEPARATOR = " | "
RULE_PREFIX = "iati."


def rule_id(element: str) -> str:
    return f"{RULE_PREFIX}{element}.v1"


def is_data_rule(rule: str) -> bool:
    return rule.startswith(RULE_PREFIX)


@dataclass(frozen=True)
class DataQuote:
    activity: str
    xpath: str
    value: str


def data_quote(activity: str, xpath: str, value: str) -> str:
    text = SEPARATOR.join((activity, xpath, " ".join(value.split())))
    return text[:MAX_QUOTE]


def split_data_quote(quote: str) -> DataQuote:
    activity, xpath, value = quote.split(SEPARATOR, 2)
    return DataQuote(activity, xpath, value)


@dataclass(frozen=True)
class EvidenceMaker:
    """Makes the Evidence records of one file."""

    document_id: str
    standard: str
    mapping_version: str

    def make(self, element: str, activity: str, xpath: str, value: str) -> Evidence:
        return Evidence(document_id=self.document_id, quote=data_quote(activity, xpath, value), rule=rule_id(element),
                        model=f"iati-activities-{self.standard}", pipeline_version=self.mapping_version,
                        confidence=1.0)
