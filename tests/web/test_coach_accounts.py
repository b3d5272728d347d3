"""Coaches log in with their own name and password; the shared password works until then."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from form_helpers import csrf_token
from kookboek.web.accounts import ACCOUNTS_FILE, Accounts

SHARED = "soep-is-lekker-42"  # the fixture's shared password
ELS = "els-haar-eigen-wachtwoord"


def accounts(app: Flask) -> Accounts:
    return Accounts(Path(app.config["INBOX_DIR"]) / ACCOUNTS_FILE)


def log_in(client: FlaskClient, name: str, password: str) -> int:
    token = csrf_token(client.get("/beheer/aanmelden").get_data(as_text=True))
    response = client.post(
        "/beheer/aanmelden", data={"csrf_token": token, "naam": name, "wachtwoord": password}
    )
    return response.status_code


def test_the_login_page_asks_for_naam_and_wachtwoord(app: Flask, client: FlaskClient) -> None:
    html = client.get("/beheer/aanmelden").get_data(as_text=True)
    assert '<label for="naam">Naam</label>' in html
    assert '<label for="wachtwoord">Wachtwoord</label>' in html
    assert ">Aanmelden</button>" in html
    assert "Er zijn nog geen eigen accounts" in html  # says how to move on
    accounts(app).add("Els", ELS)
    html = client.get("/beheer/aanmelden").get_data(as_text=True)
    assert "Er zijn nog geen eigen accounts" not in html


def test_the_shared_password_works_until_the_first_account_exists(
    app: Flask, client: FlaskClient
) -> None:
    assert log_in(client, "", SHARED) == 303
    assert client.get("/beheer/").status_code == 200
    accounts(app).add("Els", ELS)
    # Her open session ends too: the shared password no longer counts.
    response = client.get("/beheer/")
    assert response.status_code == 303 and "/beheer/aanmelden" in response.headers["Location"]
    assert log_in(client, "", SHARED) == 401
    assert log_in(client, "Sofie", SHARED) == 401
    assert log_in(client, "els", ELS) == 303
    html = client.get("/beheer/").get_data(as_text=True)
    assert "Els" in html  # her name as stored, whatever case she typed


def test_a_coach_adds_and_removes_a_colleague(app: Flask, client: FlaskClient) -> None:
    accounts(app).add("Els", ELS)
    assert log_in(client, "Els", ELS) == 303
    page = client.get("/beheer/begeleiders").get_data(as_text=True)
    token = csrf_token(page)
    refused = client.post(
        "/beheer/begeleiders",
        data={"csrf_token": token, "naam": "Sofie", "wachtwoord": "kort", "nog_eens": "kort"},
    )
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "minstens 10 tekens" in html
    assert 'value="Sofie"' in html  # what she typed stays
    added = client.post(
        "/beheer/begeleiders",
        data={"csrf_token": token, "naam": "Sofie", "wachtwoord": ELS + "!", "nog_eens": ELS + "!"},
    )
    assert added.status_code == 303 and accounts(app).names() == ["Els", "Sofie"]
    other = app.test_client()
    assert log_in(other, "Sofie", ELS + "!") == 303
    # Removing needs the tick; her own account she cannot remove.
    client.post("/beheer/begeleiders/verwijderen", data={"csrf_token": token, "naam": "Sofie"})
    client.post(
        "/beheer/begeleiders/verwijderen",
        data={"csrf_token": token, "naam": "Els", "bevestig": "ja"},
    )
    assert accounts(app).names() == ["Els", "Sofie"]
    client.post(
        "/beheer/begeleiders/verwijderen",
        data={"csrf_token": token, "naam": "Sofie", "bevestig": "ja"},
    )
    assert accounts(app).names() == ["Els"]
    # Sofie's open session ends at her next click.
    assert other.get("/beheer/").status_code == 303


def test_the_first_account_made_on_the_page_replaces_the_shared_password(
    app: Flask, client: FlaskClient
) -> None:
    assert log_in(client, "", SHARED) == 303
    token = csrf_token(client.get("/beheer/begeleiders").get_data(as_text=True))
    response = client.post(
        "/beheer/begeleiders",
        data={"csrf_token": token, "naam": "Els", "wachtwoord": ELS, "nog_eens": ELS},
    )
    assert response.status_code == 303 and response.headers["Location"].endswith("/aanmelden")
    assert client.get("/beheer/").status_code == 303
    assert log_in(client, "Els", ELS) == 303


def test_guessing_is_limited_per_name_from_any_address(make_app: Callable[..., Flask]) -> None:
    app = make_app(LOGIN_NAME_LIMIT=(3, 600))
    accounts(app).add("Els", ELS)
    codes = []
    for number in range(4):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"127.0.0.{number + 1}"
        codes.append(log_in(client, "Els", "fout" if number < 3 else ELS))
    assert codes == [401, 401, 401, 429]


def test_sessions_expire(make_app: Callable[..., Flask]) -> None:
    app = make_app(COACH_SESSION_IDLE_SECONDS=-1)
    client = app.test_client()
    assert log_in(client, "", SHARED) == 303
    response = client.get("/beheer/")
    assert response.status_code == 303 and "/beheer/aanmelden" in response.headers["Location"]
