"""The week-menu pages as the engine renders them: example menus without JavaScript, the
week-menu page with its data export, and "Zet op mijn weekmenu" on cards and recipes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kookboek.content.project import Project, load_project
from kookboek.site.generated import generated_files, generated_pages
from kookboek.site.menus import menu_query, render_menu_page, render_weekmenu_page
from kookboek.site.pages import (
    SiteContext,
    recipe_article,
    render_home_additions,
    render_recipe_page,
)
from weekmenu_cases import CASES, weekmenu_project

LINE = re.compile(
    r'<li class="kb-shop__line kb-shop__line--(?P<kind>[a-z-]+)" data-ingredient="(?P<name>[^"]*)"'
    r' data-packages="(?P<packages>\d*)" data-till-cents="(?P<till>\d+)">'
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return load_project(weekmenu_project(tmp_path_factory.mktemp("menu") / "project") / "content")


@pytest.fixture
def site(project: Project) -> SiteContext:
    return SiteContext(project)


def test_an_example_menu_page_has_the_shopping_list_computed_by_the_engine(
    site: SiteContext, project: Project
) -> None:
    (menu,) = project.menus
    html = render_menu_page(menu, site, "../../")
    case = CASES[0]
    assert tuple((m.recipe, m.portions) for m in menu.meals) == case.meals
    found = [
        (m["name"], m["kind"].replace("-", "_"), m["packages"], int(m["till"]))
        for m in LINE.finditer(html)
    ]
    assert found == [
        (e.name, e.kind, "" if e.packages is None else str(e.packages), e.till_cents)
        for e in case.lines
    ]
    assert f'data-till-total-cents="{case.till_cents}"' in html
    for line in case.lines:
        assert f'<span class="kb-shop__detail">{line.detail}</span>' in html
    assert "Aan de kassa betaal je <strong" in html and "€\xa016,60</strong>" in html
    assert "Per persoon per maaltijd: <strong data-kb-per-person>€\xa01,66</strong>" in html
    assert "Prijzen van 15 oktober 2026 (Testwinkel). Prijzen veranderen." in html
    # the menu with its days and links, and the button to change it in the week-menu page
    assert '<span class="kb-menu__day">Maandag</span> <a class="kb-menu__title" href=' in html
    assert 'href="../../recepten/groentesoep/">Groentesoep</a>' in html
    assert 'href="../../weekmenu/?menu=linzensoep*4,groentesoep*4,omelet*2"' in html
    assert "<script" not in html


def test_the_link_to_the_week_menu_page_keeps_the_order_and_repeats(project: Project) -> None:
    (menu,) = project.menus
    meals = (*menu.meals, menu.meals[0])
    assert menu_query(meals) == "weekmenu/?menu=linzensoep*4,groentesoep*4,omelet*2,linzensoep*4"


def test_the_data_export_is_fingerprinted_and_holds_normalised_amounts(
    site: SiteContext, project: Project
) -> None:
    export = site.menu_export
    assert re.fullmatch(r"weekmenu/gegevens\.[0-9a-f]{12}\.json", export.path)
    published = {f.src_uri: f.content for f in generated_files(site)}
    folder = export.path.removesuffix(".json")
    assert sorted(published) == sorted(
        [export.path, *(f"{folder}/{r.slug}.json" for r in project.recipes)]
    )
    data = json.loads(published[export.path])
    assert data["prijspeil"] == "15 oktober 2026" and data["winkel"] == "Testwinkel"
    assert data["afdelingen"] == ["Groenten en peulvruchten", "Droge voeding", "Zuivel", "Andere"]
    assert data["soorten"] == [
        ["soep", "Soepen"],
        ["lunch", "Lunch en lunchpakket"],
        ["dessert", "Desserts"],
    ]
    entries = [entry[0] for entry in data["prijzen"]]
    assert data["prijzen"][entries.index("ui")] == ["ui", "gewicht", 2000, "2 kg", 200, 0]
    # the index: what the picker and the menu show; its page is recepten/linzensoep/
    assert ["linzensoep", "Linzensoep", 55, 0] in data["recepten"]
    portions, packaged, own, to_taste = json.loads(published[f"{folder}/linzensoep.json"])
    assert portions == 4
    pairs = zip(packaged[::2], packaged[1::2], strict=True)
    amounts = {data["prijzen"][entry][0]: amount for entry, amount in pairs}
    assert amounts == {"rode linzen": 250, "ui": 300, "olijfolie": 30}
    assert own == [data["namen"].index("wortelen"), "gewicht", 500, 60, 0]
    assert to_taste == [entries.index("zout"), -1, 3]
    # one tablespoon suiker is 15 ml; amounts have three decimals at most
    crumble = json.loads(published[f"{folder}/appelcrumble.json"])
    assert crumble[2][10:15] == [data["namen"].index("suiker"), "volume", 45, 10, 3]


def test_a_recipe_in_a_subfolder_brings_its_address(tmp_path: Path) -> None:
    content = weekmenu_project(tmp_path / "project") / "content"
    (content / "recepten" / "soepen").mkdir()
    (content / "recepten" / "groentesoep.md").rename(
        content / "recepten" / "soepen" / "groentesoep.md"
    )
    data = json.loads(SiteContext(load_project(content)).menu_export.content)
    soup = next(item for item in data["recepten"] if item[0] == "groentesoep")
    assert soup[4] == "recepten/soepen/groentesoep/"


def test_a_new_price_or_amount_gives_the_export_a_new_name(
    tmp_path: Path, site: SiteContext
) -> None:
    content = weekmenu_project(tmp_path / "project") / "content"
    assert SiteContext(load_project(content)).menu_export.path == site.menu_export.path
    prices = content / "prijzen.yml"
    prices.write_text(prices.read_text(encoding="utf-8").replace("prijs: 2.20", "prijs: 2.30"))
    changed = SiteContext(load_project(content)).menu_export
    assert changed.path != site.menu_export.path
    omelet = content / "recepten" / "omelet.md"
    more_salt = omelet.read_text(encoding="utf-8").replace("2, eenheid: g", "3, eenheid: g")
    omelet.write_text(more_salt, encoding="utf-8")
    again = SiteContext(load_project(content)).menu_export
    assert again.content == changed.content  # the index is the same (3 g zout costs € 0,00)
    assert again.path != changed.path


def test_the_week_menu_page_points_at_the_export_and_lists_the_examples(
    site: SiteContext,
) -> None:
    html = render_weekmenu_page(site, "../")
    assert f'data-export="../{site.menu_export.path}" data-root="../"' in html
    assert "data-kb-weekmenu-app" in html and "<noscript>" in html
    assert (
        '<a href="../weekmenus/drie-dagen/">Drie dagen voor weinig geld</a>. Twee soepen en een '
        'omelet, met één zak uien. <span class="kb-muted">(3 maaltijden, €\xa016,60 aan de '
        "kassa)</span>"
    ) in html


def test_the_week_menu_pages_are_generated(site: SiteContext, project: Project) -> None:
    pages = {page.src_uri: page for page in generated_pages(project, site=site)}
    assert pages["weekmenu.md"].title == "Weekmenu"
    assert pages["weekmenus/drie-dagen.md"].title == "Drie dagen voor weinig geld"
    assert pages["weekmenus/drie-dagen.md"].description.startswith("Twee soepen")


def test_cards_and_recipe_pages_put_a_recipe_on_the_menu(
    site: SiteContext, project: Project
) -> None:
    soup = next(r for r in project.recipes if r.slug == "groentesoep")
    card = site.card_html(soup, "../", "h2")
    assert (
        '<button type="button" class="kb-card__add" data-kb-menu-add="groentesoep" '
        'data-portions="4" data-kb-menu-page="../weekmenu/">Zet op mijn weekmenu'
        '<span class="kb-visually-hidden">: Groentesoep</span></button>'
    ) in card
    page = render_recipe_page(soup, site, "../../")
    assert (
        'data-kb-menu-add="groentesoep" data-portions="4" data-kb-menu-page="../../weekmenu/"'
        in (page)
    )
    # the form's preview shows a recipe that is not published: nothing to put on a menu
    preview = recipe_article(soup, project.costs[soup.slug], [], project.prices, "")
    assert "data-kb-menu-add" not in preview


def test_the_home_page_links_to_the_week_menu_and_the_examples(site: SiteContext) -> None:
    html = render_home_additions(site, "")
    assert '<a href="weekmenus/drie-dagen/">Drie dagen voor weinig geld</a>' in html
    assert 'href="weekmenu/">Maak je weekmenu</a>' in html
