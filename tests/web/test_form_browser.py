from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from PIL import Image

from form_helpers import (
    answer_the_first_screens,
    fill_field,
    go_to_screen_of,
    jpeg_with_gps,
    send_form,
)
from kookboek.inbox.store import Inbox
from kookboek.mkdocs_plugin.run import build_site
from live_server import running

PASSWORD = "soep-is-lekker-42"


@pytest.mark.browser
@pytest.mark.slow
def test_a_phone_sends_a_recipe_a_coach_approves_it_and_it_is_built(
    chromium: Any,
    make_app: Callable[..., Flask],
    valid_project: Path,
    tmp_path: Path,
    serve_directory: Callable[[Path], str],
) -> None:
    photo = tmp_path / "IMG_20261014.jpg"
    photo.write_bytes(jpeg_with_gps((2400, 1800)))
    app = make_app()
    inbox = Inbox(app.config["INBOX_DIR"])
    with running(app) as base:
        context = chromium.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
        page = context.new_page()
        outside: list[str] = []
        page.on(
            "request",
            lambda r: (
                outside.append(r.url)
                if r.url.startswith(("http:", "https:")) and not r.url.startswith(base)
                else None
            ),
        )
        page.goto(base + "/")
        answer_the_first_screens(page, "Wortelstoemp van Amina", "Zachte stoemp met wortel.")
        fill_field(page, "#ingredient-1-naam", "uien")
        page.fill("#ingredient-1-hoeveelheid", "2")
        page.select_option("#ingredient-1-eenheid", "stuk")
        page.click("button:has-text('Nog een ingrediënt')")
        page.fill("#ingredient-2-naam", "wortelen")
        page.fill("#ingredient-2-hoeveelheid", "1")
        page.select_option("#ingredient-2-eenheid", "kg")
        page.fill("#ingredient-2-prijs", "1,10")
        assert "€\xa00,35 per portie" in page.inner_text("[data-kost]")  # (0,30 + 1,10) / 4
        fill_field(page, "#stap-1", "Kook de wortelen en de uien gaar.")
        page.click("button:has-text('Nog een stap')")
        page.fill("#stap-2", "Stamp alles fijn.")
        go_to_screen_of(page, "input[name=competenties]")
        page.check("input[name=competenties][value=rekenen]")
        go_to_screen_of(page, "#foto")
        page.set_input_files("#foto", str(photo))
        fill_field(page, "#voornaam", "Amina")
        page.check("input[name=toestemming_naam]")
        page.check("input[name=toestemming_foto]")
        send_form(page)

        assert page.inner_text("h1") == "Kijk je recept na"
        review = page.frame_locator("iframe[data-voorbeeld]")
        assert "€\xa00,35" in review.locator(".kb-cost").inner_text()
        assert review.locator(".kb-photo img").evaluate("img => img.naturalWidth") == 1600
        shown_in_review = look_of(review)
        page.click("button:has-text('Ja, versturen')")
        assert "Dank je wel" in page.inner_text("h1")
        assert outside == []

        [entry] = inbox.entries()
        assert entry.photo is not None
        with Image.open(io.BytesIO(entry.photo.read_bytes())) as stored:
            assert not stored.getexif() and "exif" not in stored.info

        page.goto(base + "/beheer/")
        page.fill("#wachtwoord", PASSWORD)
        page.click("button:has-text('Aanmelden')")
        page.click("text=Wortelstoemp van Amina")
        assert look_of(page.frame_locator("iframe[data-voorbeeld]")) == shown_in_review
        page.click("button:has-text('Goedkeuren: bewaar als recept')")
        assert "wortelstoemp-van-amina.md" in page.inner_text(".melding")
        context.close()

    assert inbox.entries() == []
    build_site(valid_project / "mkdocs.yml", pdf=False)
    html = (
        valid_project / "site" / "recepten" / "wortelstoemp-van-amina" / "index.html"
    ).read_text(encoding="utf-8")
    assert "Wortelstoemp van Amina" in html and "Amina" in html and "Stamp alles fijn." in html
    published = valid_project / "content" / "recepten" / "wortelstoemp-van-amina.jpg"
    with Image.open(published) as image:
        assert not image.getexif()

    # "Zo komt het op de website": the review step showed what the public page shows.
    site = serve_directory(valid_project / "site")
    context = chromium.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    public = context.new_page()
    public.goto(site + "recepten/wortelstoemp-van-amina/")
    public.wait_for_selector("[data-kb-scaler][data-kb-ready]", state="attached")
    assert look_of(public.locator("body")) == shown_in_review
    context.close()
    shutil.rmtree(valid_project / "site")


# What the participant must see as the public will: the boxes' text and their style.
LOOKED_AT = [".kb-cost", ".kb-facts", ".kb-scaler", ".kb-recipe__ingredients", ".kb-competences"]
STYLE = """el => { const s = getComputedStyle(el);
  return [s.fontFamily, s.fontSize, s.color, s.backgroundColor, s.borderRadius, s.display]; }"""


def look_of(scope: Any) -> dict[str, Any]:
    return {
        selector: (
            " ".join(scope.locator(selector).inner_text().split()),
            scope.locator(selector).evaluate(STYLE),
        )
        for selector in LOOKED_AT
    }
