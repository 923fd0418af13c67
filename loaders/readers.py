"""Read documents (txt, html, pdf, docx) into plain text plus metadata found in the file."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from graph_schema.errors import BadDocument, DocumentTooLarge, UnsupportedDocumentType

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".pdf", ".docx")
_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"%PDF": "a PDF file",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}
_MIN_TEXT_CHARS = 20


@dataclass(frozen=True)
class ReadDocument:
    text: str
    kind: str
    meta: dict[str, str] = field(default_factory=dict)


def read_bytes(data: bytes, filename: str) -> ReadDocument:
    """Dispatch on extension, checked against the magic bytes; raise BadDocument with the reason."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedDocumentType(
            f"{filename}: unsupported document type {suffix or '(no extension)'!r}; "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}"
        )
    if not data.strip():
        raise BadDocument(f"{filename}: the document is empty" if not data else f"{filename}: whitespace only")
    if suffix == ".pdf":
        doc = _read_pdf(data, filename)
    elif suffix == ".docx":
        doc = _read_docx(data, filename)
    elif suffix in (".html", ".htm"):
        doc = _read_html(_decode(data, filename), filename)
    else:
        doc = ReadDocument(text=_decode(data, filename), kind="text")
    text = _clean(doc.text)
    if len(text.strip()) < _MIN_TEXT_CHARS:
        raise BadDocument(f"{filename}: no readable text ({len(text.strip())} characters)")
    return ReadDocument(text=text, kind=doc.kind, meta=doc.meta)


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return re.sub(r"[ \t]+\n", "\n", text)


def _decode(data: bytes, filename: str) -> str:
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise BadDocument(f"{filename}: this is {what}, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _reject_binary(data.decode("utf-16"), filename, "utf-16")
        except UnicodeDecodeError as exc:
            raise BadDocument(f"{filename}: invalid UTF-16 at byte {exc.start}") from None
    try:
        return _reject_binary(data.decode("utf-8"), filename, "utf-8")
    except UnicodeDecodeError as exc:
        if _has_utf8_multibyte(data) and data.decode("utf-8", "replace").count("\ufffd") <= max(3, len(data) // 1000):
            raise BadDocument(
                f"{filename}: invalid UTF-8 at byte {exc.start} (the file is UTF-8 with corrupt bytes; "
                "re-save it as UTF-8)"
            ) from None
    if data.count(b"\x00") > len(data) // 100 and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadDocument(f"{filename}: binary content, not text")
    try:  # the usual legacy encoding of English and French text (a superset of Latin-1's letters)
        return _reject_binary(data.decode("cp1252"), filename, "cp1252")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BadDocument(f"{filename}: cannot detect the text encoding")
    return _reject_binary(str(best), filename, best.encoding)


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _has_utf8_multibyte(data: bytes) -> bool:
    """Whether the bytes hold well-formed UTF-8 multi-byte sequences (so a few bad bytes are corruption, not
    a legacy code page: Latin-1 'é' is one byte followed by ASCII and never matches)."""
    return _UTF8_MULTIBYTE.search(data) is not None


def _reject_binary(text: str, filename: str, encoding: str) -> str:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text) // 50:
        raise BadDocument(f"{filename}: binary content, not text (read as {encoding})")
    return text


def _read_html(html: str, filename: str) -> ReadDocument:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text or len(text.strip()) < _MIN_TEXT_CHARS:
        raise BadDocument(f"{filename}: HTML page with no main text")
    meta: dict[str, str] = {}
    found = trafilatura.extract_metadata(html)
    if found is not None:
        for key in ("title", "url", "date"):
            value = getattr(found, key, None)
            if isinstance(value, str) and value.strip():
                meta[key] = value.strip()
    return ReadDocument(text=text, kind="html", meta=meta)


def _read_pdf(data: bytes, filename: str) -> ReadDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.startswith(b"%PDF"):
        raise BadDocument(f"{filename}: not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise BadDocument(f"{filename}: the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise BadDocument(f"{filename}: unreadable or truncated PDF ({exc})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise BadDocument(f"{filename}: the PDF has no text layer (image-only or empty)")
    meta = {"title": str(info.title).strip()} if info is not None and info.title else {}
    return ReadDocument(text=text, kind="pdf", meta=meta)


# ZIP bombs: what a DOCX may expand to, checked before any XML is parsed (declared sizes, then actual bytes).
DOCX_MAX_XML_BYTES = 16 * 1024 * 1024  # word/document.xml; 1,000,000 characters of text fit in far less
DOCX_MAX_TOTAL_BYTES = 32 * 1024 * 1024  # every member together
DOCX_MAX_RATIO = 100  # uncompressed / compressed, for members over 1 MB (real documents stay under ~20)
_CHUNK = 1024 * 1024


def check_docx_archive(data: bytes, filename: str) -> None:
    """Refuse a DOCX whose archive expands too far (DocumentTooLarge) or is not a DOCX (BadDocument),
    reading at most DOCX_MAX_XML_BYTES of word/document.xml and never parsing it."""
    if not data.startswith(b"PK"):
        raise BadDocument(f"{filename}: not a DOCX file (not a ZIP container)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if "word/document.xml" not in archive.namelist():
                raise BadDocument(f"{filename}: a ZIP archive without word/document.xml, not a DOCX")
            total = sum(i.file_size for i in infos)
            if total > DOCX_MAX_TOTAL_BYTES:
                raise DocumentTooLarge(f"{filename}: the DOCX expands to {total:,} bytes; the limit is "
                                       f"{DOCX_MAX_TOTAL_BYTES:,} bytes")
            for info in infos:
                if info.file_size > _CHUNK and info.file_size > DOCX_MAX_RATIO * max(info.compress_size, 1):
                    raise DocumentTooLarge(
                        f"{filename}: {info.filename} expands {info.file_size // max(info.compress_size, 1):,} "
                        f"times ({info.file_size:,} bytes); at most {DOCX_MAX_RATIO} times is accepted (ZIP bomb?)")
            seen = 0
            with archive.open("word/document.xml") as member:  # the bytes really there, not what is declared
                while chunk := member.read(_CHUNK):
                    seen += len(chunk)
                    if seen > DOCX_MAX_XML_BYTES:
                        raise DocumentTooLarge(f"{filename}: word/document.xml is over {DOCX_MAX_XML_BYTES:,} bytes")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError) as exc:
        raise BadDocument(f"{filename}: unreadable DOCX ({exc})") from None


def _read_docx(data: bytes, filename: str) -> ReadDocument:
    import docx
    from lxml import etree

    check_docx_archive(data, filename)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError) as exc:
        raise BadDocument(f"{filename}: unreadable DOCX ({exc})") from None
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" | ".join(cell.text.strip() for cell in row.cells))
    meta: dict[str, str] = {}
    props = document.core_properties
    if props.title:
        meta["title"] = props.title.strip()
    if props.created is not None:
        meta["date"] = props.created.date().isoformat()
    return ReadDocument(text="\n\n".join(paragraphs), kind="docx", meta=meta)
