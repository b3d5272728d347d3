"""An approved submission becomes ``content/recepten/<slug>.md`` (and its photo).

Contributed text is data: every step and tip is written on one line with Markdown's special
characters escaped and ``<`` and ``&`` as entities, so no HTML, heading, list, link or image
can come from what a participant typed. The frontmatter is written by ``yaml.safe_dump``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kookboek.content.models import Competence, PriceList, Recipe
from kookboek.content.project import RECIPES_DIR
from kookboek.content.slugs import unique_slug
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


def frontmatter(submission: Submission, photo_name: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "titel": submission.title,
        "beschrijving": submission.description,
        "porties": submission.portions,
        "tijd": submission.minutes,
        "categorie": submission.category,
        "competenties": list(submission.competences),
    }
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


def markdown_file(submission: Submission, photo_name: str | None) -> str:
    header = yaml.safe_dump(
        frontmatter(submission, photo_name),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return f"---\n{header}---\n\n{recipe_body(submission)}"


def as_recipe(
    submission: Submission, source: Path, slug: str, photo_name: str | None = None
) -> Recipe:
    """The submission as the site's ``Recipe`` model (read back from the written YAML)."""
    data = yaml.safe_load(yaml.safe_dump(frontmatter(submission, photo_name)))
    return Recipe.model_validate(
        {**data, "slug": slug, "source": source, "body": recipe_body(submission)}
    )


def publication_problems(
    submission: Submission, prices: PriceList, competences: Sequence[Competence]
) -> list[str]:
    """Why ``kookboek check`` would refuse this recipe, in Dutch (empty when all is well)."""
    problems: list[str] = []
    try:
        recipe = as_recipe(submission, Path("recept.md"), "recept")
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
    return problems


def write_recipe(
    submission: Submission,
    content_dir: Path,
    prices: PriceList,
    competences: Sequence[Competence],
    photo: bytes | None,
) -> WrittenRecipe:
    """Write the recipe (and the photo only if its publication was allowed)."""
    problems = publication_problems(submission, prices, competences)
    if problems:
        raise ApprovalError(problems)
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
        text = markdown_file(submission, photo_path.name if photo_path else None)
        if write_atomic(page, text.encode("utf-8"), replace=False):
            return WrittenRecipe(page, photo_path, slug)
        if photo_path is not None:
            photo_path.unlink(missing_ok=True)
    raise ApprovalError(["Kon geen vrije bestandsnaam vinden in content/recepten/."])
