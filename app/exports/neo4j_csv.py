"""CSV in the ``neo4j-admin database import`` format: a nodes file and a relationships file with typed headers.

Arrays use neo4j-admin's default delimiter ``;`` (a ``;`` inside a value becomes ``,``). Import with::

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from app.analytics.rows import GraphRows
from app.store.base import Row

NODE_HEADER = ["id:ID", ":LABEL", "name", "type", "aliases:string[]", "url", "date", "language"]
REL_HEADER = [":START_ID", ":END_ID", ":TYPE", "evidence_count:int", "confidence:float", "documents:string[]",
              "roles:string[]"]
FILES = ("nodes.csv", "relationships.csv")


def _array(values: Iterable[Any] | None) -> str:
    return ";".join(str(v).replace(";", ",") for v in values or [])


def _scalar(value: Any) -> str:
    return "" if value is None else str(value)


def node_row(row: Row) -> list[str]:
    return [row["id"], _array(row.get("labels")), _scalar(row.get("name")), _scalar(row.get("type")),
            _array(row.get("aliases")), _scalar(row.get("url")), _scalar(row.get("date")),
            _scalar(row.get("language"))]


def rel_row(row: Row) -> list[str]:
    return [row["source"], row["target"], row["type"], _scalar(row.get("evidence_count")),
            _scalar(row.get("confidence")), _array(row.get("documents")), _array(row.get("roles"))]


def csv_lines(header: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    """CSV text in chunks of up to 500 rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for i, row in enumerate(rows, 1):
        writer.writerow(row)
        if i % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def tables(rows: GraphRows) -> dict[str, Iterator[str]]:
    return {FILES[0]: csv_lines(NODE_HEADER, map(node_row, rows.nodes())),
            FILES[1]: csv_lines(REL_HEADER, map(rel_row, rows.edges()))}


class _Sink(io.RawIOBase):
    """A write-only, unseekable file whose bytes are drained as they come (zipfile streams into it)."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def drain(self) -> bytes:
        out, self.chunks = b"".join(self.chunks), []
        return out


def zip_stream(rows: GraphRows) -> Iterator[bytes]:
    """nodes.csv and relationships.csv in one zip, streamed as the pages are read."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in tables(rows).items():
            with archive.open(name, "w") as member:
                for chunk in chunks:
                    member.write(chunk.encode("utf-8"))
                    yield sink.drain()
    yield sink.drain()


def write_directory(rows: GraphRows, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, chunks in tables(rows).items():
        with (out / name).open("w", encoding="utf-8", newline="") as fh:
            fh.writelines(chunks)
        written.append(out / name)
    return written
