"""The overview at scale: pages of cards reached without scripts, and filters that ask the
card index for the cards they show, with the same recipes, in the same order, as the choice
means (the overview once filtered every card in the page: these are its answers)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urljoin

import pytest

from browser_checks import axe_violations, htmlcs_errors
from kookboek.content.models import Recipe
from kookboek.content.project import Project, load_project
from kookboek.search.index import CARDS_DIR
from kookboek.site.pages import CARDS_PER_PAGE
from link_checks import broken_links
from live_server import serving
from project_paths import REPO
from sample_project import build_many_recipes_site

sys.path.insert(0, str(REPO / "scripts"))
import check_html  # scripts/ is not a package: found through sys.path
import phone_width

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SAMPLE = 34  # the sample site's own recipes (content/recepten)
ADDED = 26  # generated ones, to three pages
SOUPS = 26  # added ones made soups: with the sample's own, more than a page of one kind
RECIPES = SAMPLE + ADDED


@pytest.fixture(scope="module")
def project_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_many_recipes_site(tmp_path_factory.mktemp("many"), ADDED, "soep", SOUPS)


@pytest.fixture(scope="module")
def project(project_dir: Path) -> Project:
    loaded = load_project(project_dir / "content")
    assert len(loaded.recipes) == RECIPES
    return loaded


@pytest.fixture(scope="module")
def base_url(project_dir: Path) -> Iterator[str]:
    with serving(project_dir / "site", sub_path="kookboek") as url:
        yield url


@pytest.fixture
def phone(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 360, "height": 800}, locale="nl-BE")
    yield context.new_page()
    context.close()


def expected(project: Project, query: str) -> list[str]:
    """The titles a choice shows, worked out from the recipes themselves."""
    chosen = dict(parse_qsl(query))
    cost = {r.slug: project.costs[r.slug].per_portion for r in project.recipes}

    def fits(recipe: Recipe) -> bool:
        return (
            ("max" not in chosen or cost[recipe.slug] <= Decimal(chosen["max"]))
            and chosen.get("soort", recipe.category) == recipe.category
            and ("competentie" not in chosen or chosen["competentie"] in recipe.competences)
            and ("dieet" not in chosen or chosen["dieet"] in recipe.diets)
            and not ("zonder-oven" in chosen and recipe.needs_oven)
        )

    orders = {
        "prijs": lambda r: (cost[r.slug], r.minutes, r.title),
        "tijd": lambda r: (r.minutes, cost[r.slug], r.title),
        "nieuw": lambda r: (-r.date.toordinal(), cost[r.slug], r.title),
    }
    found = sorted(filter(fits, project.recipes), key=orders[chosen.get("sorteer", "prijs")])
    return [r.title for r in found]


def shown_titles(tab: Any) -> list[str]:
    tab.wait_for_selector("[data-kb-cards]:not([aria-busy])", state="attached")
    titles: list[str] = tab.eval_on_selector_all(
        "[data-kb-card] .kb-card__title", "els => els.map(e => e.textContent.trim())"
    )
    return titles


def test_the_numbered_pages_reach_every_recipe_without_scripts(
    chromium: Any, base_url: str, project: Project
) -> None:
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 800}
    )
    try:
        tab = context.new_page()
        url: str | None = base_url + "recepten/"
        seen: list[str] = []
        pages = 0
        while url:
            tab.goto(url)
            pages += 1
            on_page = shown_titles(tab)
            assert 0 < len(on_page) <= CARDS_PER_PAGE
            seen += on_page
            assert tab.is_visible("nav.kb-pages a[aria-current='page']")
            following = tab.query_selector("nav.kb-pages a[rel='next']")
            url = urljoin(tab.url, following.get_attribute("href")) if following else None
        assert pages == -(-RECIPES // CARDS_PER_PAGE) == 3
        assert seen == expected(project, "")  # cheapest first, every recipe once
        assert not tab.is_visible("[data-kb-filters]")
    finally:
        context.close()


def test_page_numbers_link_every_page_and_say_which_is_open(phone: Any, base_url: str) -> None:
    phone.goto(base_url + "recepten/pagina/2/")
    links = phone.eval_on_selector_all(
        "nav.kb-pages a", "els => els.map(a => [a.textContent.trim(), new URL(a.href).pathname])"
    )
    assert links == [
        ["Vorige pagina", "/kookboek/recepten/"],
        ["Pagina 1", "/kookboek/recepten/"],
        ["Pagina 2", "/kookboek/recepten/pagina/2/"],
        ["Pagina 3", "/kookboek/recepten/pagina/3/"],
        ["Volgende pagina", "/kookboek/recepten/pagina/3/"],
    ]
    assert phone.text_content("a[aria-current='page']").strip() == "Pagina 2"
    assert phone.text_content("h1").strip() == "Recepten, pagina 2 van 3"
    # A further page is reached by its number, not by searching for it.
    robots = phone.get_attribute("meta[name='robots']", "content")
    assert robots == "noindex"


def test_a_kind_with_more_recipes_than_a_page_has_pages_too(
    phone: Any, base_url: str, project: Project
) -> None:
    phone.goto(base_url + "soorten/soep/")
    first = shown_titles(phone)
    phone.click("nav.kb-pages a[rel='next']")
    phone.wait_for_url("**/soorten/soep/pagina/2/")
    second = shown_titles(phone)
    assert len(first) == CARDS_PER_PAGE
    assert first + second == expected(project, "soort=soep")


@pytest.mark.parametrize(
    "query",
    [
        "max=1.50",
        "soort=soep&sorteer=tijd",
        "zonder-oven=1&sorteer=nieuw",
        "dieet=vegetarisch",
        "competentie=plannen&max=2.00",
        "sorteer=tijd",  # every recipe, in another order: more than a page
        "max=1.00&soort=soep&competentie=stiptheid&dieet=halal",  # may fit none
    ],
)
def test_filters_show_the_recipes_the_choice_means(
    phone: Any, base_url: str, project: Project, query: str
) -> None:
    titles = expected(project, query)
    phone.goto(base_url + "recepten/?" + query)
    shown = shown_titles(phone)
    while phone.is_visible("[data-kb-more]"):
        phone.click("[data-kb-more]")
        shown = shown_titles(phone)
    assert shown == titles
    assert axe_violations(phone) == []
    count = phone.text_content("[data-kb-count]")
    assert count == (f"{len(titles)} recepten" if len(titles) != 1 else "1 recept")
    assert phone.is_visible("[data-kb-empty]") == (not titles)
    assert not phone.is_visible("nav.kb-pages")  # the numbered pages are the unfiltered list


def test_a_filter_fetches_only_the_cards_it_shows(
    phone: Any, base_url: str, project: Project
) -> None:
    fetched: list[str] = []
    phone.on("request", lambda request: fetched.append(request.url))
    phone.goto(base_url + "recepten/")
    assert not [url for url in fetched if CARDS_DIR in url]  # nothing asked before a choice
    phone.click(".kb-filters__details > summary")
    phone.select_option("#kb-sorteer", "tijd")
    assert len(shown_titles(phone)) == CARDS_PER_PAGE
    fragments = [url for url in fetched if "/fragment/" in url]
    assert len(fragments) == CARDS_PER_PAGE
    # Two taps, the second while the cards come: they are added once.
    phone.eval_on_selector("[data-kb-more]", "button => { button.click(); button.click(); }")
    assert len(shown_titles(phone)) == 2 * CARDS_PER_PAGE
    focused = phone.evaluate("document.activeElement.textContent.trim()")
    assert focused == expected(project, "sorteer=tijd")[CARDS_PER_PAGE]
    # A card a filter showed is a whole card: its week-menu button works.
    phone.click("[data-kb-card] >> nth=30 >> [data-kb-menu-add]")
    assert "Staat op je weekmenu" in phone.text_content("[data-kb-toast]")
    # "Alles tonen" puts the first page back, with its numbers.
    phone.click("[data-kb-reset]")
    assert shown_titles(phone) == expected(project, "")[:CARDS_PER_PAGE]
    assert phone.is_visible("nav.kb-pages")


PAGED = ["recepten/", "recepten/pagina/2/", "recepten/pagina/3/", "soorten/soep/pagina/2/"]


def test_every_link_of_the_pages_and_the_cards_leads_somewhere(project_dir: Path) -> None:
    broken, checked = broken_links(project_dir / "site", "/")
    assert broken == [], "\n".join(broken)
    assert checked > 1000


def test_the_pages_are_valid_html(project_dir: Path) -> None:
    files = [project_dir / "site" / page / "index.html" for page in PAGED]
    try:
        assert check_html.nu_errors(files) == []
    except check_html.CheckerMissing as missing:
        pytest.fail(str(missing))


def test_the_pages_and_a_filtered_list_fit_a_phone_and_pass_html_codesniffer(
    chromium: Any, base_url: str
) -> None:
    found = phone_width.overflow_problems(chromium, base_url, [*PAGED, "recepten/?sorteer=tijd"])
    assert found == {320: {}, 360: {}}
    context = chromium.new_context(viewport={"width": 360, "height": 800}, locale="nl-BE")
    problems: list[str] = []
    try:
        tab = context.new_page()
        for path in [*PAGED, "recepten/?sorteer=tijd"]:
            tab.goto(base_url + path, wait_until="load")
            shown_titles(tab)
            problems.extend(f"/{path}: {error}" for error in htmlcs_errors(tab))
    finally:
        context.close()
    assert problems == []
