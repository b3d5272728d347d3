# The two commands that matter: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site site-no-pdf serve check test test-fast lint typecheck check-properdocs check-wheel \
	bench audit load-test clean

site: $(STAMP)
	$(BIN)/kookboek build

site-no-pdf: $(STAMP)
	$(BIN)/kookboek build --no-pdf

serve: $(STAMP)
	$(BIN)/kookboek serve

check: $(STAMP)
	$(BIN)/kookboek check

# Everything, as CI runs it: real builds, PDFs and Chromium (about two minutes).
test: $(STAMP) lint typecheck
	$(BIN)/pytest

# For the edit loop: lint, types and the tests without a browser or a real build (seconds).
test-fast: $(STAMP) lint typecheck
	$(BIN)/pytest -m "not browser and not slow"

PY_DIRS := src tests $(wildcard scripts)

lint: $(STAMP)
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(PY_DIRS)

typecheck: $(STAMP)
	$(BIN)/mypy

# The environment is rebuilt only when the project's requirements change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Not part of `make test`: a benchmark of a few minutes (see README, "Performance").
BENCH_RECIPES ?= 1000
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --recipes $(BENCH_RECIPES)

# Not part of `make test` (run by .ci/run): each needs a second virtualenv (about a minute).
check-properdocs:
	scripts/check-properdocs.sh

check-wheel:
	scripts/check-wheel.sh

# Known vulnerabilities in the pinned dependencies (needs a vulnerability service: PyPI's JSON
# API or OSV). Exit 1: a pin is vulnerable; exit 2: the audit could not be done (said plainly).
audit: $(STAMP)
	$(BIN)/python scripts/audit_dependencies.py

# Not part of `make test` (30 s of full load): 50 simulated phones on 127.0.0.1.
load-test: $(STAMP)
	$(BIN)/python scripts/load_test.py --clients 50 --seconds 30

clean:
	rm -rf site .cache $(VENV)
