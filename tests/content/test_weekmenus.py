"""Example week menus (content/weekmenus/*.yml): validated like recipes, every problem in Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest

from kookboek.content.errors import ContentErrors
from kookboek.content.menu_rules import closest_slug
from kookboek.content.project import load_prices, load_project
from kookboek.pricing.shopping import menu_data, shopping_list
from project_paths import REPO
from weekmenu_cases import weekmenu_project


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_project(content)
    return [f"{Path(e.path).name}:{e.line}: {e.field}: {e.message}" for e in caught.value]


def write_menu(content: Path, name: str, text: str) -> None:
    folder = content / "weekmenus"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_an_example_menu_loads_with_its_days_recipes_and_people(tmp_path: Path) -> None:
    project = load_project(weekmenu_project(tmp_path / "project") / "content")
    (menu,) = project.menus
    assert (menu.slug, menu.title) == ("drie-dagen", "Drie dagen voor weinig geld")
    assert [(m.day, m.recipe, m.portions) for m in menu.meals] == [
        ("maandag", "linzensoep", 4),
        ("dinsdag", "groentesoep", 4),
        ("woensdag", "omelet", 2),
    ]
    assert project.summary().startswith(
        "Alles in orde: 5 recepten, 1 publicaties, 2 tools (1 draaiboeken, "
        "1 beleidsaanbevelingen), 1 weekmenu."
    )


def test_every_problem_of_every_menu_in_one_run_with_line_and_field(valid_content: Path) -> None:
    write_menu(
        valid_content,
        "fouten.yml",
        """\
titel: Een week
beschrijving: Met fouten.
prijs: 40
dagen:
  - dag: maandg
    recept: linzesoep
    porties: 0
  - dag: dinsdag
    recept: Pannenkoeken
    porties: vier
  - dag: woensdag
    recept: bestaat-helemaal-niet
  - {dag: donderdag, recept: linzensoep, porties: 2.5}
""",
    )
    write_menu(valid_content, "leeg.yml", "titel: Leeg\nbeschrijving: Geen dagen.\ndagen: []\n")
    write_menu(valid_content, "kapot.yml", 'titel: "Kapot\nbeschrijving: x\n')
    write_menu(valid_content, "lijst.yml", "- linzensoep\n- pannenkoeken\n")
    write_menu(valid_content, "Hoofdletters.yml", "titel: x\n")
    found = problems(valid_content)
    assert found == [
        "Hoofdletters.yml:1: : de bestandsnaam wordt het webadres: gebruik alleen kleine letters, "
        "cijfers en koppeltekens, zoals 'hoofdletters.yml'.",
        "fouten.yml:3: prijs: onbekend veld.",
        "fouten.yml:5: dagen[1].dag: onbekende waarde 'maandg'. Bedoel je 'maandag'? Kies uit: "
        "maandag, dinsdag, woensdag, donderdag, vrijdag, zaterdag, zondag.",
        "fouten.yml:6: dagen[1].recept: onbekend recept 'linzesoep'. Bedoel je 'linzensoep'? "
        "Schrijf de naam van het bestand van het recept, zonder '.md' (zoals in de map recepten).",
        "fouten.yml:7: dagen[1].porties: moet minstens 1 zijn, niet 0.",
        "fouten.yml:9: dagen[2].recept: onbekend recept 'Pannenkoeken'. Bedoel je "
        "'pannenkoeken'? Schrijf de naam van het bestand van het recept, zonder '.md' (zoals "
        "in de map recepten).",
        "fouten.yml:10: dagen[2].porties: moet een geheel getal zijn (zoals 4), niet 'vier'.",
        "fouten.yml:11: dagen[3].porties: dit verplichte veld ontbreekt.",
        "fouten.yml:12: dagen[3].recept: onbekend recept 'bestaat-helemaal-niet'. Schrijf de "
        "naam van het bestand van het recept, zonder '.md' (zoals in de map recepten).",
        "fouten.yml:13: dagen[4].porties: moet een geheel getal zijn (zoals 4), niet '2.5'.",
        "kapot.yml:1: : fout in de YAML-opmaak: een aanhalingsteken (\" of ') wordt niet "
        "afgesloten op deze regel.",
        "leeg.yml:3: dagen: de lijst mag niet leeg zijn.",
        "lijst.yml:1: : de gegevens moeten velden zijn (titel: ..., enzovoort).",
    ]


def test_a_menu_naming_a_broken_recipe_reports_only_the_recipe(valid_content: Path) -> None:
    soup = valid_content / "recepten" / "linzensoep.md"
    soup.write_text(soup.read_text(encoding="utf-8").replace("porties: 4", "porties: nul"))
    write_menu(
        valid_content,
        "soep.yml",
        "titel: Soep\nbeschrijving: x\ndagen:\n"
        "  - {dag: maandag, recept: linzensoep, porties: 4}\n",
    )
    assert [p for p in problems(valid_content) if "soep.yml" in p] == []


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("linzensoep", "linzensoep-met-wortel"),
        ("Linzensoep met wortel", "linzensoep-met-wortel"),
        ("pannekoeken", "pannenkoeken"),
        ("spaghetti", "spaghetti-bolognaise"),
        ("balletjes", "balletjes-in-tomatensaus"),
        ("xyz", None),
    ],
)
def test_an_unknown_recipe_suggests_the_closest_one(written: str, meant: str | None) -> None:
    slugs = {path.stem for path in (REPO / "content" / "recepten").glob("*.md")}
    assert closest_slug(written, slugs) == meant


def test_the_real_example_menus_keep_the_promise_of_their_title() -> None:
    """'onder € 45' in a title must stay true when the prices change."""
    project = load_project(REPO / "content")
    assert len(project.menus) >= 2
    data = menu_data(project.prices, project.recipes)
    for menu in project.menus:
        found = shopping_list(data, [(m.recipe, m.portions) for m in menu.meals])
        if "onder €" in menu.title:
            limit = int(menu.title.split("onder €")[1].split()[0]) * 100
            assert found.till_cents < limit, (menu.title, found.till_cents)


def test_every_entry_of_the_real_price_list_has_a_shop_section() -> None:
    prices = load_prices(REPO / "content")
    assert [entry.name for entry in prices.entries if not entry.section] == []
