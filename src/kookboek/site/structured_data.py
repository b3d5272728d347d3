"""schema.org JSON-LD for recipe pages and the recipe overview."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from kookboek.content.models import Ingredient, Recipe
from kookboek.content.vocabulary import ALLERGEN_NAMES, CATEGORY_NAMES, DIET_NAMES
from kookboek.pricing.cost import RecipeCost
from kookboek.pricing.money import to_cents
from kookboek.pricing.units import format_quantity

SCHEMA_DIETS = {
    "vegetarisch": "https://schema.org/VegetarianDiet",
    "veganistisch": "https://schema.org/VeganDiet",
    "halal": "https://schema.org/HalalDiet",
    "glutenvrij": "https://schema.org/GlutenFreeDiet",
    "lactosevrij": "https://schema.org/LowLactoseDiet",
}
_STEP = re.compile(r"^\s{0,3}\d+[.)]\s+(.*)$")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_MARKUP = re.compile(r"[*_`]+|\[([^\]]*)\]\([^)]*\)")


def iso_duration(minutes: int) -> str:
    """``90`` → ``'PT1H30M'`` (ISO 8601)."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def ingredient_text(ingredient: Ingredient) -> str:
    if ingredient.to_taste or ingredient.amount is None or ingredient.unit is None:
        return f"{ingredient.name} (naar smaak)"
    return f"{format_quantity(ingredient.amount, ingredient.unit)} {ingredient.name}"


def steps(body: str) -> list[str]:
    """The numbered steps under the ``Bereiding`` heading, as plain text."""
    found: list[str] = []
    in_steps = False
    for line in body.splitlines():
        heading = _HEADING.match(line)
        if heading:
            in_steps = heading.group(1).strip().casefold() == "bereiding"
            continue
        if not in_steps:
            continue
        step = _STEP.match(line)
        if step:
            found.append(_plain(step.group(1)))
        elif found and line.startswith((" ", "\t")) and line.strip():
            found[-1] = f"{found[-1]} {_plain(line.strip())}"
    return found


def _plain(text: str) -> str:
    return _MARKUP.sub(lambda m: m.group(1) or "", text).strip()


def recipe_json_ld(
    recipe: Recipe,
    cost: RecipeCost,
    *,
    page_url: str,
    image_urls: Sequence[str],
    competence_names: Sequence[str],
    publisher: str,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Recipe",
        "name": recipe.title,
        "description": recipe.description,
        "url": page_url,
        "recipeYield": f"{recipe.portions} porties",
        "totalTime": iso_duration(recipe.minutes),
        # The category as the page names it (one vocabulary, CATEGORY_NAMES).
        "recipeCategory": CATEGORY_NAMES[recipe.category],
        "keywords": ", ".join(
            [
                "betaalbaar",
                *competence_names,
                *(DIET_NAMES[d].lower() for d in recipe.diets),
                *allergen_keywords(recipe),
            ]
        ),
        "datePublished": recipe.date.isoformat(),
        "inLanguage": "nl-BE",
        "recipeIngredient": [ingredient_text(i) for i in recipe.ingredients],
        "recipeInstructions": [
            {"@type": "HowToStep", "position": n, "text": text}
            for n, text in enumerate(steps(recipe.body), start=1)
        ],
        "estimatedCost": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": float(to_cents(cost.total)),
        },
        "author": _author(recipe, publisher),
    }
    # Only what the recipe says: no cuisine or part of the time is guessed.
    if recipe.prep_minutes:
        data["prepTime"] = iso_duration(recipe.prep_minutes)
    if recipe.cook_minutes:
        data["cookTime"] = iso_duration(recipe.cook_minutes)
    if recipe.cuisine:
        data["recipeCuisine"] = recipe.cuisine
    if image_urls:
        data["image"] = list(image_urls)
    if recipe.diets:
        data["suitableForDiet"] = [SCHEMA_DIETS[d] for d in recipe.diets]
    return data


def allergen_keywords(recipe: Recipe) -> list[str]:
    """schema.org has no property for allergens; its Recipe type points to ``keywords`` for
    such detail. Said as on the page, so "none" is never just an absence."""
    if recipe.allergens is None:
        return []
    if not recipe.allergens:
        return ["geen van de 14 allergenen"]
    return [f"bevat {ALLERGEN_NAMES[a].lower()}" for a in recipe.allergens]


def _author(recipe: Recipe, publisher: str) -> dict[str, str]:
    if recipe.author:
        return {"@type": "Person", "name": recipe.author}
    return {"@type": "Organization", "name": recipe.group or publisher}


def item_list_json_ld(items: Sequence[tuple[str, str]], first: int = 1) -> dict[str, Any]:
    """``(name, absolute url)`` pairs as a schema.org ``ItemList``; ``first``: the position
    of the first item (on a listing's further pages)."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "numberOfItems": len(items),
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "url": url}
            for n, (name, url) in enumerate(items, start=first)
        ],
    }


JSON_LD_OPEN = '<script type="application/ld+json">'
SCRIPT_CLOSE = "</script>"


def json_ld_to_head(page: str) -> str:
    """A whole page with its JSON-LD moved from the body into ``<head>``.

    Material's instant navigation runs every inline script of the new page's content again,
    without its ``type``: JSON-LD in the body would be run as JavaScript (a SyntaxError on
    every recipe page reached that way). In the head it is only read, by search engines and
    link previews alike. The articles keep it, so a preview shows the same page."""
    head_end = page.find("</head>")
    moved: list[str] = []
    start = page.find(JSON_LD_OPEN, head_end)
    while head_end >= 0 and start >= 0:
        end = page.find(SCRIPT_CLOSE, start)
        if end < 0:
            break
        end += len(SCRIPT_CLOSE)
        moved.append(page[start:end])
        page = page[:start] + page[end:]
        start = page.find(JSON_LD_OPEN, start)
    if not moved:
        return page
    return page[:head_end] + "".join(moved) + page[head_end:]


def json_ld_script(data: dict[str, Any]) -> Markup:
    """A ``<script type="application/ld+json">`` that no text can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(f"{JSON_LD_OPEN}{text}{SCRIPT_CLOSE}")
