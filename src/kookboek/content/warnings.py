"""Things a coach should look at that do not stop the build ("Let op").

A warning is a ``ContentError`` (file, line, field, message) that ``kookboek check`` and the
build show but do not count as a problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kookboek.content.errors import ContentError
from kookboek.content.models import Recipe
from kookboek.content.source import SourceFile

# Words that join names ("Samira en Fatma") or name a group rather than a person.
_JOINING = {"en", "&", "met", "kookgroep", "groep"}


def recipe_warnings(recipes: Iterable[tuple[Recipe, SourceFile]]) -> list[ContentError]:
    loaded = list(recipes)
    return [*_full_names(loaded), *_duplicates(loaded)]


def looks_like_full_name(author: str) -> bool:
    """Two or more capitalised words, as in "Fatima El Amrani" (not "Samira en Fatma")."""
    words = author.replace(",", " ").split()
    if len(words) < 2 or any(word.lower() in _JOINING for word in words):
        return False
    return words[0][:1].isupper() and words[-1][:1].isupper()


def _full_names(recipes: list[tuple[Recipe, SourceFile]]) -> Iterator[ContentError]:
    for recipe, source in recipes:
        if recipe.author and looks_like_full_name(recipe.author):
            yield source.error(
                ("auteur",),
                f"'{recipe.author}' lijkt een voornaam met een achternaam. Op de website staat "
                "alleen een voornaam, een schuilnaam of 'de kookgroep', nooit een achternaam "
                "(zie de handleiding). Is het toch één voornaam, dan mag het blijven.",
            )


def _fingerprint(recipe: Recipe) -> tuple[object, ...]:
    ingredients = sorted(
        (item.name.casefold(), str(item.amount), str(item.unit), item.to_taste)
        for item in recipe.ingredients
    )
    steps = re.sub(r"\s+", " ", recipe.body).strip().casefold()
    return (tuple(ingredients), steps)


def _duplicates(recipes: list[tuple[Recipe, SourceFile]]) -> Iterator[ContentError]:
    first_with: dict[tuple[object, ...], SourceFile] = {}
    for recipe, source in recipes:
        key = _fingerprint(recipe)
        original = first_with.setdefault(key, source)
        if original is not source:
            yield source.error(
                (),
                f"dit recept heeft dezelfde ingrediënten en dezelfde bereiding als "
                f"{original.display}. Staat hetzelfde recept er twee keer in? Wis dan één "
                "van de twee bestanden.",
            )
