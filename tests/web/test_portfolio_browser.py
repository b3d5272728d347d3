"""A coach on a 360 px screen records a cooking session and an observation on /beheer and
downloads the participant's "Wat ik kan" PDF; every page passes axe and fits the screen."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from pypdf import PdfReader

from browser_checks import axe_violations
from kookboek.portfolio.store import PortfolioStore
from live_server import running
from project_paths import FIXTURES

PASSWORD = "soep-is-lekker-42"
SHOTS = Path("/tmp/kookboek-portfolio-shots")


def fits(page: Any) -> bool:
    width: bool = page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    return width


def check(page: Any, name: str) -> None:
    page.wait_for_load_state("load")  # a click on a link may still be loading its page
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert axe_violations(page) == [], name
    assert fits(page), name
    for width in (320, 1280):  # the smallest phone, and the coach's computer
        page.set_viewport_size({"width": width, "height": 740})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        assert fits(page), f"{name} at {width} px"
    page.set_viewport_size({"width": 360, "height": 740})


@pytest.mark.browser
@pytest.mark.slow
def test_a_coach_records_a_session_and_an_observation_and_prints_her_portfolio(
    chromium: Any,
    make_app: Callable[..., Flask],
    valid_content: Path,
    tmp_path: Path,
) -> None:
    shutil.copytree(FIXTURES / "portfolio" / "content", valid_content, dirs_exist_ok=True)
    app = make_app(PORTFOLIO_DIR=tmp_path / "portfolio")
    store = PortfolioStore(app.config["PORTFOLIO_DIR"])
    with running(app) as base:
        context = chromium.new_context(
            viewport={"width": 360, "height": 740},
            is_mobile=True,
            accept_downloads=True,
            bypass_csp=True,  # to inject axe; the pages keep their own policy
        )
        page = context.new_page()
        page.goto(base + "/beheer/")
        page.fill("#wachtwoord", PASSWORD)
        page.click("button:has-text('Aanmelden')")
        page.click("nav >> text=Portfolio's")
        check(page, "deelnemers-leeg")

        for name in ("Zoulikha", "Marieke"):
            page.fill("#naam", name)
            page.fill("#groep", "Dinsdag")
            page.fill("#toestemming", "2026-10-01")
            page.click("button:has-text('Portfolio maken')")
            assert f"Het portfolio van {name} is gemaakt." in page.inner_text(".melding")
        check(page, "deelnemers")

        page.click("text=Kookmoment noteren")
        check(page, "kookmoment")
        page.fill("#datum", "2026-10-14")
        page.select_option("#recept", label="Linzensoep")
        page.fill("#personen", "8")
        zoulikha = store.key_of("Zoulikha")
        marieke = store.key_of("Marieke")
        page.check(f"input[name=aanwezig][value='{zoulikha}']")
        page.check(f"input[name='taken-{zoulikha}'][value=menu-plannen]")
        page.check(f"input[name='taken-{zoulikha}'][value=boodschappen-en-budget]")
        page.check(f"input[name=aanwezig][value='{marieke}']")
        page.check(f"input[name='taken-{marieke}'][value=koken-voor-de-groep]")
        page.click("button:has-text('Kookmoment bewaren')")
        assert "bewaard bij 2 deelnemers" in page.inner_text(".melding")

        page.click("text=Zoulikha")
        page.fill("#tekst", "Rekende uit dat 8 porties € 6,80 kosten en bleef binnen het budget.")
        page.select_option("#competentie", "rekenen")
        page.fill("#auteur", "An")
        page.click("button:has-text('Observatie bewaren')")
        page.click("button:has-text('Met de deelnemer besproken')")
        assert "komt in haar pdf" in page.inner_text(".melding")
        check(page, "deelnemer")

        with page.expect_download() as download:
            page.click("text=Pdf 'Wat ik kan'")
        saved = tmp_path / "wat-ik-kan.pdf"
        download.value.save_as(saved)

        page.goto(base + "/beheer/portfolio/overzicht")
        check(page, "overzicht")
        assert "Zoulikha" not in page.inner_text("main")
        context.close()

    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(saved).pages)
    assert "Zoulikha" in text and "Linzensoep" in text and "voor 8 personen" in text
    assert "Rekende uit dat 8 porties" in text and "Marieke" not in text
    assert "Het menu plannen, De boodschappenlijst en het budget" in text
