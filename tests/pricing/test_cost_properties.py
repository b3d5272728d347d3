"""Property tests of pricing: never negative, linear when scaled, stable rounding."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kookboek.content.models import Ingredient, PriceEntry, PriceList
from kookboek.pricing.cost import ingredient_cost
from kookboek.pricing.money import to_cents

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
