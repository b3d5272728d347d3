"""The form one question at a time on a phone (form.js): every screen at 320 and 360 px,
checked by the server's rules on the way, kept over a reload, and in the end the very same
recipe in the inbox as the one-page form without scripts sends."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from form_helpers import SCREENS, fill_screen, phone_photo
from kookboek.inbox.store import Inbox
from live_server import running

pytestmark = pytest.mark.browser


def shown_headings(page: Any) -> list[str]:
    headings: list[str] = page.eval_on_selector_all(
        "form [data-scherm] h2", "hs => hs.filter(h => h.offsetParent).map(h => h.innerText)"
    )
    return headings


def fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def send_from_review(page: Any, base: str) -> None:
    page.wait_for_url(base + "/nakijken/*")
    page.click("button:has-text('Ja, versturen')")
    page.wait_for_url(base + "/bedankt")


@pytest.mark.parametrize("width", [320, 360])
def test_the_wizard_walks_every_screen_and_sends_what_the_one_page_form_sends(
    chromium: Any, make_app: Callable[..., Flask], tmp_path: Path, width: int
) -> None:
    photo = tmp_path / "IMG_0007.jpg"
    photo.write_bytes(phone_photo((800, 600)))  # small: sent as it is, with or without script
    app = make_app()
    inbox = Inbox(app.config["INBOX_DIR"])
    phone = {"viewport": {"width": width, "height": 700}, "is_mobile": True, "has_touch": True}
    with running(app) as base:
        # One page, without scripts.
        plain = chromium.new_context(**phone, java_script_enabled=False)
        page = plain.new_page()
        page.goto(base + "/")
        assert shown_headings(page) == [
            SCREENS[0], SCREENS[1], SCREENS[2], SCREENS[3], SCREENS[4], SCREENS[5],
            "Tips (niet verplicht)", SCREENS[6], SCREENS[7], SCREENS[8], "Wat mag op de website?",
        ]  # fmt: skip
        for number in range(1, 10):
            fill_screen(page, number, photo)
        page.click("button:has-text('Bekijk mijn recept')")
        send_from_review(page, base)
        plain.close()
        [sent_plain] = inbox.entries()

        # One question at a time.
        wizard = chromium.new_context(**phone)
        page = wizard.new_page()
        page.goto(base + "/")
        for number, heading in enumerate(SCREENS, start=1):
            assert page.text_content("[data-stap-teller]") == f"Stap {number} van 9"
            assert shown_headings(page)[0] == heading
            assert fits(page), f"screen {number} at {width} px"
            assert page.is_visible("[data-terug]") == (number > 1)
            assert page.is_visible("[data-verder]") == (number < 9)
            assert page.is_visible("button[type=submit]") == (number == 9)
            if number == 1:
                # Nothing filled in: the server's own message at the field, and she stays.
                page.click("[data-verder]")
                page.wait_for_selector("#fout-titel")
                assert page.text_content("#fout-titel") == "! Geef je recept een naam."
                assert page.get_attribute("#titel", "aria-invalid") == "true"
                assert page.evaluate("document.activeElement.id") == "titel"
                assert page.text_content("[data-stap-teller]") == "Stap 1 van 9"
            if number == 4:
                page.fill("#porties", "4")
                page.fill("#tijd", "een half uur")
                page.click("[data-verder]")
                page.wait_for_selector("#fout-tijd")
                assert "Schrijf het aantal minuten" in page.inner_text("#fout-tijd")
                assert page.text_content("[data-stap-teller]") == "Stap 4 van 9"
            if number == 6:
                page.reload()  # what she typed and where she was are kept
                assert page.text_content("[data-stap-teller]") == "Stap 6 van 9"
                assert page.input_value("#ingredient-3-naam") == "zout"
                page.go_back()  # the phone's Back: the screen before
                page.wait_for_function(
                    "() => document.querySelector('[data-stap-teller]').textContent"
                    " === 'Stap 5 van 9'"
                )
                assert page.url == base + "/"
                page.click("[data-verder]")
                page.wait_for_function(
                    "() => document.querySelector('[data-stap-teller]').textContent"
                    " === 'Stap 6 van 9'"
                )
            fill_screen(page, number, photo)
            if number < 9:
                page.click("[data-verder]")
                page.wait_for_function(
                    "n => document.querySelector('[data-stap-teller]').textContent"
                    " === `Stap ${n} van 9`",
                    arg=number + 1,
                )
                assert not page.is_visible("#fout-titel")
        page.click("button:has-text('Bekijk mijn recept')")
        send_from_review(page, base)
        wizard.close()

    sent_wizard = next(e for e in inbox.entries() if e.id != sent_plain.id)
    assert sent_wizard.submission == sent_plain.submission
    assert sent_plain.photo is not None and sent_wizard.photo is not None
    assert sent_wizard.photo.read_bytes() == sent_plain.photo.read_bytes()
    assert sent_plain.submission.tips == "Lekker met mosterd."
    assert [i.name for i in sent_plain.submission.ingredients] == ["uien", "wortelen", "zout"]


def test_a_mistake_found_when_sending_opens_its_screen(
    chromium: Any, make_app: Callable[..., Flask]
) -> None:
    with running(make_app()) as base:
        context = chromium.new_context(viewport={"width": 360, "height": 700}, is_mobile=True)
        page = context.new_page()
        page.route("**/controleren", lambda route: route.abort())  # no checks on the way
        page.goto(base + "/")
        for _ in range(8):
            page.click("[data-verder]")
        page.click("button:has-text('Bekijk mijn recept')")
        page.wait_for_selector(".samenvatting")
        assert page.text_content("[data-stap-teller]") == "Stap 1 van 9"  # the first mistake
        assert page.is_visible("#fout-titel")
        page.click(".samenvatting a[href='#fout-stappen']")
        assert page.text_content("[data-stap-teller]") == "Stap 6 van 9"
        assert page.is_visible("#fout-stappen")
        context.close()


def test_a_check_that_does_not_answer_does_not_keep_her_waiting(
    chromium: Any, make_app: Callable[..., Flask]
) -> None:
    waiting: list[Any] = []
    with running(make_app()) as base:
        context = chromium.new_context(viewport={"width": 360, "height": 700}, is_mobile=True)
        page = context.new_page()
        page.route("**/controleren", lambda route: waiting.append(route))  # never answered
        page.clock.install()
        page.goto(base + "/")
        page.fill("#titel", "Soep")
        page.click("[data-verder]")
        page.clock.run_for(2000)
        assert page.text_content("[data-stap-teller]") == "Stap 1 van 9"  # still waiting
        page.clock.run_for(6500)
        page.wait_for_function(
            "() => document.querySelector('[data-stap-teller]').textContent === 'Stap 2 van 9'"
        )
        assert waiting  # it was asked
        context.close()
