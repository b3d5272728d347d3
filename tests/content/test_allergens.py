"""Allergens derived from the ingredients and checked against what a recipe file states."""

from __future__ import annotations

from pathlib import Path

import pytest

from kookboek.content.errors import ContentErrors
from kookboek.content.project import load_project

RECIPE = """\
---
titel: Pannenkoek
beschrijving: Eén grote pannenkoek.
porties: 2
tijd: 20
categorie: dessert
competenties: [plannen]
{allergens}datum: 2026-10-01
ingredienten:
  - {{naam: bloem, hoeveelheid: 100, eenheid: g}}
  - {{naam: melk, hoeveelheid: 2, eenheid: dl}}
  - {{naam: ei, hoeveelheid: 1, eenheid: stuk}}
  - {{naam: suiker, naar_smaak: true}}
{extra}---

## Bereiding

1. Meng alles en bak.
"""


def write(content: Path, allergens: str | None, extra: str = "") -> Path:
    line = "" if allergens is None else f"allergenen: {allergens}\n"
    path = content / "recepten" / "pannenkoek.md"
    path.write_text(RECIPE.format(allergens=line, extra=extra), encoding="utf-8")
    return path


def errors_of(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_project(content)
    return [f"{e.path.split('/')[-1]}:{e.line}: {e.field}: {e.message}" for e in caught.value]


def pancake(content: Path):  # type: ignore[no-untyped-def]
    project = load_project(content)
    return project, next(r for r in project.recipes if r.slug == "pannenkoek")


def test_a_file_that_states_nothing_gets_the_derived_allergens(valid_content: Path) -> None:
    write(valid_content, None)
    project, recipe = pancake(valid_content)
    assert recipe.allergens == ("gluten", "eieren", "melk")  # the EU-14 order
    assert project.warnings == ()


def test_a_missing_allergen_names_the_ingredient_that_brings_it(valid_content: Path) -> None:
    write(valid_content, "[gluten]")
    assert errors_of(valid_content) == [
        "pannenkoek.md:8: allergenen: 'eieren' ontbreekt: 'ei' (ingrediënt 3) bevat eieren "
        "volgens prijzen.yml. Schrijf: allergenen: [gluten, eieren, melk].",
        "pannenkoek.md:8: allergenen: 'melk' ontbreekt: 'melk' (ingrediënt 2) bevat melk "
        "volgens prijzen.yml. Schrijf: allergenen: [gluten, eieren, melk].",
    ]


def test_an_empty_list_means_none_and_must_agree(valid_content: Path) -> None:
    write(valid_content, "[]")
    found = errors_of(valid_content)
    assert len(found) == 3
    assert found[1] == (
        "pannenkoek.md:8: allergenen: 'gluten' ontbreekt: 'allergenen: []' zegt dat er geen "
        "van de 14 allergenen in zit, maar 'bloem' (ingrediënt 1) bevat gluten volgens "
        "prijzen.yml. Schrijf: allergenen: [gluten, eieren, melk]."
    )


def test_an_empty_field_must_say_which_it_means(valid_content: Path) -> None:
    write(valid_content, "")
    assert errors_of(valid_content) == [
        "pannenkoek.md:8: allergenen: dit veld is leeg. Vul een waarde in of laat het veld weg."
    ]


def test_to_taste_ingredients_bring_their_allergens_too(valid_content: Path) -> None:
    write(valid_content, "[gluten, eieren, melk]", extra="  - {naam: boter, naar_smaak: true}\n")
    prices = valid_content / "prijzen.yml"
    prices.write_text(
        prices.read_text(encoding="utf-8")
        + "  - naam: boter\n    prijs: 2.75\n    hoeveelheid: 250\n    eenheid: g\n"
        "    allergenen: [melk, sulfiet]\n",
        encoding="utf-8",
    )
    assert errors_of(valid_content) == [
        "pannenkoek.md:8: allergenen: 'sulfiet' ontbreekt: 'boter' (ingrediënt 5) bevat "
        "sulfiet volgens prijzen.yml. Schrijf: allergenen: [gluten, eieren, melk, sulfiet]."
    ]


def test_an_unknown_ingredient_is_an_error_when_nothing_is_stated(valid_content: Path) -> None:
    write(
        valid_content,
        None,
        extra="  - {naam: verse munt, hoeveelheid: 1, eenheid: stuk, prijs: 0.99}\n",
    )
    assert errors_of(valid_content) == [
        "pannenkoek.md:14: ingredienten[5].naam: van 'verse munt' zijn de allergenen niet "
        "bekend (het staat niet in prijzen.yml), dus die van dit recept ook niet. Zet 'verse "
        "munt' in prijzen.yml met 'allergenen: [...]' en wat erin zit (of 'allergenen: []' als "
        "er geen van de 14 in zit), of schrijf bovenaan dit recept zelf welke allergenen erin "
        "zitten."
    ]


def test_an_unknown_ingredient_is_a_warning_when_the_file_states_them(valid_content: Path) -> None:
    write(
        valid_content,
        "[gluten, eieren, melk]",
        extra="  - {naam: verse munt, hoeveelheid: 1, eenheid: stuk, prijs: 0.99}\n",
    )
    project, recipe = pancake(valid_content)
    assert recipe.allergens == ("gluten", "eieren", "melk")
    [warning] = project.warnings
    assert (warning.line, warning.field) == (15, "ingredienten[5].naam")
    assert warning.message.startswith(
        "van 'verse munt' zijn de allergenen niet bekend (het staat niet in prijzen.yml), dus "
        "kan niet nagekeken worden of 'allergenen' bovenaan dit recept klopt."
    )


def test_a_price_list_entry_without_allergens_is_named(valid_content: Path) -> None:
    prices = valid_content / "prijzen.yml"
    text = prices.read_text(encoding="utf-8")
    prices.write_text(text.replace("    allergenen: [eieren]\n", ""), encoding="utf-8")
    write(valid_content, None)
    [error] = errors_of(valid_content)
    assert error.startswith(
        "pannenkoek.md:12: ingredienten[3].naam: van 'ei' zijn de allergenen niet bekend "
        "(prijzen.yml noemt ze niet), dus die van dit recept ook niet. Zet bij 'ei' in "
        "prijzen.yml 'allergenen: [...]'"
    )


def test_a_stated_allergen_no_ingredient_brings_is_a_warning(valid_content: Path) -> None:
    write(valid_content, "[gluten, eieren, melk, noten]")
    project, recipe = pancake(valid_content)
    assert recipe.allergens == ("gluten", "eieren", "melk", "noten")
    [warning] = project.warnings
    assert str(warning).endswith(
        "pannenkoek.md:8: allergenen: 'noten' staat hier, maar volgens prijzen.yml bevat geen "
        "enkel ingrediënt het. Klopt dat? Haal het hier weg, of zet het in prijzen.yml bij het "
        "ingrediënt dat het bevat."
    )


def test_an_unknown_allergen_in_the_price_list_is_reported_there(valid_content: Path) -> None:
    prices = valid_content / "prijzen.yml"
    text = prices.read_text(encoding="utf-8")
    prices.write_text(text.replace("allergenen: [gluten]", "allergenen: [glutten]"), "utf-8")
    found = errors_of(valid_content)
    assert any(
        line.startswith("prijzen.yml:")
        and "allergenen[1]: onbekende waarde 'glutten'. Bedoel je 'gluten'?" in line
        for line in found
    ), found


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        ("voorbereiding: 10\nkooktijd: 10\n", None),
        ("voorbereiding: 5\n", None),
        (
            "voorbereiding: 15\nkooktijd: 10\n",
            "pannenkoek.md:7: kooktijd: voorbereiding (15 min) en kooktijd (10 min) duren "
            "samen langer dan 'tijd' (20 min). 'tijd' is de hele tijd, van begin tot einde.",
        ),
        (
            "kooktijd: 25\n",
            "pannenkoek.md:6: kooktijd: kooktijd (25 min) duurt langer dan 'tijd' (20 min). "
            "'tijd' is de hele tijd, van begin tot einde.",
        ),
        ("kooktijd: 0\n", "pannenkoek.md:6: kooktijd: moet minstens 1 zijn, niet 0."),
    ],
)
def test_preparation_and_cooking_fit_in_the_total_time(
    valid_content: Path, times: str, expected: str | None
) -> None:
    path = write(valid_content, None)
    path.write_text(
        path.read_text(encoding="utf-8").replace("tijd: 20\n", "tijd: 20\n" + times), "utf-8"
    )
    if expected is None:
        _, recipe = pancake(valid_content)
        assert recipe.prep_minutes in (5, 10)
    else:
        assert errors_of(valid_content) == [expected]
