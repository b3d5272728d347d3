from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kookboek.inbox.submission import (
    RawIngredient,
    RawSubmission,
    SubmissionErrors,
    parse_decimal,
    parse_submission,
)

KNOWN = {"plannen", "rekenen"}


def raw(**changes: object) -> RawSubmission:
    base = RawSubmission(
        title="Linzensoep",
        description="Romige soep.",
        category="soep",
        portions="4",
        minutes="40 min",
        ingredients=[
            RawIngredient("rode linzen", "250", "g", ""),
            RawIngredient("wortelen", "0,5", "kg", "€ 0,60"),
            RawIngredient("zout", "", "naar-smaak", ""),
        ],
        steps=["Kook de linzen."],
        competences=["plannen"],
        author="Samira",
        publish_name=True,
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def test_a_valid_form_becomes_a_typed_submission() -> None:
    submission = parse_submission(raw(), KNOWN, today=dt.date(2026, 10, 14))
    assert submission.minutes == 40
    assert submission.ingredients[1].amount == Decimal("0.5")
    assert submission.ingredients[1].price == Decimal("0.60")
    assert submission.ingredients[2].to_taste
    assert submission.published_author == "Samira"
    assert submission.submitted_on == dt.date(2026, 10, 14)


def test_the_name_is_not_published_without_consent() -> None:
    assert parse_submission(raw(publish_name=False), KNOWN).published_author is None


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"title": ""}, "titel", "naam"),
        ({"title": "x" * 81}, "titel", "hoogstens 80"),
        ({"description": " "}, "beschrijving", "één zin"),
        ({"category": ""}, "categorie", "Kies"),
        ({"category": "snoep"}, "categorie", "lijst"),
        ({"portions": "vier"}, "porties", "getal"),
        ({"portions": "0"}, "porties", "hoeveel porties"),
        ({"portions": "500"}, "porties", "te groot"),
        ({"minutes": "lang"}, "tijd", "minuten"),
        ({"ingredients": []}, "ingredienten", "minstens één"),
        ({"ingredients": [RawIngredient("ui", "", "stuk", "")]}, "ingredient-1", "hoeveel"),
        ({"ingredients": [RawIngredient("ui", "2", "", "")]}, "ingredient-1", "eenheid"),
        ({"ingredients": [RawIngredient("ui", "twee", "stuk", "")]}, "ingredient-1", "getal"),
        ({"ingredients": [RawIngredient("ui", "2", "emmer", "")]}, "ingredient-1", "lijst"),
        ({"ingredients": [RawIngredient("ui", "2", "stuk", "gratis")]}, "ingredient-1", "prijs"),
        ({"ingredients": [RawIngredient("", "1", "stuk", "")]}, "ingredient-1", "naam"),
        ({"ingredients": [RawIngredient("x" * 81, "1", "stuk", "")]}, "ingredient-1", "lang"),
        ({"ingredients": [RawIngredient("ui", "1", "stuk", "")] * 41}, "ingredienten", "40"),
        ({"steps": []}, "stappen", "minstens één"),
        ({"steps": ["x" * 601]}, "stap-1", "hoogstens 600"),
        ({"steps": ["Kook."] * 31}, "stappen", "30"),
        ({"tips": "x" * 1501}, "tips", "hoogstens 1500"),
        ({"competences": []}, "competenties", "minstens één"),
        ({"competences": ["toveren"]}, "competenties", "lijst"),
        ({"author": "x" * 41}, "voornaam", "hoogstens 40"),
    ],
)
def test_every_problem_is_told_in_dutch_next_to_its_field(
    changes: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(SubmissionErrors) as caught:
        parse_submission(raw(**changes), KNOWN)
    assert field in caught.value.errors, caught.value.errors
    assert words.lower() in caught.value.errors[field].lower()


def test_naar_smaak_ignores_an_amount_and_price_typed_before() -> None:
    # Without JavaScript the amount and price boxes stay visible next to "naar smaak".
    rows = [
        RawIngredient("rode linzen", "250", "g", ""),
        RawIngredient("zout", "1", "naar-smaak", "0,10"),
    ]
    submission = parse_submission(raw(ingredients=rows), KNOWN)
    salt = submission.ingredients[1]
    assert salt.to_taste and salt.amount is None and salt.unit is None and salt.price is None


def test_all_problems_are_reported_at_once_in_form_order() -> None:
    with pytest.raises(SubmissionErrors) as caught:
        parse_submission(RawSubmission(), KNOWN)
    assert list(caught.value.errors)[:5] == [
        "titel",
        "beschrijving",
        "categorie",
        "porties",
        "tijd",
    ]
    assert len(caught.value.errors) == 8


def test_a_submission_can_be_shown_again_as_typed() -> None:
    submission = parse_submission(raw(), KNOWN)
    again = parse_submission(RawSubmission.from_submission(submission), KNOWN)
    assert again == submission


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,5", Decimal("1.5")), ("€ 0,60", Decimal("0.60")), ("250", Decimal(250)), ("1e9", None)],
)
def test_numbers_are_read_the_belgian_way(text: str, value: Decimal | None) -> None:
    assert parse_decimal(text) == value


def test_form_fields_are_read_and_empty_rows_dropped() -> None:
    fields = {
        "titel": ["Soep"],
        "ingredient_naam": ["ui", "", "prei"],
        "ingredient_hoeveelheid": ["1", "", "2"],
        "ingredient_eenheid": ["stuk", "", "stuk"],
        "ingredient_prijs": ["", "", ""],
        "stap": ["Kook.", "  ", ""],
        "toestemming_foto": ["ja"],
    }
    parsed = RawSubmission.from_form(
        lambda name: fields.get(name, [None])[0], lambda name: fields.get(name, [])
    )
    assert [row.name for row in parsed.ingredients] == ["ui", "prei"]
    assert parsed.steps == ["Kook."]
    assert parsed.publish_photo and not parsed.publish_name
