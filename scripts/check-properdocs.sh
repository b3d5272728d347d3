#!/usr/bin/env bash
# Hedge against MkDocs being frozen: build the sample project with ProperDocs (a maintained
# MkDocs 1.x fork that aliases `mkdocs.*` imports) in a throw-away virtualenv.
# Usage: scripts/check-properdocs.sh   (from the repository root)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "properdocs==1.6.7" -e "$repo"
cp -r "$repo/tests/fixtures/valid" "$work/project"
sed -i "s#../../../theme#$repo/theme#" "$work/project/mkdocs.yml"
cd "$work/project"
NO_MKDOCS_2_WARNING=1 "$work/venv/bin/properdocs" build --strict -f mkdocs.yml
grep -q "Wat kost het?" site/recepten/linzensoep/index.html
grep -q "0,55" site/recepten/linzensoep/index.html
echo "ProperDocs build OK"
