"""A coach on a phone (360 px): changes a price after seeing its effect, and uploads a
publication written in Word. Both pages are checked with axe and photographed."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from browser_checks import axe_violations
from editing.word_fixture import word_file
from live_server import running

PASSWORD = "soep-is-lekker-42"
# Set KOOKBOEK_SCHERMAFDRUKKEN to a folder to keep the screenshots and look at them.
SHOTS = os.environ.get("KOOKBOEK_SCHERMAFDRUKKEN")


def _look(page: Any, name: str, tmp_path: Path) -> None:
    """No sideways scrolling, nothing axe objects to, and a screenshot of the whole page."""
    page.wait_for_load_state("load")  # a click on a link may still be loading its page
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    assert axe_violations(page) == [], name
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)


def _log_in(page: Any, base: str) -> None:
    page.goto(base + "/beheer/aanmelden")
    page.fill("#wachtwoord", PASSWORD)
    page.click("button:has-text('Aanmelden')")
    page.wait_for_url("**/beheer/")


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 360, 1280])
def test_a_coach_changes_a_price_sees_its_effect_and_saves_it(
    chromium: Any, make_app: Callable[..., Flask], valid_content: Path, tmp_path: Path, width: int
) -> None:
    prices = valid_content / "prijzen.yml"
    text = "# Prijzen van de testwinkel, genoteerd op één dag.\n" + prices.read_text()
    text = text.replace("    prijs: 2.20\n", "    prijs: 2.20  # in promotie\n")
    prices.write_text(text, encoding="utf-8")
    with running(make_app()) as base:
        context = chromium.new_context(
            viewport={"width": width, "height": 740}, is_mobile=width < 500, bypass_csp=True
        )
        page = context.new_page()
        _log_in(page, base)
        page.click("nav >> text=Prijzen")
        page.wait_for_url("**/beheer/prijzen**")
        assert page.inner_text("h1") == "Prijzen"
        page.fill("#zoek", "linz")
        visible = page.locator("li[data-namen]:visible label")
        assert visible.all_inner_texts() == ["rode linzen"]
        assert page.inner_text("[data-aantal]").startswith("1 van ")
        page.fill("label:has-text('rode linzen') >> xpath=../.. >> input", "4,40")
        _look(page, "prijzen", tmp_path)
        page.click("button:has-text('Bekijk het effect')")

        assert page.inner_text("h1") == "Nakijken voor je bewaart"
        effect = page.inner_text("[data-effecten]")
        assert "Linzensoep" in effect and "€\xa02,2" not in effect
        assert "rode linzen" in page.inner_text(".effecten >> nth=0")
        assert "€\xa02,20 → €\xa04,40" in page.inner_text(".effecten >> nth=0")
        _look(page, "prijzen-nakijken", tmp_path)
        page.click("button:has-text('Prijzen bewaren')")

        assert "De prijslijst is bewaard" in page.inner_text(".melding")
        assert page.input_value("label:has-text('rode linzen') >> xpath=../.. >> input") == "4,40"
        context.close()
    saved = prices.read_text(encoding="utf-8")
    assert saved == text.replace("prijs: 2.20  # in promotie", "prijs: 4.40  # in promotie")


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 360, 1280])
def test_a_coach_uploads_a_word_publication_and_sees_it_listed(
    chromium: Any, make_app: Callable[..., Flask], valid_content: Path, tmp_path: Path, width: int
) -> None:
    document = tmp_path / "Verslag koken in de wijk.docx"
    document.write_bytes(word_file())
    with running(make_app()) as base:
        context = chromium.new_context(
            viewport={"width": width, "height": 740}, is_mobile=width < 500, bypass_csp=True
        )
        page = context.new_page()
        _log_in(page, base)
        page.click("nav >> text=Publicaties en tools")
        page.wait_for_url("**/beheer/documenten**")
        _look(page, "documenten", tmp_path)
        page.click("text=Nieuwe publicatie")
        page.set_input_files("#bestand", str(document))
        page.fill("#veld-titel", "Koken in de wijk")
        page.fill("#veld-samenvatting", "Wat twaalf moeders leerden in een jaar samen koken.")
        page.fill("#veld-jaar", "dit jaar")
        page.fill("#veld-project", "Wijk-werken")
        page.fill("#veld-partners", "OCMW\nVDAB")
        page.click("button:has-text('Toevoegen en bewaren')")

        assert "in cijfers, zoals 2026" in page.inner_text("#fout-jaar")
        assert page.input_value("#veld-titel") == "Koken in de wijk"
        _look(page, "document-fout", tmp_path)
        assert "'Verslag koken in de wijk.docx' is onthouden" in page.inner_text("#bewaard")
        page.fill("#veld-jaar", "2026")  # the file need not be chosen again
        page.click("button:has-text('Toevoegen en bewaren')")

        assert "is toegevoegd" in page.inner_text(".melding")
        listed = page.locator("[data-soort=publicatie] .documenten__titel").all_inner_texts()
        assert "Koken in de wijk" in listed
        context.close()
    assert (valid_content / "publicaties" / "koken-in-de-wijk-afbeelding-1.jpg").is_file()
