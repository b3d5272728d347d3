"""The form in a real phone browser (Chromium at 360 px): nothing typed is lost, Back and
reload send nothing twice, a large photo is shrunk before it is sent, the page fits."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, request
from PIL import Image

from form_helpers import (
    answer_the_first_screens,
    fill_field,
    go_to_screen_of,
    phone_photo,
    send_form,
)
from kookboek.inbox.store import Inbox
from live_server import running

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
DRAFT_KEY = "kookboek-concept"


@dataclass(frozen=True)
class Upload:
    bytes: int
    size: tuple[int, int]
    filename: str


def record_uploads(app: Flask) -> list[Upload]:
    """Every photo the server receives, as it arrives (before the app re-encodes it)."""
    received: list[Upload] = []

    @app.before_request
    def record() -> None:
        upload = request.files.get("foto") if request.method == "POST" else None
        if upload is not None and upload.filename:
            data = upload.stream.read()
            upload.stream.seek(0)
            with Image.open(io.BytesIO(data)) as image:
                received.append(Upload(len(data), image.size, upload.filename))

    return received


class Phones:
    """Browser contexts as a phone; close them before the server stops, or waitress waits
    for their open connections."""

    def __init__(self, chromium: Any) -> None:
        self.chromium = chromium
        self.contexts: list[Any] = []

    def __call__(self, **options: Any) -> Any:
        context = self.chromium.new_context(**{**PHONE, **options})
        self.contexts.append(context)
        return context

    def close(self) -> None:
        while self.contexts:
            self.contexts.pop().close()


@pytest.fixture
def phone(chromium: Any) -> Iterator[Phones]:
    phones = Phones(chromium)
    yield phones
    phones.close()


def fill_recipe(page: Any, title: str = "Wortelstoemp") -> None:
    """Every question that must be answered, screen by screen (form.js)."""
    answer_the_first_screens(page, title, "Zachte stoemp met wortel.")
    fill_field(page, "#ingredient-1-naam", "wortelen")
    page.fill("#ingredient-1-hoeveelheid", "1")
    page.select_option("#ingredient-1-eenheid", "kg")
    page.fill("#ingredient-1-prijs", "1,10")
    fill_field(page, "#stap-1", "Kook de wortelen gaar.")
    go_to_screen_of(page, "input[name=competenties]")
    page.check("input[name=competenties][value=rekenen]")


def stored_draft(page: Any) -> Any:
    return json.loads(page.evaluate(f"localStorage.getItem('{DRAFT_KEY}') || 'null'"))


def test_send_back_and_reload_never_send_twice(
    make_app: Callable[..., Flask], phone: Phones
) -> None:
    app = make_app()
    inbox = Inbox(app.config["INBOX_DIR"])
    with running(app) as base:
        page = phone().new_page()
        page.goto(base + "/")
        fill_recipe(page)
        send_form(page)
        page.wait_for_url(base + "/nakijken/*")
        page.reload()  # a GET page: reloading asks nothing and sends nothing
        assert page.inner_text("h1") == "Kijk je recept na"
        page.click("button:has-text('Ja, versturen')")
        page.wait_for_url(base + "/bedankt")

        page.go_back()  # to the review address: no "Confirm Form Resubmission"
        assert "/nakijken/" in page.url
        assert "Dit recept is al verstuurd" in page.inner_text("main")
        page.reload()
        assert "Dit recept is al verstuurd" in page.inner_text("main")
        page.go_back()  # to the form, which a GET answered as well
        assert page.url == base + "/" and page.inner_text("h1") == "Stuur je recept"
        phone.close()
    assert [e.submission.title for e in inbox.entries()] == ["Wortelstoemp"]


def test_back_to_a_form_shown_again_with_a_mistake_asks_nothing_and_keeps_her_text(
    make_app: Callable[..., Flask], phone: Phones, tmp_path: Path
) -> None:
    photo = tmp_path / "IMG_0002.jpg"
    photo.write_bytes(phone_photo((800, 600)))
    app = make_app()
    with running(app) as base:
        page = phone().new_page()
        # The screens' checks cannot be asked (a flaky connection): she goes on, and the
        # server finds the mistake when the form is sent.
        page.route("**/controleren", lambda route: route.abort())
        page.goto(base + "/")
        fill_recipe(page)
        fill_field(page, "#porties", "veel")
        send_form(page)
        assert page.is_visible("#fout-porties")  # the answer to a post, with the mistake
        assert page.input_value("#porties") == "veel"  # on the screen of the mistake
        page.reload()  # asks nothing: the form comes back from the browser's copy
        assert page.input_value("#porties") == "veel" and page.input_value("#titel")
        fill_field(page, "#porties", "4")
        go_to_screen_of(page, "#foto")
        page.set_input_files("#foto", str(photo))
        send_form(page)
        page.wait_for_url(base + "/nakijken/*")
        review = page.url
        page.go_back()  # no ERR_CACHE_MISS
        assert page.url == base + "/" and page.input_value("#titel") == "Wortelstoemp"
        assert page.input_value("#porties") == "4"
        assert review.endswith(page.input_value("input[name=concept]"))
        assert "Je foto is bewaard" in page.inner_text("[data-teruggezet]")
        fill_field(page, "#titel", "Wortelstoemp met peterselie")
        send_form(page)
        page.wait_for_url(review)  # the same draft, changed, with its photo
        assert page.frame_locator("iframe[data-voorbeeld]").locator(".kb-photo img").count() == 1
        phone.close()
    assert len(list(Inbox(app.config["INBOX_DIR"]).drafts.iterdir())) == 1


def test_what_she_typed_survives_a_reload_and_a_closed_tab_until_sent(
    make_app: Callable[..., Flask], phone: Phones, tmp_path: Path
) -> None:
    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(phone_photo((800, 600)))
    app = make_app()
    with running(app) as base:
        context = phone()
        page = context.new_page()
        page.goto(base + "/")
        assert page.is_hidden("[data-teruggezet]")
        fill_recipe(page)
        go_to_screen_of(page, "#ingredient-1-naam")
        for number in range(2, 9):  # more ingredients than the page starts with
            page.click("button:has-text('Nog een ingrediënt')")
            page.fill(f"#ingredient-{number}-naam", f"kruid {number}")
            page.select_option(f"#ingredient-{number}-eenheid", "naar-smaak")
        go_to_screen_of(page, "#foto")
        page.set_input_files("#foto", str(photo))
        fill_field(page, "#voornaam", "Amina")
        page.check("input[name=toestemming_naam]")

        page.reload()
        assert page.text_content("[data-stap-teller]") == "Stap 9 van 9"  # where she was
        assert page.input_value("#titel") == "Wortelstoemp"
        assert page.input_value("#ingredient-1-prijs") == "1,10"
        assert page.input_value("#ingredient-8-naam") == "kruid 8"
        assert page.input_value("#ingredient-8-eenheid") == "naar-smaak"
        assert page.is_checked("input[name=categorie][value=hoofdgerecht]")
        assert page.is_checked("input[name=toestemming_naam]")
        assert not page.is_checked("input[name=toestemming_foto]")
        notice = page.inner_text("[data-teruggezet]")
        assert "staat er nog" in notice and "foto moet je wel opnieuw kiezen" in notice

        draft = page.evaluate(f"localStorage.getItem('{DRAFT_KEY}')")
        assert len(draft) < 5000 and "data:" not in draft and "/9j/" not in draft  # no photo
        page.close()  # a closed tab (or a flat battery)
        page = context.new_page()
        page.goto(base + "/")
        assert page.input_value("#stap-1") == "Kook de wortelen gaar."
        assert page.input_value("#voornaam") == "Amina"

        page.once("dialog", lambda dialog: dialog.dismiss())
        page.click("button:has-text('Begin opnieuw')")  # "no": nothing is cleared
        assert page.input_value("#titel") == "Wortelstoemp" and stored_draft(page)
        page.once("dialog", lambda dialog: dialog.accept())
        with page.expect_navigation():
            page.click("button:has-text('Begin opnieuw')")
        assert page.input_value("#titel") == "" and page.input_value("#ingredient-1-naam") == ""
        assert stored_draft(page) is None and page.is_hidden("[data-teruggezet]")

        assert page.text_content("[data-stap-teller]") == "Stap 1 van 9"
        fill_recipe(page, "Soep om te versturen")
        send_form(page)
        page.wait_for_url(base + "/nakijken/*")
        assert stored_draft(page)["velden"]["titel"] == ["Soep om te versturen"]  # until sent
        page.click("button:has-text('Ja, versturen')")
        page.wait_for_url(base + "/bedankt")
        assert stored_draft(page) is None
        page.goto(base + "/")
        assert page.input_value("#titel") == ""
        phone.close()


def test_naar_smaak_hides_amount_and_price_and_the_estimate_is_per_portie(
    make_app: Callable[..., Flask], phone: Phones
) -> None:
    with running(make_app()) as base:
        page = phone().new_page()
        page.goto(base + "/")
        fill_recipe(page)
        go_to_screen_of(page, "#ingredient-1-naam")
        assert page.inner_text("[data-kost]") == "Ongeveer €\xa00,28 per portie."  # 1,10 / 4
        page.select_option("#ingredient-1-eenheid", "naar-smaak")
        assert page.is_hidden("#ingredient-1-hoeveelheid") and page.is_hidden("#ingredient-1-prijs")
        assert page.is_visible("#ingredient-1-eenheid")
        page.select_option("#ingredient-1-eenheid", "g")
        assert page.is_visible("#ingredient-1-hoeveelheid") and page.is_visible(
            "#ingredient-1-prijs"
        )
        phone.close()


THROTTLED = {  # a slow mobile connection: 1 Mbit/s up and down, 150 ms
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_000_000 / 8,
    "uploadThroughput": 1_000_000 / 8,
}


def send_photo(page: Any, base: str, photo: Path) -> float:
    """Fill in the form with ``photo``, send it; seconds from the tap to the review page."""
    page.goto(base + "/")
    fill_recipe(page)
    go_to_screen_of(page, "#foto")
    page.set_input_files("#foto", str(photo))
    go_to_screen_of(page, "button[type=submit]")
    started = time.perf_counter()
    page.click("button:has-text('Bekijk mijn recept')")
    page.wait_for_url(base + "/nakijken/*", timeout=120_000)
    return time.perf_counter() - started


def test_a_12_megapixel_photo_is_shrunk_before_it_is_sent(
    make_app: Callable[..., Flask], phone: Phones, tmp_path: Path
) -> None:
    photo = tmp_path / "IMG_20261014_181502.jpg"
    photo.write_bytes(phone_photo())
    original = photo.stat().st_size
    app = make_app()
    received = record_uploads(app)
    with running(app) as base:
        page = phone().new_page()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", THROTTLED)
        seconds = send_photo(page, base, photo)
        cdp.send(
            "Network.emulateNetworkConditions",
            {**THROTTLED, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )

        without_script = phone(java_script_enabled=False).new_page()
        send_photo(without_script, base, photo)

        broken_canvas = phone().new_page()
        broken_canvas.add_init_script(
            "HTMLCanvasElement.prototype.toBlob = function (done) { done(null); };"
        )
        send_photo(broken_canvas, base, photo)
        phone.close()

    shrunk, as_chosen, canvas_failed = received
    assert max(shrunk.size) == 2000 and shrunk.size == (2000, 1500)
    assert shrunk.filename == "IMG_20261014_181502.jpg"
    assert shrunk.bytes < original / 4
    assert as_chosen == canvas_failed == Upload(original, (4000, 3000), photo.name)
    assert seconds < 15  # at 1 Mbit/s the original alone would take original * 8 / 1e6 s
    print(
        f"\n4000×3000 photo: {original} bytes chosen, {shrunk.bytes} bytes sent "
        f"({shrunk.size[0]}×{shrunk.size[1]}); tap to review page at 1 Mbit/s: {seconds:.1f} s "
        f"(the original alone: {original * 8 / 1e6:.0f} s)"
    )


@pytest.mark.parametrize("width", [320, 360])
def test_form_review_and_thank_you_fit_a_small_phone(
    make_app: Callable[..., Flask], phone: Phones, width: int
) -> None:
    def fits(page: Any) -> bool:
        return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))

    with running(make_app()) as base:
        page = phone(viewport={"width": width, "height": 700}).new_page()
        page.goto(base + "/")
        assert fits(page), "form"
        fill_recipe(page)
        send_form(page)
        page.wait_for_url(base + "/nakijken/*")
        assert fits(page), "review"
        page.click("button:has-text('Ja, versturen')")
        page.wait_for_url(base + "/bedankt")
        assert fits(page), "thank-you page"
        phone.close()
