"""The website in a real Chromium, served under a sub-path like the published site."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from browser_checks import LAYOUT_SHIFTS, axe_violations
from kookboek.content.models import Ingredient
from kookboek.content.project import load_project
from kookboek.pricing.cost import IngredientCost, RecipeCost, scale_cost
from kookboek.pricing.money import euros, format_money, half_up, to_cents
from live_server import serving
from project_paths import REPO
from sample_project import build_fixture_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AUDITED_PAGES = [
    "",
    "recepten/",
    "recepten/linzensoep/",
    "recepten/pannenkoeken/",
    "competenties/plannen/",
    "tools/",
    "tools/draaiboeken/kookactiviteit/",
]
WIDTHS = [1280, 360]
SCALER_SCRIPT = REPO / "theme" / "assets" / "javascripts" / "kookboek.js"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("site-browser")
    project = build_fixture_site(root)
    with serving(project / "site", sub_path="kookboek") as url:  # site_url's sub-path
        yield project, url


@pytest.fixture(scope="module")
def base_url(built: tuple[Path, str]) -> str:
    return built[1]


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-BE")
    tab = context.new_page()
    yield tab
    context.close()


def visible_titles(page: Any) -> list[str]:
    """The cards shown, once the overview's card index has answered the latest choice."""
    page.wait_for_selector("[data-kb-cards]:not([aria-busy])", state="attached")
    titles: list[str] = page.eval_on_selector_all(
        "[data-kb-card] .kb-card__title", "els => els.map(e => e.textContent.trim())"
    )
    return titles


def test_filter_reduces_cards_and_updates_the_url(page: Any, base_url: str) -> None:
    page.goto(base_url + "recepten/")
    assert visible_titles(page) == ["Pannenkoeken", "Linzensoep", "Appelcrumble"]
    page.select_option("#kb-max", "1.00")
    page.check("#kb-zonder-oven")
    assert visible_titles(page) == ["Pannenkoeken", "Linzensoep"]
    page.select_option("#kb-competentie", "plannen")
    assert visible_titles(page) == ["Linzensoep"]
    assert page.text_content("[data-kb-count]") == "1 recept"
    query = urlsplit(page.url).query
    assert sorted(query.split("&")) == ["competentie=plannen", "max=1.00", "zonder-oven=1"]
    assert urlsplit(page.url).path == "/kookboek/recepten/"


def test_shared_url_restores_the_filter_and_sorting(page: Any, base_url: str) -> None:
    page.goto(base_url + "recepten/?soort=dessert&sorteer=nieuw")
    assert visible_titles(page) == ["Appelcrumble", "Pannenkoeken"]
    assert page.input_value("#kb-soort") == "dessert"
    assert page.input_value("#kb-sorteer") == "nieuw"
    page.click("[data-kb-reset]")
    assert len(visible_titles(page)) == 3
    assert urlsplit(page.url).query == ""


def test_filters_survive_instant_navigation(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.click(".md-tabs a:text-is('Recepten')")
    page.wait_for_url("**/recepten/")
    page.wait_for_selector("[data-kb-filters][data-kb-ready]")
    page.select_option("#kb-soort", "soep")
    assert visible_titles(page) == ["Linzensoep"]
    assert "soort=soep" in page.url


def test_without_javascript_every_card_is_visible(chromium: Any, base_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(base_url + "recepten/?soort=soep")
        assert len(visible_titles(tab)) == 3
        assert not tab.is_visible("[data-kb-filters]")
        tab.goto(base_url + "recepten/linzensoep/")
        assert not tab.is_visible("[data-kb-scaler]")
        assert tab.is_visible("table.kb-ingredients")
    finally:
        context.close()


def test_portion_scaler_recalculates_amounts_and_costs(page: Any, base_url: str) -> None:
    page.goto(base_url + "recepten/linzensoep/")
    rows = "table.kb-ingredients tbody tr"
    before = page.eval_on_selector_all(rows, "rs => rs.map(r => r.innerText)")
    assert before[0].split("\t") == ["250 g", "rode linzen", "€\xa01,10"]
    for _ in range(2):
        page.click("[data-kb-step='1']")
    assert page.input_value("#kb-porties") == "6"
    after = page.eval_on_selector_all(rows, "rs => rs.map(r => r.innerText)")
    assert after[0].split("\t") == ["375 g", "rode linzen", "€\xa01,65"]
    assert after[1].split("\t")[0] == "3 stuks"
    assert after[3].split("\t")[0] == "3 eetlepels"
    assert after[4] == before[4]  # "zout, naar smaak" does not scale
    assert page.text_content("[data-kb-total]") == "€\xa03,27"
    assert page.text_content("[data-kb-per-portion]") == "€\xa00,55"
    assert page.text_content(".kb-cost__total [data-kb-portions]") == "6"
    page.fill("#kb-porties", "2")
    page.dispatch_event("#kb-porties", "input")
    assert page.text_content("[data-kb-total]") == "€\xa01,09"


def shown_cents(text: str) -> int:
    """'€ 1,38' → 138."""
    digits = text.replace("€", "").replace("\xa0", "").replace(".", "").replace(",", "").strip()
    return int(digits)


SCALE_ALL = """portions => portions.map(p => {
  const input = document.querySelector("[data-kb-portions-input]");
  input.value = String(p);
  input.dispatchEvent(new Event("input"));
  const text = s => document.querySelector(s).textContent;
  return {
    lines: [...document.querySelectorAll("[data-kb-line-cost]")].map(c => c.textContent),
    total: text("[data-kb-total]"),
    cell: text("[data-kb-total-cell]"),
    portion: text("[data-kb-per-portion]"),
  };
})"""


def scaler_shows(page: Any, portions: list[int]) -> list[dict[str, Any]]:
    shown: list[dict[str, Any]] = page.evaluate(SCALE_ALL, portions)
    return [
        {
            "lines": [shown_cents(line) for line in each["lines"]],
            "total": shown_cents(each["total"]),
            "cell": shown_cents(each["cell"]),
            "portion": shown_cents(each["portion"]),
        }
        for each in shown
    ]


def test_linzensoep_for_five_adds_up_as_shown(page: Any, base_url: str) -> None:
    page.goto(base_url + "recepten/linzensoep/")
    page.fill("#kb-porties", "5")
    page.dispatch_event("#kb-porties", "input")
    lines = page.eval_on_selector_all("[data-kb-line-cost]", "cs => cs.map(c => c.textContent)")
    total = str(page.text_content("[data-kb-total-cell]"))
    assert sum(shown_cents(line) for line in lines) == shown_cents(total)
    portion = shown_cents(str(page.text_content("[data-kb-per-portion]")))
    assert portion == half_up(shown_cents(total), 5)  # the total shared by 5


def expected(cost: RecipeCost, portions: list[int]) -> list[dict[str, Any]]:
    shown = []
    for count in portions:
        scaled = scale_cost(cost, count)
        lines = [line for line in scaled.lines if line is not None]
        total = scaled.total
        shown.append({"lines": lines, "total": total, "cell": total, "portion": scaled.per_portion})
    return shown


def test_the_scaler_shows_what_the_engine_computes_for_every_recipe_and_portion(
    page: Any, built: tuple[Path, str]
) -> None:
    project_dir, base_url = built
    project = load_project(project_dir / "content")
    portions = list(range(1, 100))
    for recipe in project.recipes:
        page.goto(f"{base_url}recepten/{recipe.slug}/")
        shown = scaler_shows(page, portions)
        assert shown == expected(project.costs[recipe.slug], portions), recipe.slug
        for each in shown:
            assert sum(each["lines"]) == each["total"]


def scaler_page(cents: list[int], portions: int) -> str:
    """A recipe with these line costs, marked up as site/recipe.html marks it up."""
    rows = "".join(
        f'<tr data-kb-amount="1" data-kb-unit="stuk" data-kb-units="stuks"'
        f' data-kb-cost="{euros(value)}"><td data-kb-qty>1 stuk</td><td>x{index}</td>'
        f"<td data-kb-line-cost>{format_money(euros(value))}</td></tr>"
        for index, value in enumerate(cents)
    )
    total = euros(sum(cents))
    return (
        f'<!doctype html><html lang="nl"><body><article data-kb-recipe data-portions="{portions}">'
        f"<p><strong data-kb-per-portion></strong> per portie</p>"
        f'<p><strong data-kb-total="{total}"></strong> voor <span data-kb-portions></span></p>'
        '<div data-kb-scaler hidden><button type="button" data-kb-step="-1">-</button>'
        f'<input id="kb-porties" data-kb-portions-input value="{portions}">'
        '<button type="button" data-kb-step="1">+</button></div>'
        f"<table><tbody>{rows}</tbody><tfoot><tr><td data-kb-total-cell></td></tr></tfoot>"
        f"</table></article><script>{SCALER_SCRIPT.read_text(encoding='utf-8')}</script>"
        "</body></html>"
    )


def test_the_scaler_and_the_engine_do_the_same_sums_for_many_recipes(page: Any) -> None:
    rng = random.Random(25)
    portions = list(range(1, 100))
    for _ in range(100):
        base = rng.randint(1, 12)
        cents = [
            rng.choice([rng.randint(0, 30), rng.randint(0, 600)]) for _ in range(rng.randint(1, 14))
        ]
        page.set_content(scaler_page(cents, base))
        cost = recipe_cost(cents, base)
        assert scaler_shows(page, portions) == expected(cost, portions), (cents, base)


def recipe_cost(cents: list[int], portions: int) -> RecipeCost:
    lines = tuple(
        IngredientCost(Ingredient(naam="x", hoeveelheid=Decimal(1), eenheid="stuk"), euros(value))
        for value in cents
    )
    total = euros(sum(cents))
    return RecipeCost(lines, total, to_cents(total / portions), portions, dt.date(2026, 10, 15))


@pytest.mark.parametrize(
    ("portions", "onions", "lentils"),
    [
        ("4", "1 stuk", "250 g"),  # the recipe's own portions: as written
        ("5", "1,5 stuks", "313 g"),  # 1,25 onions: a half is what she can take
        ("3", "0,75 stuk", "188 g"),  # three quarters of an onion
        ("1", "0,25 stuk", "63 g"),  # a quarter below one, whole grams from 10 g
        ("7", "2 stuks", "438 g"),  # 1,75 onions
    ],
)
def test_scaled_amounts_are_what_a_cook_can_take(
    page: Any, base_url: str, portions: str, onions: str, lentils: str
) -> None:
    page.goto(base_url + "recepten/linzensoep/")
    # One onion for four people (the recipe has two), so that the scaled amounts fall between
    # halves; the scaler reads the amounts from the table, as for every recipe.
    page.eval_on_selector(
        "table.kb-ingredients tbody tr:nth-child(2)", "row => { row.dataset.kbAmount = '1'; }"
    )
    page.fill("#kb-porties", portions)
    page.dispatch_event("#kb-porties", "input")
    quantities = page.eval_on_selector_all(
        "table.kb-ingredients tbody tr [data-kb-qty]", "cells => cells.map(c => c.textContent)"
    )
    assert (quantities[0], quantities[1]) == (lentils, onions)


def test_search_finds_a_recipe_by_an_ingredient(page: Any, base_url: str) -> None:
    search_requests: list[str] = []
    page.on(
        "request",
        lambda request: (
            search_requests.append(request.url) if "/pagefind/" in request.url else None
        ),
    )
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    page.click(".md-tabs a:text-is('Zoeken')")
    page.wait_for_url("**/zoeken/")
    page.wait_for_load_state("networkidle")
    # Nothing of the search is fetched until she searches: not on another page, not on
    # the search page itself.
    assert search_requests == []
    page.fill("#kb-zoekterm", "olijfolie")
    page.locator(".kb-search__result a", has_text="Linzensoep").wait_for(timeout=15_000)
    assert "q=olijfolie" in page.url  # a search can be shared, and Back shows it again
    # Only parts of the index: its entry, the Dutch metadata, the words' chunk and the
    # excerpts shown; never one file with the whole site's words.
    fetched = {urlsplit(url).path.rsplit("/", 1)[-1] for url in search_requests}
    assert "pagefind.js" in fetched and "pagefind-entry.json" in fetched
    assert any(name.endswith(".pf_fragment") for name in fetched)
    assert not any("search_index" in name for name in fetched)


@pytest.mark.parametrize("words", ["linzen", "soep", "Linzensoep"])
def test_search_on_a_phone_finds_linzensoep(phone: Any, base_url: str, words: str) -> None:
    phone.goto(base_url + "zoeken/")
    phone.fill("#kb-zoekterm", words)
    phone.click(".kb-search__button")
    found = phone.locator(".kb-search__result a", has_text="Linzensoep").first
    found.wait_for(timeout=15_000)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    found.click()
    phone.wait_for_url("**/recepten/linzensoep/")
    assert phone.text_content("h1") == "Linzensoep"


def test_search_texts_are_dutch_and_contributed_text_stays_text(phone: Any, base_url: str) -> None:
    phone.goto(base_url + "zoeken/?q=krokant")  # the dessert's description has markup in it
    result = phone.locator(".kb-search__result", has_text="Appelcrumble").first
    result.wait_for(timeout=15_000)
    assert "</script><b>" in result.inner_text()  # shown as the text it is
    assert phone.locator(".kb-search__result b").count() == 0
    assert phone.locator(".kb-search__result mark").count() >= 1
    assert "gevonden" in phone.text_content("[data-kb-search-status]")
    phone.fill("#kb-zoekterm", "qwxyzzy")
    phone.click(".kb-search__button")
    phone.wait_for_function(
        "document.querySelector('[data-kb-search-status]').textContent.includes('Niets')"
    )
    assert axe_violations(phone) == []


def test_search_shows_more_results_on_request(phone: Any, base_url: str) -> None:
    """Results come a page at a time (10 on the site; 1 here, so the sample suffices): the
    button shows the next ones and goes when all are there; focus moves to the first new one."""

    def one_per_page(route: Any) -> None:
        answer = route.fetch()
        html = answer.text().replace('data-kb-per-page="10"', 'data-kb-per-page="1"')
        route.fulfill(response=answer, body=html)

    phone.route(lambda url: url.split("?")[0].endswith("/zoeken/"), one_per_page)
    phone.goto(base_url + "zoeken/?q=soep")
    phone.locator(".kb-search__result").first.wait_for(timeout=15_000)
    status = phone.locator("[data-kb-search-status]")
    total = int(status.inner_text().split()[0])
    assert total >= 2
    assert phone.locator(".kb-search__result").count() == 1
    assert "De eerste 1 staan hieronder" in status.inner_text()
    more = phone.get_by_role("button", name="Toon meer")
    for shown in range(2, total + 1):
        more.click()
        phone.wait_for_function(
            f"document.querySelectorAll('.kb-search__result').length === {shown}"
        )
        assert phone.evaluate(
            "document.activeElement === "
            f"document.querySelectorAll('.kb-search__result a')[{shown - 1}]"
        )
    assert not more.is_visible()
    assert status.inner_text() == f"{total} pagina's gevonden."
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("recipe", ["linzensoep", "pannenkoeken", "appelcrumble"])
def test_recipe_prints_on_one_a4_page(page: Any, base_url: str, recipe: str) -> None:
    page.goto(base_url + f"recepten/{recipe}/")
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    assert not page.is_visible(".md-header")
    assert page.is_visible("table.kb-ingredients")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert "Bereiding" in reader.pages[0].extract_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_pass_axe_and_stay_on_the_local_host(
    chromium: Any, base_url: str, width: int
) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 800})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    problems: list[str] = []
    try:
        tab = context.new_page()
        for path in AUDITED_PAGES:
            tab.goto(base_url + path)
            tab.wait_for_load_state("networkidle")
            violations = axe_violations(tab)
            problems.extend(f"/{path} @ {width}px: {v}" for v in violations)
    finally:
        context.close()
    assert problems == []
    assert len(requests) > len(AUDITED_PAGES)
    elsewhere = [
        url
        for url in requests
        if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert elsewhere == []


def test_price_list_fits_a_phone_without_sideways_scrolling(chromium: Any, base_url: str) -> None:
    context = chromium.new_context(viewport={"width": 360, "height": 780}, locale="nl-BE")
    phone = context.new_page()
    try:
        phone.goto(base_url + "prijzen/")
        overflow = phone.eval_on_selector(
            ".kb-table-wrap", "wrap => wrap.scrollWidth - wrap.clientWidth"
        )
        assert overflow <= 0
        # the shop and the date stand above the table; on a wide screen they are columns too
        headers = phone.eval_on_selector_all(
            ".kb-prices thead th",
            "ths => ths.filter(th => th.offsetParent).map(th => th.textContent)",
        )
        assert headers == ["Ingrediënt", "Prijs", "Verpakking"]
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["recepten/", "recepten/pannenkoeken/"])
def test_nothing_jumps_while_the_page_loads(
    chromium: Any, base_url: str, width: int, path: str
) -> None:
    # The filters, the scaler and the print button appear without pushing anything down, and
    # a photo has its space before it arrives (it used to push the cost box 250 px down).
    context = chromium.new_context(viewport={"width": width, "height": 800})
    try:
        tab = context.new_page()
        tab.add_init_script(LAYOUT_SHIFTS)
        tab.goto(base_url + path, wait_until="load")
        tab.wait_for_selector("[data-kb-ready]", state="attached")
        tab.wait_for_timeout(300)
        shifts = tab.evaluate("window.__kbShifts")
        # A font swap may move text a pixel or two (≈ 0.001); a jumping block is ≥ 0.05.
        assert sum(shifts) < 0.01, shifts
    finally:
        context.close()


def test_sharing_without_a_share_menu_offers_whatsapp_and_copying_the_link(
    chromium: Any, base_url: str
) -> None:
    context = chromium.new_context(viewport={"width": 360, "height": 800}, locale="nl-BE")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script("delete Navigator.prototype.share;")
    page = context.new_page()
    page.goto(base_url + "recepten/linzensoep/")
    address = "https://example.org/kookboek/recepten/linzensoep/"
    whatsapp = page.locator("[data-kb-share-whatsapp]")
    assert whatsapp.is_visible() and not page.locator("[data-kb-share-native]").is_visible()
    assert whatsapp.get_attribute("href") == (
        "https://wa.me/?text=Linzensoep%20https%3A%2F%2Fexample.org%2Fkookboek%2Frecepten%2Flinzensoep%2F"
    )
    page.click("[data-kb-share-copy]")
    page.wait_for_function("document.querySelector('[data-kb-share-status]').textContent !== ''")
    assert page.text_content("[data-kb-share-status]") == "De link is gekopieerd."
    assert page.evaluate("navigator.clipboard.readText()") == address
    context.close()


def test_sharing_uses_the_phones_own_share_menu_where_it_has_one(
    chromium: Any, base_url: str
) -> None:
    context = chromium.new_context(viewport={"width": 360, "height": 800}, locale="nl-BE")
    context.add_init_script(
        "Navigator.prototype.share = function (data) { window.__gedeeld = data;"
        " return Promise.resolve(); };"
    )
    page = context.new_page()
    page.goto(base_url + "recepten/linzensoep/")
    assert not page.locator("[data-kb-share-whatsapp]").is_visible()
    page.click("[data-kb-share-native]")
    shared = page.evaluate("window.__gedeeld")
    assert shared == {
        "title": "Linzensoep",
        "url": "https://example.org/kookboek/recepten/linzensoep/",
    }
    context.close()


def test_without_scripts_the_whatsapp_link_still_works(chromium: Any, base_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "recepten/linzensoep/")
    link = page.locator("[data-kb-share-whatsapp]")
    assert link.is_visible()
    assert link.get_attribute("href") == (
        "https://wa.me/?text=Linzensoep%20https%3A//example.org/kookboek/recepten/linzensoep/"
    )
    assert not page.locator("[data-kb-share-copy]").is_visible()
    context.close()


@pytest.fixture
def phone(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 360, "height": 780}, locale="nl-BE")
    tab = context.new_page()
    yield tab
    context.close()


def test_a_search_shows_the_price_list_as_it_reads(phone: Any, base_url: str) -> None:
    phone.goto(base_url + "zoeken/")
    phone.fill("#kb-zoekterm", "linzen")
    found = phone.locator(".kb-search__result", has_text="Prijslijst").first
    found.wait_for(timeout=15_000)
    text = found.inner_text().replace("\xa0", " ")
    assert "rode linzen: € 2,20 per 500 g" in text
    assert "€ 2,20500" not in text.replace(" ", "")


def test_search_choices_say_how_many_they_keep_and_narrow_the_results(
    phone: Any, base_url: str
) -> None:
    phone.goto(base_url + "zoeken/?q=linzen")
    phone.wait_for_selector(".kb-search__result")
    assert phone.is_visible("[data-kb-search-choices]")
    phone.click("[data-kb-search-filters] > summary")  # only now are the counts fetched
    phone.wait_for_function(
        "/\\(\\d+\\)$/.test(document.querySelector('#kb-soort option[value=soep]').textContent)"
    )
    kinds = phone.eval_on_selector_all(
        "#kb-soort option[value]:not([value=''])", "els => els.map(e => e.textContent)"
    )
    assert "Soepen (1)" in kinds and "Desserts (0)" in kinds
    phone.select_option("#kb-soort", "soep")
    phone.wait_for_function(
        "document.querySelector('[data-kb-search-status]').textContent === '1 pagina gevonden.'"
    )
    assert phone.text_content(".kb-search__result h2").strip() == "Linzensoep"
    assert sorted(urlsplit(phone.url).query.split("&")) == ["q=linzen", "soort=soep"]
    assert axe_violations(phone) == []
    # A shared address opens the choices with the filter chosen.
    phone.goto(base_url + "zoeken/?q=linzen&soort=soep")
    phone.wait_for_selector(".kb-search__result")
    assert phone.eval_on_selector("[data-kb-search-filters]", "details => details.open")
    assert phone.input_value("#kb-soort") == "soep"
    assert phone.text_content("[data-kb-search-status]") == "1 pagina gevonden."


def test_done_folds_the_filters_and_shows_the_cards(phone: Any, base_url: str) -> None:
    phone.goto(base_url + "recepten/")
    phone.wait_for_selector("[data-kb-filters][data-kb-ready]")
    phone.click(".kb-filters__details > summary")
    phone.select_option("#kb-soort", "soep")
    phone.click("button:text-is('Klaar')")
    assert not phone.eval_on_selector("[data-kb-details]", "details => details.open")
    assert urlsplit(phone.url).query == "soort=soep"  # no reload, the choice is kept
    assert visible_titles(phone) == ["Linzensoep"]
    card = phone.eval_on_selector("[data-kb-card]", "card => card.getBoundingClientRect().top")
    assert card < 780


def test_back_does_not_reopen_the_menu(phone: Any, base_url: str) -> None:
    # Chromium, like Firefox, fills form fields in again after Back; Material's menu is one.
    phone.goto(base_url + "recepten/")
    phone.click("label.md-header__button[for='__drawer']")
    assert phone.is_checked("#__drawer")
    phone.goto(base_url + "tools/")
    phone.go_back()
    phone.wait_for_selector("[data-kb-filters][data-kb-ready]")
    assert not phone.is_checked("#__drawer")
