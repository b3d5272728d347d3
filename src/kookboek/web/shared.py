"""What both blueprints need: the content's price list and competences, and the forms."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from flask import current_app, render_template, request

from kookboek.content.errors import ContentErrors
from kookboek.content.models import Competence, PriceList
from kookboek.content.project import load_competences, load_prices
from kookboek.content.vocabulary import CATEGORY_NAMES, UNIT_NAMES
from kookboek.images.decode import pixel_size
from kookboek.inbox.preview import Preview, PreviewPhoto
from kookboek.inbox.submission import RawSubmission


class KitchenDataMissing(Exception):
    """prijzen.yml or competenties.yml cannot be read; the message is for the coach."""


def kitchen_data() -> tuple[PriceList, tuple[Competence, ...]]:
    content = current_app.config["CONTENT_DIR"]
    try:
        return load_prices(content), load_competences(content)
    except ContentErrors as exc:
        raise KitchenDataMissing(exc.report()) from None


def preview_photo(photo: bytes | None, url: str) -> PreviewPhoto | None:
    """The stored photo as the preview shows it (already re-encoded: upright, no EXIF)."""
    if photo is None:
        return None
    width, height = pixel_size(photo)
    return PreviewPhoto(url, width, height)


def preview_frame(shown: Preview) -> str:
    """A whole HTML document with the site's own stylesheets and script, for an iframe's
    srcdoc: the recipe looks as on the website without the site's CSS touching the form."""
    return render_template("preview_frame.html", article=shown.html)


def raw_from_request() -> RawSubmission:
    return RawSubmission.from_form(request.form.get, request.form.getlist)


UNIT_CHOICES = [
    ("g", "gram (g)"),
    ("kg", "kilogram (kg)"),
    ("ml", "milliliter (ml)"),
    ("cl", "centiliter (cl)"),
    ("dl", "deciliter (dl)"),
    ("l", "liter (l)"),
    ("el", "eetlepel"),
    ("tl", "theelepel"),
    ("stuk", "stuk(s)"),
    ("naar-smaak", "naar smaak"),
]
assert {value for value, _ in UNIT_CHOICES} - {"naar-smaak"} == set(UNIT_NAMES)


# Our own drawings for the kinds of dish and the competences (web/static/iconen/): a
# competence added to competenties.yml has none until someone draws it, and shows its text.
ICONS_DIR = Path(__file__).parent / "static" / "iconen"


def form_context(prices: PriceList, competences: tuple[Competence, ...]) -> dict[str, object]:
    return {
        "categories": CATEGORY_NAMES,
        "units": UNIT_CHOICES,
        "competences": competences,
        "competence_icons": {
            c.id for c in competences if (ICONS_DIR / f"competentie-{c.id}.svg").is_file()
        },
        "price_list_json": price_list_json(prices),
    }


def price_list_json(prices: PriceList) -> str:
    """The price list for the live cost estimate in the browser."""
    entries = [
        {
            "namen": [entry.name, *entry.other_names],
            "prijs": _number(entry.price),
            "hoeveelheid": _number(entry.amount),
            "eenheid": entry.unit,
            "gewicht_per_stuk": _number(entry.grams_per_piece) if entry.grams_per_piece else None,
            "gram_per_el": (
                _number(entry.grams_per_tablespoon) if entry.grams_per_tablespoon else None
            ),
        }
        for entry in prices.entries
    ]
    return json.dumps(entries, ensure_ascii=False)


def _number(value: Decimal) -> float:
    return float(value)
