from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from graph_schema.errors import BadDocument, DocumentTooLarge, UnsupportedDocumentType
from loaders.pipeline import ExtractionPipeline, sanitize_doc_id
from loaders.readers import read_bytes

BODY = "UNODC organized a workshop in Bamako, Mali, on drug trafficking and violent extremism in the Sahel region."


def _pdf(text: str) -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def _docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = "Test report"
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_txt_latin1_detected() -> None:
    doc = read_bytes(("Le trafic de stupéfiants à Ségou et à Tombouctou. " * 3).encode("latin-1"), "a.txt")
    assert "stupéfiants" in doc.text


def test_html_main_text() -> None:
    html = f"<html><head><title>Report</title></head><body><nav>Menu</nav><article><p>{BODY}</p>" \
           f"<p>{BODY}</p></article></body></html>"
    doc = read_bytes(html.encode(), "page.html")
    assert "workshop in Bamako" in doc.text and doc.kind == "html"


def test_pdf_text() -> None:
    doc = read_bytes(_pdf(BODY), "r.pdf")
    assert "Bamako" in doc.text


def test_docx_text_and_title() -> None:
    doc = read_bytes(_docx(BODY), "r.docx")
    assert "Bamako" in doc.text and doc.meta["title"] == "Test report"


@pytest.mark.parametrize(
    ("data", "name", "error"),
    [
        (b"", "e.txt", BadDocument),
        (b"   \n\t ", "w.txt", BadDocument),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "img.txt", BadDocument),
        (b"\x00\x01\x02\x03" * 100, "bin.txt", BadDocument),
        (b"<html><body><script>x()</script></body></html>", "empty.html", BadDocument),
        (b"%PDF-1.4\n1 0 obj\n<<", "cut.pdf", BadDocument),
        (b"not a pdf at all, just text", "fake.pdf", BadDocument),
        (b"data", "x.exe", UnsupportedDocumentType),
    ],
)
def test_bad_inputs(data: bytes, name: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        read_bytes(data, name)


def test_renamed_zip_is_not_docx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(BadDocument, match="not a DOCX"):
        read_bytes(buf.getvalue(), "fake.docx")


def test_too_large(pipeline: ExtractionPipeline) -> None:
    small = ExtractionPipeline(max_bytes=10)
    with pytest.raises(DocumentTooLarge):
        small.extract_bytes(BODY.encode(), filename="big.txt")


def test_extract_file_doc_id(pipeline: ExtractionPipeline, tmp_path: Path) -> None:
    path = tmp_path / "my report (v2).txt"
    path.write_text(BODY, encoding="utf-8")
    x = pipeline.extract_file(path)
    assert x.document.id == sanitize_doc_id("my report (v2)") == "my-report-v2"
    assert any(e.name == "Bamako" for e in x.entities)
