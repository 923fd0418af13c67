"""CSV and NDJSON answers for the tabular endpoints, beside their JSON.

The format comes from ``?format=json|csv|ndjson`` or, without it, from ``Accept`` (``text/csv``,
``application/x-ndjson``; anything else acceptable, ``*/*`` or no header gives JSON; an ``Accept``
that allows none of the three is a 406). The columns are those of the JSON rows, in the query's
declared order. A cell that is a list or an object is written as compact JSON (``["Mali","Niger"]``),
so it can be read back exactly; null is an empty cell. CSV follows RFC 4180 (CRLF line ends, a header
row, quotes only where needed); rows keep the query's order, so the same graph gives the same bytes.
Every tabular answer carries ``X-Row-Count`` (rows in this answer) and, where there are more,
``X-Next-Cursor``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Annotated, Any, Literal

from fastapi import Query, Request
from fastapi.responses import Response, StreamingResponse

from graph_schema.errors import NexusError

Format = Literal["json", "csv", "ndjson"]
MEDIA = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson"}
BY_TYPE = {"application/json": "json", "text/csv": "csv", "application/x-ndjson": "ndjson"}
FormatParam = Annotated[Format | None, Query(description="Answer format: json (default), csv or ndjson; without "
                                             "it, the Accept header chooses (text/csv, application/x-ndjson)")]


class NotAcceptable(NexusError):
    """No format the client accepts (HTTP 406)."""


def _accept(header: str) -> str | None:
    """The best of json/csv/ndjson for an Accept header (ties: json first), or None when none is acceptable."""
    best: tuple[float, int, str] | None = None
    for i, part in enumerate(header.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        media = media.lower()
        if q <= 0:
            continue
        if media in BY_TYPE:
            found = BY_TYPE[media]
        elif media in ("*/*", "application/*"):
            found = "json"
        elif media == "text/*":
            found = "csv"
        else:
            continue
        rank = (q, -i, found)
        if best is None or rank[:2] > best[:2]:
            best = rank
    return None if best is None else best[2]


def choose(request: Request, format: Format | None) -> Format:
    if format is not None:
        return format
    header = request.headers.get("accept")
    if not header:
        return "json"
    found = _accept(header)
    if found is None:
        raise NotAcceptable(f"Accept: {header!r} allows none of application/json, text/csv, application/x-ndjson "
                            "(or ask with ?format=json|csv|ndjson)")
    return found  # type: ignore[return-value]


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return str(value)


def columns_of(rows: Sequence[Mapping[str, Any]], declared: Sequence[str] = ()) -> list[str]:
    cols = [c for c in declared if not rows or c in rows[0]]
    for row in rows:
        cols.extend(k for k in row if k not in cols)
    return cols


def csv_bytes(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return buf.getvalue().encode("utf-8")


def ndjson_lines(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> Iterator[bytes]:
    for row in rows:
        yield (json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False, separators=(",", ":"))
               + "\n").encode("utf-8")


def tabular(fmt: Format, rows: Sequence[Mapping[str, Any]], columns: Sequence[str], filename: str,
            next_cursor: str | None = None) -> Response:
    headers = {"X-Row-Count": str(len(rows))}
    if next_cursor:
        headers["X-Next-Cursor"] = next_cursor
    if fmt == "csv":
        headers["Content-Disposition"] = f'inline; filename="{filename}.csv"'
        return Response(csv_bytes(rows, columns), media_type=MEDIA["csv"], headers=headers)
    return StreamingResponse(ndjson_lines(rows, columns), media_type=MEDIA["ndjson"], headers=headers)


def responses(model_doc: str = "the JSON answer's rows") -> dict[int | str, dict[str, Any]]:
    """OpenAPI: the 200's other media types, and the 406."""
    return {
        200: {"content": {
            "text/csv": {"schema": {"type": "string"},
                         "example": "funder_id,funder\r\norganization:eu,European Union\r\n"},
            "application/x-ndjson": {"schema": {"type": "string"},
                                     "example": '{"funder_id":"organization:eu","funder":"European Union"}\n'},
        }, "description": f"JSON, or {model_doc} as CSV (lists and objects as JSON cells) or NDJSON; "
                          "header X-Row-Count"},
        406: {"description": "Accept allows none of application/json, text/csv, application/x-ndjson"},
    }
