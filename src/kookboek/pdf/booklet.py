"""What goes into a booklet: the selected recipes, chapters per category and two indexes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from kookboek.content.models import Competence, Recipe
from kookboek.content.project import Project
from kookboek.content.vocabulary import CATEGORIES, CATEGORY_NAMES
from kookboek.pricing.cost import RecipeCost

Order = Literal["titel", "kost", "tijd"]
ORDERS: tuple[Order, ...] = ("titel", "kost", "tijd")
DEFAULT_NAME = "receptenboek"


class BookletError(ValueError):
    """A booklet that cannot be made; the message is Dutch and names the booklet."""


@dataclass(frozen=True)
class BookletSpec:
    """One booklet as configured in ``mkdocs.yml`` (or the default one)."""

    name: str = DEFAULT_NAME  # file stem: receptenboek.pdf, receptenboek-drukwerk.pdf, ...
    title: str = "Receptenboek"
    subtitle: str = "Betaalbare recepten, samen bedacht en gekookt"
    categories: tuple[str, ...] = ()  # empty: every category
    max_cost_per_portion: Decimal | None = None
    order: Order = "titel"  # order of the recipes inside a chapter
    project: str = ""
    partners: tuple[str, ...] = ()
    licence: str = "CC BY 4.0"
    cover_image: str | None = None  # relative to the content folder

    def validate(self) -> None:
        unknown = [c for c in self.categories if c not in CATEGORIES]
        if unknown:
            raise BookletError(
                f"boekje '{self.name}': onbekende categorie '{unknown[0]}'. "
                f"Kies uit: {', '.join(CATEGORIES)}."
            )
        if self.order not in ORDERS:
            raise BookletError(
                f"boekje '{self.name}': volgorde '{self.order}' bestaat niet. "
                f"Kies uit: {', '.join(ORDERS)}."
            )


@dataclass(frozen=True)
class BookletRecipe:
    recipe: Recipe
    cost: RecipeCost
    competences: tuple[Competence, ...]
    photo: Path | None  # the source file next to the recipe

    @property
    def anchor(self) -> str:
        return f"recept-{self.recipe.slug}"

    @property
    def end_anchor(self) -> str:
        return f"einde-{self.recipe.slug}"


@dataclass(frozen=True)
class Chapter:
    category: str
    recipes: tuple[BookletRecipe, ...]

    @property
    def title(self) -> str:
        return CATEGORY_NAMES[self.category]

    @property
    def anchor(self) -> str:
        return f"hoofdstuk-{self.category}"


@dataclass(frozen=True)
class CompetenceEntry:
    competence: Competence
    recipes: tuple[BookletRecipe, ...]


@dataclass(frozen=True)
class Booklet:
    spec: BookletSpec
    chapters: tuple[Chapter, ...]
    project: Project
    cover_image: Path | None
    recipes: tuple[BookletRecipe, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "recipes", tuple(r for chapter in self.chapters for r in chapter.recipes)
        )

    @property
    def by_cost(self) -> list[BookletRecipe]:
        return sorted(self.recipes, key=lambda r: (r.cost.per_portion, r.recipe.title.casefold()))

    @property
    def by_competence(self) -> list[CompetenceEntry]:
        entries = []
        for competence in self.project.competences:
            found = [r for r in self.recipes if competence.id in r.recipe.competences]
            if found:
                found.sort(key=lambda r: r.recipe.title.casefold())
                entries.append(CompetenceEntry(competence, tuple(found)))
        return entries


def matches(spec: BookletSpec, recipe: Recipe, cost: RecipeCost) -> bool:
    if spec.categories and recipe.category not in spec.categories:
        return False
    return spec.max_cost_per_portion is None or cost.per_portion <= spec.max_cost_per_portion


def _sort_key(order: Order, item: BookletRecipe) -> tuple[object, ...]:
    title = item.recipe.title.casefold()
    if order == "kost":
        return (item.cost.per_portion, title)
    if order == "tijd":
        return (item.recipe.minutes, title)
    return (title,)


def build_booklet(project: Project, spec: BookletSpec) -> Booklet:
    """The booklet's content; raises ``BookletError`` when no recipe matches."""
    spec.validate()
    selected = [
        BookletRecipe(
            recipe=recipe,
            cost=project.costs[recipe.slug],
            competences=tuple(project.competence_by_id[c] for c in recipe.competences),
            photo=(recipe.source.parent / recipe.photo).resolve() if recipe.photo else None,
        )
        for recipe in project.recipes
        if matches(spec, recipe, project.costs[recipe.slug])
    ]
    if not selected:
        raise BookletError(
            f"boekje '{spec.name}': geen enkel recept past bij de keuze "
            "(categorieën of maximale kost per portie). Pas de keuze aan in mkdocs.yml."
        )
    chapters = []
    for category in _chapter_order(spec.categories):
        recipes = sorted(
            (r for r in selected if r.recipe.category == category),
            key=lambda item: _sort_key(spec.order, item),
        )
        if recipes:
            chapters.append(Chapter(category, tuple(recipes)))
    return Booklet(spec, tuple(chapters), project, _cover_image(project, spec, selected))


def _chapter_order(categories: Sequence[str]) -> tuple[str, ...]:
    """The configured order of categories first, then the rest in the usual order."""
    return (*categories, *(c for c in CATEGORIES if c not in categories))


def _cover_image(project: Project, spec: BookletSpec, selected: list[BookletRecipe]) -> Path | None:
    if spec.cover_image:
        path = (project.content_dir / spec.cover_image).resolve()
        if not path.is_file() or not path.is_relative_to(project.content_dir.resolve()):
            raise BookletError(
                f"boekje '{spec.name}': de omslagfoto '{spec.cover_image}' bestaat niet "
                "in de map content."
            )
        return path
    return next((r.photo for r in selected if r.photo is not None), None)
