"""Extract a document set and score it against its gold, overall and per language.

    python -m loaders.evaluate reference            # ../shared/corpus against ../shared/gold
    python -m loaders.evaluate sample               # examples/corpus against its gold files
    python -m loaders.evaluate dev                  # .cache/dev-corpus against ../shared/dev/gold
    python -m loaders.evaluate dev --out /tmp/dev   # keep the predictions
    python -m loaders.evaluate dev --json           # one JSON object: overall, en, fr
    python -m loaders.evaluate dev --check          # are the re-obtained texts the indexed ones (length, SHA-256)?

The development texts are not distributed: re-obtain them into ``.cache/dev-corpus/`` first (README,
Extraction). Scores come from ``score.py`` itself (``../shared/gold/score.py``), per language by
scoring the subset of gold files of that language.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.batch import run_extract
from loaders.language import detect_language

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "gold" / "score.py"


@dataclass(frozen=True)
class DocumentSet:
    corpus: Path
    gold: Path

    def texts(self) -> list[Path]:
        return sorted(p for p in self.corpus.glob("*.txt") if (self.gold / f"{p.stem}.json").exists())


SETS = {
    "reference": DocumentSet(SHARED / "corpus", SHARED / "gold"),
    "sample": DocumentSet(ROOT / "examples" / "corpus", ROOT / "examples" / "corpus"),
    "dev": DocumentSet(ROOT / ".cache" / "dev-corpus", SHARED / "dev" / "gold"),
}


def score(gold: Path, pred: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), "--json"], capture_output=True,
                         text=True, check=True)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _languages(texts: list[Path]) -> dict[str, str]:
    index = SHARED / "dev" / "index.json"
    known: dict[str, str] = {}
    if index.exists():
        for entry in json.loads(index.read_text(encoding="utf-8"))["documents"]:
            known[Path(entry["file"]).stem] = entry["language"]
    return {p.stem: known.get(p.stem) or detect_language(p.read_text(encoding="utf-8")) for p in texts}


def evaluate(name: str, out: Path, *, workers: int = 1) -> dict[str, dict[str, Any]]:
    docs = SETS[name]
    texts = docs.texts()
    if not texts:
        raise SystemExit(f"no texts for the {name!r} set in {docs.corpus} (see README, Extraction)")
    code = run_extract(texts, out, workers=workers, quiet=True)
    if code:
        raise SystemExit(f"extraction failed for some documents (exit {code})")
    results = {"overall": score(docs.gold, out)}
    langs = _languages(texts)
    for lang in sorted(set(langs.values())):
        with tempfile.TemporaryDirectory() as tmp:
            for stem, value in langs.items():
                if value == lang:
                    shutil.copy(docs.gold / f"{stem}.json", Path(tmp) / f"{stem}.json")
            results[lang] = score(Path(tmp), out)
    return results


def _row(label: str, counts: dict[str, Any]) -> str:
    return (f"{label:<16} {counts['gold']:>5} {counts['pred']:>5} {counts['tp']:>5}  "
            f"{counts['precision']:.3f}  {counts['recall']:.3f}  {counts['f1']:.3f}")


def table(results: dict[str, dict[str, Any]]) -> str:
    lines: list[str] = []
    for part in ("entities", "relations"):
        lines.append(f"{part:<16} {'gold':>5} {'pred':>5} {'tp':>5}  P      R      F1")
        for lang, result in results.items():
            lines.append(_row(f"  {lang}", result[part]["overall"]))
        for typ, counts in results["overall"][part]["per_type"].items():
            lines.append(_row(f"    {typ}", counts))
    return "\n".join(lines)


def check_dev() -> int:
    """Compare .cache/dev-corpus/<stem>.txt with the index's length and SHA-256; 0 when every text is there."""
    index = json.loads((SHARED / "dev" / "index.json").read_text(encoding="utf-8"))
    bad = 0
    for entry in index["documents"]:
        stem = Path(entry["file"]).stem
        path = SETS["dev"].corpus / f"{stem}.txt"
        if not path.exists():
            status, bad = "missing", bad + 1
        else:
            data = path.read_bytes()
            text = data.decode("utf-8")
            if hashlib.sha256(data).hexdigest() == entry["sha256"]:
                status = "ok"
            elif len(text) == entry["chars"]:
                status = "length ok, sha differs (invisible characters?)"
            else:
                status, bad = f"differs: {len(text)} chars, index says {entry['chars']}", bad + 1
        print(f"{status:<12} {stem}")
    print(f"{len(index['documents']) - bad} of {len(index['documents'])} texts usable")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("set", choices=sorted(SETS))
    parser.add_argument("--out", type=Path, help="keep the predictions in this folder")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--check", action="store_true", help="dev only: check the re-obtained texts, score nothing")
    args = parser.parse_args(argv)
    if args.check:
        return check_dev()
    if not SCORER.exists():
        raise SystemExit(f"the scorer {SCORER} is missing")
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        results = evaluate(args.set, out, workers=args.workers)
    if args.json:
        print(json.dumps({k: {p: v[p]["overall"] for p in ("entities", "relations")} for k, v in results.items()}))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
