"""A real strict build with an example week menu: the pages, the export and the links."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kookboek.mkdocs_plugin.run import build_site
from weekmenu_cases import weekmenu_project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = weekmenu_project(tmp_path_factory.mktemp("build") / "project")
    build_site(project / "mkdocs.yml", pdf=False)
    return project / "site"


def test_the_week_menu_page_and_its_fingerprinted_export_are_published(built: Path) -> None:
    html = (built / "weekmenu" / "index.html").read_text(encoding="utf-8")
    export = re.search(r'data-export="\.\./(weekmenu/gegevens\.[0-9a-f]{12})\.json"', html)
    assert export is not None
    data = json.loads((built / f"{export.group(1)}.json").read_text(encoding="utf-8"))
    slugs = ["appelcrumble", "groentesoep", "linzensoep", "omelet", "pannenkoeken"]
    assert sorted(row[0] for row in data["recepten"]) == slugs
    assert sorted(p.stem for p in (built / export.group(1)).glob("*.json")) == slugs
    assert len(list((built / "weekmenu").glob("gegevens.*.json"))) == 1
    assert "<title>Weekmenu - Testkookboek</title>" in html
    assert "assets/javascripts/weekmenu.js" in html


def test_the_example_menu_is_a_page_and_its_file_is_not_published(built: Path) -> None:
    page = (built / "weekmenus" / "drie-dagen" / "index.html").read_text(encoding="utf-8")
    assert "<title>Drie dagen voor weinig geld - Testkookboek</title>" in page
    assert 'data-till-total-cents="1660"' in page
    assert not list(built.rglob("*.yml"))


def test_the_navigation_and_the_home_page_lead_to_the_week_menu(built: Path) -> None:
    home = (built / "index.html").read_text(encoding="utf-8")
    tabs = home[home.index('<nav class="md-tabs"') :]
    tabs = tabs[: tabs.index("</nav>")]
    assert 'href="weekmenu/"' in tabs and "Weekmenu" in tabs
    assert '<a href="weekmenus/drie-dagen/">Drie dagen voor weinig geld</a>' in home


def test_cards_and_recipe_pages_carry_the_button(built: Path) -> None:
    overview = (built / "recepten" / "index.html").read_text(encoding="utf-8")
    assert overview.count("data-kb-menu-add=") == 5
    recipe = (built / "recepten" / "omelet" / "index.html").read_text(encoding="utf-8")
    assert 'data-kb-menu-add="omelet" data-portions="2"' in recipe
