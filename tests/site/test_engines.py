"""The built sample site in WebKitGTK (Safari's engine) and Firefox ESR, as on a phone: every
page at 320 and 360 px without sideways scrolling, the scaler, cook mode, the week menu's till
total against the engine's own, and the service worker. The harness itself is checked with a
page that does scroll sideways. The engines: tests/engines.py; Chromium: the other tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engines import Engine, EnginePage, overflow_problems, wait_for
from kookboek.content.project import load_project
from kookboek.mkdocs_plugin.run import build_site
from kookboek.pricing.shopping import menu_data, shopping_list
from live_server import serving
from project_paths import REPO
from weekmenu_cases import CASES, weekmenu_project

sys.path.insert(0, str(REPO / "scripts"))
from site_server import site_pages  # scripts/ is not a package: found through sys.path

pytestmark = pytest.mark.slow

WIDE = """<!doctype html><html lang="nl"><meta name="viewport" content="width=device-width">
<title>Te breed</title><body style="margin:0"><p>Een tabel die niet past:</p>
<div style="width:400px;height:20px;background:#c00"></div></body></html>"""
NARROW = """<!doctype html><html lang="nl"><meta name="viewport" content="width=device-width">
<title>Past</title><body style="margin:0"><p>Een zin die wel past op een smalle telefoon.</p>
</body></html>"""


@pytest.fixture(scope="session")
def engine_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project with its extra recipes and example menu, built once for both
    engines (without PDFs)."""
    project = weekmenu_project(tmp_path_factory.mktemp("engines") / "project")
    build_site(project / "mkdocs.yml", pdf=False)
    return project


@pytest.fixture(scope="session")
def engine_url(engine_project: Path) -> Iterator[str]:
    with serving(engine_project / "site", sub_path="kookboek") as url:
        yield url


@pytest.fixture
def page(engine: Engine, engine_url: str) -> Iterator[EnginePage]:
    """The engine on an empty slate: nothing kept from the test before (cook mode, menus)."""
    engine.open(engine_url + "404.html", 320)
    engine.evaluate("(localStorage.clear(), sessionStorage.clear(), true)")
    yield EnginePage(engine)


def test_the_harness_fails_on_a_page_that_scrolls_sideways(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "breed.html").write_text(WIDE, encoding="utf-8")
    (tmp_path / "smal.html").write_text(NARROW, encoding="utf-8")
    with serving(tmp_path) as url:
        found = overflow_problems(engine, url, ["breed.html", "smal.html"], (320,))
    assert list(found) == [320]
    assert list(found[320]) == ["breed.html"]
    assert found[320]["breed.html"][0] == "de pagina is 400 px breed"
    assert "div steekt uit (0–400 px)" in found[320]["breed.html"]


def test_every_page_fits_a_phone_without_sideways_scrolling(
    engine: Engine, engine_project: Path, engine_url: str
) -> None:
    pages = site_pages(engine_project / "site")
    for page in ["recepten/appelcrumble/", "competenties/", "prijzen/", "weekmenu/"]:
        assert page in pages
    found = overflow_problems(engine, engine_url, pages, (320, 360))
    problems = [
        f"/{page} @ {width} px: {problem}"
        for width, by_page in found.items()
        for page, page_problems in by_page.items()
        for problem in page_problems
    ]
    assert problems == []
    assert sorted(found) == [320, 360]
    assert engine.evaluate("window.innerWidth") == 360  # the width it was checked at


ROWS = (
    "[...document.querySelectorAll('table.kb-ingredients tbody tr')]"
    ".map(r => [...r.cells].map(c => c.innerText.trim()))"
)


def scaler_state(page: EnginePage) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(
        "({portions: document.querySelector('#kb-porties').value,"
        f" rows: {ROWS},"
        " total: document.querySelector('[data-kb-total]').textContent,"
        " perPortion: document.querySelector('[data-kb-per-portion]').textContent})"
    )
    return state


def euros(text: str) -> float:
    """ "€ 3,27" as 3.27."""
    return float(text.replace("€", "").replace("\xa0", "").strip().replace(",", "."))


def test_the_scaler_changes_amounts_and_costs(page: EnginePage, engine_url: str) -> None:
    page.engine.open(engine_url + "recepten/linzensoep/", 320)
    page.wait_for("document.querySelector('[data-kb-step]')")
    before = scaler_state(page)
    assert before["portions"] == "4"
    assert before["rows"][0][:2] == ["250 g", "rode linzen"]
    for _ in range(2):
        page.click("[data-kb-step='1']")
    after = scaler_state(page)
    assert after["portions"] == "6"
    assert [row[0] for row in after["rows"]] == [
        "375 g", "3 stuks", "750 g", "3 eetlepels", before["rows"][4][0],
    ]  # fmt: skip
    # The costs follow: within a cent per line of the recipe's own total, scaled.
    assert abs(euros(after["total"]) - euros(before["total"]) * 6 / 4) <= 0.05
    assert abs(euros(after["perPortion"]) - euros(after["total"]) / 6) <= 0.0051
    page.fill("#kb-porties", "2")
    halved = scaler_state(page)
    assert halved["rows"][0][:2] == ["125 g", "rode linzen"]
    assert abs(euros(halved["total"]) - euros(before["total"]) * 2 / 4) <= 0.05
    assert page.fits()


def test_search_finds_a_recipe_by_part_of_its_name(page: EnginePage, engine_url: str) -> None:
    """Pagefind's script and WebAssembly run in the engine: "linzen" finds linzensoep."""
    page.engine.open(engine_url + "zoeken/?q=linzen", 320)
    page.wait_for("document.querySelectorAll('[data-kb-search-results] a').length > 0", 20)
    links = page.evaluate(
        "[...document.querySelectorAll('[data-kb-search-results] a')].map(a => a.href)"
    )
    assert any("/recepten/linzensoep/" in link for link in links), links
    assert page.fits()


def test_the_overviews_filters_ask_the_card_index(
    page: EnginePage, engine_url: str, engine_project: Path
) -> None:
    """The card index's script and WebAssembly run in the engine: a kind shows its recipes,
    cheapest first, and a card from the index is a whole card (its week-menu button works)."""
    project = load_project(engine_project / "content")
    cost = {r.slug: project.costs[r.slug].per_portion for r in project.recipes}
    soups = sorted(
        (r for r in project.recipes if r.category == "soep"),
        key=lambda r: (cost[r.slug], r.minutes, r.title),
    )
    assert soups
    page.engine.open(engine_url + "recepten/?soort=soep", 320)
    page.wait_for(
        "/^\\d+ recept/.test(document.querySelector('[data-kb-count]').textContent)"
        " && !document.querySelector('[data-kb-cards]').hasAttribute('aria-busy')",
        20,
    )
    titles = page.evaluate(
        "[...document.querySelectorAll('.kb-card__title')].map(e => e.textContent.trim())"
    )
    assert titles == [r.title for r in soups]
    page.click("[data-kb-card] [data-kb-menu-add]")
    page.wait_for(
        "/Staat op je weekmenu/.test(document.querySelector('[data-kb-toast]').textContent)"
    )
    assert page.fits()


def test_the_search_choices_count_and_narrow_the_results(
    page: EnginePage, engine_url: str, engine_project: Path
) -> None:
    """Opening the choices fetches the filters' counts; a kind keeps as many pages as its
    count said, all of them recipes of that kind."""
    project = load_project(engine_project / "content")
    soups = {f"/recepten/{r.slug}/" for r in project.recipes if r.category == "soep"}
    page.engine.open(engine_url + "zoeken/?q=linzen", 320)
    page.wait_for("document.querySelectorAll('[data-kb-search-results] a').length > 0", 20)
    page.click("[data-kb-search-filters] > summary")
    page.wait_for(
        "/\\(\\d+\\)$/.test(document.querySelector('#kb-soort option[value=soep]').textContent)",
        20,
    )
    counted = int(page.text_content("#kb-soort option[value=soep]").split("(")[1].rstrip(")"))
    assert counted >= 1
    page.select_option("#kb-soort", "soep")
    status = "1 pagina gevonden." if counted == 1 else f"{counted} pagina's gevonden."
    page.wait_for(
        f"document.querySelector('[data-kb-search-status]').textContent === {status!r}", 20
    )
    links = page.evaluate(
        "[...document.querySelectorAll('[data-kb-search-results] a')].map(a => a.href)"
    )
    assert len(links) == counted
    assert all(any(link.endswith(soup) for soup in soups) for link in links), links
    assert page.fits()


def cook_step(page: EnginePage) -> tuple[str, str]:
    return (
        page.text_content("[data-kb-cook-where]"),
        page.inner_text("[data-kb-cook-text]"),
    )


def test_cook_mode_walks_the_steps_runs_a_timer_and_stops(
    page: EnginePage, engine_url: str
) -> None:
    page.engine.open(engine_url + "recepten/linzensoep/", 320)
    page.wait_for("document.querySelector('[data-kb-cook-open][data-kb-ready]')")
    page.click("[data-kb-cook-open]")
    assert page.is_visible("[data-kb-cook]")
    assert cook_step(page) == ("Stap 1 van 4", "Snij de uien en de wortelen in stukjes.")
    page.click("[data-kb-cook-next]")
    assert cook_step(page) == ("Stap 2 van 4", "Stoof ze aan in de olie.")
    page.click("[data-kb-cook-next]")
    assert cook_step(page)[0] == "Stap 3 van 4"
    assert page.inner_text("[data-kb-cook-timer-start]") == "Wekker 25 minuten"
    page.click("[data-kb-cook-timer-start]")
    assert page.text_content("[data-kb-cook-timer-left]") == "25:00"
    page.wait_for("document.querySelector('[data-kb-cook-timer-left]').textContent === '24:59'")
    assert page.fits()
    page.click("[data-kb-cook-previous]")  # a timer goes on on every step
    assert cook_step(page)[0] == "Stap 2 van 4"
    assert page.is_visible("[data-kb-cook-timer-left]")
    page.click("[data-kb-cook-timer-stop]")
    assert not page.is_visible("[data-kb-cook-timer-left]")
    # No timer left: no "tap once to hear the alarm" either (it stayed in Firefox once).
    assert not page.is_visible("[data-kb-cook] .kb-cook__hint")
    page.click("[data-kb-cook-next]")
    assert not page.is_visible("[data-kb-cook] .kb-cook__hint")
    page.click("[data-kb-cook-stop]")
    assert not page.is_visible("[data-kb-cook]")
    assert page.evaluate("document.activeElement.hasAttribute('data-kb-cook-open')")


def test_the_week_menus_till_total_is_the_engines(
    page: EnginePage, engine_project: Path, engine_url: str
) -> None:
    project = load_project(engine_project / "content")
    for case in CASES:
        menu = ",".join(f"{slug}*{people}" for slug, people in case.meals)
        expected = shopping_list(menu_data(project.prices, project.recipes), case.meals)
        page.engine.open(engine_url + "weekmenu/?menu=" + menu, 320)
        page.wait_for("document.querySelector('[data-kb-shopping] [data-kb-shop-totals]')")
        shown = page.evaluate(
            "({total: Number(document.querySelector('[data-till-total-cents]')"
            ".dataset.tillTotalCents), lines: [...document.querySelectorAll('.kb-shop__line')]"
            ".map(li => Number(li.dataset.tillCents))})"
        )
        assert shown == {
            "total": expected.till_cents,
            "lines": [line.till_cents for line in expected.lines],
        }, case.name
        assert page.fits()


def test_the_service_worker_controls_the_pages_she_opens(engine: Engine, engine_url: str) -> None:
    page = EnginePage(engine)
    engine.open(engine_url + "recepten/linzensoep/", 360)
    # Installed (its shell files kept) and activated: the pages she opens from now on are its.
    page.wait_for(
        "navigator.serviceWorker.getRegistration()"
        ".then(r => !!r && !!r.active && r.active.state === 'activated')",
        timeout=20,
    )
    engine.open(engine_url + "recepten/pannenkoeken/", 360)
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == (
        engine_url + "service-worker.js"
    )


def test_wait_for_gives_up_with_the_condition_it_waited_for(engine: Engine) -> None:
    with pytest.raises(Exception, match=r"not true after 0.3 s: false \(None\)"):
        wait_for(engine, "false", timeout=0.3)
