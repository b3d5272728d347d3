"""A sample project with portfolios: the valid fixture, competences with VDAB and ESCO names,
a task list, the repository's .gitignore, and a git history."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from project_paths import REPO
from sample_project import copy_sample_project

ATTENDANCE = """\
datum;deelnemer;recept;competenties;observatie;toestemming
2026-10-14;Zoulikha;linzensoep;plannen rekenen;Rekende de boodschappen uit voor 8.;2026-10-01
14/10/2026;Marieke;linzensoep;samenwerken;Hielp de anderen bij het snijden.;02/10/2026
2026-10-21;Zoulikha;pannenkoeken;samenwerken;Bakte 30 pannenkoeken zonder hulp.;
2026-10-28;Marieke;Couscous met groenten;rekenen;Woog alles zelf af op de weegschaal.;
"""


def git(project: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Coach", "-c", "user.email=coach@example.org", *args],
        cwd=project,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8", "replace")


def portfolio_project(target: Path) -> Path:
    project = copy_sample_project(target, "portfolio")
    shutil.copy(REPO / ".gitignore", project / ".gitignore")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Content")
    return project


def every_byte(folder: Path) -> bytes:
    """Every file under ``folder`` as it is on disk, and every git object unpacked."""
    chunks = [p.read_bytes() for p in folder.rglob("*") if p.is_file()]
    if (folder / ".git").is_dir():
        chunks.append(
            subprocess.run(
                ["git", "cat-file", "--batch-all-objects", "--batch"],
                cwd=folder,
                capture_output=True,
                check=True,
            ).stdout
        )
    return b"\n".join(chunks)
