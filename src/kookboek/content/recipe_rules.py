"""Rules that span fields and files (photo, competences, prices), run on the raw data.

They run even when the frontmatter has type errors elsewhere, so a coach sees every
problem of a recipe in one run: each ingredient is checked on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kookboek.content.errors import NOT_PRICED, ContentError
from kookboek.content.messages import suggest, visible
from kookboek.content.models import Ingredient, PriceList
from kookboek.content.source import SourceFile
from kookboek.content.text_safety import bidi_controls
from kookboek.images.svg import MAX_SVG_BYTES, vector_problem
from kookboek.pricing.cost import ingredient_cost
from kookboek.pricing.units import ConversionError

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".svg"}


def check_recipe_data(
    data: dict[str, Any],
    source: SourceFile,
    content_dir: Path,
    competence_ids: Sequence[str] | None,
    prices: PriceList | None,
) -> list[ContentError]:
    errors: list[ContentError] = []
    photo, alt = data.get("foto"), data.get("foto_alt")
    if photo and not alt:
        errors.append(
            source.error(
                ("foto",),
                "'foto_alt' ontbreekt: beschrijf in één zin wat er op de foto staat, voor wie "
                "de foto niet kan zien.",
            )
        )
    if alt and not photo:
        errors.append(source.error(("foto_alt",), "er is geen 'foto' om te beschrijven."))
    if isinstance(photo, str) and photo.strip():
        problem = photo_problem(photo.strip(), source.path, content_dir)
        if problem:
            errors.append(source.error(("foto",), problem))
    competences = data.get("competenties")
    if competence_ids is not None and isinstance(competences, list):
        for index, competence in enumerate(competences):
            if isinstance(competence, str) and competence.strip() not in competence_ids:
                errors.append(
                    source.error(
                        ("competenties", index),
                        f"onbekende competentie '{visible(competence)}'."
                        f"{suggest(competence, competence_ids)} Kies uit competenties.yml: "
                        f"{', '.join(competence_ids)}.",
                    )
                )
    ingredients = data.get("ingredienten")
    if isinstance(ingredients, list):
        for index, raw in enumerate(ingredients):
            errors.extend(_check_ingredient(raw, index, source, prices))
    return errors


def _check_ingredient(
    raw: Any, index: int, source: SourceFile, prices: PriceList | None
) -> list[ContentError]:
    try:
        ingredient = Ingredient.model_validate(raw)
    except ValidationError:
        return []  # reported with the recipe's own validation
    where = ("ingredienten", index)
    if bidi_controls(ingredient.name):
        return []  # reported as hidden text; a price lookup would only repeat the name
    if ingredient.to_taste:
        given = (
            ("hoeveelheid", ingredient.amount),
            ("eenheid", ingredient.unit),
            ("prijs", ingredient.price),
        )
        return [
            source.error((*where, key), "laat dit weg bij een ingrediënt met 'naar_smaak: true'.")
            for key, value in given
            if value is not None
        ]
    missing = [
        source.error(
            (*where, key),
            "ontbreekt. Geef een hoeveelheid en een eenheid, of zet 'naar_smaak: true'.",
        )
        for key, value in (("hoeveelheid", ingredient.amount), ("eenheid", ingredient.unit))
        if value is None
    ]
    if missing or prices is None:
        return missing
    try:
        ingredient_cost(ingredient, prices)
    except LookupError as exc:
        return [source.error((*where, "naam"), str(exc), kind=NOT_PRICED, subject=ingredient.name)]
    except ConversionError as exc:
        return [source.error((*where, "eenheid"), str(exc))]
    return []


def photo_problem(photo: str, recipe_path: Path, content_dir: Path) -> str | None:
    if any(ord(char) < 32 for char in photo):
        # A file name cannot hold these; the operating system would refuse to look it up.
        return "de naam van de foto bevat een onzichtbaar teken. Typ de naam opnieuw."
    target = (recipe_path.parent / photo).resolve()
    if not target.is_relative_to(content_dir.resolve()):
        return "de foto moet in de map content staan."
    if target.suffix.lower() not in PHOTO_SUFFIXES:
        return (
            f"'{photo}' is geen foto die de site kan tonen. Gebruik een .jpg, .png, .webp of .svg."
        )
    if not target.is_file():
        return (
            f"het bestand '{photo}' bestaat niet naast {recipe_path.name}. Controleer de naam "
            "(hoofdletters tellen mee)."
        )
    if target.suffix.lower() == ".svg":
        with target.open("rb") as handle:
            problem = vector_problem(handle.read(MAX_SVG_BYTES + 1))
    else:
        # Imported here: Pillow (and the limits it is given) is for builds that have photos,
        # not for every tool that reads content.
        from kookboek.images.decode import photo_file_problem

        problem = photo_file_problem(target)  # the header only: cheap, no pixels decoded
    return f"'{photo}': {problem}" if problem else None


def check_times(data: dict[str, Any], source: SourceFile) -> list[ContentError]:
    """'voorbereiding' and 'kooktijd' are parts of 'tijd' (the rest is waiting: rising,
    cooling, a night in the fridge), so together they cannot take longer."""
    total = _whole_minutes(data.get("tijd"))
    parts = {key: _whole_minutes(data.get(key)) for key in ("voorbereiding", "kooktijd")}
    given = {key: value for key, value in parts.items() if value is not None}
    if total is None or not given or sum(given.values()) <= total:
        return []
    said = " en ".join(f"{key} ({value} min)" for key, value in given.items())
    together = "samen " if len(given) > 1 else ""
    return [
        source.error(
            (next(reversed(given)),),
            f"{said} {'duren' if len(given) > 1 else 'duurt'} {together}langer dan 'tijd' "
            f"({total} min). 'tijd' is de hele tijd, van begin tot einde.",
        )
    ]


def _whole_minutes(value: Any) -> int | None:
    """A number of minutes as the model accepts it; else None (reported by the model)."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return None
