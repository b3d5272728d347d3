"""Typed, immutable models of the content. Frontmatter keys are Dutch (aliases)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from kookboek.content.vocabulary import Allergen, Category, Diet, Unit, Weekday

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Identifier = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
]
PositiveAmount = Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=4)]
Money = Annotated[Decimal, Field(ge=0, max_digits=9, decimal_places=4)]
Minutes = Annotated[int, Field(ge=1, le=10_000)]
# A week menu: at most this many people per meal (as the recipe page's portion scaler) and
# this many meals (the week-menu page in the browser keeps the same limits).
MAX_MENU_PORTIONS = 99
MAX_MENU_MEALS = 100


def _not_empty(value: object) -> object:
    # An empty 'allergenen:' could mean "none" or "not filled in": make the coach say which.
    if value is None:
        raise ValueError("empty")
    return value


# The EU-14 allergens something contains: () is "none of them"; absent (None) is "not stated".
Allergens = Annotated[tuple[Allergen, ...] | None, BeforeValidator(_not_empty)]


class Model(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        str_strip_whitespace=True,
    )


class Ingredient(Model):
    name: ShortText = Field(alias="naam")
    amount: PositiveAmount | None = Field(default=None, alias="hoeveelheid")
    unit: Unit | None = Field(default=None, alias="eenheid")
    price: Money | None = Field(default=None, alias="prijs")
    to_taste: bool = Field(default=False, alias="naar_smaak")


class Recipe(Model):
    slug: str = Field(exclude=True)
    source: Path = Field(exclude=True)
    body: str = Field(default="", exclude=True)
    title: ShortText = Field(alias="titel")
    description: Annotated[str, StringConstraints(min_length=1, max_length=300)] = Field(
        alias="beschrijving"
    )
    portions: int = Field(alias="porties", ge=1, le=1000, strict=False)
    minutes: Minutes = Field(alias="tijd")
    prep_minutes: Minutes | None = Field(default=None, alias="voorbereiding")
    cook_minutes: Minutes | None = Field(default=None, alias="kooktijd")
    category: Category = Field(alias="categorie")
    cuisine: ShortText | None = Field(default=None, alias="keuken")
    competences: tuple[Identifier, ...] = Field(alias="competenties", min_length=1)
    diets: tuple[Diet, ...] = Field(default=(), alias="dieet")
    # What the file states; a loaded Project fills in the derived ones when it states none.
    allergens: Allergens = Field(default=None, alias="allergenen")
    equipment: tuple[ShortText, ...] = Field(default=(), alias="materiaal")
    photo: ShortText | None = Field(default=None, alias="foto")
    photo_alt: ShortText | None = Field(default=None, alias="foto_alt")
    author: ShortText | None = Field(default=None, alias="auteur")
    group: ShortText | None = Field(default=None, alias="groep")
    date: dt.date = Field(alias="datum")
    ingredients: tuple[Ingredient, ...] = Field(alias="ingredienten", min_length=1, max_length=200)

    @property
    def needs_oven(self) -> bool:
        return any(tool.lower() == "oven" for tool in self.equipment)


class PriceEntry(Model):
    name: ShortText = Field(alias="naam")
    other_names: tuple[ShortText, ...] = Field(default=(), alias="andere_namen")
    price: Money = Field(alias="prijs")
    amount: PositiveAmount = Field(alias="hoeveelheid")
    unit: Unit = Field(alias="eenheid")
    grams_per_piece: PositiveAmount | None = Field(default=None, alias="gewicht_per_stuk")
    grams_per_tablespoon: PositiveAmount | None = Field(default=None, alias="gram_per_el")
    shop: ShortText | None = Field(default=None, alias="winkel")
    allergens: Allergens = Field(default=None, alias="allergenen")
    # The shop section ("Groenten en fruit") under which the shopping list puts it.
    section: ShortText | None = Field(default=None, alias="afdeling")


class PriceList(Model):
    shop: ShortText = Field(alias="winkel")
    price_date: dt.date = Field(alias="prijspeil")
    entries: tuple[PriceEntry, ...] = Field(alias="ingredienten")

    @cached_property
    def by_name(self) -> dict[str, PriceEntry]:
        """Every name and other name, normalised; the first entry with a name wins."""
        index: dict[str, PriceEntry] = {}
        for entry in self.entries:
            for name in (entry.name, *entry.other_names):
                index.setdefault(normalise_name(name), entry)
        return index

    def find(self, name: str) -> PriceEntry | None:
        return self.by_name.get(normalise_name(name))


# A skill of ESCO, the European Commission's classification of skills and occupations, named
# by its concept URI (the same in every ESCO version since 1.0).
EscoUri = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        pattern=r"^http://data\.europa\.eu/esco/skill/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$",
    ),
]


class EscoSkill(Model):
    """The ESCO transversal skill a competence stands for, with its English preferred label."""

    uri: EscoUri
    label: ShortText = Field(alias="naam")


class Competence(Model):
    id: Identifier
    name: ShortText = Field(alias="naam")
    explanation: Text = Field(alias="uitleg")
    # What a VDAB counsellor calls it (soft skills as VDAB names them) and its ESCO skill:
    # printed in a participant's portfolio beside the project's own words.
    vdab: tuple[ShortText, ...] = Field(default=(), max_length=5)
    esco: EscoSkill | None = None


class Task(Model):
    """A task of a cooking session (``taken.yml``) and the competences it practises."""

    id: Identifier
    name: ShortText = Field(alias="naam")
    competences: tuple[Identifier, ...] = Field(alias="competenties", min_length=1)


class Publication(Model):
    """A project report (``content/publicaties``)."""

    slug: str = Field(exclude=True)
    source: Path = Field(exclude=True)
    body: str = Field(default="", exclude=True)
    title: ShortText = Field(alias="titel")
    summary: Text = Field(alias="samenvatting")
    year: int = Field(alias="jaar", ge=1990, le=2100)
    project: ShortText
    partners: tuple[ShortText, ...] = ()
    region: ShortText | None = Field(default=None, alias="regio")


class Playbook(Publication):
    """A draaiboek: a method another organisation can reuse."""

    audience: ShortText = Field(alias="doelgroep")
    duration: ShortText = Field(alias="duur")
    materials: tuple[ShortText, ...] = Field(default=(), alias="materiaal")


class PolicyRecommendation(Publication):
    """A beleidsaanbeveling, numbered, addressed to named organisations."""

    number: int = Field(alias="nummer", ge=1, le=999)
    addressees: tuple[ShortText, ...] = Field(alias="adressaten", min_length=1)


class MenuMeal(Model):
    """One meal of a week menu: a recipe (its slug) for a number of people."""

    day: Weekday = Field(alias="dag")
    recipe: ShortText = Field(alias="recept")  # known slugs are checked by content/menu_rules.py
    portions: int = Field(alias="porties", ge=1, le=MAX_MENU_PORTIONS, strict=False)


class WeekMenu(Model):
    """An example week menu made by a coach (``content/weekmenus/<slug>.yml``)."""

    slug: str = Field(exclude=True)
    source: Path = Field(exclude=True)
    title: ShortText = Field(alias="titel")
    description: Annotated[str, StringConstraints(min_length=1, max_length=300)] = Field(
        alias="beschrijving"
    )
    meals: tuple[MenuMeal, ...] = Field(alias="dagen", min_length=1, max_length=MAX_MENU_MEALS)


def normalise_name(name: str) -> str:
    return " ".join(name.casefold().split())
