from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from form_helpers import (
    csrf_token,
    entry_folders,
    jpeg_with_gps,
    preview_document,
    sample_raw_submission,
    send,
)
from kookboek.content.project import load_project
from kookboek.inbox.store import Inbox
from kookboek.inbox.submission import RawIngredient, parse_submission
from kookboek.web.passwords import ENV_VARIABLE

PASSWORD = "soep-is-lekker-42"
# Inbox photos are always real JPEGs (the form re-encodes them); the check opens them.
PHOTO = jpeg_with_gps((64, 48))


def add_entry(app: Flask, photo: bytes | None = PHOTO, **changes: object) -> str:
    raw = sample_raw_submission(steps=("Kook <alles> gaar.",), **changes)
    submission = parse_submission(raw, {"plannen", "rekenen"}, today=dt.date(2026, 10, 14))
    return send(Inbox(app.config["INBOX_DIR"]), submission, photo)


def test_without_a_password_beheer_says_how_to_set_one(
    make_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    client = make_app(BEHEER_PASSWORD_HASH=None).test_client()
    for url in ("/beheer/", "/beheer/aanmelden"):
        response = client.get(url)
        html = response.get_data(as_text=True)
        assert response.status_code == 503
        assert "kookboek beheer-wachtwoord --inbox" in html and ENV_VARIABLE in html


def test_the_password_can_come_from_the_environment(
    make_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch, password_hash: str
) -> None:
    monkeypatch.setenv(ENV_VARIABLE, password_hash)
    client = make_app(BEHEER_PASSWORD_HASH=None).test_client()
    token = csrf_token(client.get("/beheer/aanmelden").get_data(as_text=True))
    response = client.post("/beheer/aanmelden", data={"csrf_token": token, "wachtwoord": PASSWORD})
    assert response.status_code == 303


def test_pages_need_a_login(app: Flask, client: FlaskClient, token: str) -> None:
    entry_id = add_entry(app)
    for url in ("/beheer/", f"/beheer/{entry_id}", f"/beheer/{entry_id}/foto"):
        response = client.get(url)
        assert response.status_code == 303 and "/beheer/aanmelden" in response.headers["Location"]
    response = client.post(f"/beheer/{entry_id}/goedkeuren", data={"csrf_token": token})
    assert response.status_code == 303 and len(Inbox(app.config["INBOX_DIR"]).entries()) == 1


def test_a_wrong_password_is_refused_and_guessing_is_limited(
    make_app: Callable[..., Flask],
) -> None:
    client = make_app(LOGIN_LIMIT=(3, 600)).test_client()
    token = csrf_token(client.get("/beheer/aanmelden").get_data(as_text=True))
    codes = [
        client.post(
            "/beheer/aanmelden", data={"csrf_token": token, "wachtwoord": guess}
        ).status_code
        for guess in ("soep", "", "SOEP-IS-LEKKER-42", PASSWORD)
    ]
    assert codes == [401, 401, 401, 429]
    assert client.get("/beheer/").status_code == 303


def test_list_and_preview_as_on_the_site(app: Flask, coach: FlaskClient) -> None:
    entry_id = add_entry(app)
    listing = coach.get("/beheer/").get_data(as_text=True)
    assert "Stoemp met prei" in listing and f"/beheer/{entry_id}" in listing
    page = preview_document(coach.get(f"/beheer/{entry_id}").get_data(as_text=True))
    assert 'class="kb-recipe"' in page and "Wat kost het?" in page
    assert "€\xa00,38" in page  # (2 onions € 0,30 + leek € 1,20) / 4, rounded half up
    assert "Kook &lt;alles&gt; gaar." in page
    assert coach.get(f"/beheer/{entry_id}/foto").data == PHOTO


def test_pricing_problems_are_shown_and_block_approval(
    app: Flask, coach: FlaskClient, token: str, valid_content: Path
) -> None:
    entry_id = add_entry(app, ingredients=[RawIngredient("saffraan", "1", "g", "")])
    page = coach.get(f"/beheer/{entry_id}").get_data(as_text=True)
    assert "saffraan" in page and "prijzen.yml" in page and "disabled" in page
    assert "nog niet bekend" in preview_document(page)  # the line without a price
    response = coach.post(f"/beheer/{entry_id}/goedkeuren", data={"csrf_token": token})
    assert response.status_code == 303
    assert "Nog niet goedgekeurd" in coach.get(response.headers["Location"]).get_data(as_text=True)
    assert not (valid_content / "recepten" / "stoemp-met-prei.md").exists()


def test_edit_then_approve_writes_the_recipe_and_deletes_the_entry(
    app: Flask, coach: FlaskClient, token: str, valid_content: Path
) -> None:
    entry_id = add_entry(app, ingredients=[RawIngredient("saffraan", "1", "g", "")])
    form = coach.get(f"/beheer/{entry_id}/bewerken").get_data(as_text=True)
    assert 'value="saffraan"' in form
    fields = {
        "csrf_token": token,
        "titel": "Stoemp met saffraan",
        "beschrijving": "Stevig.",
        "categorie": "hoofdgerecht",
        "porties": "4",
        "tijd": "35",
        "ingredient_naam": ["saffraan"],
        "ingredient_hoeveelheid": ["1"],
        "ingredient_eenheid": ["g"],
        "ingredient_prijs": ["2,50"],
        "stap": ["Kook."],
        "competenties": ["plannen"],
        "voornaam": "Samira",
        "foto_alt": "Een bord gele stoemp",
    }
    bad = coach.post(f"/beheer/{entry_id}/bewerken", data={**fields, "porties": "veel"})
    assert bad.status_code == 422 and 'id="fout-porties"' in bad.get_data(as_text=True)
    saved = coach.post(f"/beheer/{entry_id}/bewerken", data=fields)
    assert saved.status_code == 303
    approved = coach.post(f"/beheer/{entry_id}/goedkeuren", data={"csrf_token": token})
    assert approved.status_code == 303
    assert "stoemp-met-saffraan.md" in coach.get("/beheer/").get_data(as_text=True)
    assert Inbox(app.config["INBOX_DIR"]).entries() == []
    recipe = next(r for r in load_project(valid_content).recipes if r.slug == "stoemp-met-saffraan")
    assert recipe.photo_alt == "Een bord gele stoemp" and recipe.author == "Samira"


def ticked_allergens(page: str) -> list[str]:
    boxes = re.findall(
        r'<input type="checkbox" name="allergenen" value="([a-z]+)"( checked)?', page
    )
    assert len(boxes) == 14, "one box per EU-14 allergen"
    return [value for value, checked in boxes if checked]


def test_the_coach_confirms_the_derived_allergens_before_approving(
    app: Flask, coach: FlaskClient, token: str, valid_content: Path
) -> None:
    ingredients = [
        RawIngredient("melk", "5", "dl", ""),
        RawIngredient("bloem", "200", "g", ""),
        RawIngredient("verse munt", "1", "stuk", "0,99"),
    ]
    entry_id = add_entry(app, ingredients=ingredients)
    page = coach.get(f"/beheer/{entry_id}").get_data(as_text=True)
    assert ticked_allergens(page) == ["gluten", "melk"]
    assert '<strong>Gluten</strong><span class="uitleg">in bloem</span>' in page
    assert "<strong>Niet bekend voor:</strong> verse munt." in page
    assert "disabled" not in page.split("Goedkeuren en publiceren")[0].rsplit("<button", 1)[1]
    assert "Allergenen:</strong> nog niet bekend" in preview_document(page)

    unticked = coach.post(
        f"/beheer/{entry_id}/goedkeuren", data={"csrf_token": token, "allergenen": ["gluten"]}
    )
    shown = coach.get(unticked.headers["Location"]).get_data(as_text=True)
    assert "&#39;melk&#39; zit in &#39;melk&#39; (volgens prijzen.yml): vink melk aan." in shown
    assert not (valid_content / "recepten" / "stoemp-met-prei.md").exists()

    confirmed = {"csrf_token": token, "allergenen": ["melk", "gluten", "sesam", "onzin"]}
    assert coach.post(f"/beheer/{entry_id}/goedkeuren", data=confirmed).status_code == 303
    text = (valid_content / "recepten" / "stoemp-met-prei.md").read_text(encoding="utf-8")
    assert "allergenen:\n- gluten\n- melk\n- sesam\n" in text
    project = load_project(valid_content)
    recipe = next(r for r in project.recipes if r.slug == "stoemp-met-prei")
    assert recipe.allergens == ("gluten", "melk", "sesam")
    assert any("'verse munt'" in w.message for w in project.warnings)


def test_rejecting_needs_a_confirmation_and_deletes(
    app: Flask, coach: FlaskClient, token: str
) -> None:
    entry_id = add_entry(app)
    coach.post(f"/beheer/{entry_id}/weigeren", data={"csrf_token": token})
    assert len(Inbox(app.config["INBOX_DIR"]).entries()) == 1
    coach.post(f"/beheer/{entry_id}/weigeren", data={"csrf_token": token, "bevestig": "ja"})
    assert Inbox(app.config["INBOX_DIR"]).entries() == []
    assert entry_folders(app.config["INBOX_DIR"]) == []


@pytest.mark.parametrize("entry_id", ["..", "..%2F..%2Fcontent", "a" * 31, "%2e%2e", "ABC"])
def test_ids_cannot_reach_other_files(coach: FlaskClient, token: str, entry_id: str) -> None:
    assert coach.get(f"/beheer/{entry_id}").status_code == 404
    assert coach.get(f"/beheer/{entry_id}/foto").status_code == 404
    response = coach.post(
        f"/beheer/{entry_id}/weigeren", data={"csrf_token": token, "bevestig": "ja"}
    )
    assert response.status_code == 404


def test_coach_actions_need_the_csrf_token(app: Flask, coach: FlaskClient) -> None:
    entry_id = add_entry(app)
    assert coach.post(f"/beheer/{entry_id}/goedkeuren").status_code == 400
    assert coach.post(f"/beheer/{entry_id}/weigeren", data={"bevestig": "ja"}).status_code == 400
    assert len(Inbox(app.config["INBOX_DIR"]).entries()) == 1
