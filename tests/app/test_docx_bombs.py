"""DOCX bombs (issue #12, defect 4): refused with 413/422 within a second or two, before any XML is parsed,
with the API's memory bounded, and the graph unchanged."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable, Iterator

import psutil
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.app.ingest_helpers import KEY, TEXT_EN, counts, docx_bytes, load, upload
from tests.factories import nexus_doc

MB = 1024 * 1024
HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ' \
       b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
TAIL = b"</w:body></w:document>"
PARAGRAPH = f"<w:p><w:r><w:t>{TEXT_EN}</w:t></w:r></w:p>".encode()


def docx_with_body(write_body: Callable[[io.BufferedIOBase], None]) -> bytes:
    """A real DOCX whose word/document.xml is streamed in by ``write_body`` (never whole in memory)."""
    base = zipfile.ZipFile(io.BytesIO(docx_bytes(["placeholder"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in base.infolist():
            if info.filename == "word/document.xml":
                with archive.open("word/document.xml", "w", force_zip64=True) as member:
                    member.write(HEAD)
                    write_body(member)  # type: ignore[arg-type]
                    member.write(TAIL)
            else:
                archive.writestr(info, base.read(info.filename))
    return out.getvalue()


def many_paragraphs(member: io.BufferedIOBase) -> None:  # ~50 MB of XML
    block = PARAGRAPH * 1000
    for _ in range(50 * MB // len(block)):
        member.write(block)


def one_huge_text_node(member: io.BufferedIOBase) -> None:  # one 10 MB text node
    member.write(b"<w:p><w:r><w:t>")
    for _ in range(10):
        member.write(b"a" * MB)
    member.write(b"</w:t></w:r></w:p>")


def whitespace_padding(member: io.BufferedIOBase) -> None:  # a real paragraph, then 400 MB of spaces
    member.write(PARAGRAPH)
    spaces = b" " * (4 * MB)
    for _ in range(100):
        member.write(spaces)


BOMBS = {"paragraphs-50MB": many_paragraphs, "text-node-10MB": one_huge_text_node,
         "whitespace-400MB": whitespace_padding}


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    return {name: docx_with_body(make) for name, make in BOMBS.items()}


@pytest.fixture
def api(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"api_keys": KEY}))) as client:
        load(client, nexus_doc())
        yield client
        client.app.state.store.clear()  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_docx_bomb_is_refused_fast_with_bounded_memory(api: TestClient, bombs: dict[str, bytes], name: str) -> None:
    data = bombs[name]
    assert len(data) < 2 * MB, len(data)  # small on the wire
    process = psutil.Process()
    before = process.memory_info().rss
    started = time.monotonic()
    response = upload(api, f"{name}.docx", data)
    seconds = time.monotonic() - started
    growth = process.memory_info().rss - before
    print(f"{name}: {len(data):,} bytes -> {response.status_code} in {seconds:.3f} s, RSS +{growth / MB:.1f} MB")
    assert response.status_code in (413, 422), response.text
    detail = response.json()["detail"]
    assert f"{name}.docx" in detail and ("expands" in detail or "over" in detail), detail
    assert seconds < 2.0, seconds
    assert growth < 300 * MB, growth / MB
    assert counts(api) == (10, 18)


def test_declared_size_that_lies_is_caught_while_reading(api: TestClient) -> None:
    """An archive whose header claims a small document.xml: reading stops at the claim (CRC error), 422."""
    data = bytearray(docx_with_body(lambda m: m.write(PARAGRAPH * 10)))
    entry = data.find(b"word/document.xml", data.find(b"PK\x01\x02"))  # the central directory's entry
    header = entry - 46
    data[header + 24:header + 28] = (100).to_bytes(4, "little")  # uncompressed size: 100 bytes
    response = upload(api, "liar.docx", bytes(data))
    assert response.status_code == 422 and "liar.docx" in response.json()["detail"], response.text
    assert counts(api) == (10, 18)


def test_a_normal_docx_still_reads(api: TestClient) -> None:
    response = upload(api, "fine.docx", docx_with_body(lambda m: m.write(PARAGRAPH * 50)))
    assert response.status_code == 201, response.text
