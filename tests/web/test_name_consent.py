"""A participant's first name: on her recipe's page, never in the project's history, and gone
from every copy (project folder, git objects, built site) once she withdraws it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from test_edit_published import form_of, unescape

from form_helpers import csrf_token, sample_submission, send
from kookboek.content.participants import PARTICIPANTS_FILE
from kookboek.inbox.store import Inbox
from kookboek.publishing.jobs import Jobs
from kookboek.web import create_app
from kookboek.web.accounts import ACCOUNTS_FILE, Accounts
from sample_project import copy_sample_project

pytestmark = pytest.mark.slow
NAME = "Zuleika"  # in no fixture: every occurrence is hers
ELS = "els-haar-eigen-wachtwoord"
SLUG = "soep-van-de-week"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def files_naming_her(folder: Path) -> list[str]:
    """Every file under ``folder`` whose bytes (or, for a PDF, text) hold her name."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".pdf":
            data = subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, check=True
            ).stdout
        if NAME.encode() in data:
            found.append(path.relative_to(folder).as_posix())
    return found


def every_git_object(project: Path) -> bytes:
    """The content of every object in the repository (loose and packed), uncompressed."""
    return subprocess.run(
        ["git", "-C", str(project), "cat-file", "--batch-all-objects", "--batch"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip


def put_online(app: Flask, client: FlaskClient, token: str) -> None:
    assert client.post("/beheer/online", data={"csrf_token": token}).status_code == 303
    jobs: Jobs = app.extensions["kookboek.jobs"]
    state = jobs.wait(300)
    assert state is not None and state.status == "online", state


def test_her_name_is_on_her_page_never_in_the_history_and_withdrawn_from_every_copy(
    tmp_path: Path,
) -> None:
    project = copy_sample_project(tmp_path / "project")
    served = tmp_path / "www" / "site"
    (project / "publiceren.yml").write_text(f"git_remote: nee\nmap: {served}\n", encoding="utf-8")
    app = create_app(
        {"TESTING": True, "INBOX_DIR": tmp_path / "inzendingen", "CONTENT_DIR": project / "content"}
    )
    Accounts(tmp_path / "inzendingen" / ACCOUNTS_FILE).add("Els", ELS)
    entry_id = send(
        Inbox(tmp_path / "inzendingen"), sample_submission("Soep van de week", author=NAME)
    )
    client = app.test_client()
    token = csrf_token(client.get("/beheer/aanmelden").get_data(as_text=True))
    client.post("/beheer/aanmelden", data={"csrf_token": token, "naam": "Els", "wachtwoord": ELS})
    assert (
        client.post(f"/beheer/{entry_id}/goedkeuren", data={"csrf_token": token}).status_code == 303
    )

    # Approved: her name is in the private names file only, never in the recipe or history.
    recipe = project / "content" / "recepten" / f"{SLUG}.md"
    assert recipe.is_file() and NAME not in recipe.read_text(encoding="utf-8")
    names = project / "content" / PARTICIPANTS_FILE
    assert f"{SLUG}: {NAME}" in names.read_text(encoding="utf-8")
    assert git(project, "check-ignore", f"content/{PARTICIPANTS_FILE}").strip()
    assert NAME not in git(project, "log", "-p", "--all")
    commits = git(project, "rev-list", "--all").split()
    grep = subprocess.run(
        ["git", "-C", str(project), "grep", "-c", NAME, *commits], capture_output=True, text=True
    )
    assert grep.returncode == 1 and grep.stdout == ""  # 1: found nowhere
    assert NAME.encode() not in every_git_object(project)

    # Built: her name is on her recipe's page; the names file itself is never published.
    put_online(app, client, token)
    page = served / "recepten" / SLUG / "index.html"
    assert NAME in page.read_text(encoding="utf-8")
    assert not list(served.rglob(PARTICIPANTS_FILE)) and not list(served.rglob(".*"))
    assert not list((project / "site").rglob(PARTICIPANTS_FILE))
    naming_her = files_naming_her(served)
    assert f"recepten/{SLUG}/index.html" in naming_her
    # Besides her page only where the site repeats that page (search, news feed, booklets).
    assert all(
        path in {f"recepten/{SLUG}/index.html", "search/search_index.json", "feed.xml"}
        or path.endswith(".pdf")
        for path in naming_her
    ), naming_her

    # She withdraws her name: the coach empties the first name in the recipe's editor.
    editor = f"/beheer/recepten/{SLUG}"
    fields = {k: unescape(v) for k, v in form_of(client.get(editor).get_data(as_text=True)).items()}
    assert fields["voornaam"] == NAME
    fields["voornaam"] = ""
    saved = client.post(editor, data=fields, follow_redirects=True).get_data(as_text=True)
    assert "De wijzigingen zijn bewaard" in saved and "Oudere versies" not in saved
    assert NAME not in names.read_text(encoding="utf-8")
    # Nowhere in the project folder (.git included) but in the site built before, which
    # the next Zet online replaces.
    assert {p.split("/")[0] for p in files_naming_her(project)} <= {"site"}
    assert NAME.encode() not in every_git_object(project)

    # Putting back the version that was approved does not bring her name back.
    approved = git(project, "log", "--format=%H", "--", f"content/recepten/{SLUG}.md").split()[-1]
    version = form_of(client.get(editor).get_data(as_text=True))["versie"]
    restored = client.post(
        f"{editor}/terugzetten",
        data={"csrf_token": token, "commit": approved, "versie": version},
    )
    assert restored.status_code == 303
    assert NAME not in client.get(editor).get_data(as_text=True)

    put_online(app, client, token)
    assert (served / "recepten" / SLUG / "index.html").is_file()
    assert files_naming_her(served) == []
    assert files_naming_her(project) == []
