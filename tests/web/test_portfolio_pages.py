"""The portfolios on /beheer/portfolio, through Flask's test client."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from form_helpers import send
from kookboek.inbox.store import Inbox
from kookboek.inbox.submission import RawIngredient, RawSubmission, parse_submission
from kookboek.portfolio.store import PortfolioStore
from project_paths import FIXTURES


@pytest.fixture
def app(make_app: Callable[..., Flask], valid_content: Path, tmp_path: Path) -> Flask:
    shutil.copytree(FIXTURES / "portfolio" / "content", valid_content, dirs_exist_ok=True)
    return make_app(PORTFOLIO_DIR=tmp_path / "portfolio")


def kept(app: Flask) -> PortfolioStore:
    return PortfolioStore(app.config["PORTFOLIO_DIR"])


def add(coach: FlaskClient, token: str, name: str, **extra: str) -> None:
    data = {"csrf_token": token, "naam": name, "groep": "Dinsdag", "toestemming": "2026-10-01"}
    response = coach.post("/beheer/portfolio/deelnemers", data={**data, **extra})
    assert response.status_code == 303, response.get_data(as_text=True)


def test_the_pages_are_for_the_coach_only(client: FlaskClient) -> None:
    for path in (
        "/beheer/portfolio/",
        "/beheer/portfolio/kookmoment",
        "/beheer/portfolio/overzicht",
    ):
        response = client.get(path)
        assert response.status_code == 303
        assert response.headers["Location"].endswith("/beheer/aanmelden")


def test_not_over_plain_http_from_another_computer(client: FlaskClient) -> None:
    response = client.get("/beheer/portfolio/", environ_base={"REMOTE_ADDR": "192.168.1.20"})
    assert response.status_code == 403


def test_a_participant_needs_a_name_and_her_consent(
    app: Flask, coach: FlaskClient, token: str
) -> None:
    response = coach.post(
        "/beheer/portfolio/deelnemers", data={"csrf_token": token, "naam": "", "toestemming": ""}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Vul haar voornaam of een bijnaam in." in page
    assert "Vul de dag in waarop ze toestemming gaf" in page
    assert kept(app).all() == []
    add(coach, token, "Zoulikha")
    response = coach.post(
        "/beheer/portfolio/deelnemers",
        data={"csrf_token": token, "naam": "zoulikha", "toestemming": "2026-10-01"},
    )
    assert response.status_code == 422
    assert "Er is al een portfolio van" in response.get_data(as_text=True)


def test_a_session_an_observation_her_pdf_export_and_erasure(
    app: Flask, coach: FlaskClient, token: str
) -> None:
    add(coach, token, "Zoulikha")
    add(coach, token, "Marieke")
    store = kept(app)
    zoulikha, marieke = store.key_of("Zoulikha"), store.key_of("Marieke")
    response = coach.post(
        "/beheer/portfolio/kookmoment",
        data={
            "csrf_token": token,
            "datum": "2026-10-14",
            "recept": "recept:linzensoep",
            "personen": "8",
            "aanwezig": [zoulikha, marieke],
            f"taken-{zoulikha}": ["menu-plannen", "boodschappen-en-budget"],
            f"taken-{marieke}": ["koken-voor-de-groep"],
        },
    )
    assert response.status_code == 303
    hers = store.get("Zoulikha")
    assert [
        (s.date, s.recipe.title if s.recipe else None, s.tasks, s.people) for s in hers.sessions
    ] == [(dt.date(2026, 10, 14), "Linzensoep", ("menu-plannen", "boodschappen-en-budget"), 8)]
    assert store.get("Marieke").sessions[0].id == hers.sessions[0].id

    page = coach.get(f"/beheer/portfolio/{zoulikha}").get_data(as_text=True)
    assert "Linzensoep" in page and "Plannen, Rekenen" in page
    response = coach.post(
        f"/beheer/portfolio/{zoulikha}/observatie",
        data={
            "csrf_token": token,
            "tekst": "Rekende uit wat 8 porties kosten.",
            "auteur": "An",
            "competentie": "rekenen",
        },
    )
    assert response.status_code == 303
    observation = store.get("Zoulikha").observations[0]
    assert not observation.agreed
    pdf = coach.get(f"/beheer/portfolio/{zoulikha}/wat-ik-kan.pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    coach.post(
        f"/beheer/portfolio/{zoulikha}/observatie/{observation.id}/besproken",
        data={"csrf_token": token, "besproken": "ja"},
    )
    assert store.get("Zoulikha").observations[0].agreed_on == dt.date.today()

    exported = json.loads(coach.get(f"/beheer/portfolio/{zoulikha}/export.json").data)
    assert exported["portfolio"]["naam"] == "Zoulikha"
    assert exported["portfolio"]["sessies"][0]["competenties_geoefend"][0]["esco"]["uri"]

    refused = coach.post(f"/beheer/portfolio/{zoulikha}/verwijderen", data={"csrf_token": token})
    assert refused.status_code == 303 and store.exists("Zoulikha")
    gone = coach.post(
        f"/beheer/portfolio/{zoulikha}/verwijderen", data={"csrf_token": token, "bevestig": "ja"}
    )
    assert gone.status_code == 303 and not store.exists("Zoulikha")
    assert coach.get(f"/beheer/portfolio/{zoulikha}").status_code == 404
    assert [p.name for p in store.all()] == ["Marieke"]


def test_a_session_without_anyone_or_a_day_is_told_at_its_fields(
    app: Flask, coach: FlaskClient, token: str
) -> None:
    add(coach, token, "Zoulikha")
    response = coach.post(
        "/beheer/portfolio/kookmoment",
        data={"csrf_token": token, "datum": "", "recept": "tekst", "personen": "veel"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    for message in (
        "Kies de dag van het kookmoment.",
        "Schrijf wat jullie kookten, of kies een recept.",
        "Een getal van 1 tot 1000, of laat leeg.",
        "Vink aan wie er was.",
    ):
        assert message in page
    assert kept(app).get("Zoulikha").sessions == ()


def test_the_group_overview_counts_without_names(
    app: Flask, coach: FlaskClient, token: str
) -> None:
    add(coach, token, "Zoulikha")
    add(coach, token, "Marieke")
    store = kept(app)
    keys = [store.key_of("Zoulikha"), store.key_of("Marieke")]
    for day, present in (("2026-10-14", keys), ("2026-10-21", keys[:1]), ("2026-11-30", keys)):
        coach.post(
            "/beheer/portfolio/kookmoment",
            data={
                "csrf_token": token,
                "datum": day,
                "aanwezig": present,
                **{f"taken-{key}": ["koken-voor-de-groep"] for key in present},
                f"taken-{keys[0]}": ["menu-plannen", "koken-voor-de-groep"],
            },
        )
    coach.get("/beheer/portfolio/")  # shows the messages kept for the next page
    page = coach.get("/beheer/portfolio/overzicht?van=2026-10-01&tot=2026-10-31")
    text = page.get_data(as_text=True)
    assert "<strong>2</strong> kookmomenten" in text
    assert "<strong>3</strong> keer iemand aanwezig" in text
    assert "Zoulikha" not in text and "Marieke" not in text
    csv = coach.get("/beheer/portfolio/overzicht.csv?van=2026-10-01&tot=2026-10-31")
    rows = csv.data.decode("utf-8-sig").splitlines()
    assert "kookmomenten;2" in rows
    assert (
        "Samenwerken;samenwerken;2;3;http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0"
        in rows
    )
    assert (
        "Plannen;plannen;1;2;http://data.europa.eu/esco/skill/d9013e0e-e937-43d5-ab71-0e917ee882b8"
        in rows
    )
    assert b"Zoulikha" not in csv.data


def test_a_session_may_cook_a_waiting_submission_or_something_else(
    app: Flask, coach: FlaskClient, token: str
) -> None:

    raw = RawSubmission(
        title="Stoemp met prei",
        description="Stevig.",
        category="hoofdgerecht",
        portions="4",
        minutes="35",
        ingredients=[RawIngredient("uien", "2", "stuk", "")],
        steps=["Kook."],
        competences=["plannen"],
    )
    entry_id = send(
        Inbox(app.config["INBOX_DIR"]), parse_submission(raw, {"plannen"}, dt.date.today()), None
    )
    add(coach, token, "Zoulikha")
    key = kept(app).key_of("Zoulikha")
    form = coach.get("/beheer/portfolio/kookmoment").get_data(as_text=True)
    assert f'value="inzending:{entry_id}"' in form and "Stoemp met prei" in form
    for day, choice, text in (
        ("2026-10-14", f"inzending:{entry_id}", ""),
        ("2026-10-21", "tekst", "Soep van de dag"),
    ):
        response = coach.post(
            "/beheer/portfolio/kookmoment",
            data={
                "csrf_token": token,
                "datum": day,
                "recept": choice,
                "recept_tekst": text,
                "aanwezig": [key],
            },
        )
        assert response.status_code == 303
    recipes = [s.recipe for s in kept(app).get("Zoulikha").sessions]
    assert [(r.kind, r.title) for r in recipes if r] == [
        ("inzending", "Stoemp met prei"),
        ("tekst", "Soep van de dag"),
    ]
    pdf = coach.get(f"/beheer/portfolio/{key}/wat-ik-kan.pdf")
    assert pdf.status_code == 200
