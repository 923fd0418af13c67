"""Extract the reference corpus and score it: python -m loaders.score_reference CORPUS GOLD OUT."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from loaders.batch import run_extract


def main(argv: list[str]) -> int:
    corpus, gold, out = (Path(a) for a in argv[:3])
    started = time.monotonic()
    code = run_extract(sorted(corpus.glob("*.txt")), out, workers=1)
    print(f"extracted in {time.monotonic() - started:.1f} s (exit {code})", file=sys.stderr)
    return subprocess.call([sys.executable, str(gold / "score.py"), str(gold), str(out), *argv[3:]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
