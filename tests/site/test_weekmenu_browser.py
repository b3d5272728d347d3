"""The week menu in a real Chromium: the browser's shopping list against the hand-computed
cases and against the engine's own list, bad links, storage, the pantry, print and phones."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from browser_checks import LAYOUT_SHIFTS, axe_violations
from kookboek.content.project import load_project
from kookboek.mkdocs_plugin.run import build_site
from kookboek.pricing.shopping import menu_data, shopping_list
from live_server import serving
from project_paths import REPO
from weekmenu_cases import CASES, Case, weekmenu_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]


# Every line of a shopping list as a reader sees it, and what tests rely on.
LINES = """els => els.map(li => [
  li.closest('section').querySelector('.kb-shop__heading').textContent,
  li.dataset.ingredient, li.className, li.dataset.packages, li.dataset.tillCents,
  li.querySelector('.kb-shop__name').textContent, li.querySelector('.kb-shop__till').textContent,
  li.querySelector('.kb-shop__detail').textContent, !!li.querySelector('[data-kb-have]')])"""
TOTALS = "el => [el.querySelector('[data-till-total-cents]').dataset.tillTotalCents, el.innerText]"


@pytest.fixture(scope="module")
def requested() -> list[str]:
    return []


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = weekmenu_project(tmp_path_factory.mktemp("weekmenu") / "project")
    build_site(project / "mkdocs.yml", pdf=False)
    return project / "site"


@pytest.fixture(scope="module")
def base_url(site_dir: Path, requested: list[str]) -> Iterator[str]:
    with serving(site_dir, sub_path="kookboek", requested=requested) as url:
        yield url


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    yield tab
    context.close()


def open_menu(page: Any, base_url: str, menu: str) -> None:
    page.goto(base_url + "weekmenu/?menu=" + menu)
    page.wait_for_selector("[data-kb-shopping] [data-kb-shop-totals], [data-kb-menu-empty]:visible")


def shown_lines(page: Any) -> list[list[Any]]:
    lines: list[list[Any]] = page.eval_on_selector_all(".kb-shop__line", LINES)
    return lines


def cents_of(shown: str) -> int:
    """'€ 1,38' → 138."""
    return int("".join(character for character in shown if character.isdigit()))


def menu_of(case: Case) -> str:
    return ",".join(f"{slug}*{people}" for slug, people in case.meals)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_browser_list_matches_the_hand_computation(
    page: Any, base_url: str, case: Case
) -> None:
    open_menu(page, base_url, menu_of(case))
    found = [
        (section, name, kind.split("--")[1].replace("-", "_"), packages, int(till), detail)
        for section, name, kind, packages, till, _, _, detail, _ in shown_lines(page)
    ]
    assert found == [
        (
            e.section,
            e.name,
            e.kind,
            "" if e.packages is None else str(e.packages),
            e.till_cents,
            e.detail,
        )
        for e in case.lines
    ]
    total = page.get_attribute("[data-till-total-cents]", "data-till-total-cents")
    assert int(total) == case.till_cents
    # What she reads adds up: the lines' prices to the till total.
    shown_till = [line[6] for line in shown_lines(page) if line[6] != "–"]
    shown_total = str(page.text_content("[data-kb-shopping] [data-till-total-cents]"))
    assert sum(cents_of(text) for text in shown_till) == cents_of(shown_total)
    assert page.get_attribute("[data-kb-used-cents]", "data-kb-used-cents") == str(case.used_cents)
    euros = f"{case.per_person_cents // 100},{case.per_person_cents % 100:02d}"
    assert page.text_content("[data-kb-shopping] [data-kb-per-person]") == f"€\xa0{euros}"
    assert page.errors == []


def test_three_recipes_sharing_an_ingredient_give_one_line(page: Any, base_url: str) -> None:
    open_menu(page, base_url, "linzensoep*4,groentesoep*4,omelet*2")
    onions = page.eval_on_selector_all(
        "[data-ingredient='ui']", "els => els.map(e => [e.dataset.packages, e.dataset.tillCents])"
    )
    assert onions == [["1", "200"]]  # 2 uien + 1 ui + 1 ajuin, one bag of 2 kg
    assert page.text_content("[data-ingredient='ui'] .kb-shop__detail") == (
        "Koop 1 × 2 kg. Je gebruikt 600 g. Je houdt 1,4 kg ui over."
    )


def test_the_browser_and_the_engine_make_the_same_list(page: Any, base_url: str) -> None:
    page.goto(base_url + "weekmenus/drie-dagen/")
    engine = shown_lines(page)
    engine_totals = page.eval_on_selector("[data-kb-shop-totals]", TOTALS)
    assert len(engine) == len(CASES[0].lines)
    page.click("text=Verander dit menu")  # Material's instant navigation, no reload
    page.wait_for_selector("[data-kb-shopping] [data-kb-shop-totals]")
    assert urlsplit(page.url).query == "menu=linzensoep*4,groentesoep*4,omelet*2"
    assert shown_lines(page) == engine
    assert page.eval_on_selector("[data-kb-shopping] [data-kb-shop-totals]", TOTALS) == (
        engine_totals
    )
    assert page.errors == []


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own content (34 recipes, its example menus), built without PDFs."""
    project = tmp_path_factory.mktemp("real") / "project"
    project.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "theme", project / "theme")
    shutil.copytree(REPO / "content", project / "content")
    build_site(project / "mkdocs.yml", pdf=False)
    return project / "site"


def test_the_real_example_menus_are_the_same_in_the_browser(chromium: Any, real_site: Path) -> None:
    menus = sorted(p.name for p in (real_site / "weekmenus").iterdir())
    assert len(menus) >= 2
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    errors: list[str] = []
    try:
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        with serving(real_site) as url:
            for menu in menus:
                tab.goto(url + f"weekmenus/{menu}/")
                engine = shown_lines(tab)
                totals = tab.eval_on_selector("[data-kb-shop-totals]", TOTALS)
                tab.goto(tab.eval_on_selector("text=Verander dit menu", "a => a.href"))
                tab.wait_for_selector("[data-kb-shopping] [data-kb-shop-totals]")
                assert shown_lines(tab) == engine, menu
                assert tab.eval_on_selector("[data-kb-shopping] [data-kb-shop-totals]", TOTALS) == (
                    totals
                )
    finally:
        context.close()
    assert errors == []


@pytest.mark.parametrize(
    ("menu", "kept", "skipped"),
    [
        (
            "linzensoep*4,bestaat-niet*2,pannenkoeken*0,omelet*x,omelet,groentesoep*100",
            ["Linzensoep"],
            [
                "'bestaat-niet*2' (dit recept bestaat niet (meer))",
                "'pannenkoeken*0' (kies 1 tot 99 personen)",
                "'omelet*x' (het aantal personen is geen getal)",
                "'omelet' (het aantal personen ontbreekt)",
                "'groentesoep*100' (kies 1 tot 99 personen)",
            ],
        ),
        ("%3Cimg src=x onerror=alert(1)%3E*2,omelet*2", ["Omelet"], ["(dit is geen recept)"]),
        ("%E0%A4%A,,,***,omelet*-1,omelet*2", ["Omelet"], ["'***'", "'omelet*-1'"]),
    ],
)
def test_a_bad_link_keeps_the_rest_and_names_what_was_skipped(
    page: Any, base_url: str, menu: str, kept: list[str], skipped: list[str]
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_menu(page, base_url, menu)
    titles = page.eval_on_selector_all(
        "[data-kb-menu-list] .kb-menu__title", "els => els.map(e => e.textContent)"
    )
    assert titles == kept
    problem = page.text_content("[data-kb-menu-problem]")
    assert page.is_visible("[data-kb-menu-problem]")
    assert problem.startswith("Niet op je weekmenu gezet: ")
    assert problem.count("\n") == 0
    for piece in skipped:
        assert piece in problem
    assert page.locator("[data-kb-menu-problem] img").count() == 0
    assert page.is_visible("[data-kb-shop-totals]")
    # the link is the menu that was kept, ready to share
    assert re.fullmatch(r"menu=[a-z-]+\*\d+", urlsplit(page.url).query)
    assert dialogs == [] and page.errors == []


def test_nothing_but_garbage_shows_an_empty_menu_and_the_picker(page: Any, base_url: str) -> None:
    open_menu(page, base_url, "%%%,;;;'\"")
    assert page.is_visible("[data-kb-menu-empty]")
    assert page.is_visible("[data-kb-menu-problem]")
    assert page.is_visible("[data-kb-picker]")
    assert page.errors == []


def test_a_menu_of_fifty_recipes_works(page: Any, base_url: str, site_dir: Path) -> None:
    slugs = ["linzensoep", "pannenkoeken", "groentesoep", "omelet", "appelcrumble"]
    meals = [(slugs[i % 5], 1 + (i * 7) % 12) for i in range(50)]
    open_menu(page, base_url, ",".join(f"{slug}*{people}" for slug, people in meals))
    assert page.locator("[data-kb-menu-list] > li").count() == 50
    assert not page.is_visible("[data-kb-menu-problem]")
    project = load_project(site_dir.parent / "content")
    expected = shopping_list(menu_data(project.prices, project.recipes), meals)
    total = page.get_attribute("[data-till-total-cents]", "data-till-total-cents")
    assert int(total) == expected.till_cents
    assert len(shown_lines(page)) == len(expected.lines)
    assert page.errors == []


def test_recipes_put_on_the_menu_from_pages_and_cards_are_kept(page: Any, base_url: str) -> None:
    page.goto(base_url + "recepten/omelet/")
    page.click("[data-kb-step='1']")  # 3 people
    page.click("[data-kb-menu-add]")
    toast = page.text_content("[data-kb-toast]")
    assert toast.startswith("Staat op je weekmenu, voor 3 personen. Je menu heeft nu 1 maaltijd.")
    page.goto(base_url + "recepten/")
    page.click("[data-kb-card]:has-text('Linzensoep') [data-kb-menu-add]")
    assert "Je menu heeft nu 2 maaltijden." in page.text_content("[data-kb-toast]")
    page.click("[data-kb-toast] a")
    page.wait_for_selector("[data-kb-menu-list] > li")
    assert urlsplit(page.url).path == "/kookboek/weekmenu/"
    assert urlsplit(page.url).query == "menu=omelet*3,linzensoep*4"
    # change it on the page: the link and the storage follow
    page.select_option("[data-kb-picker-recipe]", "groentesoep")
    page.fill("[data-kb-picker-portions]", "2")
    page.click("[data-kb-picker] button[type=submit]")
    page.click("[aria-label='Eén persoon meer voor Omelet']")
    page.click("[aria-label='Haal weg: Linzensoep']")
    assert urlsplit(page.url).query == "menu=omelet*4,groentesoep*2"
    page.goto(base_url + "weekmenu/")
    page.wait_for_selector("[data-kb-menu-list] > li")
    assert urlsplit(page.url).query == "menu=omelet*4,groentesoep*2"
    page.click("[data-kb-menu-clear]")
    assert urlsplit(page.url).query == ""
    assert page.is_visible("[data-kb-menu-empty]")
    assert page.errors == []


def test_what_is_already_at_home_leaves_the_till_total(page: Any, base_url: str) -> None:
    open_menu(page, base_url, "linzensoep*4,groentesoep*4,omelet*2")
    summary = "[data-kb-menu-summary]"  # at the top of the menu, for a phone
    assert page.text_content(summary) == (
        "3 maaltijden. Aan de kassa: €\xa016,60. Naar de boodschappenlijst"
    )
    page.check("[data-ingredient='olijfolie'] [data-kb-have] input")
    assert page.get_attribute("[data-till-total-cents]", "data-till-total-cents") == "1060"
    assert "Aan de kassa: €\xa010,60." in page.text_content(summary)
    assert page.text_content("[data-till-total-cents]") == "€\xa010,60"
    assert page.text_content("[data-kb-have-cents]") == "€\xa06,00"
    assert page.text_content("[data-kb-shopping] [data-kb-per-person]") == "€\xa01,06"
    # the example page with the same menu remembers it too
    page.goto(base_url + "weekmenus/drie-dagen/")
    assert page.is_checked("[data-ingredient='olijfolie'] [data-kb-have] input")
    assert page.get_attribute("[data-till-total-cents]", "data-till-total-cents") == "1060"
    page.emulate_media(media="print")
    assert not page.is_visible("[data-ingredient='olijfolie']")  # not on the list to the shop
    page.emulate_media(media="screen")
    page.uncheck("[data-ingredient='olijfolie'] [data-kb-have] input")
    assert page.get_attribute("[data-till-total-cents]", "data-till-total-cents") == "1660"
    assert page.errors == []


@pytest.mark.parametrize("path", ["weekmenu/?menu=", "weekmenus/drie-dagen/"])
def test_the_shopping_list_prints_on_one_a4_page_with_boxes(
    page: Any, base_url: str, path: str
) -> None:
    menu = "linzensoep*4,groentesoep*4,omelet*2,pannenkoeken*6,appelcrumble*4" * (
        path.endswith("=")
    )
    page.goto(base_url + path + menu)
    page.wait_for_selector("[data-kb-shop-totals]")
    page.emulate_media(media="print")
    assert not page.is_visible(".md-header")
    assert not page.is_visible("[data-kb-picker]")
    boxes = page.locator(".kb-shop__box")
    assert boxes.count() == page.locator(".kb-shop__line").count() > 0
    assert boxes.first.is_visible()
    assert not page.is_visible("[data-kb-have]")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Boodschappenlijst" in text and "Linzensoep" in text and "olijfolie" in text


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize(
    "path", ["weekmenu/?menu=linzensoep*4,appelcrumble*12,omelet*2", "weekmenus/drie-dagen/"]
)
def test_the_pages_fit_a_phone_without_sideways_scrolling(
    chromium: Any, base_url: str, width: int, path: str
) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 800}, locale="nl-BE")
    try:
        tab = context.new_page()
        tab.goto(base_url + path)
        tab.wait_for_selector("[data-kb-shop-totals]")
        overflow = tab.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
    finally:
        context.close()


def test_without_javascript_the_examples_still_work(chromium: Any, base_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(base_url + "weekmenus/drie-dagen/")
        assert tab.locator(".kb-shop__line").count() == len(CASES[0].lines)
        assert tab.get_attribute("[data-till-total-cents]", "data-till-total-cents") == "1660"
        assert not tab.is_visible("[data-kb-have]")
        assert not tab.is_visible("[data-kb-print]")
        tab.goto(base_url + "weekmenu/")
        assert not tab.is_visible("[data-kb-weekmenu-app]")
        # (Playwright's text= skips <noscript>, so the paragraph is found by its class)
        assert tab.is_visible(".kb-note:has-text('Zelf een weekmenu maken kan alleen als')")
        tab.click("text=Drie dagen voor weinig geld")
        assert tab.locator(".kb-shop__line").count() == len(CASES[0].lines)
        tab.goto(base_url + "recepten/")
        assert not tab.is_visible("[data-kb-menu-add]")
    finally:
        context.close()


def test_the_export_is_fetched_once_and_then_kept(
    chromium: Any, base_url: str, requested: list[str]
) -> None:
    def fetched() -> list[str]:
        return [p.split("/weekmenu/")[1] for p in requested if "/weekmenu/gegevens." in p]

    context = chromium.new_context()
    try:
        tab = context.new_page()
        before = len(fetched())
        for menu in ("omelet*2", "omelet*3,linzensoep*4", "linzensoep*2,omelet*2,omelet*1"):
            open_menu(tab, base_url, menu)
        now = fetched()[before:]
        # the index once, then each recipe on a menu once
        assert len(now) == 3
        assert re.fullmatch(r"gegevens\.[0-9a-f]{12}\.json", now[0])
        assert [name.split("/")[-1] for name in now[1:]] == ["omelet.json", "linzensoep.json"]
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize(
    "menu", ["linzensoep*4,groentesoep*4,omelet*2", "", "linzensoep*4," * 12 + "bestaat-niet*2"]
)
def test_nothing_jumps_while_the_menu_loads(
    chromium: Any, base_url: str, width: int, menu: str
) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 800})
    try:
        tab = context.new_page()
        tab.add_init_script(LAYOUT_SHIFTS)
        tab.goto(base_url + "weekmenu/?menu=" + menu, wait_until="load")
        tab.wait_for_selector("[data-kb-weekmenu-app]:not([data-kb-loading])")
        tab.wait_for_timeout(300)
        shifts = tab.evaluate("window.__kbShifts")
        assert sum(shifts) < 0.01, shifts
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_the_week_menu_pages_pass_axe(chromium: Any, base_url: str, width: int) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 800})
    problems: list[str] = []
    try:
        tab = context.new_page()
        for path in ("weekmenu/?menu=linzensoep*4,omelet*2", "weekmenus/drie-dagen/"):
            tab.goto(base_url + path)
            tab.wait_for_selector("[data-kb-shop-totals]")
            violations = axe_violations(tab)
            problems.extend(f"/{path} @ {width}px: {v}" for v in violations)
    finally:
        context.close()
    assert problems == []
