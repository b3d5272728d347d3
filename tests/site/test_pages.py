"""The built website: every page the engine renders, checked in the HTML of a real build."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kookboek.content.project import load_project
from kookboek.site.downloads import Download
from kookboek.site.pages import SiteContext, render_downloads, render_home_additions
from project_paths import FIXTURES
from sample_project import build_fixture_site

pytestmark = pytest.mark.slow

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield build_fixture_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def site(built: Path) -> Path:
    return built / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def json_ld(html: str) -> list[dict[str, Any]]:
    return [json.loads(block) for block in JSON_LD.findall(html)]


def test_overview_links_every_recipe_with_its_card_index_and_item_list(site: Path) -> None:
    html = page(site, "recepten")
    for slug in ("linzensoep", "pannenkoeken", "appelcrumble"):
        assert f'href="../recepten/{slug}/"' in html
    assert html.count('<li class="kb-card" data-kb-card>') == 3
    assert (
        '<form class="kb-filters" data-kb-filters data-kb-cards-index="../pagefind-kaarten/' in html
    )
    entry = json.loads((site / "pagefind-kaarten" / "pagefind-entry.json").read_text())
    assert entry["languages"]["nl"]["page_count"] == 3  # a record per recipe
    assert not (site / "recepten" / "pagina").exists()  # three recipes fit on one page
    # Each choice says how many recipes it shows.
    assert '<option value="soep" data-kb-choice="Soepen">Soepen (1)</option>' in html
    assert '<option value="1.00" data-kb-choice="tot €\xa01,00">tot €\xa01,00 (3)</option>' in html
    # No dead controls without JS, and no layout jump when the script shows them.
    assert "<noscript><style>[data-kb-filters], [data-kb-scaler], [data-kb-print]" in html
    (item_list,) = json_ld(html)
    assert item_list["@type"] == "ItemList"
    urls = [item["url"] for item in item_list["itemListElement"]]
    assert urls[0] == "https://example.org/kookboek/recepten/pannenkoeken/"  # cheapest first
    assert len(urls) == 3


def test_recipe_json_ld_is_complete(site: Path) -> None:
    (recipe,) = json_ld(page(site, "recepten/linzensoep"))
    assert recipe["@type"] == "Recipe"
    assert recipe["name"] == "Linzensoep"
    assert recipe["description"] == "Romige soep in 40 minuten."
    assert recipe["image"] == ["https://example.org/kookboek/recepten/linzensoep.svg"]
    assert recipe["recipeYield"] == "4 porties"
    assert recipe["totalTime"] == "PT40M"
    assert "250 g rode linzen" in recipe["recipeIngredient"]
    assert "zout (naar smaak)" in recipe["recipeIngredient"]
    steps = recipe["recipeInstructions"]
    assert [s["@type"] for s in steps] == ["HowToStep"] * 4
    assert steps[3]["text"] == "Mix de soep fijn."
    assert recipe["recipeCategory"] == "Soepen"  # as the page names it
    assert '<a href="../../soorten/soep/">Soepen</a>' in page(site, "recepten/linzensoep")
    # No category, and "none of the 14" said in words.
    assert recipe["keywords"] == (
        "betaalbaar, Plannen, Rekenen, vegetarisch, geen van de 14 allergenen"
    )
    assert "recipeCuisine" not in recipe and "prepTime" not in recipe  # not in the file
    assert recipe["datePublished"] == "2026-10-14"
    assert recipe["author"] == {"@type": "Person", "name": "Samira"}
    assert recipe["estimatedCost"]["@type"] == "MonetaryAmount"
    assert recipe["estimatedCost"]["currency"] == "EUR"
    assert recipe["estimatedCost"]["value"] > 0
    assert recipe["suitableForDiet"] == ["https://schema.org/VegetarianDiet"]


def test_cuisine_and_the_parts_of_the_time_only_where_the_recipe_gives_them(site: Path) -> None:
    crumble_html = page(site, "recepten/appelcrumble")
    (crumble,) = json_ld(crumble_html)
    assert (crumble["prepTime"], crumble["cookTime"], crumble["totalTime"]) == (
        "PT15M",
        "PT30M",
        "PT55M",
    )
    assert "Tijd</span> 55 min (15 min voorbereiden, 30 min koken)</li>" in crumble_html
    assert "recipeCuisine" not in crumble and "Keuken" not in crumble_html
    pancakes_html = page(site, "recepten/pannenkoeken")
    (pancakes,) = json_ld(pancakes_html)
    assert pancakes["recipeCuisine"] == "Vlaams"
    assert '<span class="kb-facts__label">Keuken</span> Vlaams</li>' in pancakes_html
    assert pancakes["keywords"].endswith("bevat gluten, bevat eieren, bevat melk")


def test_every_recipe_page_says_its_allergens(site: Path) -> None:
    shown = {
        slug: re.findall(
            r'<p class="kb-allergens"><strong>Allergenen:</strong> ([^<]*)</p>',
            page(site, f"recepten/{slug}"),
        )
        for slug in ("linzensoep", "pannenkoeken", "appelcrumble")
    }
    assert shown == {
        "linzensoep": ["geen van de 14 allergenen die op een etiket moeten staan"],
        "pannenkoeken": ["gluten, eieren, melk"],
        "appelcrumble": ["gluten, melk"],
    }


def test_json_ld_survives_script_tags_in_text(site: Path) -> None:
    html = page(site, "recepten/appelcrumble")
    assert "</script><b>" not in html  # neither in the JSON-LD nor in <title> or <meta>
    assert 'content="Warme appels met een krokant laagje: een dessert voor &lt;/script&gt;' in html
    (recipe,) = json_ld(html)
    assert recipe["description"].endswith("voor </script><b>iedereen</b>.")
    assert recipe["author"] == {"@type": "Organization", "name": "Roeselare"}
    assert "Schil de appels en snij ze in blokjes. Leg ze in de ovenschaal." in [
        s["text"] for s in recipe["recipeInstructions"]
    ]
    assert "&lt;/script&gt;&lt;b&gt;iedereen" in html  # shown as text on the page


def test_recipe_page_shows_cost_scaler_data_and_links(site: Path) -> None:
    html = page(site, "recepten/linzensoep")
    assert "data-kb-per-portion>€\xa00,55</strong> <span>per portie" in html
    assert 'data-kb-total="2.18">€\xa02,18</strong> voor <span data-kb-portions>4</span>' in html
    assert 'data-kb-amount="250"' in html and 'data-kb-unit="g"' in html
    assert 'data-kb-units="eetlepels"' in html
    assert "Prijzen van 15 oktober 2026" in html
    assert 'href="../../competenties/plannen/"' in html
    assert 'href="../../soorten/soep/"' in html
    assert 'href="../../prijzen/"' in html
    assert "Recept van <strong>Samira</strong>, groep Sint-Niklaas" in html
    assert "data-kb-print>" in html and "data-kb-scaler>" in html
    assert "<noscript><style>[data-kb-filters], [data-kb-scaler], [data-kb-print]" in html


def test_photo_is_published_only_as_responsive_variants(site: Path) -> None:
    html = page(site, "recepten/pannenkoeken")
    assert '<source type="image/webp" srcset="../../fotos/pannenkoeken-400.webp 400w' in html
    assert 'srcset="../../fotos/pannenkoeken-400.jpg 400w' in html
    assert 'width="1200" height="900" loading="lazy"' in html  # upright after EXIF rotation
    assert not (site / "recepten" / "pannenkoeken.jpg").exists()  # the original never ships
    for variant in (site / "fotos").iterdir():
        with Image.open(variant) as image:
            assert not image.getexif(), variant.name
            assert image.width > image.height


def test_warm_rebuild_processes_no_image(built: Path) -> None:
    from kookboek.mkdocs_plugin.run import build_site

    cache = built / ".cache" / "kookboek" / "images"

    def made() -> dict[str, int]:
        return {
            p.relative_to(cache).as_posix(): p.stat().st_mtime_ns
            for p in cache.rglob("*")
            if p.is_file() and p.suffix != ".json"
        }

    before = made()
    photos = [name for name in before if "/" not in name]
    assert len(photos) == 6  # 3 widths × (WebP + JPEG), made by the first build
    assert len(before) - len(photos) == 4  # share images: 3 recipes and the site
    build_site(built / "mkdocs.yml", pdf=False)
    assert made() == before  # nothing made again, nothing rewritten
    assert sorted(p.name for p in (built / "site" / "fotos").iterdir()) == sorted(
        f"pannenkoeken-{w}.{ext}" for w in (400, 800, 1200) for ext in ("jpg", "webp")
    )


def test_competence_category_and_price_pages(site: Path) -> None:
    competence = page(site, "competenties/plannen")
    assert "Je denkt vooraf na over wat je nodig hebt" in competence
    assert (
        "../../recepten/linzensoep/" in competence and "../../recepten/appelcrumble/" in competence
    )
    assert "../../recepten/pannenkoeken/" not in competence
    assert "Samenwerken" in page(site, "competenties")
    dessert = page(site, "soorten/dessert")
    assert "Pannenkoeken" in dessert and "Appelcrumble" in dessert and "Linzensoep" not in dessert
    prices = page(site, "prijzen")
    assert "Prijzen veranderen" in prices
    assert (
        '<th scope="row">rode linzen</th>\n<td class="kb-num">€\xa02,20</td>\n<td>500 g</td>'
        in prices
    )
    assert "Testwinkel" in prices


def test_tools_and_publications_have_their_own_templates(site: Path) -> None:
    tools = page(site, "tools")
    assert '<li value="1">' in tools and "<strong>Aan:</strong> VDAB, werkgevers" in tools
    assert "Groep van 6 tot 10 moeders" in tools and "3 uur per week" in tools
    assert "keuken, rekenmachine" in tools
    recommendation = page(site, "tools/beleidsaanbevelingen/werkbare-jobs")
    assert (
        "Beleidsaanbeveling 1" in recommendation
        and "<dt>Aan</dt><dd>VDAB, werkgevers</dd>" in recommendation
    )
    playbook = page(site, "tools/draaiboeken/kookactiviteit")
    assert "<dt>Voor wie</dt><dd>Groep van 6 tot 10 moeders</dd>" in playbook
    publication = page(site, "publicaties/ouders-in-actie")
    assert "<dt>Partners</dt><dd>SAAMO West-Vlaanderen, VDAB</dd>" in publication
    assert "<dt>Jaar</dt><dd>2019</dd>" in publication
    overview = page(site, "publicaties")
    assert "2019 · Ouders in Actie" in overview and "SAAMO West-Vlaanderen, VDAB" in overview


def test_home_shows_newest_recipes_and_downloads_page_says_there_are_none(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    newest = re.findall(r'<h3 class="kb-card__title"><a href="recepten/([a-z-]+)/"', home)
    assert newest == ["appelcrumble", "linzensoep", "pannenkoeken"]
    assert 'href="downloads/"' in home
    assert "Er zijn nog geen pdf's om te downloaden." in page(site, "downloads")


def test_downloads_page_lists_existing_files_with_size(valid_content: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "receptenboek.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"0" * 2_400_000)
    missing = tmp_path / "nog-niet.pdf"
    downloads = [
        Download("receptenboek.pdf", "Receptenboek", "Om op het scherm te lezen.", pdf),
        Download("nog-niet.pdf", "Nog niet", "Bestaat nog niet.", missing),
    ]
    site = SiteContext(load_project(valid_content), downloads=lambda: downloads)
    html = render_downloads(site, "../")
    assert '<a href="../downloads/receptenboek.pdf">Receptenboek</a>' in html
    assert "(pdf, 2,4 MB)" in html and "Om op het scherm te lezen." in html
    assert "nog-niet.pdf" not in html  # never pretend a file exists
    assert "Download het receptenboek" in render_home_additions(site, "")


def test_home_page_puts_quick_links_after_the_first_paragraph(tmp_path: Path) -> None:
    from kookboek.content.project import load_project
    from kookboek.site.pages import render_home_page

    content = FIXTURES / "valid" / "content"
    site = SiteContext(load_project(content))
    html = render_home_page("<h1>Welkom</h1>\n<p>Eerste.</p>\n<p>Tweede.</p>", site, "")
    first, quick, second = (
        html.index("<p>Eerste.</p>"),
        html.index('href="recepten/?max=1.50"'),
        html.index("<p>Tweede.</p>"),
    )
    assert first < quick < second
    assert html.index("Nieuwste recepten") > second
