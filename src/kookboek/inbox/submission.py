"""A recipe sent through the contribution form: typed, immutable, every field limited.

Form input arrives as strings (``RawSubmission``), which are kept as typed so that a form with
errors can be shown again unchanged. ``parse_submission`` turns them into a ``Submission`` or
raises ``SubmissionErrors`` with one plain Dutch message per form field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from kookboek.content.text_safety import without_bidi_controls
from kookboek.content.vocabulary import CATEGORY_NAMES, UNITS, Category, Unit
from kookboek.pricing.money import format_amount

MAX_INGREDIENTS = 40
MAX_STEPS = 30
MAX_PORTIONS = 100
MAX_MINUTES = 24 * 60
MAX_AMOUNT = Decimal(100_000)
MAX_PRICE = Decimal(1000)
TO_TASTE = "naar-smaak"  # the unit choice for "naar smaak" (neither amount nor price)

LIMITS = {
    "titel": 80,
    "beschrijving": 200,
    "ingredient": 80,
    "stap": 600,
    "tips": 1500,
    "voornaam": 40,
    "foto_alt": 150,
}


def _limited(limit: int, min_length: int = 1) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=min_length, max_length=limit)


TitleText = Annotated[str, _limited(LIMITS["titel"])]
DescriptionText = Annotated[str, _limited(LIMITS["beschrijving"])]
IngredientName = Annotated[str, _limited(LIMITS["ingredient"])]
StepText = Annotated[str, _limited(LIMITS["stap"])]
TipsText = Annotated[str, _limited(LIMITS["tips"], 0)]
FirstName = Annotated[str, _limited(LIMITS["voornaam"], 0)]
PhotoAlt = Annotated[str, _limited(LIMITS["foto_alt"], 0)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class SubmittedIngredient(_Frozen):
    name: IngredientName
    amount: Annotated[Decimal, Field(gt=0, le=MAX_AMOUNT, decimal_places=3)] | None = None
    unit: Unit | None = None
    price: Annotated[Decimal, Field(ge=0, le=MAX_PRICE, decimal_places=2)] | None = None

    @property
    def to_taste(self) -> bool:
        return self.amount is None


class Submission(_Frozen):
    title: TitleText
    description: DescriptionText
    category: Category
    portions: int = Field(ge=1, le=MAX_PORTIONS)
    minutes: int = Field(ge=1, le=MAX_MINUTES)
    ingredients: tuple[SubmittedIngredient, ...] = Field(min_length=1, max_length=MAX_INGREDIENTS)
    steps: tuple[StepText, ...] = Field(min_length=1, max_length=MAX_STEPS)
    tips: TipsText = ""
    competences: tuple[str, ...] = Field(min_length=1, max_length=20)
    author: FirstName = ""
    publish_name: bool = False
    publish_photo: bool = False
    photo_alt: PhotoAlt = ""
    submitted_on: dt.date

    @property
    def published_author(self) -> str | None:
        return self.author if self.author and self.publish_name else None


@dataclass
class RawIngredient:
    name: str = ""
    amount: str = ""
    unit: str = ""
    price: str = ""

    def is_empty(self) -> bool:
        return not any(v.strip() for v in (self.name, self.amount, self.unit, self.price))


@dataclass
class RawSubmission:
    """The form exactly as typed (strings), to validate or to show again."""

    title: str = ""
    description: str = ""
    category: str = ""
    portions: str = ""
    minutes: str = ""
    ingredients: list[RawIngredient] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    tips: str = ""
    competences: list[str] = field(default_factory=list)
    author: str = ""
    publish_name: bool = False
    publish_photo: bool = False
    photo_alt: str = ""

    @classmethod
    def from_form(
        cls, get: Callable[[str], str | None], getlist: Callable[[str], list[str]]
    ) -> RawSubmission:
        """Read the form fields (Dutch names); empty ingredient and step rows are dropped.

        Characters that reverse the reading direction are removed: they could make a title
        look different from what it is (see ``kookboek.content.text_safety``).
        """

        def text(name: str) -> str:
            return without_bidi_controls((get(name) or "")[:5000])

        names, amounts, units, prices = (
            getlist(f"ingredient_{part}") for part in ("naam", "hoeveelheid", "eenheid", "prijs")
        )
        rows = max(len(names), len(amounts), len(units), len(prices))

        def cell(values: list[str], index: int) -> str:
            return without_bidi_controls(values[index][:500]) if index < len(values) else ""

        ingredients = [
            RawIngredient(cell(names, i), cell(amounts, i), cell(units, i), cell(prices, i))
            for i in range(min(rows, MAX_INGREDIENTS * 2))
        ]
        return cls(
            title=text("titel"),
            description=text("beschrijving"),
            category=text("categorie"),
            portions=text("porties"),
            minutes=text("tijd"),
            ingredients=[row for row in ingredients if not row.is_empty()],
            steps=[
                without_bidi_controls(s[:5000])
                for s in getlist("stap")[: MAX_STEPS * 2]
                if s.strip()
            ],
            tips=text("tips"),
            competences=[c[:100] for c in getlist("competenties")[:50]],
            author=text("voornaam"),
            publish_name=get("toestemming_naam") == "ja",
            publish_photo=get("toestemming_foto") == "ja",
            photo_alt=text("foto_alt"),
        )

    @classmethod
    def from_submission(cls, submission: Submission) -> RawSubmission:
        return cls(
            title=submission.title,
            description=submission.description,
            category=submission.category,
            portions=str(submission.portions),
            minutes=str(submission.minutes),
            ingredients=[
                RawIngredient(
                    name=i.name,
                    amount=format_amount(i.amount) if i.amount is not None else "",
                    unit=i.unit or TO_TASTE,
                    price=format_amount(i.price) if i.price is not None else "",
                )
                for i in submission.ingredients
            ],
            steps=list(submission.steps),
            tips=submission.tips,
            competences=list(submission.competences),
            author=submission.author,
            publish_name=submission.publish_name,
            publish_photo=submission.publish_photo,
            photo_alt=submission.photo_alt,
        )


class SubmissionErrors(ValueError):
    """Problems keyed by form field (``titel``, ``ingredient-2``, ...), each in plain Dutch."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


_NUMBER = re.compile(r"^\d{1,7}([.,]\d{1,3})?$")


def parse_decimal(text: str) -> Decimal | None:
    """``'1,5'`` or ``'€ 1.50'`` → ``Decimal('1.5')``; ``None`` when it is not a number."""
    cleaned = text.replace("€", "").replace("euro", "").replace(" ", "").strip()
    if not _NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        return None


def parse_whole(text: str, suffixes: tuple[str, ...] = ()) -> int | None:
    cleaned = text.strip().lower()
    for suffix in suffixes:
        cleaned = cleaned.removesuffix(suffix).strip()
    return int(cleaned) if cleaned.isdigit() and len(cleaned) <= 6 else None


def parse_submission(
    raw: RawSubmission, known_competences: Collection[str], today: dt.date | None = None
) -> Submission:
    """Validate ``raw``; raise ``SubmissionErrors`` listing every problem, per field."""
    errors: dict[str, str] = {}
    portions = parse_whole(raw.portions, ("porties", "personen"))
    if portions is None:
        errors["porties"] = "Schrijf een getal, bijvoorbeeld 4."
    minutes = parse_whole(raw.minutes, ("minuten", "min"))
    if minutes is None:
        errors["tijd"] = "Schrijf het aantal minuten, bijvoorbeeld 30."
    if raw.category and raw.category not in CATEGORY_NAMES:
        errors["categorie"] = "Kies een soort gerecht uit de lijst."
    unknown = [c for c in raw.competences if c not in known_competences]
    if unknown:
        errors["competenties"] = "Kies alleen competenties uit de lijst."
    if len(raw.ingredients) > MAX_INGREDIENTS:
        errors["ingredienten"] = f"Hoogstens {MAX_INGREDIENTS} ingrediënten."
    if len(raw.steps) > MAX_STEPS:
        errors["stappen"] = f"Hoogstens {MAX_STEPS} stappen."
    ingredients = [
        _ingredient(row, index, errors)
        for index, row in enumerate(raw.ingredients[:MAX_INGREDIENTS])
    ]
    data = {
        "title": raw.title,
        "description": raw.description,
        "category": raw.category or None,
        "portions": portions or 0,
        "minutes": minutes or 0,
        "ingredients": ingredients,
        "steps": raw.steps[:MAX_STEPS],
        "tips": raw.tips,
        "competences": tuple(dict.fromkeys(raw.competences)),
        "author": raw.author,
        "publish_name": raw.publish_name and bool(raw.author.strip()),
        "publish_photo": raw.publish_photo,
        "photo_alt": raw.photo_alt,
        "submitted_on": today or dt.date.today(),
    }
    try:
        submission = Submission.model_validate(data)
    except ValidationError as exc:
        for detail in exc.errors(include_url=False):
            key = _field_key(detail["loc"])
            errors.setdefault(key, _message(key, detail["type"], detail.get("ctx") or {}))
    else:
        if not errors:
            return submission
    raise SubmissionErrors(dict(sorted(errors.items(), key=lambda item: _form_order(item[0]))))


_FORM_ORDER = [
    "titel",
    "beschrijving",
    "categorie",
    "porties",
    "tijd",
    "ingredienten",
    "ingredient",
    "stappen",
    "stap",
    "tips",
    "competenties",
    "foto_alt",
    "voornaam",
]


def _form_order(key: str) -> tuple[int, int]:
    name, _, number = key.partition("-")
    position = _FORM_ORDER.index(name) if name in _FORM_ORDER else len(_FORM_ORDER)
    return position, int(number) if number.isdigit() else 0


def _ingredient(row: RawIngredient, index: int, errors: dict[str, str]) -> dict[str, Any]:
    key = f"ingredient-{index + 1}"
    problems: list[str] = []
    name = row.name.strip()
    if not name:
        problems.append("Schrijf de naam van het ingrediënt.")
    elif len(name) > LIMITS["ingredient"]:
        problems.append(f"De naam is te lang: hoogstens {LIMITS['ingredient']} tekens.")
    unit = row.unit.strip()
    amount: Decimal | None = None
    price: Decimal | None = None
    if unit == TO_TASTE:
        pass  # an amount or price typed before choosing "naar smaak" is ignored, not an error
    else:
        if unit and unit not in UNITS:
            problems.append("Kies een eenheid uit de lijst.")
        amount = parse_decimal(row.amount) if row.amount.strip() else None
        if not row.amount.strip():
            problems.append("Schrijf hoeveel, bijvoorbeeld 250. Of kies 'naar smaak'.")
        elif amount is None or amount <= 0 or amount > MAX_AMOUNT:
            problems.append("Schrijf de hoeveelheid als getal, bijvoorbeeld 250 of 1,5.")
        if not unit:
            problems.append("Kies een eenheid, bijvoorbeeld gram of stuk.")
        if row.price.strip():
            price = parse_decimal(row.price)
            if price is None or price > MAX_PRICE:
                problems.append("Schrijf de prijs als getal, bijvoorbeeld 1,20. Of laat leeg.")
    if problems:
        errors[key] = " ".join(problems)
        return {"name": name or "?"}
    return {"name": name, "amount": amount, "unit": unit if amount else None, "price": price}


_FIELD_KEYS = {
    "title": "titel",
    "description": "beschrijving",
    "category": "categorie",
    "portions": "porties",
    "minutes": "tijd",
    "ingredients": "ingredienten",
    "steps": "stappen",
    "tips": "tips",
    "competences": "competenties",
    "author": "voornaam",
    "photo_alt": "foto_alt",
}


def _field_key(loc: tuple[int | str, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "ingredients" and isinstance(loc[1], int):
        return f"ingredient-{loc[1] + 1}"
    if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
        return f"stap-{loc[1] + 1}"
    return _FIELD_KEYS.get(str(loc[0]), str(loc[0])) if loc else "formulier"


def _message(key: str, kind: str, ctx: Mapping[str, Any]) -> str:
    empty = {
        "titel": "Geef je recept een naam.",
        "beschrijving": "Vertel in één zin wat voor gerecht het is.",
        "categorie": "Kies een soort gerecht.",
        "porties": "Voor hoeveel porties is het? Schrijf een getal, bijvoorbeeld 4.",
        "tijd": "Hoeveel minuten duurt het? Schrijf een getal, bijvoorbeeld 30.",
        "ingredienten": "Schrijf minstens één ingrediënt.",
        "stappen": "Schrijf minstens één stap.",
        "competenties": "Kies minstens één ding dat je geoefend hebt.",
    }
    if kind in {"string_too_long", "too_long"}:
        limit = ctx.get("max_length")
        unit = "tekens" if kind == "string_too_long" else "regels"
        return f"Dit is te lang: hoogstens {limit} {unit}."
    if kind in {"string_too_short", "too_short", "missing", "literal_error"} and key in empty:
        return empty[key]
    if kind in {"greater_than_equal", "greater_than"}:
        return empty.get(key, "Dit getal is te klein.")
    if kind in {"less_than_equal", "less_than"}:
        return f"Dit getal is te groot: hoogstens {ctx.get('le', ctx.get('lt'))}."
    return empty.get(key, "Controleer wat je hier schreef.")
