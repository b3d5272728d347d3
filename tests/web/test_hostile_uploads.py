"""Hostile and unusual images uploaded through the form: a Dutch message or a clean photo."""

from __future__ import annotations

import io

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from form_helpers import form_fields
from hostile_images import CONVERTED, REFUSED, corpus
from kookboek.inbox.store import Inbox

CORPUS = corpus()


def upload(client: FlaskClient, token: str, data: bytes, filename: str) -> tuple[int, str]:
    fields = {"csrf_token": token, **form_fields(), "foto": (io.BytesIO(data), filename)}
    response = client.post("/", data=fields, content_type="multipart/form-data")
    return response.status_code, response.get_data(as_text=True)


@pytest.mark.parametrize("name", REFUSED)
def test_a_hostile_upload_gets_a_plain_dutch_message(
    app: Flask, client: FlaskClient, token: str, name: str
) -> None:
    status, page = upload(client, token, CORPUS[name][0], f"{name}.jpg")
    assert status == 422
    assert "Deze foto lukt niet: " in page and "Kies een andere foto." in page
    assert "Traceback" not in page and "<script>window" not in page
    assert not list(Inbox(app.config["INBOX_DIR"]).drafts.glob("*/foto.jpg"))


@pytest.mark.parametrize("name", CONVERTED)
def test_an_unusual_upload_is_stored_as_a_clean_jpeg(
    app: Flask, client: FlaskClient, token: str, name: str
) -> None:
    status, page = upload(client, token, CORPUS[name][0], f"{name}.jpg")
    assert status == 303, page  # on to the review page
    (stored,) = Inbox(app.config["INBOX_DIR"]).drafts.glob("*/foto.jpg")
    data = stored.read_bytes()
    assert data.startswith(b"\xff\xd8") and data.endswith(b"\xff\xd9")
    with Image.open(stored) as photo:
        assert photo.format == "JPEG" and not photo.getexif()
