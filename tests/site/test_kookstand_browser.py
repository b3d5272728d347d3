"""Kookstand (cook mode) in a real Chromium: one step at a time with the scaled amounts it
needs, the screen kept on, read aloud only in Dutch, timers that count down and ring."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from browser_checks import axe_violations
from live_server import serving
from sample_project import copy_sample_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "locale": "nl-BE"}
STEW = """---
titel: Stoofpot
beschrijving: Zachte stoofpot met wortelen.
porties: 4
tijd: 90
categorie: hoofdgerecht
competenties: [plannen]
allergenen: []
datum: 2026-10-20
ingredienten:
  - {naam: uien, hoeveelheid: 2, eenheid: stuk}
  - {naam: wortelen, hoeveelheid: 500, eenheid: g, prijs: 0.60}
  - {naam: zout, naar_smaak: true}
---

## Bereiding

1. Snij de uien fijn en stoof ze 10 à 15 minuten.
2. Voeg de wortelen en wat zout toe en laat 1 uur stoven.
"""
WAKE_LOCK = """
window.__wake = { requests: 0, released: 0 };
Object.defineProperty(Navigator.prototype, "wakeLock", { configurable: true, get() {
  return { request(type) {
    window.__wake.requests += 1;
    window.__wake.type = type;
    return Promise.resolve({ released: false, addEventListener() {},
      release() { window.__wake.released += 1; this.released = true; return Promise.resolve(); } });
  } };
} });
"""
SPEECH = """
window.__spoken = [];
const voices = %s;
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
  getVoices: () => voices,
  speak(utterance) { window.__spoken.push({ lang: utterance.lang, text: utterance.text }); },
  cancel() {},
  addEventListener() {},
} });
"""
VISIBILITY = """state => {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  document.dispatchEvent(new Event("visibilitychange"));
}"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from kookboek.mkdocs_plugin.run import build_site

    project = copy_sample_project(tmp_path_factory.mktemp("kookstand") / "project", "site_extra")
    (project / "content" / "recepten" / "stoofpot.md").write_text(STEW, encoding="utf-8")
    build_site(project / "mkdocs.yml", pdf=False)
    with serving(project / "site", sub_path="kookboek") as url:
        # Material navigates instantly only to the addresses in the list it reads
        # (navigatie/sitemap.xml; recipes through kookboek.js), which name site_url: here,
        # the address the site is served at.
        sitemap = project / "site" / "navigatie" / "sitemap.xml"
        text = sitemap.read_text(encoding="utf-8")
        sitemap.write_text(text.replace("https://example.org/kookboek/", url), encoding="utf-8")
        yield url


@pytest.fixture
def phone(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(**PHONE)
    yield context
    context.close()


def needs(page: Any) -> list[str]:
    shown: list[str] = page.eval_on_selector_all(
        "[data-kb-cook] [data-kb-cook-need]",
        "items => items.filter(i => i.offsetParent).map(i => i.textContent.trim())",
    )
    return shown


def where(page: Any) -> str:
    return str(page.text_content("[data-kb-cook-where]"))


def swipe(page: Any, from_x: int, to_x: int) -> None:
    cdp = page.context.new_cdp_session(page)
    for kind, points in (
        ("touchStart", [{"x": from_x, "y": 400}]),
        ("touchMove", [{"x": to_x, "y": 400}]),
        ("touchEnd", []),
    ):
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})


def test_cook_mode_walks_every_step_with_the_scaled_ingredients_it_needs(
    phone: Any, base_url: str
) -> None:
    page = phone.new_page()
    page.goto(base_url + "recepten/linzensoep/")
    for _ in range(2):
        page.click("[data-kb-step='1']")  # the scaler: 6 people instead of 4
    page.click("[data-kb-cook-open]")
    assert page.is_visible("[data-kb-cook]")
    assert "Linzensoep · voor 6 personen" in page.inner_text("[data-kb-cook]")
    seen = []
    for _ in range(4):
        seen.append((where(page), needs(page), page.inner_text("[data-kb-cook-text]")))
        page.click("[data-kb-cook-next]")
    assert seen == [
        (
            "Stap 1 van 4",
            ["3 stuks uien", "750 g wortelen"],
            "Snij de uien en de wortelen in stukjes.",
        ),
        ("Stap 2 van 4", ["3 eetlepels olijfolie"], "Stoof ze aan in de olie."),
        (
            "Stap 3 van 4",
            ["375 g rode linzen"],
            "Voeg de linzen en 1 liter water toe en kook 25 minuten.",
        ),
        ("Stap 4 van 4", [], "Mix de soep fijn."),
    ]
    # "Klaar" on the last step closes cook mode; the focus is back on its button.
    assert not page.is_visible("[data-kb-cook]")
    assert page.evaluate("document.activeElement.hasAttribute('data-kb-cook-open')")

    page.click("[data-kb-cook-open]")  # opened again: at the step she saw last
    assert where(page) == "Stap 4 van 4"
    page.click("[data-kb-cook-previous]")
    assert where(page) == "Stap 3 van 4"
    # Screen readers hear the new step.
    assert page.text_content("[data-kb-cook-live]") == (
        "Stap 3 van 4. Voeg de linzen en 1 liter water toe en kook 25 minuten."
    )
    swipe(page, 300, 60)  # to the left: the next step
    assert where(page) == "Stap 4 van 4"
    swipe(page, 60, 300)
    swipe(page, 60, 300)
    assert where(page) == "Stap 2 van 4"
    page.keyboard.press("Escape")
    assert not page.is_visible("[data-kb-cook]")
    assert page.evaluate("document.activeElement.hasAttribute('data-kb-cook-open')")
    page.click("[data-kb-cook-open]")
    page.click("[data-kb-cook-stop]")
    assert not page.is_visible("[data-kb-cook]")


# What the page holds when showModal() is called, and who read window.speechSynthesis.
OPENING = """
window.__speechRead = 0;
const speech = Object.getOwnPropertyDescriptor(window, "speechSynthesis");
if (speech && speech.get) {
  Object.defineProperty(window, "speechSynthesis", { configurable: true, get() {
    window.__speechRead += 1;
    return speech.get.call(window);
  } });
}
const showModal = HTMLDialogElement.prototype.showModal;
HTMLDialogElement.prototype.showModal = function () {
  const text = this.querySelector("[data-kb-cook-text]");
  window.__stepAtShow = text ? text.textContent : null;
  return showModal.call(this);
};
"""


def test_cook_mode_is_shown_with_its_step_in_one_go(phone: Any, base_url: str) -> None:
    # On a cheap phone each layout of the page costs tens of milliseconds: the step is in
    # the dialog before it is shown (one layout, not one empty and one with the step),
    # "Volgende" is focused by the dialog itself, and the speech engine is not started
    # before she asks for it to read aloud.
    page = phone.new_page()
    page.add_init_script(OPENING)
    page.goto(base_url + "recepten/linzensoep/")
    page.click("[data-kb-cook-open]")
    assert page.evaluate("window.__stepAtShow") == "Snij de uien en de wortelen in stukjes."
    assert page.evaluate("document.activeElement.matches('[data-kb-cook-next]')")
    assert page.is_visible("[data-kb-cook-read]")  # "Lees voor" is there ...
    assert page.evaluate("window.__speechRead") == 0  # ... without waking the engine
    page.click("[data-kb-cook-read]")
    assert page.evaluate("window.__speechRead") > 0  # (asked for: now it is read)
    # Scrolled down in a step, closed and opened again: the step is shown from its top.
    page.evaluate(
        "document.querySelector('[data-kb-cook-text]').style.minHeight = '3000px';"
        "document.querySelector('.kb-cook__body').scrollTop = 500"
    )
    assert page.evaluate("document.querySelector('.kb-cook__body').scrollTop") > 0
    page.click("[data-kb-cook-stop]")
    page.click("[data-kb-cook-open]")
    page.evaluate("document.querySelector('[data-kb-cook-text]').style.minHeight = '3000px'")
    assert page.evaluate("document.querySelector('.kb-cook__body').scrollTop") == 0


def test_an_ingredient_to_taste_says_so_and_the_amounts_follow_the_scaler(
    phone: Any, base_url: str
) -> None:
    page = phone.new_page()
    page.goto(base_url + "recepten/stoofpot/")
    page.fill("#kb-porties", "2")
    page.dispatch_event("#kb-porties", "input")
    page.click("[data-kb-cook-open]")
    assert needs(page) == ["1 stuk uien"]
    page.click("[data-kb-cook-next]")
    assert needs(page) == ["250 g wortelen", "naar smaak zout"]


def test_the_screen_is_kept_on_asked_again_when_visible_and_let_go_on_leaving(
    phone: Any, base_url: str
) -> None:
    phone.add_init_script(WAKE_LOCK)
    page = phone.new_page()
    page.goto(base_url + "recepten/linzensoep/")
    assert page.evaluate("window.__wake.requests") == 0
    page.click("[data-kb-cook-open]")
    page.wait_for_function("window.__wake.requests === 1")
    assert page.evaluate("window.__wake.type") == "screen"
    page.evaluate(VISIBILITY, "hidden")  # the phone locked, another app: the lock is gone
    page.evaluate(VISIBILITY, "visible")
    page.wait_for_function("window.__wake.requests === 2")
    page.click("[data-kb-cook-stop]")
    page.wait_for_function("window.__wake.released === 1")
    page.evaluate(VISIBILITY, "hidden")
    page.evaluate(VISIBILITY, "visible")  # closed: nothing is asked any more
    page.wait_for_timeout(100)
    assert page.evaluate("window.__wake.requests") == 2


def test_lees_voor_reads_the_step_in_a_dutch_voice(phone: Any, base_url: str) -> None:
    voices = '[{ lang: "en-US", name: "English" }, { lang: "nl_NL", name: "Nederlands" }]'
    phone.add_init_script(SPEECH % voices)
    page = phone.new_page()
    page.goto(base_url + "recepten/linzensoep/")
    page.click("[data-kb-cook-open]")
    page.click("[data-kb-cook-next]")
    page.click("[data-kb-cook-read]")
    page.wait_for_function("window.__spoken.length === 1")
    [spoken] = page.evaluate("window.__spoken")
    assert spoken["lang"].startswith("nl")
    assert spoken["text"] == "Stap 2 van 4. Stoof ze aan in de olie."
    assert page.text_content("[data-kb-cook-voice-message]") == ""


def test_without_a_dutch_voice_it_says_so_and_reads_nothing(phone: Any, base_url: str) -> None:
    phone.add_init_script(SPEECH % '[{ lang: "en-US", name: "English" }]')
    page = phone.new_page()
    page.goto(base_url + "recepten/linzensoep/")
    page.click("[data-kb-cook-open]")
    page.click("[data-kb-cook-read]")
    page.wait_for_function(
        "document.querySelector('[data-kb-cook-voice-message]').textContent !== ''"
    )
    message = page.text_content("[data-kb-cook-voice-message]")
    assert message is not None and message.startswith("Je telefoon heeft geen Nederlandse")
    assert page.evaluate("window.__spoken") == []


AUDIO = """
window.__beeps = 0;
window.AudioContext = class {
  constructor() { this.state = "running"; this.currentTime = 0; this.destination = {}; }
  resume() { return Promise.resolve(); }
  createGain() { return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} },
    connect() {} }; }
  createOscillator() { return { frequency: {}, connect() {}, stop() {},
    start() { window.__beeps += 1; } }; }
};
"""


def test_timers_count_down_several_at_once_and_ring(phone: Any, base_url: str) -> None:
    phone.add_init_script("navigator.vibrate = p => { window.__vibrated = p; return true; };")
    phone.add_init_script(AUDIO)
    page = phone.new_page()
    page.clock.install(time=dt.datetime(2026, 10, 14, 17, 0))
    page.goto(base_url + "recepten/stoofpot/")
    page.clock.pause_at(dt.datetime(2026, 10, 14, 17, 1))
    page.click("[data-kb-cook-open]")
    starts = page.locator("[data-kb-cook-timer-start]")
    assert starts.all_inner_texts() == ["Wekker 10 minuten"]  # "10 à 15 minuten": the least
    starts.click()
    page.click("[data-kb-cook-next]")
    page.click("[data-kb-cook-timer-start]")  # "1 uur"
    left = page.locator("[data-kb-cook-timer-left]")
    assert left.all_inner_texts() == ["10:00", "1:00:00"]
    page.clock.run_for("01:00")
    assert left.all_inner_texts() == ["9:00", "59:00"]
    page.click("[data-kb-cook-previous]")  # timers go on on every step
    page.clock.run_for("09:00")
    assert left.all_inner_texts() == ["De tijd is om!", "50:00"]
    assert page.evaluate("window.__vibrated") == [400, 200, 400, 200, 400]
    assert page.evaluate("window.__beeps") == 3  # three short tones, again every 2 seconds
    page.clock.run_for(2000)
    assert page.evaluate("window.__beeps") == 6
    assert "De tijd is om: stap 1, 10 minuten." in page.inner_text("[data-kb-cook] [role=alert]")
    page.click("[data-kb-cook-timer-stop] >> nth=0")  # "Oké"
    assert left.all_inner_texts() == ["49:58"]
    page.clock.run_for(4000)
    assert page.evaluate("window.__beeps") == 6  # stopped: no more tones


def start_the_soups_timer(page: Any) -> None:
    """Cook mode of linzensoep, step 3, its timer (25 minuten) started."""
    page.click("[data-kb-cook-open]")
    page.click("[data-kb-cook-next]")
    page.click("[data-kb-cook-next]")
    page.click("[data-kb-cook-timer-start]")


def instantly(page: Any, click: Any) -> None:
    """``click()`` leads to another page through Material's instant navigation (no load)."""
    page.evaluate("window.__samePage = true")
    before = page.url
    click()
    page.wait_for_url(lambda url: url != before)
    page.wait_for_load_state()
    assert page.evaluate("window.__samePage === true"), "a full page load, not instant"


def test_a_page_loaded_again_opens_where_she_was_with_her_timers(phone: Any, base_url: str) -> None:
    page = phone.new_page()
    page.goto(base_url + "recepten/linzensoep/")
    for _ in range(2):
        page.click("[data-kb-step='1']")  # 6 people
    start_the_soups_timer(page)  # 25 minuten
    # The phone loads the page again (it was in the background; she pulled to refresh).
    page.reload()
    assert page.is_visible("[data-kb-cook]")
    assert where(page) == "Stap 3 van 4"
    assert needs(page) == ["375 g rode linzen"]
    assert "Linzensoep · voor 6 personen" in page.inner_text("[data-kb-cook]")
    assert page.input_value("#kb-porties") == "6"
    left = page.locator("[data-kb-cook-timer-left]")
    assert re.fullmatch(r"2[45]:\d\d", left.inner_text())  # going on from its own end
    assert page.locator("[data-kb-timerbar]").count() == 0  # its own page: in cook mode

    # Stop, then another page: a bar at the bottom counts the timer down.
    page.click("[data-kb-cook-stop]")
    instantly(page, lambda: page.click("article a[href$='competenties/plannen/']"))
    page.locator("[data-kb-timerbar]").wait_for()  # drawn when Material shows the page
    assert page.inner_text("[data-kb-timerbar] a") == "Linzensoep, stap 3, 25 minuten"
    assert re.fullmatch(r"2[45]:\d\d", page.inner_text("[data-kb-timerbar-left]"))

    # Another recipe: its own cook mode, its own portions; linzensoep's timer in the bar.
    instantly(page, lambda: page.click("article a[href$='recepten/stoofpot/']"))
    page.wait_for_selector("[data-kb-cook-open][data-kb-ready]", state="attached")
    assert page.input_value("#kb-porties") == "4"
    page.click("[data-kb-cook-open]")
    assert where(page) == "Stap 1 van 2"
    assert "Stoofpot · voor 4 personen" in page.inner_text("[data-kb-cook]")
    assert page.locator("[data-kb-cook-timer-left]").count() == 0
    page.click("[data-kb-cook-stop]")
    assert page.inner_text("[data-kb-timerbar] a") == "Linzensoep, stap 3, 25 minuten"

    # The bar leads back: cook mode of linzensoep on step 3, the timer still going.
    instantly(page, lambda: page.click("[data-kb-timerbar] a"))
    assert "/recepten/linzensoep/" in page.url
    page.wait_for_selector("[data-kb-cook-open][data-kb-ready]", state="attached")
    assert page.locator("[data-kb-timerbar]").count() == 0
    assert page.input_value("#kb-porties") == "6"
    page.click("[data-kb-cook-open]")
    assert where(page) == "Stap 3 van 4"
    assert re.fullmatch(r"2[45]:\d\d", left.inner_text())

    # Without timers, a closed cook mode is forgotten: the next visit starts at step 1.
    page.click("[data-kb-cook-timer-stop]")
    page.click("[data-kb-cook-stop]")
    page.reload()
    assert not page.is_visible("[data-kb-cook]")
    page.click("[data-kb-cook-open]")
    assert where(page) == "Stap 1 van 4"
    assert left.count() == 0


def kept_cook_mode(base_url: str, path: str, timers: list[dict[str, Any]], **more: Any) -> str:
    """A script that puts a kept cook mode in localStorage, as kookstand.js writes it."""
    state = {
        "versie": 2,
        "saved": "__NOW__",
        "path": path,
        "title": "Linzensoep",
        "print": "",
        "open": False,
        "step": 0,
        "timers": timers,
        "portions": "4",
        **more,
    }
    key = "kookboek-kookstand:" + path
    text = json.dumps(state).replace('"__NOW__"', "Date.now()")
    for timer in timers:
        text = text.replace(f'"{timer["ends"]}"', f"Date.now() + ({timer['ends']})")
    return f"localStorage.setItem({json.dumps(key)}, JSON.stringify({text}))"


def test_the_bar_rings_on_another_page_and_tells_of_a_timer_that_ended_long_ago(
    phone: Any, base_url: str
) -> None:
    phone.add_init_script("navigator.vibrate = p => { window.__vibrated = p; return true; };")
    phone.add_init_script(AUDIO)
    page = phone.new_page()
    page.goto(base_url + "prijzen/")
    path = urlsplit(base_url).path + "recepten/linzensoep/"
    page.evaluate(
        kept_cook_mode(
            base_url,
            path,
            [
                {"ends": "1500", "step": 2, "label": "25 minuten"},
                {"ends": "-1200000", "step": 0, "label": "5 minuten"},  # 20 minutes ago
            ],
        )
    )
    page.reload()
    timers = page.locator("[data-kb-timerbar] li")
    page.wait_for_function(
        "document.querySelector('[data-kb-timerbar] [role=alert]').textContent !== ''"
    )
    texts = [t.replace("\n", " ").replace("\t", " ") for t in timers.all_inner_texts()]
    assert texts[0].startswith("Linzensoep, stap 1, 5 minuten") and "Afgelopen om" in texts[0]
    assert "De tijd is om!" in texts[1] and texts[1].startswith("Linzensoep, stap 3")
    assert page.inner_text("[data-kb-timerbar] [role=alert]") == (
        "De tijd is om: Linzensoep, stap 3, 25 minuten."
    )
    assert page.evaluate("window.__vibrated") == [400, 200, 400, 200, 400]
    assert page.evaluate("window.__beeps") >= 3
    assert page.get_attribute("[data-kb-timerbar-stop] >> nth=1", "aria-label") == (
        "Oké, stop de wekker: Linzensoep, stap 3, 25 minuten"
    )
    # It rang once: on the next page it says so, and rings no more.
    page.reload()
    page.locator("[data-kb-timerbar]").wait_for()
    page.wait_for_timeout(600)
    texts = [t.replace("\n", " ").replace("\t", " ") for t in timers.all_inner_texts()]
    assert all("Afgelopen om" in text for text in texts), texts
    assert page.evaluate("window.__beeps") == 0
    assert page.inner_text("[data-kb-timerbar] [role=alert]") == ""
    # Oké stops it for good: also on the recipe's own page it is gone. The focus goes to the
    # next timer, then to the page's title (not to the top of the page).
    page.click("[data-kb-timerbar-stop] >> nth=1")
    assert page.evaluate("document.activeElement.matches('[data-kb-timerbar-stop]')")
    page.click("[data-kb-timerbar-stop] >> nth=0")
    assert page.locator("[data-kb-timerbar]").count() == 0
    assert page.evaluate("document.activeElement.tagName") == "H1"
    assert page.evaluate("document.body.style.paddingBottom") == ""
    page.goto(base_url + "recepten/linzensoep/")
    assert not page.is_visible("[data-kb-cook]")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('kookboek-'))") == []


def test_another_recipes_timer_rings_inside_cook_mode(phone: Any, base_url: str) -> None:
    # Two dishes at once: in the stew's cook mode the soup's timer is seen, heard, stopped.
    phone.add_init_script(AUDIO)
    page = phone.new_page()
    page.goto(base_url + "recepten/stoofpot/")
    path = urlsplit(base_url).path + "recepten/linzensoep/"
    page.evaluate(
        kept_cook_mode(base_url, path, [{"ends": "2500", "step": 2, "label": "25 minuten"}])
    )
    page.reload()
    page.click("[data-kb-cook-open]")
    inside = page.locator("[data-kb-cook] [data-kb-timerbar]")
    assert inside.is_visible()
    box = inside.bounding_box()
    buttons = page.locator("[data-kb-cook-next]").bounding_box()
    assert box and buttons and box["y"] + box["height"] <= buttons["y"] + 1  # above them
    page.wait_for_function(
        "document.querySelector('[data-kb-cook] [data-kb-timerbar] [role=alert]')"
        ".textContent === 'De tijd is om: Linzensoep, stap 3, 25 minuten.'"
    )
    assert page.evaluate("window.__beeps") >= 3
    page.click("[data-kb-cook] [data-kb-timerbar-stop]")
    assert inside.count() == 0
    assert page.evaluate("document.activeElement.matches('[data-kb-cook-next]')")
    page.click("[data-kb-cook-stop]")
    assert page.locator("[data-kb-timerbar]").count() == 0


def test_the_bar_keeps_the_page_readable_and_is_not_printed(chromium: Any, base_url: str) -> None:
    context = chromium.new_context(**{**PHONE, "viewport": {"width": 320, "height": 640}})
    context.add_init_script(WAKE_LOCK)
    page = context.new_page()
    page.goto(base_url + "prijzen/")
    path = urlsplit(base_url).path
    for recipe, ends in (
        ("linzensoep", "600000"),
        ("stoofpot", "900000"),
        ("pannenkoeken", "1200000"),
    ):
        page.evaluate(
            kept_cook_mode(
                base_url,
                f"{path}recepten/{recipe}/",
                [{"ends": ends, "step": 0, "label": "10 minuten"}],
            )
        )
    page.reload()
    bar = page.locator("[data-kb-timerbar]")
    bar.wait_for()
    assert page.locator("[data-kb-timerbar] li").count() == 3
    height = bar.bounding_box()["height"]
    assert height <= 0.4 * 640 + 1
    # The end of the page can be read above the bar; it keeps the screen on.
    room = page.evaluate("parseFloat(document.body.style.paddingBottom)")
    assert abs(room - height) <= 1
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    footer = page.locator("footer").bounding_box()
    assert footer and footer["y"] + footer["height"] <= 640 - height + 1
    assert page.evaluate("window.__wake.requests") == 1
    for name in page.eval_on_selector_all(
        "[data-kb-timerbar] li a", "as => as.map(a => a.innerText)"
    ):
        assert name.endswith(", stap 1, 10 minuten")
    # Material's search covers the page: the bar goes meanwhile.
    page.evaluate("document.getElementById('__search').click()")
    assert not bar.is_visible()
    page.evaluate("document.getElementById('__search').click()")
    assert bar.is_visible()
    # On paper: no bar, and no room for it.
    page.emulate_media(media="print")
    assert not bar.is_visible()
    assert page.evaluate("getComputedStyle(document.body).paddingBottom") == "0px"
    context.close()


def test_a_timer_stopped_in_another_tab_stops_here_too(phone: Any, base_url: str) -> None:
    cooking = phone.new_page()
    cooking.goto(base_url + "recepten/linzensoep/")
    start_the_soups_timer(cooking)
    shopping = phone.new_page()  # the home-screen app beside the browser
    shopping.goto(base_url + "prijzen/")
    shopping.click("[data-kb-timerbar-stop]")
    cooking.locator("[data-kb-cook-timer-left]").wait_for(state="detached")
    cooking.click("[data-kb-cook-next]")  # saving again brings nothing back
    shopping.reload()
    assert shopping.locator("[data-kb-timerbar]").count() == 0


SUSPENDED_AUDIO = AUDIO.replace('this.state = "running"', 'this.state = "suspended"').replace(
    "resume() { return Promise.resolve(); }",
    "resume() { if (navigator.userActivation.isActive) this.state = 'running';"
    " return Promise.resolve(); }",  # as a phone does: only with a tap
)


def test_a_timer_kept_from_before_asks_for_one_tap_to_be_heard(phone: Any, base_url: str) -> None:
    # A phone plays sound only after a tap on the page: a reload has had none.
    phone.add_init_script(SUSPENDED_AUDIO)
    page = phone.new_page()
    page.goto(base_url + "recepten/linzensoep/")
    start_the_soups_timer(page)
    page.reload()
    hint = page.locator("[data-kb-cook] .kb-cook__hint:has-text('Tik één keer')")
    assert hint.is_visible()
    page.click("[data-kb-cook-text]")  # any tap
    hint.wait_for(state="hidden")
    assert not hint.is_visible()


BLOCKED_AUDIO = AUDIO.replace('this.state = "running"', 'this.state = "suspended"').replace(
    "resume() { return Promise.resolve(); }",
    "resume() { return new Promise(() => {}); }",  # sound refused: waits, never says why
)
LATE_AUDIO = AUDIO.replace(
    "window.AudioContext = class {", "window.AudioContext = class extends EventTarget {"
).replace(
    'constructor() { this.state = "running";',
    # As Firefox does: made suspended, running a moment later on its own.
    'constructor() { super(); this.state = "suspended"; setTimeout(() => {'
    ' this.state = "running"; this.dispatchEvent(new Event("statechange")); }, 50);',
)
SOUND_HINT = "[data-kb-cook] .kb-cook__hint:has-text('Tik één keer')"


def test_the_sound_hint_goes_with_the_last_timer_stopped(phone: Any, base_url: str) -> None:
    phone.add_init_script(BLOCKED_AUDIO)
    page = phone.new_page()
    page.goto(base_url + "recepten/linzensoep/")
    start_the_soups_timer(page)
    hint = page.locator(SOUND_HINT)
    assert hint.is_visible()  # a timer runs and its sound waits
    page.click("[data-kb-cook-timer-stop]")
    assert not hint.is_visible()  # no timer, nothing to hear
    page.click("[data-kb-cook-next]")
    assert where(page) == "Stap 4 van 4"
    assert not hint.is_visible()
    page.click("[data-kb-cook-previous]")
    assert not hint.is_visible()


def test_the_sound_hint_goes_when_the_sound_is_ready_by_itself(phone: Any, base_url: str) -> None:
    phone.add_init_script(LATE_AUDIO)
    page = phone.new_page()
    page.goto(base_url + "recepten/linzensoep/")
    start_the_soups_timer(page)
    page.wait_for_function("document.querySelector('[data-kb-cook-timer-left]') !== null")
    hint = page.locator(SOUND_HINT)
    hint.wait_for(state="hidden")  # the sound is ready: nothing to ask
    page.click("[data-kb-cook-next]")
    page.wait_for_timeout(300)
    assert not hint.is_visible()
    page.click("[data-kb-cook-timer-stop]")
    assert not hint.is_visible()


def test_a_changed_recipe_does_not_put_her_on_another_step(phone: Any, base_url: str) -> None:
    page = phone.new_page()
    page.goto(base_url + "recepten/linzensoep/")
    path = urlsplit(base_url).path + "recepten/linzensoep/"
    timer = [{"ends": "600000", "step": 2, "label": "25 minuten"}]
    page.evaluate(kept_cook_mode(base_url, path, timer, open=True, step=2, print="oud"))
    page.reload()
    assert page.is_visible("[data-kb-cook]") is False  # not opened on a step that moved
    page.click("[data-kb-cook-open]")
    assert where(page) == "Stap 1 van 4"
    assert page.inner_text("[data-kb-cook-timer-left]").startswith(("9:", "10:"))


def test_cook_mode_passes_axe_and_fits_a_small_phone(chromium: Any, base_url: str) -> None:
    for width in (320, 360):
        context = chromium.new_context(**{**PHONE, "viewport": {"width": width, "height": 640}})
        page = context.new_page()
        page.goto(base_url + "recepten/stoofpot/")
        page.click("[data-kb-cook-open]")
        page.click("[data-kb-cook-timer-start]")
        box = page.locator("[data-kb-cook]").bounding_box()
        assert box == {"x": 0, "y": 0, "width": width, "height": 640}
        for part in ("[data-kb-cook-next]", "[data-kb-cook-stop]", "[data-kb-cook-timer-stop]"):
            button = page.locator(part).bounding_box()
            assert button is not None and button["x"] + button["width"] <= width
            assert button["y"] + button["height"] <= 640 and button["height"] >= 44
        assert axe_violations(page, within="[data-kb-cook]", tags=None) == [], width
        context.close()


def test_a_phone_on_its_side_has_the_buttons_at_the_right(chromium: Any, base_url: str) -> None:
    # 740 x 360: the buttons beside the step, so the step keeps the height (portrait puts
    # them below it).
    context = chromium.new_context(**{**PHONE, "viewport": {"width": 740, "height": 360}})
    page = context.new_page()
    page.goto(base_url + "recepten/stoofpot/")
    page.click("[data-kb-cook-open]")
    page.click("[data-kb-cook-timer-start]")
    text = page.locator("[data-kb-cook-text]").bounding_box()
    timers = page.locator("[data-kb-cook] .kb-cook__timers").bounding_box()
    previous = page.locator("[data-kb-cook-previous]").bounding_box()
    following = page.locator("[data-kb-cook-next]").bounding_box()
    assert text and timers and previous and following
    for box in (previous, following):
        assert box["x"] >= text["x"] + text["width"]  # to the right of the step
        assert box["x"] + box["width"] <= 740 and box["y"] + box["height"] <= 360
        assert box["height"] >= 44
    assert previous["y"] + previous["height"] <= following["y"]  # Vorige above Volgende
    assert following["height"] > previous["height"]
    assert timers["x"] + timers["width"] <= previous["x"]  # the timers stay under the step
    body = page.locator("[data-kb-cook] .kb-cook__body").bounding_box()
    assert body and body["height"] >= 180  # about half the screen for the step
    context.close()


def test_without_javascript_there_is_no_cook_mode_button(chromium: Any, base_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "recepten/linzensoep/")
    assert page.locator("[data-kb-cook-open]").count() == 1
    assert not page.is_visible("[data-kb-cook-open]")
    assert page.is_visible(".kb-recipe__steps li")
    context.close()


def test_a_recipe_pages_first_visit_stays_within_500_kb(chromium: Any, base_url: str) -> None:
    # With cook mode and offline use on board: the page, its photo, fonts, styles, scripts.
    context = chromium.new_context(**PHONE, device_scale_factor=2)
    sizes: dict[str, int] = {}

    def finished(request: Any) -> None:
        if request.service_worker is not None:
            return  # the service worker's own fetches have a budget of their own
        measured = request.sizes()
        size = measured["responseBodySize"] + measured["responseHeadersSize"]
        sizes.setdefault(request.url, size)

    context.on("requestfinished", finished)
    page = context.new_page()
    page.goto(base_url + "recepten/pannenkoeken/", wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    assert any("/fotos/pannenkoeken-" in url for url in sizes)  # the photo is counted
    assert any(url.endswith("kookstand.js") for url in sizes)
    total = sum(sizes.values())
    print(f"\nrecipe page, first visit at 360 px: {total} bytes in {len(sizes)} requests")
    assert total <= 500_000
