from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from form_helpers import jpeg_with_gps, sample_raw_submission
from kookboek.content.participants import read_names, set_name
from kookboek.content.project import load_competences, load_prices, load_project
from kookboek.inbox.submission import RawIngredient, Submission, parse_submission
from kookboek.inbox.writer import ApprovalError, escape_markdown, write_recipe
from kookboek.site.safe_markdown import render_markdown

TRICKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klik hier](javascript:alert(1))",
    "![foto](http://elders.example/x.png)",
    "<http://elders.example>",
    "# Kop",
    "1. lijst",
    "- lijst",
    "> citaat",
    "**vet** en `code` &amp;",
]


def submission(content: Path, **changes: object) -> Submission:
    raw = sample_raw_submission(**changes)
    known = {c.id for c in load_competences(content)}
    return parse_submission(raw, known, today=dt.date(2026, 10, 14))


@pytest.mark.parametrize("text", TRICKS)
def test_contributed_text_is_shown_exactly_as_typed(text: str) -> None:
    html = render_markdown(f"1. {escape_markdown(text)}")
    for tag in ("<script", "<img", "<a ", "<h1", "<blockquote", "<strong", "<code", "<ul"):
        assert tag not in html
    assert html.count("<li>") == 1


def test_an_approved_recipe_passes_the_check_with_its_photo(valid_content: Path) -> None:
    sub = submission(valid_content, steps=TRICKS, tips="<b>tip</b>\n[x](y)")
    photo = jpeg_with_gps((64, 48))  # the check opens the photo, so it must be a real one
    written = write_recipe(
        sub,
        valid_content,
        load_prices(valid_content),
        load_competences(valid_content),
        photo,
        allergens=(),
    )
    assert written.path == valid_content / "recepten" / "stoemp-met-prei.md"
    assert written.photo is not None and written.photo.read_bytes() == photo
    project = load_project(valid_content)
    recipe = next(r for r in project.recipes if r.slug == "stoemp-met-prei")
    assert recipe.author == "Samira" and recipe.photo == "stoemp-met-prei.jpg"
    html = render_markdown(recipe.body)
    assert "<script" not in html and "<a " not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_name_and_photo_are_left_out_without_consent(valid_content: Path) -> None:
    sub = submission(valid_content, publish_name=False, publish_photo=False)
    prices, competences = load_prices(valid_content), load_competences(valid_content)
    written = write_recipe(sub, valid_content, prices, competences, b"jpeg", allergens=())
    text = written.path.read_text(encoding="utf-8")
    assert written.photo is None and "Samira" not in text and "foto" not in text
    assert sorted(p.name for p in written.path.parent.glob("stoemp*")) == ["stoemp-met-prei.md"]


def test_her_name_goes_to_the_private_names_file_not_into_the_recipe(
    valid_content: Path,
) -> None:
    prices, competences = load_prices(valid_content), load_competences(valid_content)
    written = write_recipe(
        submission(valid_content, author="Zuleika"), valid_content, prices, competences, None, ()
    )
    assert "Zuleika" not in written.path.read_text(encoding="utf-8")
    assert "auteur" not in written.path.read_text(encoding="utf-8")
    assert read_names(valid_content) == {"stoemp-met-prei": "Zuleika"}
    recipe = next(r for r in load_project(valid_content).recipes if r.slug == written.slug)
    assert recipe.author == "Zuleika"


def test_a_name_left_from_an_earlier_recipe_of_that_name_is_not_hers(
    valid_content: Path,
) -> None:
    prices, competences = load_prices(valid_content), load_competences(valid_content)
    set_name(valid_content, "stoemp-met-prei", "Zuleika")  # its recipe was taken offline
    sub = submission(valid_content, publish_name=False)
    written = write_recipe(sub, valid_content, prices, competences, None, allergens=())
    assert written.slug == "stoemp-met-prei" and read_names(valid_content) == {}
    recipe = next(r for r in load_project(valid_content).recipes if r.slug == written.slug)
    assert recipe.author is None


def test_an_existing_recipe_is_never_overwritten(valid_content: Path) -> None:
    prices, competences = load_prices(valid_content), load_competences(valid_content)
    sub = submission(valid_content, title="Linzensoep")
    before = (valid_content / "recepten" / "linzensoep.md").read_text(encoding="utf-8")
    written = write_recipe(sub, valid_content, prices, competences, None, allergens=())
    assert written.slug == "linzensoep-2"
    assert (valid_content / "recepten" / "linzensoep.md").read_text(encoding="utf-8") == before


def test_a_recipe_that_cannot_be_priced_is_not_written(valid_content: Path) -> None:
    sub = submission(valid_content, ingredients=[RawIngredient("saffraan", "1", "g", "")])
    with pytest.raises(ApprovalError, match="saffraan"):
        write_recipe(sub, valid_content, load_prices(valid_content), [], None)
    assert not (valid_content / "recepten" / "stoemp-met-prei.md").exists()


MILK_AND_FLOUR = [RawIngredient("melk", "5", "dl", ""), RawIngredient("bloem", "200", "g", "")]


def test_the_approved_file_states_the_allergens_the_coach_confirmed(valid_content: Path) -> None:
    prices, competences = load_prices(valid_content), load_competences(valid_content)
    sub = submission(valid_content, ingredients=MILK_AND_FLOUR)
    written = write_recipe(
        sub, valid_content, prices, competences, None, allergens=["sesam", "melk", "gluten"]
    )
    assert "allergenen:\n- gluten\n- melk\n- sesam\n" in written.path.read_text(encoding="utf-8")
    recipe = next(r for r in load_project(valid_content).recipes if r.slug == written.slug)
    assert recipe.allergens == ("gluten", "melk", "sesam")


def test_an_allergen_an_ingredient_brings_cannot_be_left_unticked(valid_content: Path) -> None:
    prices, competences = load_prices(valid_content), load_competences(valid_content)
    sub = submission(valid_content, ingredients=MILK_AND_FLOUR)
    with pytest.raises(ApprovalError) as refused:
        write_recipe(sub, valid_content, prices, competences, None, allergens=["melk"])
    assert refused.value.problems == [
        "'gluten' zit in 'bloem' (volgens prijzen.yml): vink gluten aan."
    ]
    assert not (valid_content / "recepten" / "stoemp-met-prei.md").exists()


def test_without_confirmed_allergens_the_derived_ones_are_written_when_known(
    valid_content: Path,
) -> None:
    prices, competences = load_prices(valid_content), load_competences(valid_content)
    known = submission(valid_content, ingredients=MILK_AND_FLOUR)
    written = write_recipe(known, valid_content, prices, competences, None)
    assert "allergenen:\n- gluten\n- melk\n" in written.path.read_text(encoding="utf-8")
    paid = [RawIngredient("verse munt", "1", "stuk", "0,99"), *MILK_AND_FLOUR]
    with pytest.raises(ApprovalError) as refused:
        write_recipe(
            submission(valid_content, ingredients=paid), valid_content, prices, competences, None
        )
    assert refused.value.problems == [
        "Van 'verse munt' zijn de allergenen niet bekend: kijk na welke erin zitten en vink "
        "ze aan in /beheer, of zet het in prijzen.yml met zijn allergenen."
    ]
