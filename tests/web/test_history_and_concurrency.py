"""Every change is kept and can be undone; a save over a colleague's change is refused."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

from flask import Flask

from form_helpers import coaches, csrf_token, form_fields, sample_submission, send
from kookboek.inbox.store import Inbox
from kookboek.publishing.catalogue import list_recipes


def hidden(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, f"no {name} in the page"
    return match.group(1)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def test_two_coaches_edit_the_same_submission_the_second_keeps_her_text(app: Flask) -> None:
    entry_id = send(Inbox(app.config["INBOX_DIR"]), sample_submission(), None)
    clients = coaches(app)
    pages = {
        name: client.get(f"/beheer/{entry_id}/bewerken").get_data(as_text=True)
        for name, client in clients.items()
    }
    els = {**form_fields(titel="Stoemp van Els"), "csrf_token": csrf_token(pages["Els"]),
           "versie": hidden(pages["Els"], "versie")}  # fmt: skip
    assert clients["Els"].post(f"/beheer/{entry_id}/bewerken", data=els).status_code == 303
    sofie = {**form_fields(titel="Stoemp van Sofie"), "csrf_token": csrf_token(pages["Sofie"]),
             "versie": hidden(pages["Sofie"], "versie")}  # fmt: skip
    refused = clients["Sofie"].post(f"/beheer/{entry_id}/bewerken", data=sofie)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "ondertussen veranderd door Els om" in html
    assert 'value="Stoemp van Sofie"' in html  # her text is kept in the form
    assert Inbox(app.config["INBOX_DIR"]).get(entry_id).submission.title == "Stoemp van Els"
    # Having seen it, she saves again: now it counts.
    again = {**sofie, "versie": hidden(html, "versie")}
    assert clients["Sofie"].post(f"/beheer/{entry_id}/bewerken", data=again).status_code == 303
    assert Inbox(app.config["INBOX_DIR"]).get(entry_id).submission.title == "Stoemp van Sofie"


def test_approving_a_version_a_colleague_changed_is_refused(app: Flask) -> None:
    entry_id = send(Inbox(app.config["INBOX_DIR"]), sample_submission(), None)
    clients = coaches(app)
    review = clients["Sofie"].get(f"/beheer/{entry_id}").get_data(as_text=True)
    edit = clients["Els"].get(f"/beheer/{entry_id}/bewerken").get_data(as_text=True)
    els = {**form_fields(titel="Stoemp met spek"), "csrf_token": csrf_token(edit),
           "versie": hidden(edit, "versie")}  # fmt: skip
    clients["Els"].post(f"/beheer/{entry_id}/bewerken", data=els)
    data = {"csrf_token": csrf_token(review), "versie": hidden(review, "versie")}
    refused = clients["Sofie"].post(f"/beheer/{entry_id}/goedkeuren", data=data)
    assert refused.status_code == 303
    shown = clients["Sofie"].get(f"/beheer/{entry_id}").get_data(as_text=True)
    assert "ondertussen veranderd door Els" in shown
    assert Inbox(app.config["INBOX_DIR"]).entries()  # not approved


def test_history_shows_who_and_an_earlier_version_comes_back(
    app: Flask, valid_content: Path
) -> None:
    clients = coaches(app)
    recipe = valid_content / "recepten" / "linzensoep.md"
    original = recipe.read_text(encoding="utf-8")
    page = clients["Els"].get("/beheer/recepten/linzensoep/geschiedenis").get_data(as_text=True)
    token, version = csrf_token(page), hidden(page, "versie")
    # Taken offline by Els: a commit with her as author.
    data = {"csrf_token": token, "versie": version, "bevestig": "ja"}
    clients["Els"].post("/beheer/recepten/linzensoep/offline", data=data)
    assert not recipe.exists()
    project = Path(app.config["PROJECT_DIR"])
    assert git(project, "log", "-1", "--format=%an|%s").strip() == (
        "Els|Recept offline gehaald: recepten/linzensoep.md"
    )
    page = clients["Sofie"].get("/beheer/recepten/linzensoep/geschiedenis").get_data(as_text=True)
    assert "Recept offline gehaald" in page and "door Els" in page
    first = re.findall(r"/beheer/recepten/linzensoep/versie/([0-9a-f]{40})", page)[-1]
    old = clients["Sofie"].get(f"/beheer/recepten/linzensoep/versie/{first}")
    old_page = old.get_data(as_text=True)
    assert "titel: Linzensoep" in old_page
    data = {
        "csrf_token": csrf_token(old_page),
        "versie": hidden(old_page, "versie"),
        "commit": first,
    }
    back = clients["Sofie"].post("/beheer/recepten/linzensoep/terugzetten", data=data)
    assert back.status_code == 303, back.get_data(as_text=True)
    shown = clients["Sofie"].get(back.headers["Location"]).get_data(as_text=True)
    assert "staat terug" in shown
    assert recipe.read_text(encoding="utf-8") == original
    log = git(project, "log", "--format=%an|%s", "--", "content/recepten/linzensoep.md")
    assert log.splitlines()[:2] == [
        f"Sofie|Oude versie teruggezet van linzensoep.md ({first[:7]})",
        "Els|Recept offline gehaald: recepten/linzensoep.md",
    ]


def test_a_restore_over_a_newer_change_is_refused(app: Flask, valid_content: Path) -> None:
    clients = coaches(app)
    recipe = valid_content / "recepten" / "linzensoep.md"
    page = clients["Els"].get("/beheer/recepten/linzensoep/geschiedenis").get_data(as_text=True)
    stale = hidden(page, "versie")
    time.sleep(0.01)
    recipe.write_text(recipe.read_text(encoding="utf-8") + "\nExtra.\n", encoding="utf-8")
    data = {"csrf_token": csrf_token(page), "versie": stale, "bevestig": "ja"}
    clients["Els"].post("/beheer/recepten/linzensoep/offline", data=data)
    assert recipe.exists()
    shown = clients["Els"].get("/beheer/recepten/linzensoep/geschiedenis").get_data(as_text=True)
    assert "ondertussen veranderd door" in shown


def test_the_recipe_list_searches_by_title_and_is_fast_with_a_thousand(
    app: Flask, tmp_path: Path
) -> None:
    clients = coaches(app)
    html = clients["Els"].get("/beheer/recepten/?zoek=linzen").get_data(as_text=True)
    assert "Linzensoep" in html and "Pannenkoeken" not in html
    many = tmp_path / "veel"
    (many / "recepten").mkdir(parents=True)
    for number in range(1000):
        (many / "recepten" / f"recept-{number}.md").write_text(
            f"---\ntitel: Recept nummer {number}\nbeschrijving: Lekker.\n---\n\nTekst.\n" * 3,
            encoding="utf-8",
        )
    started = time.perf_counter()
    found = list_recipes(many, "nummer 99")
    took = time.perf_counter() - started
    titles = {r.title for r in found}
    assert {"Recept nummer 99", "Recept nummer 990"} <= titles and "Recept nummer 98" not in titles
    assert len(titles) == sum("99" in str(n) for n in range(1000))
    assert took < 0.5, took
    app.config["CONTENT_DIR"] = many
    started = time.perf_counter()
    page = clients["Els"].get("/beheer/recepten/")
    took = time.perf_counter() - started
    assert page.get_data(as_text=True).count('class="kaart"') == 1000
    assert took < 1.0, took
