"""The sample projects the tests build: copies of ``fixtures/valid`` with extra files on top."""

from __future__ import annotations

import shutil
from pathlib import Path

from project_paths import FIXTURES, REPO


def copy_sample_project(target: Path, *extras: str) -> Path:
    """``fixtures/valid`` copied to ``target``, then each ``fixtures/<extra>`` over it; the
    copy's mkdocs.yml points at the repository's theme. Returns ``target``."""
    shutil.copytree(FIXTURES / "valid", target, ignore=shutil.ignore_patterns("site", ".cache"))
    for extra in extras:
        shutil.copytree(FIXTURES / extra, target, dirs_exist_ok=True)
    config = target / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("../../../theme", str(REPO / "theme")),
        encoding="utf-8",
    )
    return target


def build_fixture_site(target: Path) -> Path:
    """The valid project plus ``site_extra`` (photos, an oven recipe) in ``target/project``,
    built without PDFs; returns the project."""
    from kookboek.mkdocs_plugin.run import build_site

    project = copy_sample_project(target / "project", "site_extra")
    build_site(project / "mkdocs.yml", pdf=False)
    return project
