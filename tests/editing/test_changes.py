"""The one function every browser change is saved through."""

from __future__ import annotations

from pathlib import Path

import pytest

from kookboek.content.errors import ContentErrors
from kookboek.editing import changes
from kookboek.editing.changes import (
    ChangedMeanwhile,
    ContentChange,
    UnsafePath,
    save_content_change,
    version_of,
)
from kookboek.editing.overlay import check_with_changes


def test_files_are_written_and_removed_and_recorded_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorded: list[tuple[list[str], str, str | None]] = []
    monkeypatch.setattr(
        changes,
        "record_in_history",
        lambda folder, paths, message, author: recorded.append(
            ([p.relative_to(folder).as_posix() for p in paths], message, author)
        ),
    )
    (tmp_path / "oud.jpg").write_bytes(b"x")
    save_content_change(
        tmp_path,
        [ContentChange("publicaties/nieuw.md", b"tekst"), ContentChange("oud.jpg", None)],
        "Publicatie toegevoegd.",
        author="Els",
    )
    assert (tmp_path / "publicaties" / "nieuw.md").read_bytes() == b"tekst"
    assert not (tmp_path / "oud.jpg").exists()
    assert recorded == [(["publicaties/nieuw.md", "oud.jpg"], "Publicatie toegevoegd.", "Els")]


@pytest.mark.parametrize("path", ["../buiten.md", "/etc/passwd", "a/../../b", ""])
def test_nothing_is_written_outside_the_content_folder(tmp_path: Path, path: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(UnsafePath):
        save_content_change(content, [ContentChange(path, b"x")], "x")
    with pytest.raises(UnsafePath):
        check_with_changes(content, [ContentChange(path, b"x")])
    assert [p.name for p in tmp_path.iterdir()] == ["content"]


def test_a_file_changed_since_the_form_opened_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "prijzen.yml"
    target.write_text("a: 1\n")
    version = version_of(target)
    target.write_text("a: 2\n")
    with pytest.raises(ChangedMeanwhile) as refused:
        save_content_change(
            tmp_path,
            [ContentChange("prijzen.yml", b"a: 3\n")],
            "x",
            expected_versions={"prijzen.yml": version},
        )
    assert refused.value.paths == ("prijzen.yml",)
    assert target.read_text() == "a: 2\n"
    assert version_of(tmp_path / "nieuw.md") == ""


def test_the_check_names_the_real_files_and_leaves_no_mirror(valid_content: Path) -> None:
    broken = ContentChange("publicaties/kapot.md", b"---\ntitel: Kapot\n---\nTekst\n")
    with pytest.raises(ContentErrors) as refused:
        check_with_changes(valid_content, [broken])
    paths = {e.path for e in refused.value.errors}
    assert len(paths) == 1 and paths.pop().endswith("content/publicaties/kapot.md")
    assert ".kookboek-nakijken-" not in refused.value.report()
    assert not (valid_content / "publicaties" / "kapot.md").exists()
    assert not list(valid_content.parent.glob(".kookboek-nakijken-*"))
