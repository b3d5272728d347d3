"""The private names file: slug → a participant's published first name, outside git."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kookboek.content.errors import ContentErrors
from kookboek.content.participants import (
    PARTICIPANTS_FILE,
    ParticipantsProblem,
    read_names,
    remove_name,
    set_name,
)
from kookboek.content.project import load_project


def test_names_are_set_replaced_and_removed(tmp_path: Path) -> None:
    assert read_names(tmp_path) == {}
    set_name(tmp_path, "soep", "Zuleika")
    set_name(tmp_path, "stoemp", "Amal")
    set_name(tmp_path, "soep", "Zoë")
    assert read_names(tmp_path) == {"soep": "Zoë", "stoemp": "Amal"}
    assert (tmp_path / PARTICIPANTS_FILE).stat().st_mode & 0o077 == 0
    assert remove_name(tmp_path, "soep") is True
    assert remove_name(tmp_path, "soep") is False
    assert read_names(tmp_path) == {"stoemp": "Amal"}
    assert "Zo" not in (tmp_path / PARTICIPANTS_FILE).read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [PARTICIPANTS_FILE]  # no temporary files


def test_a_recipe_gets_her_name_from_the_file_and_a_written_auteur_stays(
    valid_content: Path,
) -> None:
    set_name(valid_content, "pannenkoeken", "Zuleika")
    set_name(valid_content, "linzensoep", "Amal")  # linzensoep.md says auteur: Samira
    recipes = {r.slug: r for r in load_project(valid_content).recipes}
    assert recipes["pannenkoeken"].author == "Zuleika"
    assert recipes["linzensoep"].author == "Samira"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("soep: [Zuleika\n", 2, "geen geldige YAML"),
        ("- Zuleika\n", 1, "'recept: voornaam'"),
        ("soep: 12\n", 1, "'recept: voornaam'"),
    ],
)
def test_a_broken_names_file_is_named_with_its_line(
    valid_content: Path, text: str, line: int, message: str
) -> None:
    (valid_content / PARTICIPANTS_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(ParticipantsProblem):
        read_names(valid_content)
    with pytest.raises(ContentErrors) as caught:
        load_project(valid_content)
    [error] = [e for e in caught.value if e.path.endswith(PARTICIPANTS_FILE)]
    assert error.line == line and message in error.message


def test_without_the_file_nothing_changes(valid_content: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kopie"
    shutil.copytree(valid_content, copy)
    assert read_names(copy) == {}
    assert {r.slug: r.author for r in load_project(copy).recipes} == {
        "linzensoep": "Samira",
        "pannenkoeken": None,
    }
