"""The ``kookboek`` command as a coach uses it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kookboek.cli.main import main
from project_paths import FIXTURES
from sample_project import write_unpriced_recipes


def test_check_valid_content_exits_0_with_a_summary(valid_project: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--content", str(valid_project / "content")])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "Alles in orde: 2 recepten, 1 publicaties, 2 tools (1 draaiboeken, 1 beleidsaanbevelingen)."
    )


def test_check_broken_content_lists_every_problem_and_exits_1() -> None:
    result = CliRunner().invoke(main, ["check", "--content", str(FIXTURES / "invalid" / "content")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[-1] == "22 problemen gevonden. Pas de bestanden aan en probeer opnieuw."
    problem_lines = lines[:-1]
    assert len(problem_lines) == 22
    for line in problem_lines:
        path, line_number, _ = line.split(":", 2)
        assert path.endswith(".md"), line
        assert int(line_number) >= 1, line
    assert any(":4: porites: onbekend veld. Bedoel je 'porties'?" in line for line in lines)
    assert "Traceback" not in result.output


def test_check_shows_warnings_and_still_exits_0(valid_project: Path) -> None:
    content = valid_project / "content"
    recipe = content / "recepten" / "linzensoep.md"
    recipe.write_text(
        recipe.read_text(encoding="utf-8").replace("naam: wortelen", "naam: pastinaak"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "--content", str(content)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0] == "Let op, 1 waarschuwing (de website kan wel gemaakt worden):"
    assert lines[1].endswith(
        "linzensoep.md:19: ingredienten[3].naam: van 'pastinaak' zijn de allergenen niet "
        "bekend (het staat niet in prijzen.yml), dus kan niet nagekeken worden of "
        "'allergenen' bovenaan dit recept klopt. Zet 'pastinaak' in prijzen.yml met "
        "'allergenen: [...]' en wat erin zit (of 'allergenen: []' als er geen van de 14 in zit)."
    )
    assert lines[2].startswith("Alles in orde: 2 recepten")


def test_check_from_the_project_folder_as_a_real_process(valid_project: Path) -> None:
    """`kookboek check` without options reads ./content, like a coach types it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    kookboek = Path(sys.executable).parent / "kookboek"
    done = subprocess.run(
        [str(kookboek), "check"], cwd=valid_project, capture_output=True, text=True, env=env,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Alles in orde: 2 recepten")


def test_check_in_the_wrong_folder_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--content", str(tmp_path / "nergens")])
    assert result.exit_code == 1
    assert "nergens: deze map bestaat niet." in result.output


def test_build_without_config_explains(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--config", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code == 2
    assert "Start kookboek in de map van het kookboek" in result.output


@pytest.mark.slow
def test_a_build_speaks_dutch_from_start_to_end(valid_project: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    kookboek = Path(sys.executable).parent / "kookboek"
    done = subprocess.run(
        [str(kookboek), "build", "--no-pdf"], cwd=valid_project, capture_output=True, text=True,
        env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    pages = len(list((valid_project / "site").rglob("*.html")))
    assert re.fullmatch(rf"Klaar in \d+,\d s: {pages} pagina's staan in site/\.\n", done.stdout)
    # The sample's site_url is an example address: the one remark, in Dutch.
    assert done.stderr.splitlines() == [
        "Let op: site_url in mkdocs.yml is nog het voorbeeldadres (https://example.org/kookboek/)."
        " Zet daar het adres waarop de website echt komt, bijvoorbeeld "
        "https://onze-groep.github.io/kookboek/ (zie de handleiding, deel 7)."
    ]


@pytest.mark.slow
def test_a_failed_build_says_why_in_dutch_and_keeps_the_old_site(valid_project: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    kookboek = Path(sys.executable).parent / "kookboek"
    recipe = valid_project / "content" / "recepten" / "linzensoep.md"
    recipe.write_text(
        recipe.read_text(encoding="utf-8").replace("porties: 4", "porties: vier"), "utf-8"
    )
    done = subprocess.run(
        [str(kookboek), "build", "--no-pdf"], cwd=valid_project, capture_output=True, text=True,
        env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "Fout: De inhoud bevat fouten:",
        "content/recepten/linzensoep.md:4: porties: moet een geheel getal zijn (zoals 4), "
        "niet 'vier'.",
        "1 probleem gevonden. Pas de bestanden aan en probeer opnieuw.",
        "De bouw stopte door de fout(en) hierboven.",
        "De website is niet bijgewerkt: de vorige versie blijft staan.",
    ]


def test_check_shows_the_warnings_with_the_errors(valid_project: Path) -> None:
    content = valid_project / "content"
    soup = content / "recepten" / "linzensoep.md"
    soup.write_text(
        soup.read_text(encoding="utf-8").replace("porties: 4", "porties: vier"), "utf-8"
    )
    pancakes = content / "recepten" / "pannenkoeken.md"
    pancakes.write_text(
        pancakes.read_text(encoding="utf-8").replace(
            "datum: 2026-09-02", "datum: 2026-09-02\nauteur: Fatima El Amrani"
        ),
        "utf-8",
    )
    (content / "recepten" / "pannenkoeken-kopie.md").write_text(
        pancakes.read_text(encoding="utf-8").replace("auteur: Fatima El Amrani\n", ""), "utf-8"
    )
    result = CliRunner().invoke(main, ["check", "--content", str(content)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert any("linzensoep.md:4: porties:" in line for line in lines)
    warnings = lines[lines.index("Let op, 2 waarschuwingen (de website kan wel gemaakt worden):") :]
    assert any("pannenkoeken.md:12: auteur: 'Fatima El Amrani' lijkt" in line for line in warnings)
    assert any("dit recept heeft dezelfde ingrediënten" in line for line in warnings)
    assert lines[-1] == "1 probleem gevonden. Pas de bestanden aan en probeer opnieuw."


def test_many_problems_of_one_kind_are_summed_up_in_a_few_lines(valid_project: Path) -> None:
    content = valid_project / "content"
    write_unpriced_recipes(content)
    result = CliRunner().invoke(main, ["check", "--content", str(content)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) <= 6, result.output
    assert lines[0] == (
        "12 ingrediënten staan niet in prijzen.yml: kikkererwten, koriander, limoen, "
        "pastinaak, quinoa, rapen, selderij, spinazie en nog 4 andere (3200 keer, in 400 "
        "recepten). Zet ze in prijzen.yml (naam, prijs, hoeveelheid, eenheid, allergenen), of "
        "geef in het recept de betaalde 'prijs'."
    )
    assert lines[1].startswith(
        "Van 5 ingrediënten zijn de allergenen niet bekend: gember, kurkuma, nootmuskaat, "
        "paprikapoeder, saffraan (200 keer, in 200 recepten). Zet ze in prijzen.yml"
    )
    assert lines[2] == "Let op, 200 waarschuwingen (de website kan wel gemaakt worden):"
    assert lines[3].startswith("Van 5 ingrediënten zijn de allergenen niet bekend: gember,")
    assert lines[4] == "Elk bestand met het lijnnummer zie je met: kookboek check -v"
    assert lines[5] == "3400 problemen gevonden. Pas de bestanden aan en probeer opnieuw."


def test_with_v_every_problem_has_its_own_line(valid_project: Path) -> None:
    content = valid_project / "content"
    write_unpriced_recipes(content)
    for option in ("-v", "--uitgebreid"):
        result = CliRunner().invoke(main, ["check", option, "--content", str(content)])
        assert result.exit_code == 1
        lines = result.output.strip().splitlines()
        located = [
            line for line in lines if re.match(r"\S+\.md:\d+: ingredienten\[\d\]\.naam: ", line)
        ]
        assert len(located) == 3400 + 200  # every error and every warning
        assert len(lines) == len(located) + 2  # the "Let op" heading and the count
