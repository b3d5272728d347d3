"""The coach's week in a real browser at 360 px, with nothing typed in a terminal after the
IT partner's set-up: a phone sends a recipe with a photo, a coach logs in with her name,
approves it and presses Zet online; the page reaches the remote's gh-pages and the served
folder, and the project's history names her."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from form_helpers import (
    answer_the_first_screens,
    fill_field,
    go_to_screen_of,
    jpeg_with_gps,
    send_form,
)
from kookboek.web import create_app
from live_server import running
from project_paths import REPO
from sample_project import copy_sample_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REAL_ADDRESS = "https://kookgroep.github.io/kookboek/"
PASSWORD = "drie woorden na elkaar"
KOOKBOEK = Path(sys.executable).parent / "kookboek"
SHOTS = (
    Path(os.environ.get("KOOKBOEK_SCREENSHOTS", ""))
    if os.environ.get("KOOKBOEK_SCREENSHOTS")
    else None
)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def set_up_once(tmp_path: Path) -> tuple[Path, Path, Path]:
    """What the IT partner does once (handleiding, part 8): the project in git with a remote,
    publiceren.yml naming the served folder, and an account for the coach."""
    project = copy_sample_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "site_url: https://example.org/kookboek/", f"site_url: {REAL_ADDRESS}"
        ),
        encoding="utf-8",
    )
    served = tmp_path / "www" / "site"
    (project / ".gitignore").write_text("/site/\n.cache/\n/inzendingen/\n", encoding="utf-8")
    (project / "publiceren.yml").write_text(f"map: {served}\n", encoding="utf-8")
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(project, "init", "-q", "-b", "main")
    git(project, "remote", "add", "origin", str(remote))
    added = subprocess.run(
        [str(KOOKBOEK), "begeleider", "toevoegen", "Els"],
        cwd=project, input=f"{PASSWORD}\n{PASSWORD}\n", capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    return project, remote, served


def blob(repo: Path, data: bytes) -> str:
    """The id git gives these bytes as a file."""
    return subprocess.run(
        ["git", "-C", str(repo), "hash-object", "--stdin"], input=data, capture_output=True,
        check=True,
    ).stdout.decode().strip()  # fmt: skip


def shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_from_a_phone_to_the_public_site_without_a_terminal(chromium: Any, tmp_path: Path) -> None:
    project, remote, served = set_up_once(tmp_path)
    app = create_app(
        {
            "INBOX_DIR": project / "inzendingen",
            "CONTENT_DIR": project / "content",
            # The copy's mkdocs.yml uses the repository's theme (sample_project.py).
            "THEME_DIR": REPO / "theme",
        }
    )
    photo = tmp_path / "IMG_20261014.jpg"
    photo.write_bytes(jpeg_with_gps((2400, 1800)))
    with running(app) as base:
        phone = chromium.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
        page = phone.new_page()
        page.goto(base + "/")
        answer_the_first_screens(page, "Wortelstoemp van Amina", "Zachte stoemp met wortel.")
        fill_field(page, "#ingredient-1-naam", "uien")
        page.fill("#ingredient-1-hoeveelheid", "2")
        page.select_option("#ingredient-1-eenheid", "stuk")
        fill_field(page, "#stap-1", "Kook de uien gaar.")
        go_to_screen_of(page, "input[name=competenties]")
        page.check("input[name=competenties][value=rekenen]")
        go_to_screen_of(page, "#foto")
        page.set_input_files("#foto", str(photo))
        fill_field(page, "#voornaam", "Amina")
        page.check("input[name=toestemming_naam]")
        page.check("input[name=toestemming_foto]")
        send_form(page)
        page.click("button:has-text('Ja, versturen')")
        assert "Dank je wel" in page.inner_text("h1")
        phone.close()

        coach = chromium.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
        page = coach.new_page()
        clicks = 0
        page.goto(base + "/beheer/")
        shot(page, "1-aanmelden")
        page.fill("#naam", "Els")
        page.fill("#wachtwoord", PASSWORD)
        page.click("button:has-text('Aanmelden')")
        page.click("text=Wortelstoemp van Amina")
        page.click("button:has-text('Goedkeuren: bewaar als recept')")
        clicks += 3  # Aanmelden, the submission, Goedkeuren
        shot(page, "2-goedgekeurd")
        assert "Zet online" in page.inner_text(".melding")
        started = time.perf_counter()
        page.click("button:has-text('Zet online')")  # on the list she is back on
        clicks += 1
        shot(page, "4-bezig")
        page.wait_for_selector("h2:has-text('Online gezet')", timeout=240_000)
        took = time.perf_counter() - started
        shot(page, "5-online-gezet")
        print(f"Zet online -> Online gezet: {took:.1f} s; clicks from log-in to online: {clicks}")

        published = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
        assert "recepten/wortelstoemp-van-amina/index.html" in published
        made_from_photo = [
            name
            for name in published
            if name.startswith(("fotos/wortelstoemp-van-amina", "delen/wortelstoemp-van-amina"))
        ]
        assert len(made_from_photo) == 7, published  # 3 sizes as JPEG and WebP, the share image
        page_html = served / "recepten" / "wortelstoemp-van-amina" / "index.html"
        assert "Wortelstoemp van Amina" in page_html.read_text(encoding="utf-8")
        assert git(project, "log", "-1", "--format=%an|%s").strip() == (
            "Els|Recept goedgekeurd: recepten/wortelstoemp-van-amina.md"
        )
        photo_file = project / "content" / "recepten" / "wortelstoemp-van-amina.jpg"
        assert photo_file.is_file() and "wortelstoemp-van-amina.jpg" not in git(project, "ls-files")
        old_images = {photo_file.read_bytes()} | {
            (served / name).read_bytes() for name in made_from_photo
        }
        old_blobs = {blob(project, data) for data in old_images}

        # Amina withdraws her consent for the photo: the coach removes it and publishes again.
        page.click(".beheer-nav >> text=Recepten")
        page.fill("#zoek", "wortelstoemp")
        page.click("button:has-text('Zoek')")
        page.click("text=Wortelstoemp van Amina")
        page.check("text=Ja, haal de foto weg.")
        page.click("button:has-text('Foto verwijderen')")
        shot(page, "6-foto-verwijderd")
        page.click(".beheer-nav >> text=Zet online")
        page.click("button:has-text('Zet online')")
        page.wait_for_selector("h2:has-text('Online gezet')", timeout=240_000)
        coach.close()

    published = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "recepten/wortelstoemp-van-amina/index.html" in published
    assert not [name for name in published if name.startswith("fotos/wortelstoemp")]
    assert not photo_file.exists()
    # No copy of the photo or of an image made from it, anywhere: the branch, the served
    # site, the project's own files (content, site/, the build's cache) and its history.
    remote_blobs = set(git(remote, "rev-list", "--objects", "gh-pages").split())
    assert not old_blobs & remote_blobs
    everywhere = [p for folder in (project, served) for p in folder.rglob("*") if p.is_file()]
    assert not [p for p in everywhere if ".git" not in p.parts and p.read_bytes() in old_images]
    assert not old_blobs & set(git(project, "rev-list", "--objects", "--all").split())
    assert git(project, "log", "-1", "--format=%an|%s").strip() == (
        "Els|Foto verwijderd: recepten/wortelstoemp-van-amina.md"
    )
