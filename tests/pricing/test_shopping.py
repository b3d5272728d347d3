"""The shopping list of a week menu: merged lines, whole packages, the till and leftovers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kookboek.content.project import Project, load_project
from kookboek.pricing.money import half_up
from kookboek.pricing.shopping import (
    MenuData,
    ceiling,
    menu_data,
    quantity_text,
    shopping_list,
)
from weekmenu_cases import CASES, Case, weekmenu_project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return load_project(weekmenu_project(tmp_path_factory.mktemp("menu") / "project") / "content")


@pytest.fixture(scope="module")
def data(project: Project) -> MenuData:
    return menu_data(project.prices, project.recipes)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_list_matches_the_hand_computation(data: MenuData, case: Case) -> None:
    found = shopping_list(data, case.meals)
    lines = [
        (section.name, line.name, line.kind, line.packages, line.till_cents, line.detail)
        for section in found.sections
        for line in section.lines
    ]
    expected = [(e.section, e.name, e.kind, e.packages, e.till_cents, e.detail) for e in case.lines]
    assert lines == expected
    assert found.till_cents == case.till_cents
    assert found.used_cents == case.used_cents
    assert found.portions == case.portions
    assert found.per_person_cents == case.per_person_cents
    assert found.meals == len(case.meals)


def test_an_ingredient_used_by_three_recipes_is_one_line(data: MenuData) -> None:
    found = shopping_list(data, [("linzensoep", 4), ("groentesoep", 4), ("omelet", 2)])
    onions = [line for line in found.lines if line.name == "ui"]
    assert len(onions) == 1  # 'uien', 'ui' and 'ajuin' in the recipes, one entry
    assert (onions[0].used, onions[0].packages, onions[0].leftover) == (600_000, 1, 1_400_000)


def test_normalised_amounts_are_in_thousandths_of_grams_millilitres_or_pieces(
    data: MenuData,
) -> None:
    entries = {entry.name: entry for entry in data.entries}
    assert (entries["ui"].package, entries["ui"].package_label) == (2_000_000, "2 kg")
    assert (entries["eieren"].package, entries["eieren"].package_label) == (12_000, "12 stuks")
    assert entries["melk"].package == 1_000_000 and entries["melk"].dimension == "volume"
    assert entries["suiker"].price_cents == 150
    soup = data.recipes["linzensoep"]
    by_name = {data.entries[index].name: amount for index, amount in soup.packaged}
    # 2 uien of 150 g, 2 eetlepels of 15 ml
    assert by_name == {"rode linzen": 250_000, "ui": 300_000, "olijfolie": 30_000}
    assert [(data.names[o.name], o.amount, o.cents) for o in soup.own_priced] == [
        ("wortelen", 500_000, 60)
    ]
    assert [data.entries[t.entry].name for t in soup.to_taste if t.entry is not None] == ["zout"]
    assert data.sections == ("Groenten en peulvruchten", "Droge voeding", "Zuivel", "Andere")


def test_lines_of_one_recipe_for_the_same_entry_are_added_up(
    tmp_path: Path,
) -> None:
    content = weekmenu_project(tmp_path / "project") / "content"
    omelet = content / "recepten" / "omelet.md"
    omelet.write_text(
        omelet.read_text(encoding="utf-8").replace(
            "  - {naam: melk, hoeveelheid: 50, eenheid: ml}\n",
            "  - {naam: melk, hoeveelheid: 50, eenheid: ml}\n"
            "  - {naam: melk, hoeveelheid: 2, eenheid: el}\n",
        ),
        encoding="utf-8",
    )
    project = load_project(content)
    data = menu_data(project.prices, project.recipes)
    milk = next(i for i, entry in enumerate(data.entries) if entry.name == "melk")
    assert dict(data.recipes["omelet"].packaged)[milk] == 80_000  # 50 ml + 2 × 15 ml


@pytest.mark.parametrize(
    ("amount", "dimension", "shown"),
    [
        (226_667, "gewicht", "227 g"),
        (4_333, "gewicht", "4,3 g"),
        (2_000, "gewicht", "2 g"),
        (999_499, "gewicht", "999 g"),
        (1_000_000, "gewicht", "1 kg"),
        (1_405_000, "gewicht", "1,41 kg"),
        (12_345_000_000, "gewicht", "12.345 kg"),
        (950_000, "volume", "950 ml"),
        (1_500_000, "volume", "1,5 l"),
        (1_000, "stuk", "1 stuk"),
        (667, "stuk", "0,67 stuk"),
        (8_000, "stuk", "8 stuks"),
    ],
)
def test_amounts_are_written_as_a_cook_reads_them(amount: int, dimension: str, shown: str) -> None:
    assert quantity_text(amount, dimension) == shown


def test_whole_number_rounding() -> None:
    assert [half_up(n, 2) for n in (0, 1, 2, 3, 5)] == [0, 1, 1, 2, 3]  # .5 goes up
    assert half_up(2, 3) == 1 and half_up(1, 3) == 0
    assert [ceiling(n, 500) for n in (1, 499, 500, 501, 1000)] == [1, 1, 1, 2, 2]


MEALS = st.lists(
    st.tuples(
        st.sampled_from(["linzensoep", "pannenkoeken", "groentesoep", "omelet", "appelcrumble"]),
        st.integers(min_value=1, max_value=99),
    ),
    min_size=1,
    max_size=50,
)


@settings(max_examples=200, deadline=None)
@given(meals=MEALS)
def test_packages_always_cover_the_menu_and_no_more(
    project: Project, meals: list[tuple[str, int]]
) -> None:
    data = menu_data(project.prices, project.recipes)
    found = shopping_list(data, meals)
    entries = {entry.name: entry for entry in data.entries}
    for line in found.lines:
        if line.kind != "package":
            assert line.packages is None and line.leftover == 0
            continue
        assert line.packages is not None
        size = entries[line.name].package
        assert line.packages * size >= line.used > (line.packages - 1) * size
        assert line.leftover == line.packages * size - line.used
        assert line.till_cents == line.packages * entries[line.name].price_cents
        assert line.used_cents <= line.till_cents
    assert found.till_cents == sum(line.till_cents for line in found.lines)
    assert found.used_cents <= found.till_cents
    names = [(line.name, line.kind, line.dimension) for line in found.lines]
    assert len(names) == len(set(names))  # every ingredient once
    assert found.portions == sum(people for _, people in meals)
