"""Zet online from /beheer: a real build of a real project, published to a bare git remote's
gh-pages and to a served folder, with the approval in the project's history."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from flask import Flask

from form_helpers import csrf_token, jpeg_with_gps, sample_submission, send
from kookboek.inbox.store import Inbox
from kookboek.publishing.jobs import Jobs
from kookboek.web import create_app
from kookboek.web.accounts import ACCOUNTS_FILE, Accounts
from sample_project import copy_sample_project

pytestmark = pytest.mark.slow
REAL_ADDRESS = "https://kookgroep.github.io/kookboek/"
ELS = "els-haar-eigen-wachtwoord"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def published_project(tmp_path: Path) -> tuple[Path, Path]:
    """The sample project in git with a bare remote as origin; the server serves a folder."""
    project = copy_sample_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "site_url: https://example.org/kookboek/", f"site_url: {REAL_ADDRESS}"
        ),
        encoding="utf-8",
    )
    (project / ".gitignore").write_text("/site/\n.cache/\n", encoding="utf-8")
    (project / "publiceren.yml").write_text(
        f"git_remote: origin\nmap: {tmp_path / 'www' / 'site'}\n", encoding="utf-8"
    )
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(project, "init", "-q", "-b", "main")
    git(project, "remote", "add", "origin", str(remote))
    return project, remote


def test_approve_then_zet_online_reaches_gh_pages_the_served_folder_and_the_history(
    published_project: tuple[Path, Path], tmp_path: Path
) -> None:
    project, remote = published_project
    app = create_app(
        {
            "TESTING": True,
            "INBOX_DIR": tmp_path / "inzendingen",
            "CONTENT_DIR": project / "content",
        }
    )
    Accounts(tmp_path / "inzendingen" / ACCOUNTS_FILE).add("Els", ELS)
    entry_id = send(
        Inbox(tmp_path / "inzendingen"),
        sample_submission("Soep van de week"),
        jpeg_with_gps((640, 480)),
    )
    client = app.test_client()
    token = csrf_token(client.get("/beheer/aanmelden").get_data(as_text=True))
    client.post("/beheer/aanmelden", data={"csrf_token": token, "naam": "Els", "wachtwoord": ELS})
    approved = client.post(f"/beheer/{entry_id}/goedkeuren", data={"csrf_token": token})
    assert approved.status_code == 303
    recipe = project / "content" / "recepten" / "soep-van-de-week.md"
    assert recipe.is_file()
    assert git(project, "log", "-1", "--format=%an|%s").strip() == (
        "Els|Recept goedgekeurd: recepten/soep-van-de-week.md"
    )
    # Her photo is not in the project's history.
    assert "soep-van-de-week.jpg" not in git(project, "ls-files")

    started = client.post("/beheer/online", data={"csrf_token": token})
    assert started.status_code == 303
    running = client.get("/beheer/online").get_data(as_text=True)
    assert "Bezig met online zetten" in running and 'http-equiv="refresh"' in running
    # A second click joins the running job.
    client.post("/beheer/online", data={"csrf_token": token})
    jobs: Jobs = app.extensions["kookboek.jobs"]
    state = jobs.wait(300)
    assert state is not None and state.status == "online", state
    page = client.get("/beheer/online").get_data(as_text=True)
    assert "Online gezet" in page and "door Els" in page
    assert client.get("/beheer/online.json").get_json()["status"] == "online"

    published = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "recepten/soep-van-de-week/index.html" in published
    assert git(remote, "rev-list", "--count", "gh-pages").strip() == "1"
    served = tmp_path / "www" / "site" / "recepten" / "soep-van-de-week" / "index.html"
    assert "Soep van de week" in served.read_text(encoding="utf-8")
    assert any(p.startswith("downloads/") and p.endswith(".pdf") for p in published)


def test_problems_name_the_recipe_and_nothing_is_published(
    published_project: tuple[Path, Path], tmp_path: Path, password_hash: str
) -> None:
    project, remote = published_project
    broken = project / "content" / "recepten" / "linzensoep.md"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("porties: 4", "porties: veel"), "utf-8"
    )
    app: Flask = create_app(
        {
            "TESTING": True,
            "INBOX_DIR": tmp_path / "inzendingen",
            "CONTENT_DIR": project / "content",
            "BEHEER_PASSWORD_HASH": password_hash,
        }
    )
    client = app.test_client()
    token = csrf_token(client.get("/beheer/aanmelden").get_data(as_text=True))
    client.post("/beheer/aanmelden", data={"csrf_token": token, "wachtwoord": "soep-is-lekker-42"})
    client.post("/beheer/online", data={"csrf_token": token})
    state = app.extensions["kookboek.jobs"].wait(120)
    assert state.status == "problemen"
    assert any(p.file == "recepten/linzensoep.md" and "porties" in p.text for p in state.problems)
    page = client.get("/beheer/online").get_data(as_text=True)
    assert "Niet online gezet" in page and "linzensoep.md" in page
    assert 'href="/beheer/recepten/linzensoep">Pas aan</a>' in page  # fixed in the browser
    assert git(remote, "branch", "--list").strip() == ""
    assert not (tmp_path / "www" / "site").exists()


def test_with_the_setting_approving_puts_the_site_online_at_once(
    published_project: tuple[Path, Path], tmp_path: Path
) -> None:
    project, remote = published_project
    settings = project / "publiceren.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "meteen_bij_goedkeuren: ja\n", encoding="utf-8"
    )
    app = create_app(
        {"TESTING": True, "INBOX_DIR": tmp_path / "inzendingen", "CONTENT_DIR": project / "content"}
    )
    Accounts(tmp_path / "inzendingen" / ACCOUNTS_FILE).add("Sofie", ELS)
    entry_id = send(Inbox(tmp_path / "inzendingen"), sample_submission("Snelle soep"), None)
    client = app.test_client()
    token = csrf_token(client.get("/beheer/aanmelden").get_data(as_text=True))
    client.post("/beheer/aanmelden", data={"csrf_token": token, "naam": "Sofie", "wachtwoord": ELS})
    approved = client.post(f"/beheer/{entry_id}/goedkeuren", data={"csrf_token": token})
    assert approved.status_code == 303 and approved.headers["Location"].endswith("/beheer/online")
    state = app.extensions["kookboek.jobs"].wait(300)
    assert state is not None and state.status == "online" and state.by == "Sofie"
    published = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "recepten/snelle-soep/index.html" in published
