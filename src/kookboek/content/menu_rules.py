"""Rules for a week menu that need the other content: every meal names a recipe that exists.

They run on the raw data, so a menu with a typing error elsewhere still has each of its
recipes checked in the same run.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from typing import Any

from kookboek.content.errors import ContentError
from kookboek.content.messages import visible
from kookboek.content.slugs import slugify
from kookboek.content.source import SourceFile

MEALS_KEY = "dagen"


def closest_slug(written: str, slugs: Collection[str]) -> str | None:
    """The recipe a coach most likely meant: the same words as a file name, a close spelling,
    or a name that contains what she wrote (``linzensoep`` → ``linzensoep-met-wortel``)."""
    if not slugs:
        return None
    wanted = slugify(written)
    if wanted in slugs:
        return wanted
    close = difflib.get_close_matches(wanted, sorted(slugs), n=1, cutoff=0.6)
    if close:
        return close[0]
    containing = sorted((s for s in slugs if wanted in s or s in wanted), key=len)
    if containing:
        return containing[0]
    close = difflib.get_close_matches(wanted, sorted(slugs), n=1, cutoff=0.4)
    return close[0] if close else None


def check_menu_data(
    data: dict[str, Any], source: SourceFile, recipe_slugs: Collection[str]
) -> list[ContentError]:
    errors: list[ContentError] = []
    meals = data.get(MEALS_KEY)
    if not isinstance(meals, list):
        return errors  # reported by the menu's own validation
    for index, meal in enumerate(meals):
        if not isinstance(meal, dict):
            continue
        written = meal.get("recept")
        if not isinstance(written, str) or not written.strip():
            continue
        if written.strip() in recipe_slugs:
            continue
        closest = closest_slug(written, recipe_slugs)
        hint = f" Bedoel je '{closest}'?" if closest else ""
        errors.append(
            source.error(
                (MEALS_KEY, index, "recept"),
                f"onbekend recept '{visible(written)}'.{hint} Schrijf de naam van het "
                "bestand van het recept, zonder '.md' (zoals in de map recepten).",
            )
        )
    return errors
