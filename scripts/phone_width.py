#!/usr/bin/env python3
"""Every page of a built site on a phone: which pages scroll sideways or cut something off.

Loads every HTML page of SITE_DIR in Debian's Chromium at 320 and 360 px (and any --width)
and reports a page when the document is wider than the window, when a visible element sticks
out of the window, or when an element hides or scrolls content that is wider than itself (a
table in a scroll box, a word cut off).

    .venv/bin/python scripts/phone_width.py site               # after ./kookboek build --no-pdf
    .venv/bin/python scripts/phone_width.py site --width 280 --json

Exit code 0 when every page fits, 1 otherwise. tests/site/test_phone_width.py runs the same
check on the sample site.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from site_server import serving, site_pages

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE_WIDTHS = (320, 360)

# One line per problem on the page, at most a few per kind. Elements that are not shown
# (display none, invisible, a 1 px screen-reader text, a drawer moved fully off screen) do not
# count: nobody sees them.
OVERFLOW_CHECK = """
() => {
  const width = window.innerWidth;
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > width) {
    problems.push(`de pagina is ${root.scrollWidth} px breed`);
  }
  const name = (element) => {
    let text = element.tagName.toLowerCase();
    if (element.id) text += "#" + element.id;
    for (const cls of element.classList) text += "." + cls;
    return text;
  };
  const hiddenByAncestor = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.visibility === "hidden" || style.opacity === "0") return true;
    }
    return false;
  };
  const sticking = [];
  const clipping = [];
  for (const element of document.body.querySelectorAll("*")) {
    const rect = element.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue;
    if (rect.right <= 0 || rect.left >= width) continue;
    const style = getComputedStyle(element);
    if (style.display === "none" || style.position === "fixed" && rect.height <= 1) continue;
    const sticksOut = rect.right > width + 0.5 || rect.left < -0.5;
    const clips = ["hidden", "auto", "scroll", "clip"].includes(style.overflowX)
      && element.scrollWidth > element.clientWidth + 1;
    if (!sticksOut && !clips) continue;
    if (hiddenByAncestor(element)) continue;
    if (sticksOut) {
      const from = Math.round(rect.left), to = Math.round(rect.right);
      sticking.push(`${name(element)} steekt uit (${from}–${to} px)`);
    }
    if (clips) {
      const hidden = element.scrollWidth - element.clientWidth;
      clipping.push(`${name(element)} verbergt of scrolt ${hidden} px`);
    }
  }
  return problems.concat(sticking.slice(0, 5), clipping.slice(0, 5));
}
"""


def overflow_problems(
    browser: Any, base_url: str, pages: Iterable[str], widths: Iterable[int] = PHONE_WIDTHS
) -> dict[int, dict[str, list[str]]]:
    """For each width, the pages that do not fit and why (pages that fit are left out)."""
    results: dict[int, dict[str, list[str]]] = {}
    pages = list(pages)
    for width in widths:
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-BE")
        try:
            tab = context.new_page()
            found: dict[str, list[str]] = {}
            for page in pages:
                tab.goto(base_url + page, wait_until="load")
                problems: list[str] = tab.evaluate(OVERFLOW_CHECK)
                if problems:
                    found[page] = problems
            results[width] = found
        finally:
            context.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="de gebouwde site (bv. site)")
    parser.add_argument("--width", type=int, action="append", help="breedte in px (herhaalbaar)")
    parser.add_argument("--json", action="store_true", help="schrijf het resultaat als JSON")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        print(f"Geen site in {args.site}: eerst ./kookboek build --no-pdf", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    pages = site_pages(args.site)
    widths = args.width or list(PHONE_WIDTHS)
    with serving(args.site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            results = overflow_problems(browser, base_url, pages, widths)
        finally:
            browser.close()
    if args.json:
        print(json.dumps({"pages": len(pages), "widths": results}, ensure_ascii=False))
    else:
        for width, found in results.items():
            print(f"{width} px: {len(found)} van {len(pages)} pagina's passen niet")
            for page, problems in found.items():
                print(f"  /{page}")
                for problem in problems:
                    print(f"      {problem}")
    return 1 if any(results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
