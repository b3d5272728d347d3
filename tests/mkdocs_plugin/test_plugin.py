"""A real strict MkDocs build of the small fixture project through the plugin."""

from __future__ import annotations

import gzip
import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest

from kookboek.mkdocs_plugin.run import BuildFailed, build_site
from kookboek.site.problem_page import render_problem_page
from sample_project import copy_sample_project, write_unpriced_recipes


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_sample_project(tmp_path_factory.mktemp("build") / "project")
    build_site(project / "mkdocs.yml", pdf=False)
    return project / "site"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_recipe_page_shows_the_computed_cost(built: Path) -> None:
    html = (built / "recepten" / "linzensoep" / "index.html").read_text(encoding="utf-8")
    article = text_of(html[html.index("<article") :]).replace("\xa0", " ")
    assert "Wat kost het? € 0,55 per portie" in article
    assert "Alles samen: € 2,18 voor 4 porties" in article
    assert "Prijzen van 15 oktober 2026" in article
    for shown in ("250 g", "rode linzen", "€\xa01,10", "2 eetlepels", "olijfolie", "naar smaak"):
        assert shown in html
    assert "<title>Linzensoep - Testkookboek</title>" in html
    assert "Stoof ze aan in de olie." in html


def test_recipes_are_not_in_the_navigation_but_in_the_overview(built: Path) -> None:
    home = (built / "index.html").read_text(encoding="utf-8")
    for start in ('<nav class="md-tabs"', '<nav class="md-nav md-nav--primary'):
        nav = home[home.index(start) :]
        nav = nav[: nav.index("</nav>")]
        assert "Linzensoep" not in nav
        assert "Recepten" in nav
    overview = (built / "recepten" / "index.html").read_text(encoding="utf-8")
    assert 'href="../recepten/linzensoep/"' in overview
    assert 'href="../recepten/pannenkoeken/"' in overview


def search_pages(site: Path) -> dict[str, dict[str, Any]]:
    """The Pagefind index's page records by URL: what a search shows of each page (its
    text, title and filters), as the fragments the browser downloads hold them."""
    pages = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        record = json.loads(raw[raw.index(b"{") :])
        pages[record["url"]] = record
    return pages


def test_search_index_finds_a_recipe_by_ingredient(built: Path) -> None:
    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"]  # Dutch stemming
    assert "rode linzen" in search_pages(built)["/recepten/linzensoep/"]["content"]
    assert not (built / "search" / "search_index.json").exists()  # Material's lunr index


def test_generated_tools_publications_and_downloads_pages(built: Path) -> None:
    tools = (built / "tools" / "index.html").read_text(encoding="utf-8")
    assert "Creëer werkbare jobs" in tools
    assert "Wekelijkse kookactiviteit" in tools
    publications = (built / "publicaties" / "index.html").read_text(encoding="utf-8")
    assert "Ouders in Actie" in publications
    downloads = (built / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "Er zijn nog geen pdf" in downloads
    publication = (built / "publicaties" / "ouders-in-actie" / "index.html").read_text("utf-8")
    assert "<title>Ouders in Actie - Testkookboek</title>" in publication


def test_a_link_to_a_generated_page_resolves_like_any_other(built: Path) -> None:
    html = (built / "publicaties" / "ouders-in-actie" / "index.html").read_text("utf-8")
    assert '<a href="../../tools/">Tools</a>' in html
    assert '<a href="../../recepten/linzensoep/#bereiding">linzensoep</a>' in html


def test_a_link_to_nothing_fails_the_build_with_its_file_and_line(tmp_path: Path) -> None:
    project = copy_sample_project(tmp_path / "project")
    content = project / "content"
    publication = content / "publicaties" / "ouders-in-actie.md"
    publication.write_text(
        publication.read_text("utf-8").replace("../tools/index.md", "../tool/index.md"), "utf-8"
    )
    home = content / "index.md"
    home.write_text(home.read_text("utf-8") + "\nZie ook [over ons](over.md).\n", "utf-8")
    with pytest.raises(BuildFailed) as caught:
        build_site(project / "mkdocs.yml", pdf=False)
    lines = str(caught.value).splitlines()
    line_of_link = (
        publication.read_text("utf-8")
        .splitlines()
        .index(
            "De aanbevelingen staan bij [Tools](../tool/index.md). Kook zelf eens de "
            "[linzensoep](../recepten/linzensoep.md#bereiding)."
        )
    )
    assert (
        f"content/publicaties/ouders-in-actie.md:{line_of_link + 1}: link: '../tool/index.md' "
        "wijst naar niets: er is geen pagina of bestand 'tool/index.md'. Bedoel je "
        "'../tools/index.md'?"
    ) in [line.removeprefix(str(project) + "/") for line in lines]
    home_line = len(home.read_text("utf-8").splitlines())
    assert any(
        line.endswith(
            f"content/index.md:{home_line}: link: 'over.md' wijst naar niets: er is geen "
            "pagina of bestand 'over.md'."
        )
        for line in lines
    ), lines


def test_content_error_fails_the_build_and_keeps_the_previous_site(tmp_path: Path) -> None:
    project = copy_sample_project(tmp_path / "project")
    build_site(project / "mkdocs.yml", pdf=False)
    before = (project / "site" / "recepten" / "linzensoep" / "index.html").read_bytes()
    recipe = project / "content" / "recepten" / "linzensoep.md"
    recipe.write_text(
        recipe.read_text("utf-8")
        .replace("porties: 4", "porties: vier")
        .replace("tijd: 40", "tijd: -1"),
        "utf-8",
    )
    with pytest.raises(BuildFailed) as caught:
        build_site(project / "mkdocs.yml", pdf=False)
    message = str(caught.value)
    assert "linzensoep.md:4: porties: moet een geheel getal zijn (zoals 4), niet 'vier'." in message
    assert "linzensoep.md:5: tijd: moet minstens 1 zijn, niet -1." in message
    assert "2 problemen gevonden" in message
    assert (project / "site" / "recepten" / "linzensoep" / "index.html").read_bytes() == before
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site")]
    assert leftovers == []


def test_a_build_sums_up_many_problems_of_one_kind_as_check_does(tmp_path: Path) -> None:
    project = copy_sample_project(tmp_path / "project")
    write_unpriced_recipes(project / "content")
    with pytest.raises(BuildFailed) as caught:
        build_site(project / "mkdocs.yml", pdf=False)
    report = str(caught.value)
    assert len(report.splitlines()) <= 10, report
    assert "12 ingrediënten staan niet in prijzen.yml: kikkererwten, koriander," in report
    assert "Van 5 ingrediënten zijn de allergenen niet bekend: gember," in report
    assert "Let op, 200 waarschuwingen" in report
    assert "check -v" in report
    assert "3400 problemen gevonden." in report
    # The page `kookboek serve` shows: the summaries as sentences, no list of 3,400.
    page = render_problem_page(report.splitlines(), "./kookboek")
    assert page.count("<li>") == 0
    assert "12 ingrediënten staan niet in prijzen.yml" in page
    assert "check -v" in page


def test_a_build_sums_up_its_warnings_too(tmp_path: Path) -> None:
    project = copy_sample_project(tmp_path / "project")
    write_unpriced_recipes(project / "content", 10, unpriced=0, all_stated=True)
    told: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: told.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs.plugins.kookboek")
    logger.addHandler(handler)
    try:
        build_site(project / "mkdocs.yml", pdf=False)
    finally:
        logger.removeHandler(handler)
    remarks = [line for line in told if line.startswith("Let op")]
    assert any(
        "Van 5 ingrediënten zijn de allergenen niet bekend: gember, kurkuma," in line
        and "(10 keer, in 10 recepten)" in line
        for line in remarks
    ), remarks
    assert not any("recept-001.md" in line for line in remarks)
    assert any("check -v" in line for line in remarks)


def test_search_indexes_a_recipes_words_and_the_page_keeps_its_article(built: Path) -> None:
    pages = search_pages(built)
    recipe = pages["/recepten/linzensoep/"]
    recipe_text = recipe["content"]
    assert recipe["meta"]["title"] == "Linzensoep"
    assert "rode linzen" in recipe_text and "Stoof ze aan in de olie." in recipe_text
    # the page's controls and labels are not words of the recipe
    for label in ("Voor hoeveel personen", "afdrukken", "Kookstand", "Wat kost het", "250 g"):
        assert label not in recipe_text
    assert "Linzensoep" not in pages["/recepten/"]["content"]  # a listing: its gist only
    assert "Linzensoep" not in pages["/"]["content"]  # nor the newest recipes on the home page
    assert "/offline/" not in pages and "/zoeken/" not in pages
    page = (built / "recepten" / "linzensoep" / "index.html").read_text(encoding="utf-8")
    assert "Voor hoeveel personen kook je?" in page
    head, body = page.split("</head>")
    assert 'type="application/ld+json"' in head and "ld+json" not in body


def test_the_price_list_is_searched_as_it_reads(built: Path) -> None:
    # A table's cells glued together read as another price: "€ 2,20500 g".
    pages = search_pages(built)
    assert "rode linzen: € 2,20 per 500 g" in pages["/prijzen/"]["content"].replace("\xa0", " ")
    for url, record in pages.items():
        text = record["content"].replace("\xa0", " ")
        assert not re.search(r"€ ?\d+,\d\d[\w€]", text), (url, text)


def test_search_has_filters_for_what_the_overview_filters_on(built: Path) -> None:
    filters = search_pages(built)["/recepten/linzensoep/"]["filters"]
    # The values of the overview's choices: one script asks the search and the card index.
    assert filters == {
        "prijs": ["1.00"],
        "soort": ["soep"],
        "competentie": ["plannen", "rekenen"],
        "dieet": ["vegetarisch"],
        "oven": ["nee"],
    }


def test_material_reads_a_list_of_pages_that_does_not_grow_with_the_recipes(
    built: Path,
) -> None:
    # Material's script downloads the list of pages its instant navigation swaps in on a
    # visitor's first page. With ten thousand recipes the whole sitemap.xml would weigh more
    # than the page: Material's list leaves the recipes out (kookboek.js hands their links
    # to Material), search engines keep the whole sitemap.xml.
    import xml.etree.ElementTree as ElementTree

    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    text = (built / "navigatie" / "sitemap.xml").read_text(encoding="utf-8")
    urls = [loc.text or "" for loc in ElementTree.fromstring(text).iter(f"{namespace}loc")]
    assert "https://example.org/kookboek/" in urls
    assert "https://example.org/kookboek/recepten/" in urls
    assert "https://example.org/kookboek/competenties/plannen/" in urls
    recipe = re.compile(r"https://example\.org/kookboek/recepten/[^/]+/")
    assert not [url for url in urls if recipe.fullmatch(url)]
    whole = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/kookboek/recepten/linzensoep/" in whole
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if 'id="__config"' not in html:
            continue
        # Material reads its list from its "base", the folder navigatie/ ...
        base = re.search(r'"base": "([^"]*)"', html)
        assert base and base.group(1).endswith("/navigatie/"), page
        # ... and takes every link[rel=alternate] for another language, whose sitemap.xml it
        # downloads too: the feed is "alternate feed".
        assert not re.search(r'<link[^>]* rel="alternate"', html), page
    home = (built / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate feed" type="application/atom+xml"' in home


def test_sitemap_is_compact_and_lists_every_page(built: Path) -> None:
    import xml.etree.ElementTree as ElementTree

    text = (built / "sitemap.xml").read_text(encoding="utf-8")
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = [loc.text for loc in ElementTree.fromstring(text).iter(f"{namespace}loc")]
    assert "https://example.org/kookboek/recepten/linzensoep/" in urls
    assert "https://example.org/kookboek/recepten/" in urls
    # The offline page is for the service worker, not for search engines.
    assert "https://example.org/kookboek/offline/" not in urls
    offline = (built / "offline" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in offline
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'name="robots"' not in home
    assert len(urls) == len(set(urls)) == text.count("<url>")
    # One line per page, no build date posing as a modification date.
    assert "<lastmod>" not in text
    assert len(text.splitlines()) == len(urls) + 3
