"""IATI load: seeded synthetic activity files through ``app.services.iati_service`` into a fresh graph.

10,000 activities (scale full; fewer at small and tiny) in files of 1,000 activities, each file one
document (one write statement), as a publisher's file would be. Each activity has 2-4 participating
organisations from a pool of 400 (every role), 1-3 recipient countries or a DAC region, 1-2 sectors
(mapped and unmapped codes), a budget half the time and 1-4 transactions. Timed: the whole load
(read, XSD check, mapping, name resolution, write); the baseline of the same run is reading alone
(hardened parse + XSD validation of the same bytes), the least any loader pays.
"""

from __future__ import annotations

import random
import time
from typing import Any
from xml.sax.saxutils import escape

from app.catalogue import load_catalogue
from app.repository import GraphRepository
from app.services.iati_service import ingest_iati
from app.store.falkordb_store import FalkorStore
from graph_schema.model import GraphSchema
from loaders.iati.reader import parse_activity_file

ACTIVITIES = {"tiny": 1_000, "small": 3_000, "full": 10_000}
PER_FILE = 1_000
TARGET_S = 60.0
COUNTRIES = ["ML", "NE", "BF", "TD", "MR", "SN", "NG", "CI", "GH", "GN", "BJ", "TG", "CM", "DZ", "LY"]
REGIONS = ["289", "298", "1027"]
SECTORS = ["16063", "15210", "15220", "15240", "15113", "15190", "15130", "11110", "12220", "15170"]
THEMES = ["border security", "drug law enforcement", "justice reform", "community resilience", "prison management",
          "small arms control", "anti-corruption", "migration governance", "youth employment", "peacebuilding"]
MAX_BYTES = 64 * 1024 * 1024


def _org(rng: random.Random, role: str) -> str:
    n = rng.randrange(400)
    ref = f' ref="XM-BENCH-{n:04d}"' if n % 3 else ""
    return (f'<participating-org{ref} role="{role}" type="{rng.choice(["10", "21", "40", "80"])}">'
            f"<narrative>Synthetic Organisation {n:04d}</narrative></participating-org>")


def _activity(rng: random.Random, i: int) -> str:
    theme = rng.choice(THEMES)
    countries = rng.sample(COUNTRIES, rng.randint(1, 3))
    if rng.random() < 0.15:
        recipients = f'<recipient-region code="{rng.choice(REGIONS)}" vocabulary="1" percentage="100"/>'
    else:
        shares = [100 // len(countries)] * len(countries)
        shares[0] += 100 - sum(shares)
        recipients = "".join(f'<recipient-country code="{c}" percentage="{p}"/>'
                             for c, p in zip(countries, shares, strict=True))
    sectors = rng.sample(SECTORS, rng.randint(1, 2))
    shares = [100 // len(sectors) + (k == 0) * (100 % len(sectors)) for k in range(len(sectors))]
    sector_xml = "".join(f'<sector vocabulary="1" code="{s}" percentage="{p}"/>'
                         for s, p in zip(sectors, shares, strict=True))
    orgs = [_org(rng, "1")] + [_org(rng, rng.choice("234")) for _ in range(rng.randint(1, 3))]
    year = rng.randint(2012, 2024)
    budget = (f'<budget type="1" status="2"><period-start iso-date="{year}-01-01"/>'
              f'<period-end iso-date="{year}-12-31"/>'
              f'<value currency="EUR" value-date="{year}-01-01">{rng.randint(1, 900) * 10_000}</value></budget>'
              if rng.random() < 0.5 else "")
    transactions = "".join(
        f'<transaction><transaction-type code="{rng.choice("1234")}"/><transaction-date iso-date="{year}-0{m}-15"/>'
        f'<value currency="EUR" value-date="{year}-0{m}-15">{rng.randint(1, 500) * 1000}</value></transaction>'
        for m in range(1, rng.randint(2, 5)))
    title = escape(f"Synthetic {theme} activity {i:05d} in {countries[0]}")
    return (f'<iati-activity xml:lang="en" default-currency="EUR"><iati-identifier>XM-BENCH-ACT-{i:05d}'
            f"</iati-identifier><reporting-org ref=\"XM-BENCH-R\" type=\"10\"><narrative>Synthetic Reporter</narrative>"
            f"</reporting-org><title><narrative>{title}</narrative><narrative xml:lang=\"fr\">Activité {i:05d}"
            f"</narrative></title><description><narrative>{title}.</narrative></description>{''.join(orgs)}"
            f'<activity-status code="{rng.randint(1, 4)}"/><activity-date iso-date="{year}-01-01" type="2"/>'
            f"{recipients}{sector_xml}{budget}{transactions}</iati-activity>")


def make_files(activities: int, per_file: int = PER_FILE, seed: int = 17) -> list[bytes]:
    """Seeded activity files (2.03, schema-valid) of ``per_file`` activities each."""
    rng = random.Random(seed)
    files = []
    for start in range(0, activities, per_file):
        body = "".join(_activity(rng, i) for i in range(start, min(activities, start + per_file)))
        files.append(('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" '
                      f'generated-datetime="2026-12-02T00:00:00Z">{body}</iati-activities>\n').encode())
    return files


def run(store: FalkorStore, schema: GraphSchema, scale: str, log: Any = None) -> dict[str, Any]:
    n = ACTIVITIES[scale]
    files = make_files(n)
    t0 = time.perf_counter()
    for data in files:
        parse_activity_file(data, "bench.xml", max_bytes=MAX_BYTES)
    read_s = time.perf_counter() - t0
    relations = entities = 0
    t0 = time.perf_counter()
    with store.session() as session:
        repo = GraphRepository(session, load_catalogue(), store.dialect, schema)
        for k, data in enumerate(files):
            loaded = ingest_iati(repo, schema, data, f"bench-{k:02d}.xml", max_bytes=MAX_BYTES)
            relations += loaded.result.relations
            entities += loaded.result.entities
            if log:
                log(f"  iati file {k + 1}/{len(files)}: {loaded.activities} activities, {loaded.result.relations} "
                    f"relations ({time.perf_counter() - t0:.1f} s)")
    load_s = time.perf_counter() - t0
    return {"activities": n, "files": len(files), "bytes": sum(len(f) for f in files), "relations": relations,
            "entities": entities, "load_seconds": load_s, "read_seconds": read_s,
            "activities_per_s": n / load_s, "target_seconds": TARGET_S * n / ACTIVITIES["full"]}
