"""A recipe's allergens, derived from its ingredients through the price list.

Every entry of ``prijzen.yml`` names the EU-14 allergens it contains (``allergenen``;
``[]`` is "none of them"). An ingredient is matched to its entry the way its cost is, by name
or other name, whether or not it has a paid ``prijs`` or is ``naar_smaak``. What a recipe
file states in ``allergenen`` is checked against what its ingredients bring:

- an allergen an ingredient brings and the file does not state is an error that names the
  ingredient;
- an ingredient without allergen data (not in the price list, or there without
  ``allergenen``) is an error when the file states no allergens: the page would show a list
  nobody vouched for. When the file states them, a person did vouch for the list and only
  the check is missing: then it is a warning, shown by ``kookboek check`` and the build, so
  the coach adds the data to the price list;
- a stated allergen that no ingredient brings, while every ingredient is known, is a warning.

A recipe that states nothing gets the derived allergens (``declared_allergens``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from kookboek.content.errors import ALLERGENS_UNCHECKED, ALLERGENS_UNKNOWN, ContentError
from kookboek.content.models import Ingredient, PriceList, Recipe
from kookboek.content.source import SourceFile
from kookboek.content.text_safety import bidi_controls
from kookboek.content.vocabulary import ALLERGENS, Allergen

EXAMPLE = "'allergenen: [...]' en wat erin zit (of 'allergenen: []' als er geen van de 14 in zit)"


@dataclass(frozen=True)
class DerivedAllergens:
    """What the ingredients bring, by the position of the ingredients in the recipe."""

    sources: Mapping[Allergen, tuple[int, ...]]  # in the order of the EU-14 vocabulary
    unknown: tuple[int, ...]  # ingredients without allergen data

    @property
    def allergens(self) -> tuple[Allergen, ...]:
        return tuple(self.sources)

    @property
    def complete(self) -> bool:
        return not self.unknown


def derive_allergens(names: Sequence[str | None], prices: PriceList) -> DerivedAllergens:
    """The allergens of the ingredients ``names`` (``None``: a line to leave out)."""
    found: dict[str, list[int]] = {}
    unknown: list[int] = []
    for index, name in enumerate(names):
        if name is None:
            continue
        entry = prices.find(name)
        if entry is None or entry.allergens is None:
            unknown.append(index)
            continue
        for allergen in entry.allergens:
            found.setdefault(allergen, []).append(index)
    return DerivedAllergens(
        {allergen: tuple(found[allergen]) for allergen in ALLERGENS if allergen in found},
        tuple(unknown),
    )


def lookup_names(ingredients: Sequence[Ingredient], prices: PriceList) -> list[str | None]:
    """The names to look the allergens up by; ``None`` for a line with a problem of its own
    (hidden characters, or unpriced and not in the price list: it is already told to go
    there, and would only be told so twice)."""
    return [_lookup_name(ingredient, prices) for ingredient in ingredients]


def declared_allergens(recipe: Recipe, prices: PriceList) -> tuple[Allergen, ...] | None:
    """The allergens to show: those the file states, else the derived ones when every
    ingredient is known, else ``None`` (not known: never to be shown as "none")."""
    if recipe.allergens is not None:
        return recipe.allergens
    derived = derive_allergens([i.name for i in recipe.ingredients], prices)
    return derived.allergens if derived.complete else None


@dataclass
class AllergenFindings:
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)


def check_allergens(
    data: dict[str, Any], source: SourceFile, prices: PriceList | None
) -> AllergenFindings:
    """Check what a recipe's raw frontmatter states against what its ingredients bring."""
    findings = AllergenFindings()
    ingredients = data.get("ingredienten")
    stated_raw = data.get("allergenen")
    if prices is None or not isinstance(ingredients, list):
        return findings
    if "allergenen" in data and not isinstance(stated_raw, list):
        return findings  # empty or not a list: reported with the recipe's own validation
    names = [_ingredient_name(raw, prices) for raw in ingredients]
    derived = derive_allergens(names, prices)
    named = [name or "" for name in names]
    if stated_raw is None:
        for index in derived.unknown:
            findings.errors.append(
                source.error(
                    ("ingredienten", index, "naam"),
                    f"{_unknown(named[index], prices)}, dus die van dit recept ook niet. "
                    f"{_how_to_add(named[index], prices)}, of schrijf bovenaan dit recept "
                    "zelf welke allergenen erin zitten.",
                    kind=ALLERGENS_UNKNOWN,
                    subject=named[index],
                )
            )
        return findings
    # Unknown values are reported with the recipe's own validation; compare the others.
    stated = {v.strip() for v in stated_raw if isinstance(v, str)} & set(ALLERGENS)
    wanted = [a for a in ALLERGENS if a in stated or a in derived.sources]
    for allergen, indexes in derived.sources.items():
        if allergen in stated:
            continue
        bring = " en ".join(f"'{named[i]}' (ingrediënt {i + 1})" for i in indexes)
        none_said = (
            "'allergenen: []' zegt dat er geen van de 14 allergenen in zit, maar "
            if not stated_raw
            else ""
        )
        findings.errors.append(
            source.error(
                ("allergenen",),
                f"'{allergen}' ontbreekt: {none_said}{bring} bevat {allergen} volgens "
                f"prijzen.yml. Schrijf: allergenen: [{', '.join(wanted)}].",
            )
        )
    for index in derived.unknown:
        findings.warnings.append(
            source.error(
                ("ingredienten", index, "naam"),
                f"{_unknown(named[index], prices)}, dus kan niet nagekeken worden of "
                f"'allergenen' bovenaan dit recept klopt. {_how_to_add(named[index], prices)}.",
                kind=ALLERGENS_UNCHECKED,
                subject=named[index],
            )
        )
    if derived.complete:
        for allergen in ALLERGENS:
            if allergen in stated and allergen not in derived.sources:
                findings.warnings.append(
                    source.error(
                        ("allergenen",),
                        f"'{allergen}' staat hier, maar volgens prijzen.yml bevat geen enkel "
                        "ingrediënt het. Klopt dat? Haal het hier weg, of zet het in "
                        "prijzen.yml bij het ingrediënt dat het bevat.",
                    )
                )
    return findings


def _ingredient_name(raw: Any, prices: PriceList) -> str | None:
    try:
        ingredient = Ingredient.model_validate(raw)
    except ValidationError:
        return None  # reported with the recipe's own validation
    return _lookup_name(ingredient, prices)


def _lookup_name(ingredient: Ingredient, prices: PriceList) -> str | None:
    if bidi_controls(ingredient.name):
        return None
    unpriced = ingredient.price is None and not ingredient.to_taste
    if unpriced and prices.find(ingredient.name) is None:
        return None
    return ingredient.name


def _unknown(name: str, prices: PriceList) -> str:
    where = (
        "het staat niet in prijzen.yml"
        if prices.find(name) is None
        else "prijzen.yml noemt ze niet"
    )
    return f"van '{name}' zijn de allergenen niet bekend ({where})"


def _how_to_add(name: str, prices: PriceList) -> str:
    if prices.find(name) is None:
        return f"Zet '{name}' in prijzen.yml met {EXAMPLE}"
    return f"Zet bij '{name}' in prijzen.yml {EXAMPLE}"
