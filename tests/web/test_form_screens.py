"""What the form shown one question at a time needs from the server: each screen checked by
the rules of the form (POST /controleren, which stores nothing) and our own drawings for
the kinds of dish and the competences."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from form_helpers import csrf_token, form_fields
from kookboek.content.project import load_competences
from kookboek.content.vocabulary import CATEGORIES
from kookboek.images.svg import vector_problem
from kookboek.inbox.store import Inbox
from kookboek.inbox.submission import RawSubmission, SubmissionErrors, parse_submission
from kookboek.web.shared import ICONS_DIR
from project_paths import REPO


def check(client: FlaskClient, token: str, **fields: object) -> dict[str, str]:
    response = client.post("/controleren", data={"csrf_token": token, **fields})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Type"] == "application/json"
    errors: dict[str, str] = response.get_json()["fouten"]
    return errors


def test_a_screen_is_checked_by_the_rules_of_the_form(
    client: FlaskClient, token: str, app: Flask
) -> None:
    answers = {
        "titel": "Stoemp",
        "porties": "veel",
        "ingredient_naam": ["uien", "", "prei"],
        "ingredient_hoeveelheid": ["2", "", ""],
        "ingredient_eenheid": ["stuk", "", ""],
        "ingredient_prijs": ["", "", ""],
    }
    errors = check(client, token, **answers)
    form: MultiDict[str, str] = MultiDict()
    for name, value in answers.items():
        form.setlist(name, value if isinstance(value, list) else [value])
    raw = RawSubmission.from_form(form.get, form.getlist)
    with pytest.raises(SubmissionErrors) as sent:
        parse_submission(raw, {"plannen", "rekenen", "samenwerken"})
    assert errors == sent.value.errors  # the very messages the form gets when it is sent
    assert errors["porties"] == "Schrijf een getal, bijvoorbeeld 4."
    assert "ingredient-2" in errors and "ingredient-1" not in errors  # empty rows don't count
    assert "titel" not in errors
    assert check(client, token, **form_fields()) == {}
    inbox = Inbox(app.config["INBOX_DIR"])
    assert inbox.entries() == []  # nothing is stored, not even a draft
    assert not inbox.drafts.exists() or not any(inbox.drafts.iterdir())


def test_checking_needs_the_forms_token(client: FlaskClient) -> None:
    assert client.post("/controleren", data={"titel": "Soep"}).status_code == 400


def test_walking_the_screens_never_uses_up_the_posts_that_send(
    make_app: Callable[..., Flask],
) -> None:
    app = make_app(POST_LIMIT=(2, 600.0), CHECK_LIMIT=(3, 600.0))
    client = app.test_client()
    token = csrf_token(client.get("/").get_data(as_text=True))
    for _ in range(3):
        check(client, token, titel="Soep")
    assert client.post("/controleren", data={"csrf_token": token}).status_code == 429
    sent = client.post("/", data={"csrf_token": token, **form_fields()})
    assert sent.status_code == 303  # the posts that send are counted on their own


def test_every_kind_of_dish_and_competence_has_a_plain_drawing() -> None:
    competences = load_competences(REPO / "content")
    names = [f"soort-{c}" for c in CATEGORIES] + [f"competentie-{c.id}" for c in competences]
    for name in names:
        drawing = ICONS_DIR / f"{name}.svg"
        assert drawing.is_file(), name
        assert vector_problem(drawing.read_bytes()) is None, name
    assert sorted(p.stem for p in ICONS_DIR.glob("*.svg")) == sorted(names)  # none unused


def test_the_drawings_are_decoration_beside_the_words(
    make_app: Callable[..., Flask], valid_content: Path
) -> None:
    competences = valid_content / "competenties.yml"
    competences.write_text(
        competences.read_text(encoding="utf-8")
        + "- id: geduld\n  naam: Geduld\n  uitleg: Je wacht tot het gaar is.\n",
        encoding="utf-8",
    )
    page = make_app().test_client().get("/").get_data(as_text=True)
    for category in CATEGORIES:
        assert re.search(
            rf'value="{category}"[^>]*> <img class="keuze__icoon" '
            rf'src="/static/iconen/soort-{category}.svg" alt="" width="40" height="40">',
            page,
        ), category
    assert 'src="/static/iconen/competentie-plannen.svg" alt=""' in page
    # A competence nobody drew yet: its words, and no picture that is not there.
    assert 'value="geduld"' in page and "<strong>Geduld</strong>" in page
    assert "competentie-geduld" not in page
    assert page.count('class="keuze__icoon"') == len(CATEGORIES) + 3
