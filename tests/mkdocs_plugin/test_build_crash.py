"""Killing `kookboek build` with SIGKILL while it writes leaves the previous site intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kookboek.mkdocs_plugin.run import BuildFailed, build_site

KOOKBOEK = Path(sys.executable).with_name("kookboek")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KOOKBOEK), "build", "--no-pdf"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_sigkill_while_writing_keeps_the_previous_site(valid_project: Path) -> None:
    assert build(valid_project).returncode == 0
    site = valid_project / "site"
    before = snapshot(site)
    recipe = valid_project / "content" / "recepten" / "pannenkoeken.md"
    recipe.write_text(recipe.read_text(encoding="utf-8").replace("Dunne", "Dikke"), "utf-8")

    killed_while_writing = False
    for _ in range(3):  # the window is a second or two; try again if the build was too quick
        process = subprocess.Popen(
            [str(KOOKBOEK), "build", "--no-pdf"],
            cwd=valid_project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            staged = list(valid_project.glob(".site-nieuw-*/**/index.html"))
            if len(staged) >= 3:  # MkDocs is writing pages into the new folder
                os.kill(process.pid, signal.SIGKILL)
                killed_while_writing = True
                break
            time.sleep(0.005)
        process.wait(timeout=30)
        if killed_while_writing:
            break
        assert process.returncode == 0, "the build failed before it could be killed"
        assert build(valid_project).returncode == 0  # restore the state before the kill
    assert killed_while_writing
    assert snapshot(site) == before  # untouched: no page of the new build
    assert list(valid_project.glob(".site-nieuw-*")), "the kill left no half-built folder"

    done = build(valid_project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not list(valid_project.glob(".site-*")), "leftovers of the killed build remain"
    page = (site / "recepten" / "pannenkoeken" / "index.html").read_text(encoding="utf-8")
    assert "Dikke pannenkoeken" in page


def test_a_site_left_under_its_old_name_is_put_back(valid_project: Path) -> None:
    """A build killed between its two renames left only `.site-oud`: the next build recovers."""
    old = valid_project / ".site-oud"
    (old / "recepten").mkdir(parents=True)
    (old / "index.html").write_text("vorige", encoding="utf-8")
    (valid_project / "content" / "recepten" / "leeg.md").write_text("", encoding="utf-8")
    with pytest.raises(BuildFailed, match="het bestand is leeg"):
        build_site(valid_project / "mkdocs.yml", pdf=False)
    assert (valid_project / "site" / "index.html").read_text(encoding="utf-8") == "vorige"
    assert not old.exists()
