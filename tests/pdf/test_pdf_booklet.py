"""Which recipes a booklet holds, in which chapters and indexes (no rendering)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from pdf_helpers import make_pdf_project
from PIL import Image

from kookboek.content.project import Project, load_project
from kookboek.images.cache import ImageCache
from kookboek.pdf.booklet import BookletError, BookletSpec, build_booklet, matches
from kookboek.pdf.editions import booklet_html
from kookboek.pdf.photos import PhotoResolver
from project_paths import REPO


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = make_pdf_project(tmp_path_factory.mktemp("booklet") / "project")
    return load_project(root / "content")


def slugs(project: Project, spec: BookletSpec) -> set[str]:
    return {item.recipe.slug for item in build_booklet(project, spec).recipes}


def test_default_booklet_holds_every_recipe_in_category_chapters(project: Project) -> None:
    booklet = build_booklet(project, BookletSpec())
    assert {r.recipe.slug for r in booklet.recipes} == {r.slug for r in project.recipes}
    assert [c.category for c in booklet.chapters] == ["soep", "hoofdgerecht", "dessert"]
    assert [r.recipe.slug for r in booklet.chapters[0].recipes] == ["linzensoep", "tomatensoep"]


def test_category_filter_gives_exactly_the_matching_recipes(project: Project) -> None:
    soups = {r.slug for r in project.recipes if r.category == "soep"}
    assert slugs(project, BookletSpec(name="soepen", categories=("soep",))) == soups


def test_cost_filter_gives_exactly_the_matching_recipes(project: Project) -> None:
    limit = Decimal("0.50")
    expected = {r.slug for r in project.recipes if project.costs[r.slug].per_portion <= limit}
    assert expected and expected != {r.slug for r in project.recipes}
    spec = BookletSpec(max_cost_per_portion=limit)
    assert slugs(project, spec) == expected
    assert all(
        matches(spec, r, project.costs[r.slug]) == (r.slug in expected) for r in project.recipes
    )


def test_indexes_by_cost_and_by_competence(project: Project) -> None:
    booklet = build_booklet(project, BookletSpec())
    costs = [item.cost.per_portion for item in booklet.by_cost]
    assert costs == sorted(costs)
    by_competence = {
        e.competence.id: {r.recipe.slug for r in e.recipes} for e in booklet.by_competence
    }
    assert by_competence["samenwerken"] == {"pannenkoeken", "stoofpot"}


def test_order_by_cost_inside_a_chapter(project: Project) -> None:
    booklet = build_booklet(project, BookletSpec(order="kost"))
    for chapter in booklet.chapters:
        costs = [item.cost.per_portion for item in chapter.recipes]
        assert costs == sorted(costs)


def test_a_filter_without_recipes_is_a_dutch_error(project: Project) -> None:
    with pytest.raises(BookletError, match="geen enkel recept"):
        build_booklet(project, BookletSpec(max_cost_per_portion=Decimal("0.01")))
    with pytest.raises(BookletError, match="onbekende categorie 'soepen'"):
        build_booklet(project, BookletSpec(categories=("soepen",)))


def test_photo_too_small_for_print_is_named(tmp_path: Path) -> None:
    small = tmp_path / "klein.jpg"
    Image.new("RGB", (300, 225), "orange").save(small)
    resolver = PhotoResolver(ImageCache(tmp_path / "cache"), dpi=300, warn_small=True)
    url = resolver.url(small, 40)
    assert url is not None and url.startswith("file://")
    assert len(resolver.too_small) == 1
    assert resolver.too_small[0].startswith("klein.jpg: 300 pixels breed, dat is 190 dpi")


def test_photos_are_resized_to_the_edition_dpi(tmp_path: Path) -> None:
    big = tmp_path / "groot.jpg"
    Image.new("RGB", (4000, 3000), "green").save(big)
    resolver = PhotoResolver(ImageCache(tmp_path / "cache"), dpi=150)
    url = resolver.url(big, 40)
    assert url is not None
    with Image.open(Path(url.removeprefix("file://"))) as resized:
        assert resized.width == round(40 / 25.4 * 150)
    assert resolver.too_small == []


def test_every_recipes_printed_costs_add_up_to_its_total(tmp_path: Path) -> None:
    # What a participant checks with a pencil: the lines of each recipe, and the total.
    project = load_project(REPO / "content")
    booklet = build_booklet(project, BookletSpec())
    html = booklet_html(booklet, PhotoResolver(ImageCache(tmp_path), dpi=150), frozenset(), "")
    articles = re.findall(r'<article class="recipe[^"]*" id="([^"]+)">(.*?)</article>', html, re.S)
    assert len(articles) == len(project.recipes)
    for anchor, article in articles:
        lines = re.findall(r'<span class="ingredients__cost">([^<]*)</span>', article)
        total = re.search(r'<span class="recipe__cost-total">\d+ porties: ([^<]*)</span>', article)
        assert total is not None, anchor
        added = sum(cents_of(line) for line in lines if line != "–")
        assert added == cents_of(total.group(1)), anchor


def cents_of(shown: str) -> int:
    """'€ 1,38' → 138."""
    return int("".join(character for character in shown if character.isdigit()))
