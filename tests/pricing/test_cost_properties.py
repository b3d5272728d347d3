"""Property tests of pricing: never negative, linear when scaled, stable rounding."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from kookboek.content.models import Ingredient, PriceEntry, PriceList
from kookboek.pricing.cost import IngredientCost, RecipeCost, ingredient_cost, scale_cost
from kookboek.pricing.money import euros, half_up, to_cents

money = st.decimals(min_value=0, max_value=1000, places=2)
amounts = st.decimals(min_value=Decimal("0.01"), max_value=5000, places=2)
units = st.sampled_from(["g", "kg", "ml", "cl", "dl", "l", "el", "tl", "stuk"])


@st.composite
def entries(draw: st.DrawFn) -> PriceEntry:
    return PriceEntry(
        naam="x",
        prijs=draw(money),
        hoeveelheid=draw(amounts),
        eenheid=draw(units),
        gewicht_per_stuk=draw(st.none() | amounts),
        gram_per_el=draw(st.none() | amounts),
    )


def priced(entry: PriceEntry, amount: Decimal, unit: str) -> Decimal | None:
    prices = PriceList(winkel="w", prijspeil="2026-10-15", ingredienten=(entry,))
    try:
        cost = ingredient_cost(Ingredient(naam="x", hoeveelheid=amount, eenheid=unit), prices).cost
    except ValueError:
        return None  # an impossible conversion is reported, not priced
    assert cost is not None
    return cost


@given(entries(), amounts, units)
def test_cost_is_never_negative_and_in_cents(entry: PriceEntry, amount: Decimal, unit: str) -> None:
    cost = priced(entry, amount, unit)
    if cost is not None:
        assert cost >= 0
        assert cost == to_cents(cost)


@given(entries(), amounts, units, st.integers(min_value=2, max_value=12))
def test_scaling_is_linear_up_to_rounding(
    entry: PriceEntry, amount: Decimal, unit: str, factor: int
) -> None:
    single, scaled = priced(entry, amount, unit), priced(entry, amount * factor, unit)
    assert (single is None) == (scaled is None)
    if single is not None and scaled is not None:
        # each side is rounded to the cent once: at most half a cent per side, times the factor
        assert abs(scaled - single * factor) <= Decimal("0.005") * (factor + 1)


@given(st.decimals(min_value=-(10**6), max_value=10**6, allow_nan=False, places=6))
def test_rounding_is_stable(value: Decimal) -> None:
    assert to_cents(to_cents(value)) == to_cents(value)
    assert abs(to_cents(value) - value) <= Decimal("0.005")


line_costs = st.lists(st.none() | st.integers(min_value=0, max_value=5000), max_size=25)


def recipe_cost(cents: list[int | None], portions: int) -> RecipeCost:
    lines = tuple(
        IngredientCost(
            Ingredient(naam=f"x{index}", hoeveelheid=Decimal(1), eenheid="stuk"),
            None if value is None else euros(value),
        )
        for index, value in enumerate(cents)
    )
    total = sum((line.cost for line in lines if line.cost is not None), Decimal(0))
    return RecipeCost(
        lines=lines,
        total=total,
        per_portion=to_cents(total / portions),
        portions=portions,
        price_date=dt.date(2026, 10, 15),
    )


@given(line_costs, st.integers(min_value=1, max_value=20), st.integers(min_value=1, max_value=99))
def test_shown_lines_add_up_to_the_shown_total(
    cents: list[int | None], base: int, portions: int
) -> None:
    scaled = scale_cost(recipe_cost(cents, base), portions)
    assert sum(line for line in scaled.lines if line is not None) == scaled.total
    known = sum(value for value in cents if value is not None)
    assert scaled.total == half_up(known * portions, base)  # the total, rounded once
    assert scaled.per_portion == half_up(scaled.total, portions)
    for value, line in zip(cents, scaled.lines, strict=True):
        assert (value is None) == (line is None)
        if value is not None and line is not None:
            # each line less than a cent from its exact share
            assert abs(Fraction(line) - Fraction(value * portions, base)) < 1


@given(line_costs, st.integers(min_value=1, max_value=20))
def test_the_recipes_own_portions_show_its_own_costs(cents: list[int | None], base: int) -> None:
    cost = recipe_cost(cents, base)
    scaled = scale_cost(cost, base)
    assert scaled.lines == tuple(cents)
    assert euros(scaled.total) == cost.total
    assert euros(scaled.per_portion) == cost.per_portion


def test_linzensoep_for_five_adds_up() -> None:
    # The sample site's soup: lines 1,10 0,60 0,16 0,08 0,14 0,20 0,08 0,08 for 4 portions.
    scaled = scale_cost(recipe_cost([110, 60, 16, 8, 14, 20, 8, 8, None, None], 4), 5)
    assert scaled.lines == (138, 75, 20, 10, 17, 25, 10, 10, None, None)
    assert scaled.total == 305
    assert scaled.per_portion == 61
