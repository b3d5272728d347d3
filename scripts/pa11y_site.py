#!/usr/bin/env python3
"""pa11y (HTML_CodeSniffer, WCAG 2 AA) on every page of a built site, in Debian's Chromium.

    scripts/install-page-checkers.sh --measure      # once: Lighthouse and pa11y, pinned
    .venv/bin/python scripts/pa11y_site.py site     # after ./kookboek build --no-pdf

Prints the errors per page and a count. Exit code 0 when there are none, 1 otherwise, 2 when
pa11y is missing. tests/site/test_every_page.py runs HTML_CodeSniffer itself on the sample site.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from site_server import serving, site_pages

REPO = Path(__file__).resolve().parent.parent
NODE_TOOLS = REPO / ".cache" / "node-tools" / "node_modules"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="de gebouwde site (bv. site)")
    parser.add_argument("pages", nargs="*", help="alleen deze pagina's (bv. recepten/)")
    parser.add_argument("--json", action="store_true", help="schrijf het resultaat als JSON")
    args = parser.parse_args()
    if not (NODE_TOOLS / "pa11y").is_dir():
        print("pa11y ontbreekt: scripts/install-page-checkers.sh --measure", file=sys.stderr)
        return 2
    pages = args.pages or site_pages(args.site)
    environment = {**os.environ, "NODE_PATH": str(NODE_TOOLS), "CHROMIUM": CHROMIUM}
    with serving(args.site) as base_url:
        done = subprocess.run(
            ["node", str(REPO / "scripts" / "pa11y_pages.cjs"), base_url, *pages],
            capture_output=True,
            text=True,
            env=environment,
            check=False,
        )
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return 2
    results: dict[str, list[dict[str, str]]] = json.loads(done.stdout)
    errors = [(page, issue) for page, issues in results.items() for issue in issues]
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for page, issue in errors:
            print(f"/{page}: {issue['code']} ({issue['selector']})\n    {issue['message']}")
        for code, count in collections.Counter(issue["code"] for _, issue in errors).items():
            print(f"{count} × {code}")
        with_errors = sum(1 for issues in results.values() if issues)
        if errors:
            print(f"{len(errors)} fouten op {with_errors} van {len(pages)} pagina's")
        else:
            print(f"Geen fouten op {len(pages)} pagina's")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
