"""The overview's card index: a record per recipe with its filters, places and card."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from kookboek.content.project import load_project
from kookboek.site.card_index import OVERVIEW_ROOT, card_records
from kookboek.site.pages import ORDERS, SiteContext
from sample_project import copy_sample_project


class Marks(HTMLParser):
    """The Pagefind marks of a record, as Pagefind reads them (attribute values unescaped)."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("data-pagefind-") and value is not None:
                self.marks.append((name.removeprefix("data-pagefind-"), value))


def marks(html: str) -> list[tuple[str, str]]:
    parser = Marks()
    parser.feed(html)
    return parser.marks


def site_of(content: Path) -> SiteContext:
    return SiteContext(load_project(content))


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The valid project with the crumble (an oven recipe)."""
    return copy_sample_project(tmp_path / "project", "site_extra") / "content"


def test_every_recipe_has_a_record_with_its_filters_and_places(content: Path) -> None:
    site = site_of(content)
    records = card_records(site)
    assert sorted(records) == [
        f"recepten/{slug}/index.html" for slug in ("appelcrumble", "linzensoep", "pannenkoeken")
    ]
    found = marks(records["recepten/appelcrumble/index.html"])
    assert ("filter", "soort:dessert") in found
    assert ("filter", "oven:ja") in found  # the crumble needs an oven
    places = {order: [] for order in ORDERS}  # type: dict[str, list[tuple[int, str]]]
    for path, html in records.items():
        for kind, value in marks(html):
            if kind == "sort":
                order, place = value.split(":")
                places[order].append((int(place), path.split("/")[1]))
    for order in ORDERS:
        in_order = [slug for _, slug in sorted(places[order])]
        assert in_order == [r.slug for r in site.in_order(order=order)]


def test_the_price_band_is_the_lowest_at_most_choice_a_recipe_fits(content: Path) -> None:
    site = site_of(content)
    records = card_records(site)
    for recipe in site.project.recipes:
        cost = site.project.costs[recipe.slug].per_portion
        (band,) = [
            value.removeprefix("prijs:")
            for kind, value in marks(records[f"recepten/{recipe.slug}/index.html"])
            if kind == "filter" and value.startswith("prijs:")
        ]
        limits = ["1.00", "1.50", "2.00", "3.00"]
        fitting = [limit for limit in limits if cost <= float(limit)]
        assert band == (fitting[0] if fitting else "meer")


def test_the_card_is_the_overviews_and_contributed_text_stays_text(content: Path) -> None:
    recipe = content / "recepten" / "linzensoep.md"
    text = recipe.read_text(encoding="utf-8")
    recipe.write_text(text.replace("titel: Linzensoep", "titel: Linzensoep <b>vet</b>"))
    site = site_of(content)
    record = card_records(site)["recepten/linzensoep/index.html"]
    (card,) = [value for kind, value in marks(record) if kind == "meta"]
    linzensoep = next(r for r in site.project.recipes if r.slug == "linzensoep")
    assert card == "kaart:" + str(site.card_html(linzensoep, OVERVIEW_ROOT, "h2"))
    assert "Linzensoep &lt;b&gt;vet&lt;/b&gt;" in card
    assert "<b>" not in card
