"""The new /beheer pages on a computer and a phone: no sideways scrolling, axe-clean."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from browser_checks import axe_violations
from kookboek.web.accounts import ACCOUNTS_FILE, Accounts
from live_server import running

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "els-haar-eigen-wachtwoord"
PAGES = [
    "/beheer/aanmelden",
    "/beheer/",
    "/beheer/recepten/",
    "/beheer/recepten/pannenkoeken",
    "/beheer/recepten/pannenkoeken/geschiedenis",
    "/beheer/online",
    "/beheer/begeleiders",
]
SHOTS = os.environ.get("KOOKBOEK_SCREENSHOTS")


@pytest.mark.parametrize("width", [1280, 360, 320])
def test_the_coach_pages_fit_a_phone_and_pass_axe(
    chromium: Any, make_app: Callable[..., Flask], width: int
) -> None:
    app = make_app()
    Accounts(Path(app.config["INBOX_DIR"]) / ACCOUNTS_FILE).add("Els", PASSWORD)
    with running(app) as base:
        # The vendored axe script is added inline, which the pages' CSP rightly forbids.
        context = chromium.new_context(
            viewport={"width": width, "height": 740}, is_mobile=True, bypass_csp=True
        )
        page = context.new_page()
        page.goto(base + "/beheer/aanmelden")
        problems = {}
        for url in PAGES:
            if url != "/beheer/aanmelden" and "Aanmelden" in page.title():
                page.fill("#naam", "Els")
                page.fill("#wachtwoord", PASSWORD)
                page.click("button:has-text('Aanmelden')")
            page.goto(base + url)
            wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            found = axe_violations(page)
            if wide > 0 or found:
                problems[url] = (wide, found)
            if SHOTS:
                name = url.strip("/").replace("/", "-") or "beheer"
                page.screenshot(path=f"{SHOTS}/{width}-{name}.png", full_page=True)
        context.close()
    assert problems == {}
