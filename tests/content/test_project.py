"""Validation of whole content folders: every problem, in Dutch, with file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kookboek.content.errors import ContentErrors
from kookboek.content.project import load_project
from project_paths import FIXTURES

GOOD_RECIPE = """\
---
titel: Omelet
beschrijving: Snel en goedkoop.
porties: 2
tijd: 10
categorie: hoofdgerecht
competenties: [plannen]
datum: 2026-10-01
ingredienten:
  - {naam: eieren, hoeveelheid: 4, eenheid: stuk}
  - {naam: zout, naar_smaak: true}
---

## Bereiding

1. Klop de eieren los en bak ze.
"""


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_project(content)
    return [f"{e.path.split('/')[-1]}:{e.line}: {e.field}: {e.message}" for e in caught.value]


def write_recipe(content: Path, name: str, text: str | bytes) -> None:
    target = content / "recepten" / name
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")


def test_valid_project_loads_with_costs(valid_content: Path) -> None:
    project = load_project(valid_content)
    assert [r.slug for r in project.recipes] == ["linzensoep", "pannenkoeken"]
    assert str(project.costs["linzensoep"].per_portion) == "0.55"
    assert project.summary() == (
        "Alles in orde: 2 recepten, 1 publicaties, 2 tools (1 draaiboeken, 1 beleidsaanbevelingen)."
    )


def test_invalid_fixture_reports_every_problem_with_line_and_field() -> None:
    found = problems(FIXTURES / "invalid" / "content")
    expected_starts = [
        "kapot.md:3: : fout in de YAML-opmaak: een aanhalingsteken",
        "latin1.md:2: : het bestand is niet in UTF-8 opgeslagen",
        "leeg.md:1: : het bestand is leeg.",
        "typfouten.md:1: porties: dit verplichte veld ontbreekt.",
        "typfouten.md:4: porites: onbekend veld. Bedoel je 'porties'?",
        "typfouten.md:5: tijd: moet minstens 1 zijn, niet 0.",
        "typfouten.md:6: categorie: onbekende waarde 'soepje'. Bedoel je 'soep'?",
        "typfouten.md:7: competenties[2]: onbekende competentie 'koken'.",
        "typfouten.md:8: allergenen: 'melk' ontbreekt: 'melk' (ingrediënt 3) bevat melk "
        "volgens prijzen.yml. Schrijf: allergenen: [melk].",
        "typfouten.md:8: allergenen[1]: onbekende waarde 'selderij'. Bedoel je 'selder'?",
        "typfouten.md:10: foto: 'foto_alt' ontbreekt",
        "typfouten.md:10: foto: het bestand 'soep.jpg' bestaat niet",
        "typfouten.md:12: ingredienten[1].eenheid: onbekende waarde 'gram'. Bedoel je 'g'?",
        "typfouten.md:13: ingredienten[2].naam: 'kaviaar' staat niet in prijzen.yml.",
        "typfouten.md:14: ingredienten[3].eenheid: de prijs van 'melk' staat per l",
        "woorden.md:2: titel: mag niet leeg zijn.",
        "woorden.md:4: porties: moet een geheel getal zijn (zoals 4), niet 'vier'.",
        "woorden.md:8: datum: moet een datum zijn zoals 2026-10-14, niet '14 oktober'.",
        "woorden.md:10: ingredienten[1].hoeveelheid: schrijf een punt, geen komma (komma → "
        "punt): 0.5 in plaats van 0,5.",
        "woorden.md:11: ingredienten[2].hoeveelheid: laat dit weg",
        "woorden.md:11: ingredienten[2].naam: van 'zout' zijn de allergenen niet bekend (het "
        "staat niet in prijzen.yml), dus die van dit recept ook niet.",
        "zonder-gegevens.md:1: : de gegevens bovenaan ontbreken.",
    ]
    assert len(found) == len(expected_starts), "\n".join(found)
    for line, start in zip(found, expected_starts, strict=True):
        assert line.startswith(start), f"{line!r} should start with {start!r}"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("porties: 2", "porties: -3"), "omelet.md:4: porties: moet minstens 1 zijn, niet -3."),
        (("porties: 2", "porties: 2.5"), "omelet.md:4: porties: moet een geheel getal zijn"),
        (("tijd: 10", "tijd:"), "omelet.md:5: tijd: dit veld is leeg."),
        (("titel: Omelet", "titel: '  '"), "omelet.md:2: titel: mag niet leeg zijn."),
        (("competenties: [plannen]", "competenties: []"), "omelet.md:7: competenties: de lijst"),
        (
            ("competenties: [plannen]", "competenties: plannen"),
            "omelet.md:7: competenties: moet een lijst zijn",
        ),
        (
            ("datum: 2026-10-01", "datum: 2026-10-01\nfoto_alt: Een omelet"),
            "omelet.md:9: foto_alt: er is geen 'foto' om te beschrijven.",
        ),
        (
            ("datum: 2026-10-01", "datum: 2026-10-01\nfoto: ../../geheim.jpg\nfoto_alt: x"),
            "omelet.md:9: foto: de foto moet in de map content staan.",
        ),
        (
            ("datum: 2026-10-01", 'datum: 2026-10-01\nfoto: "omelet\\0.jpg"\nfoto_alt: x'),
            "omelet.md:9: foto: de naam van de foto bevat een onzichtbaar teken.",
        ),
        (
            ("datum: 2026-10-01", "datum: 2026-10-01\nfoto: omelet.gif\nfoto_alt: x"),
            "omelet.md:9: foto: 'omelet.gif' is geen foto die de site kan tonen.",
        ),
        (
            ("- {naam: eieren, hoeveelheid: 4, eenheid: stuk}", "- {naam: eieren}"),
            "omelet.md:10: ingredienten[1].hoeveelheid: ontbreekt.",
        ),
        (
            ("tijd: 10", "tijd: 10\ntijd: 12"),
            "omelet.md:6: tijd: dit veld staat twee keer in het bestand.",
        ),
        (
            ("categorie: hoofdgerecht", "categorie: hoofdgerecht\n  extra: fout"),
            "omelet.md:7: : fout in de YAML-opmaak",
        ),
    ],
)
def test_single_problems(valid_content: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD_RECIPE
    write_recipe(valid_content, "omelet.md", GOOD_RECIPE.replace(old, new, 1))
    found = problems(valid_content)
    assert any(line.startswith(expected) for line in found), found


def test_bom_and_windows_line_endings_are_accepted(valid_content: Path) -> None:
    text = "\ufeff" + GOOD_RECIPE.replace("\n", "\r\n")
    write_recipe(valid_content, "omelet.md", text.encode("utf-8"))
    project = load_project(valid_content)
    omelet = next(r for r in project.recipes if r.slug == "omelet")
    assert omelet.title == "Omelet"
    assert "\r" not in omelet.body
    assert str(project.costs["omelet"].total) == "1.00"


def test_file_names_must_be_slugs_and_unique(valid_content: Path) -> None:
    write_recipe(valid_content, "Omelet Met Kaas.md", GOOD_RECIPE)
    sub = valid_content / "recepten" / "extra"
    sub.mkdir()
    shutil.copy(valid_content / "recepten" / "linzensoep.md", sub / "linzensoep.md")
    shutil.copy(valid_content / "recepten" / "linzensoep.svg", sub / "linzensoep.svg")
    found = problems(valid_content)
    assert any("Omelet Met Kaas.md:1: : de bestandsnaam wordt het webadres" in f for f in found)
    assert any("'omelet-met-kaas.md'" in f for f in found)
    assert any(f.startswith("linzensoep.md:") and "dezelfde naam als" in f for f in found)


def test_missing_price_list_and_broken_competences(valid_content: Path) -> None:
    (valid_content / "prijzen.yml").unlink()
    (valid_content / "competenties.yml").write_text("- id: Plannen!\n  naam: Plannen\n")
    found = problems(valid_content)
    assert "prijzen.yml:0: : dit bestand ontbreekt." in found
    assert any(
        f.startswith("competenties.yml:1: [1].id: 'Plannen!' is geen geldige code") for f in found
    )
    assert any(f.startswith("competenties.yml:1: [1].uitleg: dit verplichte veld") for f in found)


def test_publications_and_tools_are_validated(valid_content: Path) -> None:
    tool = valid_content / "tools" / "beleidsaanbevelingen" / "tweede.md"
    tool.write_text(
        "---\ntitel: Tweede\nsamenvatting: Kort.\njaar: twintig\nproject: X\nnummer: 1\n---\n",
        encoding="utf-8",
    )
    found = problems(valid_content)
    assert "tweede.md:4: jaar: moet een geheel getal zijn (zoals 4), niet 'twintig'." in found
    assert "tweede.md:1: adressaten: dit verplichte veld ontbreekt." in found
    # the invalid file never becomes a model, so its number cannot clash with another one
    assert not any("heeft ook" in f for f in found)


def test_recommendation_numbers_are_unique(valid_content: Path) -> None:
    folder = valid_content / "tools" / "beleidsaanbevelingen"
    text = (folder / "werkbare-jobs.md").read_text(encoding="utf-8")
    (folder / "tweede.md").write_text(text.replace("Creëer werkbare jobs", "Tweede"), "utf-8")
    found = problems(valid_content)
    assert any(f.startswith("werkbare-jobs.md:6: nummer: nummer 1 heeft ook") for f in found)


def test_alias_bomb_is_refused_quickly(valid_content: Path) -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
    bomb += "---\n"
    write_recipe(valid_content, "bom.md", bomb)
    found = problems(valid_content)
    assert any(f.startswith("bom.md:1: : de gegevens zijn te groot") for f in found)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("binair.md", bytes(range(256)) * 4, "binair.md:0: : dit is geen tekstbestand."),
        (
            "groot.md",
            b"---\ntitel: x\n---\n" + b"a" * 1_100_000,
            "groot.md:0: : het bestand is te groot",
        ),
        (
            "diep.md",
            b"---\ntitel: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n",
            "diep.md:1: : de gegevens zijn te diep genest",
        ),
        (
            "diep2.md",
            b"---\ntitel: " + b"{a: " * 30 + b"1" + b"}" * 30 + b"\n---\n",
            "diep2.md:1: : de gegevens zijn te diep genest",
        ),
        (
            "veel.md",
            b"---\ningredienten:\n"
            + b"  - {naam: ui, hoeveelheid: 1, eenheid: stuk}\n" * 3000
            + b"---\n",
            "veel.md:2: ingredienten: de lijst is te lang (hoogstens 200 items).",
        ),
        (
            "onzichtbaar.md",
            "---\ncategorie: soep\u200b\n---\n".encode(),
            "onzichtbaar.md:2: categorie: onbekende waarde 'soep\\u200b'. Bedoel je 'soep'?",
        ),
        (
            "getal.md",
            b"---\ntijd: 99999999999999999999999\n---\n",
            "getal.md:2: tijd: mag hoogstens 10000 zijn",
        ),
    ],
)
def test_malformed_files_get_a_clear_error_quickly(
    valid_content: Path, name: str, data: bytes, expected: str
) -> None:
    import time

    write_recipe(valid_content, name, data)
    started = time.perf_counter()
    found = problems(valid_content)
    assert time.perf_counter() - started < 5
    assert any(line.startswith(expected) for line in found), found
