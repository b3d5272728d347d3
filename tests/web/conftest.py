"""Fixtures for the web adapter: an app on a copy of the valid fixture project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from form_helpers import csrf_token
from kookboek.web import create_app
from kookboek.web.passwords import hash_password
from project_paths import REPO

PASSWORD = "soep-is-lekker-42"


@pytest.fixture(scope="session")
def password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def make_app(valid_content: Path, tmp_path: Path, password_hash: str) -> Callable[..., Flask]:
    def make(**config: Any) -> Flask:
        settings: dict[str, Any] = {
            "TESTING": True,
            "INBOX_DIR": tmp_path / "inzendingen",
            "CONTENT_DIR": valid_content,
            "THEME_DIR": REPO / "theme",
            "BEHEER_PASSWORD_HASH": password_hash,
        }
        settings.update(config)
        return create_app(settings)

    return make


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def token(client: FlaskClient) -> str:
    """A CSRF token for ``client``'s session (read from the form, as a browser would)."""
    return csrf_token(client.get("/").get_data(as_text=True))


@pytest.fixture
def coach(client: FlaskClient, token: str) -> FlaskClient:
    """``client``, logged in at /beheer."""
    response = client.post("/beheer/aanmelden", data={"csrf_token": token, "wachtwoord": PASSWORD})
    assert response.status_code == 303
    return client
