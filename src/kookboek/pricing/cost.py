"""Cost per portion: computed from the price list, never typed by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from kookboek.content.models import Ingredient, PriceEntry, PriceList, Recipe
from kookboek.pricing.money import cents, half_up, to_cents
from kookboek.pricing.units import ConversionError, convert


@dataclass(frozen=True)
class PricingProblem:
    index: int
    field: str
    message: str


class PricingError(Exception):
    def __init__(self, problems: list[PricingProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class IngredientCost:
    ingredient: Ingredient
    cost: Decimal | None  # None for "naar smaak": neither scaled nor priced
    entry: PriceEntry | None = None  # the price list entry used, if any


@dataclass(frozen=True)
class RecipeCost:
    lines: tuple[IngredientCost, ...]
    total: Decimal
    per_portion: Decimal
    portions: int
    price_date: dt.date


def ingredient_cost(ingredient: Ingredient, prices: PriceList) -> IngredientCost:
    """The cost of one ingredient line, rounded to cents; raises ``ValueError`` in Dutch."""
    if ingredient.to_taste:
        return IngredientCost(ingredient, None)
    if ingredient.price is not None:
        return IngredientCost(ingredient, to_cents(ingredient.price))
    entry = prices.find(ingredient.name)
    if entry is None:
        raise LookupError(
            f"'{ingredient.name}' staat niet in prijzen.yml. Voeg het toe aan prijzen.yml "
            "(naam, prijs, hoeveelheid, eenheid) of geef hier de betaalde 'prijs'."
        )
    assert ingredient.amount is not None and ingredient.unit is not None
    used = convert(ingredient.amount, ingredient.unit, entry)
    return IngredientCost(ingredient, to_cents(entry.price * used / entry.amount), entry)


def cost_recipe(recipe: Recipe, prices: PriceList) -> RecipeCost:
    """Every line priced; raises ``PricingError`` listing every line that cannot be."""
    cost, problems = draft_cost(recipe, prices)
    if problems:
        raise PricingError(problems)
    return cost


def draft_cost(recipe: Recipe, prices: PriceList) -> tuple[RecipeCost, list[PricingProblem]]:
    """The cost of what can be priced, and a problem for every line that cannot.

    A line that cannot be priced (yet) is kept with cost None, so a recipe still in the
    making (a submission under review) can be shown with a dash where a price is missing.
    """
    lines: list[IngredientCost] = []
    problems: list[PricingProblem] = []
    for index, ingredient in enumerate(recipe.ingredients):
        if not ingredient.to_taste and (ingredient.amount is None or ingredient.unit is None):
            continue  # reported by the recipe rules; nothing to price
        try:
            lines.append(ingredient_cost(ingredient, prices))
        except LookupError as exc:
            problems.append(PricingProblem(index, "naam", str(exc)))
            lines.append(IngredientCost(ingredient, None))
        except ConversionError as exc:
            problems.append(PricingProblem(index, "eenheid", str(exc)))
            lines.append(IngredientCost(ingredient, None))
    total = sum((line.cost for line in lines if line.cost is not None), Decimal(0))
    cost = RecipeCost(
        lines=tuple(lines),
        total=total,
        per_portion=to_cents(total / recipe.portions),
        portions=recipe.portions,
        price_date=prices.price_date,
    )
    return cost, problems


@dataclass(frozen=True)
class ScaledCost:
    """A recipe's costs for another number of portions, in whole cents, as they are shown."""

    lines: tuple[int | None, ...]  # one per line of RecipeCost.lines; None: no cost shown
    total: int
    per_portion: int
    portions: int


def scale_cost(cost: RecipeCost, portions: int) -> ScaledCost:
    """The shown costs for ``portions``: the lines add up to the total, to the cent.

    The total is the recipe's total × portions / its own portions, rounded half up to a
    cent. Each line gets its own share rounded down, and the cents still missing go one by
    one to the lines that lost most by rounding down (the largest remainders; on a tie the
    line that comes first). The cost per portion is the total divided by the portions,
    rounded half up. ``theme/assets/javascripts/kookboek.js`` (the portion scaler) does the
    very same arithmetic on the same whole cents.
    """
    base = cost.portions
    line_cents = [None if line.cost is None else cents(line.cost) for line in cost.lines]
    known = [(index, value) for index, value in enumerate(line_cents) if value is not None]
    total = half_up(sum(value for _, value in known) * portions, base)
    shares: list[int | None] = [
        None if value is None else value * portions // base for value in line_cents
    ]
    missing = total - sum(share for share in shares if share is not None)
    by_remainder = sorted(known, key=lambda item: (-(item[1] * portions % base), item[0]))
    for index, _ in by_remainder[:missing]:
        share = shares[index]
        assert share is not None
        shares[index] = share + 1
    return ScaledCost(
        lines=tuple(shares),
        total=total,
        per_portion=half_up(total, portions),
        portions=portions,
    )
