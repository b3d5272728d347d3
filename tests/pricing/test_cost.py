"""Cost per portion, checked against amounts computed by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from kookboek.content.models import Ingredient, PriceEntry, PriceList, Recipe
from kookboek.pricing.cost import PricingError, cost_recipe, ingredient_cost

PRICES = PriceList(
    winkel="Testwinkel",
    prijspeil=dt.date(2026, 10, 15),
    ingredienten=(
        PriceEntry(naam="rode linzen", prijs=Decimal("2.20"), hoeveelheid=500, eenheid="g"),
        PriceEntry(
            naam="ui", andere_namen=("uien",), prijs=Decimal("2.00"), hoeveelheid=2,
            eenheid="kg", gewicht_per_stuk=150,
        ),
        PriceEntry(naam="eieren", prijs=Decimal("3.00"), hoeveelheid=12, eenheid="stuk"),
        PriceEntry(
            naam="bloem", prijs=Decimal("1.00"), hoeveelheid=1, eenheid="kg", gram_per_el=10
        ),
        PriceEntry(naam="melk", prijs=Decimal("1.10"), hoeveelheid=1, eenheid="l"),
        PriceEntry(naam="olijfolie", prijs=Decimal("6.00"), hoeveelheid=1, eenheid="l"),
    ),
)  # fmt: skip


def ingredient(**fields: object) -> Ingredient:
    return Ingredient.model_validate(fields)


def recipe(portions: int, *ingredients: dict[str, object]) -> Recipe:
    return Recipe.model_validate(
        {
            "slug": "test", "source": Path("test.md"), "titel": "Test", "beschrijving": "Test.",
            "porties": portions, "tijd": 10, "categorie": "soep", "competenties": ["plannen"],
            "datum": "2026-10-14", "ingredienten": list(ingredients),
        }
    )  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # 250 g of a 500 g bag at € 2,20 = € 1,10
        ({"naam": "rode linzen", "hoeveelheid": 250, "eenheid": "g"}, "1.10"),
        # 0,25 kg is the same 250 g
        ({"naam": "rode linzen", "hoeveelheid": "0.25", "eenheid": "kg"}, "1.10"),
        # 2 onions × 150 g = 300 g of a 2 kg net at € 2,00 = € 0,30 (found by its other name)
        ({"naam": "Uien", "hoeveelheid": 2, "eenheid": "stuk"}, "0.30"),
        # 3 of 12 eggs at € 3,00 = € 0,75
        ({"naam": "eieren", "hoeveelheid": 3, "eenheid": "stuk"}, "0.75"),
        # 5 dl of 1 l milk at € 1,10 = € 0,55
        ({"naam": "melk", "hoeveelheid": 5, "eenheid": "dl"}, "0.55"),
        # 2 el = 30 ml of 1 l oil at € 6,00 = € 0,18
        ({"naam": "olijfolie", "hoeveelheid": 2, "eenheid": "el"}, "0.18"),
        # 1 tl = 5 ml of oil = € 0,03
        ({"naam": "olijfolie", "hoeveelheid": 1, "eenheid": "tl"}, "0.03"),
        # 3 el flour × 10 g = 30 g of 1 kg at € 1,00 = € 0,03
        ({"naam": "bloem", "hoeveelheid": 3, "eenheid": "el"}, "0.03"),
        # an explicit price paid wins over the list
        ({"naam": "rode linzen", "hoeveelheid": 250, "eenheid": "g", "prijs": 0.6}, "0.60"),
        # 1 egg = 0,25 → exactly € 0,25; 1/3 of a cent rounds half up at the cent
        ({"naam": "eieren", "hoeveelheid": 1, "eenheid": "stuk"}, "0.25"),
    ],
)
def test_ingredient_cost_by_hand(fields: dict[str, object], expected: str) -> None:
    assert ingredient_cost(ingredient(**fields), PRICES).cost == Decimal(expected)


def test_to_taste_is_neither_priced_nor_scaled() -> None:
    assert ingredient_cost(ingredient(naam="zout", naar_smaak=True), PRICES).cost is None


def test_recipe_total_and_per_portion() -> None:
    # 1,10 + 0,30 + 0,60 + 0,18 = 2,18 for 4 portions = 0,545 → € 0,55 (half up)
    cost = cost_recipe(
        recipe(
            4,
            {"naam": "rode linzen", "hoeveelheid": 250, "eenheid": "g"},
            {"naam": "uien", "hoeveelheid": 2, "eenheid": "stuk"},
            {"naam": "wortelen", "hoeveelheid": 500, "eenheid": "g", "prijs": 0.60},
            {"naam": "olijfolie", "hoeveelheid": 2, "eenheid": "el"},
            {"naam": "zout", "naar_smaak": True},
        ),
        PRICES,
    )
    assert cost.total == Decimal("2.18")
    assert cost.per_portion == Decimal("0.55")
    assert cost.price_date == dt.date(2026, 10, 15)
    assert [line.cost for line in cost.lines][-1] is None


def test_rounding_of_a_third() -> None:
    # 1 egg (€ 0,25) for 3 portions = 0,08333 → € 0,08
    cost = cost_recipe(
        recipe(3, {"naam": "ei", "hoeveelheid": 1, "eenheid": "stuk", "prijs": 0.25}), PRICES
    )
    assert cost.per_portion == Decimal("0.08")


def test_every_pricing_problem_is_reported() -> None:
    with pytest.raises(PricingError) as caught:
        cost_recipe(
            recipe(
                2,
                {"naam": "kaviaar", "hoeveelheid": 10, "eenheid": "g"},
                {"naam": "melk", "hoeveelheid": 2, "eenheid": "stuk"},
                {"naam": "eieren", "hoeveelheid": 100, "eenheid": "g"},
            ),
            PRICES,
        )
    problems = caught.value.problems
    assert [(p.index, p.field) for p in problems] == [(0, "naam"), (1, "eenheid"), (2, "eenheid")]
    assert "'kaviaar' staat niet in prijzen.yml" in problems[0].message
    assert "Voeg het toe aan prijzen.yml" in problems[0].message
    assert "gewicht_per_stuk" in problems[2].message
