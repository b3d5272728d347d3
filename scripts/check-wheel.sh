#!/usr/bin/env bash
# The engine must work from a normal (non-editable) install: build a wheel, install it in a
# fresh virtualenv and run `kookboek check` and `kookboek build` (site and PDFs) on a copy of
# the sample project, far from src/. Catches run-time files missing from the package data.
# Usage: scripts/check-wheel.sh   (from the repository root)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --upgrade pip
"$work/venv/bin/pip" wheel --quiet --no-deps --wheel-dir "$work/dist" "$repo"
"$work/venv/bin/pip" install --quiet "$work"/dist/kookboek-*.whl
mkdir "$work/project"
cp -r "$repo/content" "$repo/theme" "$repo/mkdocs.yml" "$work/project/"
cd "$work/project"
export NO_MKDOCS_2_WARNING=1
"$work/venv/bin/kookboek" check
"$work/venv/bin/kookboek" build
test -s site/recepten/linzensoep-met-wortel/index.html
test -s site/assets/fonts/atkinson-hyperlegible-latin-400-normal.woff2
test -s site/downloads/receptenboek.pdf
"$work/venv/bin/python" - <<'PY'
import kookboek, pathlib
assert "site-packages" in kookboek.__file__, kookboek.__file__  # not the source tree
# Files in subfolders of the package data: the form's drawings (also in the portfolio PDF).
from kookboek.web.shared import ICONS_DIR
assert any(ICONS_DIR.glob("*.svg")), f"no drawings in {ICONS_DIR}"
PY
echo "Wheel install OK"
