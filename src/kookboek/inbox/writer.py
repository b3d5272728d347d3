"""An approved submission becomes ``content/recepten/<slug>.md`` (and its photo).

Contributed text is data: every step and tip is written on one line with Markdown's special
characters escaped and ``<`` and ``&`` as entities, so no HTML, heading, list, link or image
can come from what a participant typed. The frontmatter is written by ``yaml.safe_dump``.

The participant's first name (when she allowed it) is not written into the recipe file, which
goes into the project's history: it goes into the private names file
(``content/participants.py``), so that withdrawing it later reaches every copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kookboek.content.allergens import derive_allergens, lookup_names
from kookboek.content.models import Competence, PriceList, Recipe
from kookboek.content.participants import remove_name, set_name
from kookboek.content.project import RECIPES_DIR
from kookboek.content.slugs import unique_slug
from kookboek.content.vocabulary import ALLERGENS, Allergen
from kookboek.inbox.submission import Submission, SubmittedIngredient
from kookboek.pricing.cost import PricingError, cost_recipe
from kookboek.support.files import write_atomic

PHOTO_SUFFIX = ".jpg"
# Characters Python-Markdown lets you escape with a backslash and that start syntax inline.
_INLINE_SPECIAL = set("\\`*_[]{}!")
# Characters that only mean something at the start of a line (lists, headings, quotes).
_LINE_START = set("#>+-.=|")


class ApprovalError(Exception):
    """The submission cannot be published as it is; ``problems`` are Dutch."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class WrittenRecipe:
    path: Path
    photo: Path | None
    slug: str


def escape_markdown(text: str) -> str:
    """One line of plain text that Markdown shows exactly as typed."""
    line = " ".join(text.split())
    out: list[str] = []
    for index, char in enumerate(line):
        if char == "&":
            out.append("&amp;")
        elif char == "<":
            out.append("&lt;")
        elif char in _INLINE_SPECIAL or (char in _LINE_START and _at_line_start(line, index)):
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _at_line_start(line: str, index: int) -> bool:
    # '1. ' or '- ' at the start would open a nested list; '#' a heading.
    before = line[:index]
    return before == "" or before.isdigit()


def recipe_body(submission: Submission) -> str:
    lines = ["## Bereiding", ""]
    lines += [f"{n}. {escape_markdown(step)}" for n, step in enumerate(submission.steps, 1)]
    tips = [t for t in submission.tips.splitlines() if t.strip()]
    if tips:
        lines += ["", "## Tips", ""]
        lines += [f"- {escape_markdown(tip)}" for tip in tips]
    return "\n".join(lines) + "\n"


def frontmatter(
    submission: Submission,
    photo_name: str | None,
    allergens: Sequence[Allergen] | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "titel": submission.title,
        "beschrijving": submission.description,
        "porties": submission.portions,
        "tijd": submission.minutes,
        "categorie": submission.category,
        "competenties": list(submission.competences),
    }
    if allergens is not None:
        data["allergenen"] = list(allergens)
    if photo_name:
        data["foto"] = photo_name
        data["foto_alt"] = submission.photo_alt or f"Foto van het gerecht: {submission.title}"
    if submission.published_author:
        data["auteur"] = submission.published_author
    data["datum"] = submission.submitted_on
    data["ingredienten"] = [_ingredient(i) for i in submission.ingredients]
    return data


def _ingredient(ingredient: SubmittedIngredient) -> dict[str, Any]:
    if ingredient.to_taste:
        return {"naam": ingredient.name, "naar_smaak": True}
    assert ingredient.amount is not None  # to_taste is exactly "no amount"
    line: dict[str, Any] = {
        "naam": ingredient.name,
        "hoeveelheid": _number(ingredient.amount),
        "eenheid": ingredient.unit,
    }
    if ingredient.price is not None:
        line["prijs"] = _number(ingredient.price)
    return line


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def markdown_file(
    submission: Submission, photo_name: str | None, allergens: Sequence[Allergen]
) -> str:
    data = frontmatter(submission, photo_name, allergens)
    data.pop("auteur", None)  # private: see set_name in write_recipe
    header = yaml.safe_dump(
        data,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return f"---\n{header}---\n\n{recipe_body(submission)}"


def as_recipe(
    submission: Submission,
    source: Path,
    slug: str,
    photo_name: str | None = None,
    allergens: Sequence[Allergen] | None = None,
) -> Recipe:
    """The submission as the site's ``Recipe`` model (read back from the written YAML)."""
    data = yaml.safe_load(yaml.safe_dump(frontmatter(submission, photo_name, allergens)))
    return Recipe.model_validate(
        {**data, "slug": slug, "source": source, "body": recipe_body(submission)}
    )


def publication_problems(
    submission: Submission,
    prices: PriceList,
    competences: Sequence[Competence],
    allergens: Sequence[Allergen] | None = None,
) -> list[str]:
    """Why ``kookboek check`` would refuse this recipe, in Dutch (empty when all is well).

    ``allergens``: what the coach confirmed; ``None``: the derived ones, which must then be
    known for every ingredient.
    """
    problems: list[str] = []
    try:
        recipe = as_recipe(submission, Path("recept.md"), "recept", allergens=allergens)
    except ValidationError as exc:
        fields = sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]})
        return [f"Het veld '{name}' klopt niet en kan zo niet op de site." for name in fields]
    known = {c.id for c in competences}
    for competence in recipe.competences:
        if competence not in known:
            problems.append(f"Competentie '{competence}' staat niet in competenties.yml.")
    try:
        cost_recipe(recipe, prices)
    except PricingError as exc:
        for problem in exc.problems:
            name = recipe.ingredients[problem.index].name
            problems.append(f"Ingrediënt '{name}': {problem.message}")
    problems += allergen_problems(recipe, prices)
    return problems


def allergen_problems(recipe: Recipe, prices: PriceList) -> list[str]:
    """The allergen errors ``kookboek check`` would give, as the coach fixes them here."""
    derived = derive_allergens(lookup_names(recipe.ingredients, prices), prices)
    names = [ingredient.name for ingredient in recipe.ingredients]
    if recipe.allergens is None:
        return [
            f"Van '{names[index]}' zijn de allergenen niet bekend: kijk na welke erin zitten "
            "en vink ze aan in /beheer, of zet het in prijzen.yml met zijn allergenen."
            for index in derived.unknown
        ]
    return [
        f"'{allergen}' zit in "
        + " en ".join(f"'{names[index]}'" for index in indexes)
        + f" (volgens prijzen.yml): vink {allergen} aan."
        for allergen, indexes in derived.sources.items()
        if allergen not in recipe.allergens
    ]


@dataclass(frozen=True)
class AllergenReview:
    """What a coach confirms before approving: the allergens the ingredients bring (with
    the ingredients that bring them) and the ingredients whose allergens are not known."""

    sources: Mapping[Allergen, tuple[str, ...]]
    unknown: tuple[str, ...]

    @property
    def allergens(self) -> tuple[Allergen, ...]:
        return tuple(self.sources)


def review_allergens(submission: Submission, prices: PriceList) -> AllergenReview:
    recipe = as_recipe(submission, Path("recept.md"), "recept")
    names = [ingredient.name for ingredient in recipe.ingredients]
    derived = derive_allergens(names, prices)
    return AllergenReview(
        {a: tuple(dict.fromkeys(names[i] for i in found)) for a, found in derived.sources.items()},
        tuple(dict.fromkeys(names[i] for i in derived.unknown)),
    )


def chosen_allergens(values: Iterable[str]) -> tuple[Allergen, ...]:
    """Ticked boxes as allergens, in the EU-14 order; anything else is ignored."""
    ticked = set(values)
    return tuple(allergen for allergen in ALLERGENS if allergen in ticked)


def _approved_allergens(
    submission: Submission, prices: PriceList, allergens: Sequence[Allergen] | None
) -> tuple[Allergen, ...]:
    if allergens is not None:
        return chosen_allergens(allergens)
    return review_allergens(submission, prices).allergens


def write_recipe(
    submission: Submission,
    content_dir: Path,
    prices: PriceList,
    competences: Sequence[Competence],
    photo: bytes | None,
    allergens: Sequence[Allergen] | None = None,
) -> WrittenRecipe:
    """Write the recipe (and the photo only if its publication was allowed).

    The file always states its ``allergenen``: ``allergens`` as the coach confirmed them,
    or (``None``) those its ingredients bring, when every one of them is known.
    """
    problems = publication_problems(submission, prices, competences, allergens)
    if problems:
        raise ApprovalError(problems)
    stated = _approved_allergens(submission, prices, allergens)
    folder = content_dir / RECIPES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    publish_photo = photo is not None and submission.publish_photo
    for _ in range(20):
        taken = {p.stem for p in folder.iterdir()}
        slug = unique_slug(submission.title, taken)
        photo_path = folder / f"{slug}{PHOTO_SUFFIX}" if publish_photo else None
        if (
            photo_path is not None
            and photo is not None
            and not write_atomic(photo_path, photo, replace=False)
        ):
            continue
        page = folder / f"{slug}.md"
        text = markdown_file(submission, photo_path.name if photo_path else None, stated)
        if write_atomic(page, text.encode("utf-8"), replace=False):
            if submission.published_author:
                set_name(content_dir, slug, submission.published_author)
            else:  # a name left from an earlier recipe of this name is not hers
                remove_name(content_dir, slug)
            return WrittenRecipe(page, photo_path, slug)
        if photo_path is not None:
            photo_path.unlink(missing_ok=True)
    raise ApprovalError(["Kon geen vrije bestandsnaam vinden in content/recepten/."])
