"""Checks run in Chromium on a page: axe-core (vendored in tests/vendor, the WCAG 2.2 AA
rules) and the layout shifts a page makes."""

from __future__ import annotations

from typing import Any

from project_paths import TESTS

AXE = TESTS / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN = """([selector, tags]) => axe.run(
  selector ? document.querySelector(selector) : document,
  tags ? { runOnly: { type: "tag", values: tags } } : {}
).then(r => r.violations.map(v => v.id + ": " + v.help + " → " +
  v.nodes.map(n => n.target.join(" ")).join(", ")))"""


def axe_violations(
    page: Any, within: str | None = None, tags: list[str] | None = AXE_TAGS
) -> list[str]:
    """What axe finds on ``page`` (or in the element ``within``); ``tags=None``: every rule,
    best practices too."""
    page.add_script_tag(path=str(AXE))
    found: list[str] = page.evaluate(RUN, [within, tags])
    return found


# An init script: every layout shift not caused by her own input, in window.__kbShifts.
LAYOUT_SHIFTS = """
window.__kbShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__kbShifts.push(entry.value);
  }
}).observe({ type: "layout-shift", buffered: true });
"""


HTMLCS = TESTS / "vendor" / "HTMLCS.js"
# HTML_CodeSniffer's errors (type 1) on the page, as pa11y reports them by default.
HTMLCS_ERRORS = """
() => new Promise((resolve, reject) => {
  HTMLCS.process("WCAG2AA", document, (error) => {
    if (error) return reject(error);
    const name = (element) => element && element.tagName
      ? element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
        + [...element.classList].map((cls) => "." + cls).join("")
      : String(element);
    resolve(HTMLCS.getMessages().filter((message) => message.type === 1)
      .map((message) => `${message.code} (${name(message.element)}): ${message.msg}`));
  });
})
"""


def htmlcs_errors(tab: Any) -> list[str]:
    """HTML_CodeSniffer's WCAG 2 AA errors on the page open in ``tab``."""
    tab.add_script_tag(path=str(HTMLCS))
    errors: list[str] = tab.evaluate(HTMLCS_ERRORS)
    return errors
