"""Compression above a size threshold: br where accepted, else gzip; measured on a 500-row answer."""

from __future__ import annotations

import random

from fastapi.testclient import TestClient

from graph_schema.contract import Extraction
from tests.app.http.conftest import MakeClient
from tests.app.ingest_helpers import load
from tests.factories import extraction

WORDS = ("support", "border", "security", "training", "police", "justice", "customs", "community", "dialogue",
         "resilience", "youth", "women", "prevention", "trafficking", "corridor", "airport", "judicial", "capacity")


def five_hundred_fundings(seed: int = 18) -> Extraction:
    """25 funders x 20 projects, every name and quote drawn at random (no two rows alike)."""
    rng = random.Random(seed)

    def name(n: int) -> str:
        return " ".join(rng.choice(WORDS).capitalize() for _ in range(n)) + f" {rng.randrange(10**6):06d}"

    funders, projects = [name(2) for _ in range(25)], [name(4) for _ in range(20)]
    return extraction(
        "dash-500", [(f, "Organization", []) for f in funders] + [(p, "Project", []) for p in projects],
        [("FUNDS", f, p, f"{p} ({' '.join(rng.choices(WORDS, k=8))}) is funded by {f} with "
          f"{rng.randrange(10**7)} euros.") for f in funders for p in projects])


def test_a_500_row_answer_is_over_4x_smaller_compressed(make_client: MakeClient, record_property: object) -> None:
    api = make_client()
    load(api, five_hundred_fundings())
    plain = api.get("/funding", params={"limit": 500}, headers={"Accept-Encoding": "identity"})
    assert plain.json()["count"] == 500 and "content-encoding" not in plain.headers
    sizes = {"identity": plain.num_bytes_downloaded}
    for encoding in ("gzip", "br"):
        r = api.get("/funding", params={"limit": 500}, headers={"Accept-Encoding": encoding})
        assert r.headers["content-encoding"] == encoding
        assert r.content == plain.content  # decoded, the same bytes
        sizes[encoding] = r.num_bytes_downloaded  # bytes on the wire
    ratios = {k: round(sizes["identity"] / v, 1) for k, v in sizes.items() if k != "identity"}
    print(f"\n500-row /funding: {sizes} bytes, ratio {ratios}")
    record_property("compression_ratios", ratios)  # type: ignore[operator]
    assert ratios["gzip"] >= 4 and ratios["br"] >= 4
    both = api.get("/funding", params={"limit": 500}, headers={"Accept-Encoding": "gzip, br"})
    assert both.headers["content-encoding"] == "br"  # br preferred when both are accepted


def test_small_answers_are_not_compressed(api: TestClient) -> None:
    r = api.get("/entities", params={"q": "unodc", "limit": 1}, headers={"Accept-Encoding": "gzip, br"})
    assert r.status_code == 200 and len(r.content) < 1000 and "content-encoding" not in r.headers
