#!/usr/bin/env python3
"""Lighthouse (mobile) on the key pages of a built site, served compressed as a real host does.

    scripts/install-page-checkers.sh --measure        # once: Lighthouse and pa11y, pinned
    .venv/bin/python scripts/lighthouse.py site       # after ./kookboek build
    .venv/bin/python scripts/lighthouse.py site recepten/linzensoep/ --json

Runs Debian's Chromium headless, one page at a time, and prints the four scores per page
and every audit that cost points. Targets: accessibility, best practices and SEO 100,
performance at least 95. Exit code 0 when every page meets them, 1 otherwise, 2 when
Lighthouse is missing. Scores, performance above all, depend on the machine: run it on a
machine that is otherwise idle.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from site_server import serving

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / ".cache" / "node-tools" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
# home, the overview, a recipe, tools and downloads
PAGES = ["", "recepten/", "recepten/spaghetti-bolognaise/", "tools/", "downloads/"]
CATEGORIES = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def audit(url: str) -> dict[str, Any]:
    """The four scores (0–100) and the audits that lost points, for one page."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                f"--chrome-flags={CHROME_FLAGS}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--output=json",
                f"--output-path={report}",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
        )
        result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    lost = []
    for name in CATEGORIES:
        for reference in result["categories"][name]["auditRefs"]:
            found = result["audits"][reference["id"]]
            if reference["weight"] > 0 and found["score"] is not None and found["score"] < 1:
                shown = found.get("displayValue", "")
                lost.append(f"{name}: {reference['id']} {found['score']:.2f} {shown}".strip())
    return {"scores": scores, "lost": lost}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="de gebouwde site (bv. site)")
    parser.add_argument("pages", nargs="*", help=f"de pagina's (standaard: {PAGES})")
    parser.add_argument("--json", action="store_true", help="schrijf het resultaat als JSON")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse ontbreekt: scripts/install-page-checkers.sh --measure", file=sys.stderr)
        return 2
    results = {}
    with serving(args.site, compressed=True) as base_url:
        for page in args.pages or PAGES:
            results[page] = audit(base_url + page)
    met = all(
        result["scores"][name] >= target
        for result in results.values()
        for name, target in CATEGORIES.items()
    )
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return 0 if met else 1
    print(f"{'pagina':34} " + " ".join(f"{name[:13]:>13}" for name in CATEGORIES))
    for page, result in results.items():
        scores = " ".join(f"{result['scores'][name]:>13}" for name in CATEGORIES)
        print(f"/{page:33} {scores}")
        for lost in result["lost"]:
            print(f"    {lost}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
