"""A listing's pages: which numbers a page links to."""

from __future__ import annotations

import pytest

from kookboek.site.pages import (
    CARDS_PER_PAGE,
    ListingPage,
    listing_page_source,
    listing_page_url,
    page_count,
)


def numbers(number: int, count: int) -> list[int | None]:
    return ListingPage("recepten/", number, count, (), 1, count * CARDS_PER_PAGE).numbers()


@pytest.mark.parametrize(
    ("number", "count", "shown"),
    [
        (1, 1, [1]),
        (2, 3, [1, 2, 3]),
        (1, 417, [1, 2, 3, None, 417]),
        (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),  # 2 is shown rather than "…" for one page
        (200, 417, [1, None, 198, 199, 200, 201, 202, None, 417]),
        (417, 417, [1, None, 415, 416, 417]),
    ],
)
def test_a_page_links_the_first_the_last_and_its_neighbours(
    number: int, count: int, shown: list[int | None]
) -> None:
    assert numbers(number, count) == shown


def test_pages_are_counted_and_placed_where_no_recipe_can_be() -> None:
    assert [page_count(n) for n in (0, 1, CARDS_PER_PAGE, CARDS_PER_PAGE + 1)] == [1, 1, 1, 2]
    assert listing_page_url("recepten/", 1) == "recepten/"
    assert listing_page_url("recepten/", 2) == "recepten/pagina/2/"
    assert listing_page_source("soorten/soep/", 3) == "soorten/soep/pagina/3.md"
