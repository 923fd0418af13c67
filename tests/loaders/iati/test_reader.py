"""Reading IATI files: detection by root element, and every bad input refused with a clear domain error."""

from __future__ import annotations

import time

import pytest

from graph_schema.errors import BadDocument, DocumentTooLarge
from loaders.iati import is_iati, read_iati
from loaders.iati.reader import activity_schema, parse_activity_file, root_name
from tests.loaders.iati.iati_files import (
    BILLION_LAUGHS,
    EXAMPLES,
    EXTERNAL_ENTITY,
    MALFORMED,
    NOT_IATI,
    ORGANISATION_FILE,
    SCHEMA_INVALID,
    activity_file,
    big_file,
)


def test_detection_by_root_element() -> None:
    assert is_iati(activity_file())
    assert is_iati(b"\xef\xbb\xbf<?xml version='1.0'?><!-- c --><iati-activities version='2.03'/>")
    assert not is_iati(NOT_IATI) and not is_iati(ORGANISATION_FILE) and not is_iati(b"Plain text about IATI")
    assert root_name(BILLION_LAUGHS) == "iati-activities"  # a DOCTYPE names the root: still sent to the IATI reader


@pytest.mark.parametrize(("data", "message"), [
    (NOT_IATI, "not an IATI activity file: the root element is <rss>, expected <iati-activities>"),
    (ORGANISATION_FILE, "an IATI organisation file"),
    (MALFORMED, "malformed XML"),
    (BILLION_LAUGHS, "document type declaration"),
    (EXTERNAL_ENTITY, "document type declaration"),
    (SCHEMA_INVALID, "not valid against the IATI activity schema 2.03"),
    (b"   ", "the document is empty"),
])
def test_bad_files_are_refused_with_a_message(data: bytes, message: str) -> None:
    activity_schema()  # compiled once per process; not part of what is timed
    started = time.perf_counter()
    with pytest.raises(BadDocument, match=r"^bad\.xml: ") as caught:
        read_iati(data, "bad.xml")
    assert message in str(caught.value)
    assert time.perf_counter() - started < 2.0  # the bomb is refused before any expansion


def test_over_size_file_is_refused_before_parsing() -> None:
    data = big_file(50 * 1024 * 1024)
    with pytest.raises(DocumentTooLarge, match="exceeds the IATI file limit of 10485760 bytes"):
        read_iati(data, "big.xml")
    assert read_iati(big_file(20_000), "ok.xml").activities == 1  # the same file, small, is fine


def test_entities_are_never_resolved_even_without_the_prolog_check() -> None:
    # below the DOCTYPE refusal: the parser itself leaves entities unexpanded and reads no file
    from lxml import etree

    from loaders.iati.reader import _parser

    root = etree.fromstring(EXTERNAL_ENTITY, _parser())
    assert "root:" not in etree.tostring(root).decode()


def test_sample_files_are_valid_against_the_activity_schema() -> None:
    files = sorted(EXAMPLES.glob("*.xml"))
    assert 2 <= len(files) <= 4
    for path in files:
        tree = parse_activity_file(path.read_bytes(), path.name)  # validates
        assert activity_schema().validate(tree), path.name
        assert tree.getroot().get("version") == "2.03"


def test_the_schema_check_can_fail() -> None:
    with pytest.raises(BadDocument, match=r"line 2: .*reporting-org"):
        parse_activity_file(SCHEMA_INVALID, "x.xml")
    assert parse_activity_file(SCHEMA_INVALID, "x.xml", validate=False).getroot().tag == "iati-activities"
