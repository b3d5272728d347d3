"""A submission shown exactly as its recipe page will look, with its computed cost.

Ingredients that cannot be priced yet are shown with a dash and reported in Dutch, so that a
participant still sees the review step and a coach sees what to fix before approving.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from kookboek.content.models import Competence, PriceList
from kookboek.inbox.submission import Submission
from kookboek.inbox.writer import as_recipe
from kookboek.pricing.cost import IngredientCost, RecipeCost, ingredient_cost
from kookboek.pricing.money import to_cents
from kookboek.pricing.units import ConversionError
from kookboek.site.templating import render

PREVIEW_PHOTO_NAME = "foto.jpg"


@dataclass(frozen=True)
class Preview:
    html: Markup
    cost: RecipeCost
    problems: tuple[str, ...]  # pricing problems, in Dutch

    @property
    def complete(self) -> bool:
        return not self.problems


def preview(
    submission: Submission,
    prices: PriceList,
    competences: Sequence[Competence],
    photo_url: str | None,
) -> Preview:
    recipe = as_recipe(
        submission,
        Path("recepten/voorbeeld.md"),
        "voorbeeld",
        PREVIEW_PHOTO_NAME if photo_url else None,
    )
    lines: list[IngredientCost] = []
    problems: list[str] = []
    for ingredient in recipe.ingredients:
        try:
            lines.append(ingredient_cost(ingredient, prices))
        except LookupError:
            lines.append(IngredientCost(ingredient, None))
            problems.append(
                f"De prijs van '{ingredient.name}' is nog niet bekend: het staat niet in de "
                "prijslijst. Vul de prijs in die je betaalde, of vraag je begeleider."
            )
        except ConversionError as exc:
            lines.append(IngredientCost(ingredient, None))
            problems.append(f"'{ingredient.name}': {exc}")
    total = sum((line.cost for line in lines if line.cost is not None), Decimal(0))
    cost = RecipeCost(
        lines=tuple(lines),
        total=total,
        per_portion=to_cents(total / recipe.portions),
        portions=recipe.portions,
        price_date=prices.price_date,
    )
    by_id = {c.id: c for c in competences}
    html = render(
        "recipe.html",
        recipe=recipe,
        cost=cost,
        competences=[by_id[c] for c in recipe.competences if c in by_id],
        photo_url=photo_url,
        root="",
    )
    return Preview(Markup(html), cost, tuple(problems))
