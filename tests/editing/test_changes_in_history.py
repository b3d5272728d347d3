"""A price or document change saved from the browser is a commit by its coach."""

from __future__ import annotations

import subprocess
from pathlib import Path

from kookboek.editing.changes import ContentChange, save_content_change


def test_a_saved_change_is_a_commit_with_the_coach_as_author(tmp_path: Path) -> None:
    content = tmp_path / "project" / "content"
    content.mkdir(parents=True)
    (content.parent / "mkdocs.yml").write_text("site_name: Kookboek\n", encoding="utf-8")
    (content / "prijzen.yml").write_text("prijspeil: 2026-10-15\n", encoding="utf-8")
    save_content_change(
        content,
        [ContentChange("prijzen.yml", b"prijspeil: 2026-11-02\n")],
        "Prijzen aangepast: prijzen.yml",
        author="Sofie",
    )
    log = subprocess.run(
        ["git", "-C", str(tmp_path / "project"), "log", "--format=%an|%s"],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert log == [
        "Sofie|Prijzen aangepast: prijzen.yml",
        "kookboek|Begin van de geschiedenis van het kookboek",
    ]
