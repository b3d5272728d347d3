"""Property tests of the saddle-stitch order: checked against a model of a folded stack."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kookboek.pdf.imposition import saddle_stitch_order

page_counts = st.integers(min_value=1, max_value=600)


def read_folded_booklet(sides: list[tuple[int | None, int | None]]) -> list[int | None]:
    """The pages in reading order after printing ``sides`` double-sided and folding the stack.

    Sheet 0 lies outside. Leafing through the first half of the booklet shows, sheet by sheet
    from the outside in, the right half of the front and then the left half of the back; the
    second half shows the remaining halves from the innermost sheet back out.
    """
    fronts, backs = sides[0::2], sides[1::2]
    first_half: list[int | None] = []
    for front, back in zip(fronts, backs, strict=True):
        first_half += [front[1], back[0]]
    second_half: list[int | None] = []
    for front, back in reversed(list(zip(fronts, backs, strict=True))):
        second_half += [back[1], front[0]]
    return first_half + second_half


@given(page_counts)
def test_every_page_appears_exactly_once(pages: int) -> None:
    placed = [page for side in saddle_stitch_order(pages) for page in side]
    assert sorted(page for page in placed if page is not None) == list(range(pages))


@given(page_counts)
def test_page_count_is_padded_to_whole_sheets(pages: int) -> None:
    sides = saddle_stitch_order(pages)
    sheets = -(-pages // 4)
    assert len(sides) == 2 * sheets  # a front and a back per sheet
    blanks = sum(page is None for side in sides for page in side)
    assert blanks == 4 * sheets - pages
    assert blanks < 4


@given(page_counts)
def test_folded_stack_reads_in_page_order(pages: int) -> None:
    reading = read_folded_booklet(saddle_stitch_order(pages))
    padded = 4 * -(-pages // 4)
    assert reading == [page if page < pages else None for page in range(padded)]


@given(page_counts)
def test_facing_halves_of_a_side_add_up_to_the_last_page(pages: int) -> None:
    padded = 4 * -(-pages // 4)
    for left, right in saddle_stitch_order(pages):
        if left is not None and right is not None:
            assert left + right == padded - 1
        elif left is not None or right is not None:
            # The blank half stands for a padding page (index >= pages) facing this one.
            shown = left if left is not None else right
            assert shown is not None
            assert padded - 1 - shown >= pages


@given(st.integers(max_value=0))
def test_no_pages_is_refused(pages: int) -> None:
    with pytest.raises(ValueError):
        saddle_stitch_order(pages)
