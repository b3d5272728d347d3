"""A submission shown exactly as its recipe page will look, with its computed cost.

The article is rendered by the site's own renderer and template
(:func:`kookboek.site.pages.recipe_article`), so the participant's review step and the
coach's preview cannot drift from the public page. Ingredients that cannot be priced yet
are shown with a dash and reported in Dutch, so that a participant still sees the review
step and a coach sees what to fix before approving.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from kookboek.content.allergens import declared_allergens
from kookboek.content.models import Competence, PriceList
from kookboek.images.responsive import Photo
from kookboek.inbox.submission import Submission
from kookboek.inbox.writer import as_recipe
from kookboek.pricing.cost import RecipeCost, draft_cost
from kookboek.site.pages import recipe_article

PREVIEW_PHOTO_NAME = "foto.jpg"


@dataclass(frozen=True)
class PreviewPhoto:
    """Where the adapter serves the submitted photo, and its size in pixels."""

    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Preview:
    html: Markup  # the recipe's article, as on its public page
    cost: RecipeCost
    problems: tuple[str, ...]  # pricing problems, in Dutch

    @property
    def complete(self) -> bool:
        return not self.problems


def preview(
    submission: Submission,
    prices: PriceList,
    competences: Sequence[Competence],
    photo: PreviewPhoto | None,
) -> Preview:
    recipe = as_recipe(
        submission,
        Path("recepten/voorbeeld.md"),
        "voorbeeld",
        PREVIEW_PHOTO_NAME if photo else None,
    )
    # Shown as the site will show them: derived from the ingredients, or "not known yet".
    recipe = recipe.model_copy(update={"allergens": declared_allergens(recipe, prices)})
    cost, pricing_problems = draft_cost(recipe, prices)
    problems = []
    for problem in pricing_problems:
        name = recipe.ingredients[problem.index].name
        if problem.field == "naam":
            problems.append(
                f"De prijs van '{name}' is nog niet bekend: het staat niet in de "
                "prijslijst. Vul de prijs in die je betaalde, of vraag je begeleider."
            )
        else:
            problems.append(f"'{name}': {problem.message}")
    by_id = {c.id: c for c in competences}
    shown_photo = Photo(photo.url, photo.width, photo.height) if photo else None
    html = recipe_article(
        recipe,
        cost,
        [by_id[c] for c in recipe.competences if c in by_id],
        prices,
        root="",
        photo=shown_photo,
    )
    return Preview(Markup(html), cost, tuple(problems))
