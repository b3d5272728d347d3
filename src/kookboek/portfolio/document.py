"""The "Wat ik kan" PDF: per competence what she did, with dates and recipes, and the
observations she agreed to; the VDAB and ESCO names beside the project's own.

Rendered by the PDF stage's WeasyPrint renderer with its restricted fetcher, tagged (PDF/UA),
in the project's fonts. Never cached: nothing of it is kept once it is handed over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files
from pathlib import Path

import jinja2

from kookboek.content.models import Competence, Recipe
from kookboek.content.project import Project
from kookboek.content.vocabulary import CATEGORY_NAMES
from kookboek.pdf.render import Renderer, write_pdf
from kookboek.portfolio.models import Observation, Portfolio, RecipeRef, SessionEntry
from kookboek.site.templating import environment
from kookboek.support.resources import DRAWINGS_DIR, FONTS_DIR

ESCO_CREDIT = (
    "De Europese namen komen uit ESCO, de Europese classificatie van vaardigheden, "
    "competenties, kwalificaties en beroepen van de Europese Commissie "
    "(https://esco.ec.europa.eu). © Europese Unie. Hergebruik toegestaan mits "
    "bronvermelding (Besluit 2011/833/EU)."
)


@dataclass(frozen=True)
class RecipeView:
    title: str
    image: Path | None  # her recipe's photo, or else the drawing of its kind of dish
    photo: bool
    alt: str
    per_portion: Decimal | None  # only for a published recipe
    people: int | None


@dataclass(frozen=True)
class Deed:
    date: dt.date
    tasks: tuple[str, ...]
    recipe: RecipeView | None


@dataclass(frozen=True)
class CompetenceBlock:
    competence: Competence
    drawing: Path | None
    deeds: tuple[Deed, ...]
    observations: tuple[Observation, ...]


@dataclass(frozen=True)
class PortfolioView:
    name: str
    group: str | None
    first: dt.date | None
    last: dt.date | None
    sessions: int
    blocks: tuple[CompetenceBlock, ...]
    other_observations: tuple[Observation, ...]
    own_words: str | None
    made_on: dt.date


def _drawing(name: str) -> Path | None:
    path = DRAWINGS_DIR / f"{name}.svg"
    return path if path.is_file() else None


def _recipe_view(
    ref: RecipeRef | None, entry: SessionEntry, recipes: Mapping[str, Recipe], project: Project
) -> RecipeView | None:
    if ref is None:
        return None
    recipe = recipes.get(ref.value) if ref.kind == "recept" else None
    if recipe is None:
        return RecipeView(ref.title, None, False, "", None, entry.people)
    image, photo, alt = None, False, f"Tekening: {CATEGORY_NAMES[recipe.category].lower()}"
    if recipe.photo:
        candidate = (recipe.source.parent / recipe.photo).resolve()
        if candidate.is_file() and candidate.is_relative_to(project.content_dir.resolve()):
            image, photo, alt = candidate, True, recipe.photo_alt or recipe.title
    if image is None:
        image = _drawing(f"soort-{recipe.category}")
    cost = project.costs.get(recipe.slug)
    return RecipeView(
        recipe.title,
        image,
        photo,
        alt,
        cost.per_portion if cost else None,
        entry.people or recipe.portions,
    )


def portfolio_view(portfolio: Portfolio, project: Project, today: dt.date) -> PortfolioView:
    """What her PDF shows: only observations she agreed to, competences in the project's
    order, each with what she did, oldest first."""
    task_names = {task.id: task.name for task in project.tasks}
    task_competences = {task.id: task.competences for task in project.tasks}
    recipes = {recipe.slug: recipe for recipe in project.recipes}
    agreed = [o for o in portfolio.observations if o.agreed]
    sessions = sorted(portfolio.sessions, key=lambda s: s.date)
    deeds: dict[str, list[Deed]] = {}
    for entry in sessions:
        deed = Deed(
            entry.date,
            tuple(task_names.get(task, task) for task in entry.tasks),
            _recipe_view(entry.recipe, entry, recipes, project),
        )
        for competence in portfolio.competences_of(entry, task_competences):
            deeds.setdefault(competence, []).append(deed)
    shown = {c.id for c in project.competences if c.id in deeds}
    blocks = tuple(
        CompetenceBlock(
            c,
            _drawing(f"competentie-{c.id}"),
            tuple(deeds[c.id]),
            tuple(sorted((o for o in agreed if o.competence == c.id), key=lambda o: o.date)),
        )
        for c in project.competences
        if c.id in shown
    )
    others = tuple(sorted((o for o in agreed if o.competence not in shown), key=lambda o: o.date))
    return PortfolioView(
        name=portfolio.name,
        group=portfolio.group,
        first=sessions[0].date if sessions else None,
        last=sessions[-1].date if sessions else None,
        sessions=len({s.id for s in sessions}),
        blocks=blocks,
        other_observations=others,
        own_words=portfolio.own_words,
        made_on=today,
    )


@cache
def _environment() -> jinja2.Environment:
    # The site's filters (money, long_date) with the portfolio's own templates.
    return environment().overlay(loader=jinja2.PackageLoader("kookboek.portfolio", "templates"))


def portfolio_html(view: PortfolioView) -> str:
    css = files("kookboek.portfolio").joinpath("templates", "wat-ik-kan.css").read_text("utf-8")
    return (
        _environment()
        .get_template("wat-ik-kan.html")
        .render(view=view, css=css, esco_credit=ESCO_CREDIT)
    )


def portfolio_pdf(
    portfolio: Portfolio, project: Project, today: dt.date, fonts_dir: Path = FONTS_DIR
) -> bytes:
    """Her A4 "Wat ik kan" PDF, tagged."""
    view = portfolio_view(portfolio, project, today)
    renderer = Renderer(
        fonts_dir=fonts_dir.resolve(), roots=(project.content_dir.resolve(), DRAWINGS_DIR)
    )
    document = renderer.document(
        portfolio_html(view), project.content_dir, (), name=f"portfolio {portfolio.name}"
    )
    return write_pdf(document, tagged=True, name=f"portfolio {portfolio.name}")
