"""`make fuzz`: schemathesis with a random (printed) seed, every check and stateful links, for a time budget,
against a real `nexus serve` on loopback with a write key, in a data directory of its own.

    make fuzz                          # 5 minutes, random seed
    make fuzz FUZZ_SECONDS=480 FUZZ_SEED=1234

Exit status: schemathesis's (0 when nothing failed). The seed is printed first, to replay a run.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.app.server_helpers import ServerProcess

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("schemathesis.toml")
CORPUS = ROOT / "examples" / "corpus"


def seed_graph(url: str, key: str, limit: int = 3) -> None:
    """A few sample documents, so that links and entity parameters have something to find."""
    for path in sorted(CORPUS.glob("*.txt"))[:limit]:
        response = httpx.post(f"{url}/documents", files={"file": (path.name, path.read_bytes())},
                              headers={"X-API-Key": key}, timeout=600)
        print(f"seeded {path.name}: {response.status_code}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS") or 300))
    parser.add_argument("--seed", type=int, default=int(os.environ["FUZZ_SEED"]) if os.environ.get("FUZZ_SEED")
                        else random.SystemRandom().randrange(2**31))
    parser.add_argument("--report-dir", default=os.environ.get("FUZZ_REPORT_DIR", "fuzz-report"))
    args = parser.parse_args(argv)
    key = secrets.token_urlsafe(24)
    print(f"make fuzz: seed {args.seed}, {args.seconds} s (replay: make fuzz FUZZ_SEED={args.seed})", flush=True)
    with tempfile.TemporaryDirectory(prefix="nexus-fuzz-") as tmp:
        server = ServerProcess(Path(tmp) / "data", env={"NEXUS_API_KEYS": key, "NEXUS_EXTRACTION_TIMEOUT_S": "20"})
        server.start()
        try:
            seed_graph(server.url, key)
            started = time.monotonic()
            command = [
                str(Path(sys.executable).with_name("schemathesis")), "--config-file", str(CONFIG),
                "run", f"{server.url}/openapi.json",
                "--checks", "all", "--phases", "examples,coverage,fuzzing,stateful",
                "--seed", str(args.seed), "--max-time", str(args.seconds), "--workers", "1",
                "--header", f"X-API-Key: {key}", "--request-timeout", "60",
                "--suppress-health-check", "all", "--continue-on-failure",
                "--report", "junit,ndjson", "--report-dir", args.report_dir,
            ]
            code = subprocess.call(command, cwd=ROOT)
            print(f"make fuzz: seed {args.seed}, ran {time.monotonic() - started:.0f} s, exit {code}", flush=True)
            errors = [line for line in server.log.read_text(errors="replace").splitlines()
                      if "Traceback" in line or " 500 " in line]
            print(f"server log: {len(errors)} tracebacks / 500 lines", flush=True)
            return code
        finally:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
