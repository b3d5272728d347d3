"""The form one question at a time (form.js) in WebKitGTK and Firefox ESR at 320 px: every
screen fits, is checked by the server on the way, and leads to the review page. The answers
are the ones the Chromium test gives (tests/form_helpers.py); the engines: tests/engines.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest
from flask import Flask

from engines import Engine, EnginePage
from form_helpers import SCREENS, fill_screen
from live_server import running

pytestmark = pytest.mark.slow

TELLER = "document.querySelector('[data-stap-teller]').textContent"
HEADING = (
    "[...document.querySelectorAll('form [data-scherm] h2')]"
    ".filter(h => h.getClientRects().length)[0].innerText.trim()"
)


def framable(app: Flask) -> Flask:
    """The app without its "never in a frame" headers (frame-ancestors 'none'), so that
    WebKit can show it in its 320 px frame (tests/engines.py); every other header stays."""
    inner = app.wsgi_app

    def without_frame_ban(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        def start(status: str, headers: Iterable[tuple[str, str]], *rest: Any) -> Any:
            kept = [
                (name, value.replace(" frame-ancestors 'none';", ""))
                if name.lower() == "content-security-policy"
                else (name, value)
                for name, value in headers
                if name.lower() != "x-frame-options"
            ]
            return start_response(status, kept, *rest)

        return inner(environ, start)

    app.wsgi_app = without_frame_ban  # type: ignore[method-assign]
    return app


def test_every_screen_fits_and_leads_to_the_review_page(
    engine: Engine, make_app: Callable[..., Flask]
) -> None:
    app = make_app()
    if engine.name == "webkit":
        app = framable(app)
    page = EnginePage(engine)
    with running(app) as base:
        engine.open(base + "/", 320)
        page.wait_for(f"{TELLER} === 'Stap 1 van 9'")
        for number, heading in enumerate(SCREENS, start=1):
            assert page.evaluate(TELLER) == f"Stap {number} van 9"
            assert page.evaluate(HEADING) == heading
            assert page.fits(), f"screen {number}"
            if number == 1:
                # Nothing filled in: the server's own message at the field, and she stays.
                page.click("[data-verder]")
                page.wait_for("document.querySelector('#fout-titel')")
                assert page.text_content("#fout-titel") == "! Geef je recept een naam."
                assert page.evaluate(TELLER) == "Stap 1 van 9"
            fill_screen(page, number, photo=None)
            if number < 9:
                page.click("[data-verder]")
                page.wait_for(f"{TELLER} === 'Stap {number + 1} van 9'")
        page.click("button:has-text('Bekijk mijn recept')")
        page.wait_for("location.pathname.startsWith('/nakijken/')")
        page.wait_for("document.readyState === 'complete'")
        assert page.is_visible("button:has-text('Ja, versturen')")
        preview = "document.querySelector('iframe').contentDocument.body.innerText"
        page.wait_for(f"{preview}.includes('Wortelstoemp van Amina')")  # the recipe as shown
        assert page.fits()
        assert page.evaluate("window.innerWidth") == 320
