"""``kookboek publish``: the built site as the only commit of gh-pages on a real git remote."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sample_project import copy_sample_project

pytestmark = pytest.mark.slow
REAL_ADDRESS = "https://kookgroep.github.io/kookboek/"
KOOKBOEK = Path(sys.executable).parent / "kookboek"


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env=plain_env(cwd)
    )
    return done.stdout


def plain_env(home: Path) -> dict[str, str]:
    """No git identity and no user configuration: a coach's fresh computer."""
    return {
        **os.environ,
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "NO_MKDOCS_2_WARNING": "1",
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_sample_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "site_url: https://example.org/kookboek/", f"site_url: {REAL_ADDRESS}"
        ),
        encoding="utf-8",
    )
    git("init", "-q", "-b", "main", cwd=project)
    return project


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(bare), cwd=tmp_path)
    return bare


def publish(project: Path, remote: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KOOKBOEK), "publish", "--remote", str(remote)],
        cwd=project, capture_output=True, text=True, check=False, env=plain_env(project.parent),
    )  # fmt: skip


def test_publish_puts_the_built_site_and_nothing_else_on_gh_pages(
    project: Path, remote: Path
) -> None:
    done = publish(project, remote)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Online gezet: {REAL_ADDRESS} (" in done.stdout and "tak gh-pages van" in done.stdout
    assert done.stderr == ""
    published = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    built = {p.relative_to(project / "site").as_posix() for p in (project / "site").rglob("*")}
    built = {name for name in built if (project / "site" / name).is_file()}
    assert published == built | {".nojekyll"}
    assert {"index.html", "feed.xml", "recepten/linzensoep/index.html"} <= published
    assert git("rev-list", "--count", "gh-pages", cwd=remote).strip() == "1"
    # Published again: still one version, the newest.
    again = publish(project, remote)
    assert again.returncode == 0, again.stderr
    assert git("rev-list", "--count", "gh-pages", cwd=remote).strip() == "1"


def test_publish_refuses_while_site_url_is_the_placeholder(project: Path, remote: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(REAL_ADDRESS, "https://kookboek.example.org/"),
        encoding="utf-8",
    )
    done = publish(project, remote)
    assert done.returncode == 1
    assert done.stderr.startswith(
        "Niet online gezet: site_url in mkdocs.yml is nog het voorbeeldadres "
        "(https://kookboek.example.org/)."
    )
    assert git("branch", "--list", cwd=remote).strip() == ""


def test_publish_refuses_content_with_errors(project: Path, remote: Path) -> None:
    recipe = project / "content" / "recepten" / "linzensoep.md"
    recipe.write_text(
        recipe.read_text(encoding="utf-8").replace("porties: 4", "porties: vier"), "utf-8"
    )
    done = publish(project, remote)
    assert done.returncode == 1
    assert "linzensoep.md:4: porties:" in done.stderr
    assert "Niet online gezet: verbeter eerst de inhoud." in done.stderr
    assert git("branch", "--list", cwd=remote).strip() == ""


def test_publish_outside_a_git_folder_says_what_to_do(tmp_path: Path, remote: Path) -> None:
    project = copy_sample_project(tmp_path / "zonder-git")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("https://example.org/kookboek/", REAL_ADDRESS),
        encoding="utf-8",
    )
    done = publish(project, remote)
    assert done.returncode == 1
    assert "deze map is geen git-map" in done.stderr and "FTP" in done.stderr
