"""Changes made in the browser as git commits with the coach as author (real git)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kookboek.publishing import history


@pytest.fixture(autouse=True)
def no_git_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh computer: no user.name, no user.email in any git configuration."""
    monkeypatch.setenv("HOME", str(tmp_path / "thuis"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME"):
        monkeypatch.delenv(name, raising=False)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def test_a_folder_without_git_gets_a_repository_and_each_change_names_its_coach(
    tmp_path: Path,
) -> None:
    project = tmp_path / "kookboek"
    recipe = project / "content" / "recepten" / "soep.md"
    recipe.parent.mkdir(parents=True)
    recipe.write_text("---\ntitel: Soep\n---\n", encoding="utf-8")
    (project / "content" / "recepten" / "soep.jpg").write_bytes(b"her photo")
    (project / "inzendingen").mkdir()
    (project / "inzendingen" / "geheim.json").write_text("{}", encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: Kookboek\n", encoding="utf-8")

    assert history.record(project, [recipe], "Els", "Recept bewaard: recepten/soep.md") is None
    first = git(project, "log", "--format=%an|%s")
    assert first.strip() == "kookboek|Begin van de geschiedenis van het kookboek"
    assert "inzendingen" not in git(project, "ls-files")
    assert "soep.jpg" not in git(project, "ls-files")
    # What must stay private is ignored from the start, the inbox and her photos included.
    ignored = (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ignored[0] == "/inzendingen/" and "/content/recepten/*.jpg" in ignored

    recipe.write_text("---\ntitel: Soep met prei\n---\n", encoding="utf-8")
    other = project / "content" / "recepten" / "stoemp.md"
    other.write_text("niet bewaard\n", encoding="utf-8")
    change = history.record(project, [recipe], "Sofie", "Recept aangepast: recepten/soep.md")
    assert change is not None and change.author == "Sofie"
    assert git(project, "log", "-1", "--format=%an|%cn|%s").strip() == (
        "Sofie|kookboek|Recept aangepast: recepten/soep.md"
    )
    # Only the file of the change is committed.
    assert "stoemp.md" not in git(project, "ls-files")
    changes = history.history(project, recipe)
    assert [c.author for c in changes] == ["Sofie", "kookboek"]
    assert history.last_change(project, recipe) == changes[0]


def test_an_earlier_version_comes_back_as_a_new_change(tmp_path: Path) -> None:
    project = tmp_path / "kookboek"
    project.mkdir()
    git(project, "init", "-q")
    recipe = project / "soep.md"
    recipe.write_text("eerste\n", encoding="utf-8")
    first = history.record(project, [recipe], "Els", "Recept goedgekeurd: soep.md")
    recipe.write_text("tweede\n", encoding="utf-8")
    history.record(project, [recipe], "Sofie", "Recept aangepast: soep.md")
    assert first is not None
    assert history.version(project, recipe, first.commit) == b"eerste\n"
    back = history.restore(project, recipe, first.commit, "Els")
    assert back is not None and recipe.read_text(encoding="utf-8") == "eerste\n"
    assert [c.author for c in history.history(project, recipe)] == ["Els", "Sofie", "Els"]
    with pytest.raises(history.HistoryProblem, match="bestaat niet"):
        history.restore(project, recipe, "0" * 40, "Els")


def test_a_removal_is_a_change_too(tmp_path: Path) -> None:
    project = tmp_path / "kookboek"
    project.mkdir()
    (project / "mkdocs.yml").write_text("site_name: Kookboek\n", encoding="utf-8")
    recipe = project / "soep.md"
    recipe.write_text("soep\n", encoding="utf-8")
    history.record(project, [recipe], "Els", "Recept goedgekeurd: soep.md")
    recipe.unlink()
    change = history.record(project, [recipe], "Els", "Recept offline gehaald: soep.md")
    assert change is not None and "soep.md" not in git(project, "ls-files")


def test_git_missing_is_said_in_dutch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(history.HistoryProblem, match="git is niet geïnstalleerd"):
        history.record(tmp_path, [tmp_path / "x.md"], "Els", "x")


def test_a_folder_that_is_no_kookboek_never_becomes_a_repository(tmp_path: Path) -> None:
    """A content folder configured outside a project must not make its parent (a home folder,
    the test run's temporary folder) a git repository."""
    content = tmp_path / "ergens" / "content"
    recipe = content / "recepten" / "soep.md"
    recipe.parent.mkdir(parents=True)
    recipe.write_text("---\ntitel: Soep\n---\n", encoding="utf-8")
    with pytest.raises(history.HistoryProblem, match=r"geen mkdocs\.yml"):
        history.record(content.parent, [recipe], "Els", "Recept bewaard: recepten/soep.md")
    assert not (tmp_path / "ergens" / ".git").exists()
