"""Cook mode's step data, worked out at build time: which ingredients a step names, and
which durations it gives a timer for."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from kookboek.content.models import PriceList, Recipe
from kookboek.content.project import load_project
from kookboek.site.cook_mode import CookSteps, duration_label, timers_in
from kookboek.site.pages import SiteContext, render_recipe_page
from project_paths import FIXTURES

PRICES = PriceList.model_validate(
    {
        "winkel": "Testwinkel",
        "prijspeil": dt.date(2026, 10, 1),
        "ingredienten": [
            {"naam": "ui", "andere_namen": ["uien", "ajuin"], "prijs": 1, "hoeveelheid": 1,
             "eenheid": "kg"},
            {"naam": "eieren", "andere_namen": ["ei"], "prijs": 3, "hoeveelheid": 12,
             "eenheid": "stuk"},
        ],
    }
)  # fmt: skip


def recipe(*names: str) -> Recipe:
    return Recipe.model_validate(
        {
            "slug": "test",
            "source": Path("test.md"),
            "titel": "Test",
            "beschrijving": "Test.",
            "porties": 4,
            "tijd": 30,
            "categorie": "soep",
            "competenties": ["plannen"],
            "datum": dt.date(2026, 10, 1),
            "ingredienten": [{"naam": name, "naar_smaak": True} for name in names],
        }
    )


def named(step: str, *names: str) -> list[str]:
    """The ingredients of a recipe with ``names`` that ``step`` names."""
    steps = CookSteps.for_recipe(recipe(*names), PRICES)
    return [names[i] for i in steps.ingredients_of(step)]


@pytest.mark.parametrize(
    ("step", "names", "expected"),
    [
        # the whole name, or its main word: "de linzen" are the "rode linzen"
        ("Spoel de rode linzen.", ("rode linzen", "wortelen"), ["rode linzen"]),
        ("Spoel de linzen.", ("rode linzen", "wortelen"), ["rode linzen"]),
        ("Meng de suiker erdoor.", ("bruine suiker", "bloem"), ["bruine suiker"]),
        ("Doe de tomaten in de pot.", ("tomaten in blik", "ui"), ["tomaten in blik"]),
        # the price list's other names, in any of their forms
        ("Snij de ajuin fijn.", ("ui",), ["ui"]),
        ("Breek een ei in de kom.", ("eieren",), ["eieren"]),
        ("Snij de uitjes fijn.", ("ui",), ["ui"]),
        ("Schil de wortels.", ("wortelen",), ["wortelen"]),
        # compounds: "olie" for "olijfolie", "kip" for "kippenfilet", "erwtjes" in
        # "diepvrieserwtjes"
        ("Verwarm de olie.", ("olijfolie", "ui"), ["olijfolie"]),
        ("Snij de kip in reepjes.", ("kippenfilet",), ["kippenfilet"]),
        ("Doe de diepvrieserwtjes erbij.", ("erwten",), ["erwten"]),
        # ... but not the words for how a thing is cut, nor a word of another ingredient
        ("Snij alles in blokjes.", ("tomatenblokjes", "bouillonblokje"), []),
        ("Roer de vanillesuiker erdoor.", ("vanillesuiker", "bruine suiker"), ["vanillesuiker"]),
        ("Wikkel hem in folie.", ("olie",), []),
        ("Laat 5 minuten rusten.", ("ui", "eieren"), []),
    ],
)
def test_a_step_names_the_ingredients_it_uses(
    step: str, names: tuple[str, ...], expected: list[str]
) -> None:
    assert named(step, *names) == expected


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("Kook 25 minuten.", [1500]),
        ("Laat 1 uur stoven.", [3600]),
        ("Bak 10 à 15 minuten, tot de bovenkant bruin is.", [600]),  # look first at the least
        ("Bak 30 tot 35 minuten en laat 10 minuten afkoelen.", [1800, 600]),
        ("Bak 6-8 min.", [360]),
        ("Laat een half uur rusten.", [1800]),
        ("Laat een kwartier rusten.", [900]),
        ("Laat anderhalf uur garen.", [5400]),
        ("Stoof 1 uur en 15 minuten.", [4500]),
        ("Laat 1,5 uur rijzen.", [5400]),
        ("Week 10 seconden aan elke kant.", [10]),
        ("Bak 2 minuten, draai om en bak nog 2 minuten.", [120]),  # once
        ("Verwarm de oven voor op 180 graden.", []),
        ("Snij een ui.", []),
        ("Als u wilt, doe er peper bij.", []),
    ],
)
def test_a_step_gets_a_timer_for_every_duration_it_names(step: str, expected: list[int]) -> None:
    assert [timer.seconds for timer in timers_in(step)] == expected


@pytest.mark.parametrize(
    ("seconds", "label"),
    [
        (30, "30 seconden"),
        (60, "1 minuut"),
        (1500, "25 minuten"),
        (3600, "1 uur"),
        (5400, "1 uur 30 minuten"),
    ],
)
def test_timer_labels(seconds: int, label: str) -> None:
    assert duration_label(seconds) == label


def test_the_recipe_page_marks_each_step_with_its_ingredients_and_timers() -> None:
    project = load_project(FIXTURES / "valid" / "content")
    soup = next(r for r in project.recipes if r.slug == "linzensoep")
    html = render_recipe_page(soup, SiteContext(project), "../../")
    steps = re.findall(r"<li (data-kb-cook-step[^>]*)>(.*?)</li>", html)
    assert [text for _, text in steps] == [
        "Snij de uien en de wortelen in stukjes.",
        "Stoof ze aan in de olie.",
        "Voeg de linzen en 1 liter water toe en kook 25 minuten.",
        "Mix de soep fijn.",
    ]
    uses = [re.search(r'data-kb-uses="([^"]*)"', attrs).group(1) for attrs, _ in steps]  # type: ignore[union-attr]
    # the ingredient table: rode linzen, uien, wortelen, olijfolie, zout
    assert uses == ["1 2", "3", "0", ""]
    timers = [re.search(r'data-kb-timers="([^"]*)"', attrs) for attrs, _ in steps]
    assert [json.loads(t.group(1).replace("&quot;", '"')) if t else None for t in timers] == [
        None,
        None,
        [[1500, "25 minuten"]],
        None,
    ]
    assert html.count("data-kb-cook-open") == 1
    # Tips are no steps.
    assert "<li data-kb-cook-step" not in html.split("Tips")[1]


def test_a_recipe_without_numbered_steps_has_no_cook_mode_button() -> None:
    project = load_project(FIXTURES / "valid" / "content")
    soup = next(r for r in project.recipes if r.slug == "linzensoep")
    without_steps = soup.model_copy(update={"body": "## Tips\n\n- Lekker met brood.\n"})
    html = render_recipe_page(without_steps, SiteContext(project), "../../")
    assert "data-kb-cook-open" not in html and "data-kb-cook-step" not in html


def test_each_word_of_a_step_is_compared_once_with_each_main_word() -> None:
    # Names sharing a main word ("ui", "rode ui", the price list's "uien") are one
    # comparison per word of the step, not one per name: this was most of a cold build.
    from kookboek.site import cook_mode

    steps = CookSteps.for_recipe(recipe("ui", "rode ui", "gele ui", "ei", "witte ui"), PRICES)
    step = "Snij de ui en de rode ui fijn en bak de ui in de pan met het ei."
    cook_mode._match.cache_clear()
    assert steps.ingredients_of(step) == [0, 1, 2, 3, 4]
    distinct_words = len(set(re.findall(r"\w+", step.casefold())))
    comparisons = cook_mode._match.cache_info()
    main_words = 5  # ui, uien, ajuin (the price list's names of ui), eieren, ei
    assert comparisons.hits + comparisons.misses == distinct_words * main_words
