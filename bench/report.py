"""The result table: each figure, its baseline from the same run, the ratio, the target and whether it holds."""

from __future__ import annotations

from typing import Any

Row = tuple[str, str, str, str, str, str]


def _f(x: float | None, unit: str = "", digits: int = 0) -> str:
    return "-" if x is None else f"{x:,.{digits}f}{unit}"


def _ok(cond: bool | None) -> str:
    return "-" if cond is None else ("yes" if cond else "MISS")


def rows(r: dict[str, Any]) -> list[Row]:
    out: list[Row] = []
    ex = r.get("extraction")
    if ex:
        for w in ("1", "2"):
            e = ex[w]
            ratio = e["pipeline_words_per_s"] / e["spacy_words_per_s"]
            out.append((f"extraction, {w} worker(s) [words/s]", _f(e["pipeline_words_per_s"]),
                        f"bare spaCy nlp.pipe{'' if w == '1' else ' n_process=2'}: {_f(e['spacy_words_per_s'])}",
                        f"{ratio:.2f}x", ">= 0.8x", _ok(ratio >= 0.8)))
    ld = r.get("load")
    if ld:
        ratio = ld["bulk_rels_per_s"] / ld["raw_rels_per_s"]
        out.append((f"bulk load {ld['relationships']:,} rels [rel/s]", _f(ld["bulk_rels_per_s"]),
                    f"raw UNWIND CREATE: {_f(ld['raw_rels_per_s'])}", f"{ratio:.2f}x",
                    ">= 100,000/s", _ok(ld["bulk_rels_per_s"] >= 100_000)))
    for name, q in (r.get("latency") or {}).items():
        d, h = q["direct"], q["http"]
        target = 20.0 if name != "path_between" else None
        out.append((f"{name} direct p50/p95/p99 [ms]", f"{d['p50']:.2f}/{d['p95']:.2f}/{d['p99']:.2f}", "-", "-",
                    "p99 <= 20 ms" if target else "-", _ok(d["p99"] <= target) if target else "-"))
        add50, add99 = h["p50"] - d["p50"], h["p99"] - d["p99"]
        out.append((f"{name} HTTP p50/p95/p99 [ms]", f"{h['p50']:.2f}/{h['p95']:.2f}/{h['p99']:.2f}",
                    f"direct: {d['p50']:.2f}/{d['p95']:.2f}/{d['p99']:.2f}",
                    f"+{add50:.2f} / +{add99:.2f} ms", "+<=1 ms p50, +<=3 ms p99" if target else "-",
                    _ok(add50 <= 1.0 and add99 <= 3.0) if target else "-"))
    for name, q in (r.get("revalidation") or {}).items():
        s304, s200, c304 = q["server_304"], q["server_200"], q["client_304"]
        out.append((f"{name} 304 server p50/p99 [ms]", f"{s304['p50']:.3f}/{s304['p99']:.3f}",
                    f"200 of the same request: {s200['p50']:.2f}/{s200['p99']:.2f}",
                    f"{s304['p50'] / s200['p50']:.2f}x" if s200["p50"] else "-", "p50 <= 1 ms",
                    _ok(s304["p50"] <= 1.0)))
        out.append((f"{name} 304 client p50 [ms]", f"{c304['p50']:.2f}",
                    f"200 client: {q['client_200']['p50']:.2f}", "-", "-", "-"))
    for n, t in (r.get("throughput") or {}).items():
        h, d = t["http"]["requests_per_s"], t["direct"]["requests_per_s"]
        out.append((f"throughput, {n} client(s) [req/s]", _f(h, digits=1), f"direct engine: {_f(d, digits=1)}",
                    f"{h / d:.2f}x" if d else "-", "-", "-"))
    ex2 = r.get("export") or {}
    base = (ex2.get("fetch_only") or {}).get("seconds")
    for key, label in (("load_graph", "app.client.load_graph"), ("pages", "bench id-paged builder")):
        e = ex2.get(key)
        if not e:
            continue
        secs = e.get("seconds")
        rss = e.get("peak_rss_bytes")
        value = e.get("error", "?")[:40] if secs is None else f"{secs:.1f} s, peak {rss / 2**20:,.0f} MiB"
        out.append((f"networkx export ({label})", value, f"fetch only: {_f(base, ' s', 1)}",
                    f"{secs / base:.2f}x" if secs and base else "-", "<= 10 s", _ok(secs is not None and secs <= 10)))
    ia = r.get("iati")
    if ia:
        out.append((f"IATI load, {ia['activities']:,} activities in {ia['files']} files [s]",
                    _f(ia["load_seconds"], " s", 1) + f" ({ia['activities_per_s']:,.0f}/s)",
                    f"parse + XSD only: {_f(ia['read_seconds'], ' s', 1)}",
                    f"{ia['load_seconds'] / ia['read_seconds']:.1f}x" if ia["read_seconds"] else "-",
                    f"<= {ia['target_seconds']:.0f} s", _ok(ia["load_seconds"] <= ia["target_seconds"])))
    rss = r.get("server_peak_rss")
    if rss:
        per = ", ".join(f"{k} {v / 2**20:,.0f}" for k, v in rss["per_process"].items())
        out.append(("server peak RSS [MiB]", f"{rss['total'] / 2**20:,.0f}", per, "-", "-", "-"))
    return out


def table(r: dict[str, Any]) -> str:
    head: Row = ("measure", "value", "baseline (same run)", "ratio / delta", "target", "holds")
    body = rows(r)
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(6)]
    line = lambda x: "| " + " | ".join(c.ljust(w) for c, w in zip(x, widths, strict=True)) + " |"  # noqa: E731
    m = r.get("machine", {})
    lines = [f"Scale {r['scale']}: {r['spec']['nodes']:,} nodes, {r['spec']['relationships']:,} relationships; "
             f"{m.get('nproc')} x {m.get('cpu')}, {m.get('ram_gb')} GB RAM, Python {m.get('python')}, "
             f"FalkorDB {r.get('falkordb_version', '?')}; load average {r.get('load_average')}",
             "", line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += [line(x) for x in body]
    return "\n".join(lines)
