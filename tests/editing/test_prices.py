"""The price list edited in the browser: round-trip YAML, checks, the effect on recipes."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from kookboek.content.project import load_prices, load_project
from kookboek.editing.changes import ChangedMeanwhile
from kookboek.editing.prices import (
    PriceEdit,
    PriceEditErrors,
    RawPriceEdit,
    apply_price_edit,
    current_prices,
    parse_price_edit,
    review_price_edit,
    save_price_edit,
)
from project_paths import REPO

REAL_PRICES = REPO / "content" / "prijzen.yml"


def _edit(content: Path, **raw: object) -> tuple[PriceEdit, str]:
    prices, version = current_prices(content)
    settings: dict[str, object] = {"version": version, "price_date": "2026-10-15"}
    settings.update(raw)
    return parse_price_edit(RawPriceEdit(**settings), prices), version  # type: ignore[arg-type]


def test_nothing_changed_writes_the_file_back_byte_for_byte() -> None:
    text = REAL_PRICES.read_text(encoding="utf-8")
    assert apply_price_edit(text, PriceEdit(None, {}, None)) == text


def test_a_price_and_the_date_change_and_nothing_else(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(REAL_PRICES, content / "prijzen.yml")
    edit, _ = _edit(content, price_date="2026-11-02", prices={"ui": "2,49", "look": "1,59"})
    assert edit.prices == {"ui": (Decimal("2.09"), Decimal("2.49"))}  # look was 1,59 already
    before = REAL_PRICES.read_text(encoding="utf-8").splitlines()
    after = apply_price_edit("\n".join(before) + "\n", edit).splitlines()
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert changed == [
        ("prijspeil: 2026-10-15", "prijspeil: 2026-11-02"),
        ("    prijs: 2.09", "    prijs: 2.49"),
    ]
    assert "# Prijslijst voor de recepten van het kookboek." in after[0]
    assert "  # Groenten" in after


def test_a_new_entry_is_added_at_the_end_with_its_allergens(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(REAL_PRICES, content / "prijzen.yml")
    edit, _ = _edit(
        content,
        new={
            "naam": "tahin",
            "andere_namen": "sesampasta, tahini",
            "prijs": "3,49",
            "hoeveelheid": "300",
            "eenheid": "g",
            "afdeling": "Wereldkeuken",
        },
        new_allergens=["sesam"],
    )
    text = apply_price_edit(REAL_PRICES.read_text(encoding="utf-8"), edit)
    assert text.endswith(
        "  - naam: tahin\n"
        "    afdeling: Wereldkeuken\n"
        "    andere_namen: [sesampasta, tahini]\n"
        "    prijs: 3.49\n"
        "    hoeveelheid: 300\n"
        "    eenheid: g\n"
        "    allergenen: [sesam]\n"
    )
    (content / "prijzen.yml").write_text(text, encoding="utf-8")
    added = load_prices(content).find("sesampasta")
    assert added is not None and added.price == Decimal("3.49") and added.allergens == ("sesam",)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("twee euro", "Schrijf een prijs in euro"),
        ("1,299", "hoogstens 2 cijfers na de komma"),
        ("-1", "Schrijf een prijs in euro"),
        ("", "Schrijf een prijs in euro"),
    ],
)
def test_a_wrong_price_is_refused_at_its_field(
    valid_content: Path, typed: str, message: str
) -> None:
    with pytest.raises(PriceEditErrors) as refused:
        _edit(valid_content, prices={"ui": typed, "wortelen": "1,30"})
    assert list(refused.value.errors) == ["prijs:ui"]
    assert message in refused.value.errors["prijs:ui"]


def test_every_problem_of_a_new_entry_is_named_at_once(valid_content: Path) -> None:
    with pytest.raises(PriceEditErrors) as refused:
        _edit(
            valid_content,
            price_date="morgen",
            new={"naam": "Uien", "prijs": "1,2,3", "hoeveelheid": "0", "eenheid": "zak"},
        )
    errors = refused.value.errors
    assert set(errors) == {
        "prijspeil",
        "nieuw-naam",
        "nieuw-prijs",
        "nieuw-hoeveelheid",
        "nieuw-eenheid",
        "nieuw-allergenen",
    }
    assert "staat al in de prijslijst" in errors["nieuw-naam"]
    assert "geen van de 14" in errors["nieuw-allergenen"]


def test_the_review_shows_each_recipe_whose_cost_per_portion_changes(
    valid_content: Path,
) -> None:
    project = load_project(valid_content)
    soup = project.costs["linzensoep"].per_portion
    edit, version = _edit(valid_content, prices={"rode linzen": "4,40"})
    review = review_price_edit(valid_content, edit, version)
    assert review.can_save and review.complete and not review.problems
    assert [e.slug for e in review.effects] == ["linzensoep"]
    effect = review.effects[0]
    assert effect.old == soup and effect.new > soup
    assert effect.shown.startswith("€\xa0") and " → €\xa0" in effect.shown
    assert effect.difference.startswith("+ €")
    save_price_edit(valid_content, review)
    assert load_project(valid_content).costs["linzensoep"].per_portion == effect.new


def test_a_price_list_changed_meanwhile_is_refused(valid_content: Path) -> None:
    edit, version = _edit(valid_content, prices={"ui": "2,50"})
    review = review_price_edit(valid_content, edit, version)
    prices = valid_content / "prijzen.yml"
    prices.write_text(prices.read_text(encoding="utf-8") + "# nog een regel\n", encoding="utf-8")
    with pytest.raises(ChangedMeanwhile):
        save_price_edit(valid_content, review)
    assert prices.read_text(encoding="utf-8").endswith("# nog een regel\n")
    with pytest.raises(ChangedMeanwhile):
        review_price_edit(valid_content, edit, version)


def test_a_new_entry_that_breaks_a_recipe_cannot_be_saved(valid_content: Path) -> None:
    # The soup states "no allergens" and pays its hazelnuts itself: once the price list
    # knows that hazelnuts are nuts, the soup's file is wrong, and the change is refused.
    recipe = valid_content / "recepten" / "linzensoep.md"
    text = recipe.read_text(encoding="utf-8")
    recipe.write_text(
        text.replace(
            "  - {naam: zout, naar_smaak: true}",
            "  - {naam: hazelnoten, hoeveelheid: 20, eenheid: g, prijs: 0.50}\n"
            "  - {naam: zout, naar_smaak: true}",
        ),
        encoding="utf-8",
    )
    load_project(valid_content)  # valid as it is
    edit, version = _edit(
        valid_content,
        new={"naam": "hazelnoten", "prijs": "2,99", "hoeveelheid": "200", "eenheid": "g"},
        new_allergens=["noten"],
    )
    review = review_price_edit(valid_content, edit, version)
    assert not review.can_save
    assert [p.path.rsplit("/", 1)[-1] for p in review.problems] == ["linzensoep.md"]
    assert "hazelnoten" in str(review.problems[0])
    assert review.earlier_problems == ()


def test_problems_the_content_had_already_do_not_block_a_price_change(
    valid_content: Path,
) -> None:
    recipe = valid_content / "recepten" / "pannenkoeken.md"
    recipe.write_text(recipe.read_text(encoding="utf-8").replace("porties:", "porties: nul\nx:"))
    edit, version = _edit(valid_content, prices={"ui": "2,50"})
    review = review_price_edit(valid_content, edit, version)
    assert review.earlier_problems and not review.problems and review.can_save
    assert not review.complete  # no effect can be computed while a recipe is broken
