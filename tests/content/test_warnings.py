"""Warnings ("Let op"): shown by check and build, never a reason to stop."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kookboek.cli.main import main
from kookboek.content.project import load_project
from kookboek.content.warnings import looks_like_full_name


@pytest.mark.parametrize(
    ("author", "full"),
    [
        ("Fatima El Amrani", True),
        ("Jessica Peeters", True),
        ("Samira", False),
        ("de kookgroep", False),
        ("De kookgroep Roeselare", False),
        ("Samira en Fatma", False),
        ("Aïcha", False),
    ],
)
def test_a_first_and_last_name_is_recognised(author: str, full: bool) -> None:
    assert looks_like_full_name(author) is full


def set_author(recipe: Path, author: str) -> None:
    text = recipe.read_text(encoding="utf-8")
    recipe.write_text(text.replace("auteur: Samira", f"auteur: {author}"), encoding="utf-8")


def test_check_warns_about_a_full_name_and_still_passes(valid_content: Path) -> None:
    set_author(valid_content / "recepten" / "linzensoep.md", "Fatima El Amrani")
    result = CliRunner().invoke(main, ["check", "--content", str(valid_content)])
    assert result.exit_code == 0, result.output
    heading, first, last = result.output.strip().splitlines()
    assert heading == "Let op, 1 waarschuwing (de website kan wel gemaakt worden):"
    assert first.endswith(
        "linzensoep.md:13: auteur: 'Fatima El Amrani' lijkt een voornaam met een achternaam. "
        "Op de website staat alleen een voornaam, een schuilnaam of 'de kookgroep', nooit een "
        "achternaam (zie de handleiding). Is het toch één voornaam, dan mag het blijven."
    )
    assert (
        last.startswith("Alles in orde: 2 recepten") and "Lees de waarschuwing hierboven na" in last
    )


def test_an_exact_copy_of_a_recipe_under_another_name_is_pointed_out(valid_content: Path) -> None:
    recipes = valid_content / "recepten"
    shutil.copy(recipes / "linzensoep.md", recipes / "rode-linzensoep.md")
    project = load_project(valid_content)
    (warning,) = project.warnings
    assert warning.path.endswith("rode-linzensoep.md") and warning.line == 1
    assert "dezelfde ingrediënten en dezelfde bereiding als" in warning.message
    original = warning.message.split(" als ")[1]
    assert original.startswith(str(recipes / "linzensoep.md") + ". Staat hetzelfde recept")


def test_a_recipe_with_other_amounts_is_not_a_copy(valid_content: Path) -> None:
    recipes = valid_content / "recepten"
    text = (recipes / "linzensoep.md").read_text(encoding="utf-8")
    (recipes / "grote-linzensoep.md").write_text(
        text.replace("hoeveelheid: 250, eenheid: g", "hoeveelheid: 500, eenheid: g"), "utf-8"
    )
    assert load_project(valid_content).warnings == ()


@pytest.mark.slow
def test_the_build_shows_the_warning_and_succeeds_in_strict_mode(valid_project: Path) -> None:
    set_author(valid_project / "content" / "recepten" / "linzensoep.md", "Fatima El Amrani")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "kookboek"), "build", "--no-pdf"],
        cwd=valid_project, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Let op: content/recepten/linzensoep.md:13: auteur: 'Fatima El Amrani'" in done.stderr
    assert done.stdout.startswith("Klaar in ")
