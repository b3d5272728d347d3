from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from form_helpers import csrf_token, form_fields, has_gps, jpeg_with_gps, preview_document
from kookboek.images.intake import MAX_PHOTO_BYTES
from kookboek.inbox.store import SESSION_KEY_FILE, Inbox


def inbox_of(app: Flask) -> Inbox:
    return Inbox(app.config["INBOX_DIR"])


def review(client: FlaskClient, token: str, **changes: object) -> str:
    """Send the form; the answer is a redirect to the review page, which is returned."""
    response = client.post(
        "/",
        data={"csrf_token": token, **form_fields(**changes)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    assert re.fullmatch(r"/nakijken/[0-9a-f]{32}", response.headers["Location"])
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    return page.get_data(as_text=True)


def draft_token(html: str) -> str:
    match = re.search(r'name="concept" value="([0-9a-f]{32})"', html)
    assert match
    return match.group(1)


def test_the_form_is_plain_dutch_and_loads_nothing_from_elsewhere(client: FlaskClient) -> None:
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Stuur je recept" in html and 'lang="nl-BE"' in html
    assert 'accept="image/*' in html and 'enctype="multipart/form-data"' in html
    assert "Je rekent hoeveelheden en prijzen uit." in html  # competence explained
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    with client.get("/static/form.css") as css:
        assert css.status_code == 200 and "Atkinson Hyperlegible" in css.get_data(as_text=True)
    with client.get("/site/assets/fonts/atkinson-hyperlegible-latin-400-normal.woff2") as font:
        assert font.status_code == 200 and font.data[:4] == b"wOF2"


def test_the_form_uses_one_plain_wording_and_says_truthfully_what_happens_next(
    client: FlaskClient,
) -> None:
    page = client.get("/").text
    with client.get("/static/form.js") as script_response:
        script = script_response.get_data(as_text=True)
    for words in ("Mag leeg", "mag leeg", "(mag)", "hoe dan ook", "per persoon", "personen"):
        assert words not in page and words not in script, words
    assert page.count("(niet verplicht)") == 3  # photo, first name, tips
    assert "Staat er <em>niet verplicht</em> bij een vraag?" in page  # said once
    assert "Wat heb je betaald? (in euro)</label>" in page
    next_step = "Je begeleider kijkt je recept na en zet het daarna op de website."
    assert next_step in page and next_step in client.get("/bedankt").text
    assert '" per portie."' in script


def test_review_send_and_thank_you(app: Flask, client: FlaskClient, token: str) -> None:
    html = review(client, token, foto=(io.BytesIO(jpeg_with_gps()), "IMG_0001.jpg"))
    shown = preview_document(html)
    assert "Kijk je recept na" in html and "Stoemp met prei" in shown
    assert "Wat kost het?" in shown and "per portie" in shown and "€" in shown
    assert inbox_of(app).entries() == []  # nothing is sent before the participant confirms
    concept = draft_token(html)
    photo = client.get(f"/concept/{concept}/foto")
    assert photo.status_code == 200 and not has_gps(photo.data)
    sent = client.post("/versturen", data={"csrf_token": token, "concept": concept})
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/bedankt")
    assert "Dank je wel" in client.get("/bedankt").get_data(as_text=True)
    [entry] = inbox_of(app).entries()
    assert entry.submission.title == "Stoemp met prei" and entry.photo is not None
    assert not has_gps(entry.photo.read_bytes())
    again = client.post("/versturen", data={"csrf_token": token, "concept": concept})
    assert again.status_code == 303 and len(inbox_of(app).entries()) == 1  # a double tap


def test_changing_after_review_keeps_text_and_photo(
    app: Flask, client: FlaskClient, token: str
) -> None:
    html = review(client, token, foto=(io.BytesIO(jpeg_with_gps()), "a.jpg"))
    concept = draft_token(html)
    back = client.get(f"/aanpassen/{concept}")  # a link: nothing is posted
    page = back.get_data(as_text=True)
    assert 'value="Stoemp met prei"' in page and "Je foto is bewaard" in page
    assert "data-ingevuld" in page  # the browser's copy follows what the server shows
    html = review(client, token, titel="Stoemp met wortel", concept=draft_token(page))
    assert "Stoemp met wortel" in html and "/concept/" in html  # the photo came along
    # One recipe, one review address: Back to the earlier review shows the latest version.
    assert draft_token(html) == concept and len(list(inbox_of(app).drafts.iterdir())) == 1
    assert "Stoemp met wortel" in preview_document(client.get(f"/nakijken/{concept}").text)


def test_review_and_thank_you_are_reached_by_redirect_so_back_sends_nothing_twice(
    app: Flask, client: FlaskClient, token: str
) -> None:
    checked = client.post("/", data={"csrf_token": token, **form_fields()})
    assert checked.status_code == 303
    review_page = checked.headers["Location"]
    assert client.get(review_page).text == client.get(review_page).text  # reload is harmless
    concept = draft_token(client.get(review_page).text)
    sent = client.post("/versturen", data={"csrf_token": token, "concept": concept})
    assert sent.status_code == 303 and sent.headers["Location"] == "/bedankt"
    # Back from the thank-you page: the review address says it was sent, and sends nothing.
    again = client.get(review_page)
    assert again.status_code == 200 and "Dit recept is al verstuurd" in again.text
    assert "Ja, versturen" not in again.text
    assert len(inbox_of(app).entries()) == 1


def test_a_draft_that_is_gone_says_so_in_dutch(client: FlaskClient) -> None:
    for address in (f"/nakijken/{'c' * 32}", f"/aanpassen/{'c' * 32}", "/nakijken/ABC"):
        response = client.get(address)
        assert response.status_code == 404 and "Niet meer bewaard" in response.text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"titel": ""}, "titel", "Geef je recept een naam."),
        ({"porties": "veel"}, "porties", "Schrijf een getal, bijvoorbeeld 4."),
        ({"ingredient_hoeveelheid": ["twee", "1", ""]}, "ingredient-1", "als getal"),
        ({"stap": [""]}, "stappen", "Schrijf minstens één stap."),
        ({"competenties": None}, "competenties", "Kies minstens één"),
        ({"foto": (io.BytesIO(b"GIF89a nope"), "foto.jpg")}, "foto", "Deze foto lukt niet"),
    ],
)
def test_errors_stand_next_to_the_field_and_keep_what_was_typed(
    client: FlaskClient, token: str, changes: dict[str, object], field: str, message: str
) -> None:
    response = client.post(
        "/", data={"csrf_token": token, **form_fields(beschrijving="Mijn <eigen> tekst", **changes)}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="fout-{field}"' in html and message in html
    assert "Mijn &lt;eigen&gt; tekst" in html  # kept, and escaped


def test_contributed_html_is_never_rendered(client: FlaskClient, token: str) -> None:
    html = review(
        client, token, titel="<script>alert(1)</script>", stap=["<img src=x onerror=alert(1)>"]
    )
    shown = preview_document(html)  # what the browser parses inside the preview frame
    for document in (html, shown):
        assert "<script>alert" not in document and "<img src=x" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown


def test_a_post_without_csrf_token_stores_nothing_and_keeps_what_she_typed(
    app: Flask, client: FlaskClient
) -> None:
    photo = (io.BytesIO(jpeg_with_gps()), "a.jpg")
    response = client.post("/", data=form_fields(beschrijving="Mijn <eigen> tekst", foto=photo))
    html = response.text
    assert response.status_code == 400 and "De pagina was te lang open" in html
    assert 'value="Stoemp met prei"' in html and "Mijn &lt;eigen&gt; tekst" in html
    assert 'value="1,20"' in html and "Schil de aardappelen." in html
    assert 'value="hoofdgerecht" checked' in html and 'value="rekenen" checked' in html
    assert "Kies je foto nog eens" in html  # an unchecked post stores no photo
    assert 'name="csrf_token" value="' in html  # a fresh token: the next try passes
    assert client.post("/versturen", data={"concept": "a" * 32}).status_code == 400
    assert not inbox_of(app).drafts.exists() and inbox_of(app).entries() == []


def test_a_failed_check_on_sending_leads_back_to_the_review(
    app: Flask, client: FlaskClient, token: str
) -> None:
    concept = draft_token(review(client, token))
    phone = app.test_client()  # the browser lost its cookie, so the token no longer matches
    sent = phone.post("/versturen", data={"csrf_token": token, "concept": concept})
    assert sent.status_code == 303 and sent.headers["Location"] == f"/nakijken/{concept}"
    page = phone.get(sent.headers["Location"]).text
    assert "nog niet verstuurd" in page and "Ja, versturen" in page
    assert inbox_of(app).entries() == []


def test_a_restart_between_opening_and_sending_the_form_keeps_her_session(
    make_app: Callable[..., Flask], tmp_path: Path
) -> None:
    before = make_app()
    phone = before.test_client()
    token = csrf_token(phone.get("/").text)
    cookie = phone.get_cookie("kookboek")
    assert cookie is not None
    key_file = before.config["INBOX_DIR"] / SESSION_KEY_FILE
    assert key_file.stat().st_mode & 0o777 == 0o600

    after = make_app()  # the form restarted: a new process, the same inbox
    assert after.config["SECRET_KEY"] == before.config["SECRET_KEY"] == key_file.read_bytes()
    phone = after.test_client()
    phone.set_cookie("kookboek", cookie.value)
    response = phone.post("/", data={"csrf_token": token, **form_fields()})
    assert response.status_code == 303, response.text


def test_a_photo_over_the_limit_shows_her_form_again_with_a_dutch_message(
    app: Flask, client: FlaskClient, token: str
) -> None:
    big = FileStorage(io.BytesIO(b"\xff\xd8" + b"0" * MAX_PHOTO_BYTES), "groot.jpg")
    boundary, body = encode_multipart({"csrf_token": token, **form_fields(foto=big)})
    assert MAX_PHOTO_BYTES < len(body) < app.config["MAX_CONTENT_LENGTH"]  # the app reads it
    response = client.post("/", data=body, content_type=f"multipart/form-data; boundary={boundary}")
    html = response.text
    assert response.status_code == 422 and 'id="fout-foto"' in html
    assert "Deze foto is te groot: hoogstens 15 MB." in html
    assert 'value="Stoemp met prei"' in html and "Kook alles gaar." in html
    assert not inbox_of(app).drafts.exists()


def test_too_large_a_request_is_refused(make_app: Callable[..., Flask]) -> None:
    app = make_app(MAX_CONTENT_LENGTH=200_000)
    client = app.test_client()
    token = csrf_token(client.get("/").get_data(as_text=True))
    big = (io.BytesIO(b"\xff\xd8" + b"0" * 300_000), "groot.jpg")
    response = client.post("/", data={"csrf_token": token, **form_fields(foto=big)})
    assert response.status_code == 413 and "te groot" in response.get_data(as_text=True)


def test_the_honeypot_catches_robots_quietly(app: Flask, client: FlaskClient, token: str) -> None:
    response = client.post("/", data={"csrf_token": token, **form_fields(website="spam.example")})
    assert response.status_code == 303 and response.headers["Location"].endswith("/bedankt")
    assert not inbox_of(app).drafts.exists()


def test_sending_is_limited_per_address(make_app: Callable[..., Flask]) -> None:
    app = make_app(SEND_LIMIT=(2, 3600))
    client = app.test_client()
    token = csrf_token(client.get("/").get_data(as_text=True))
    codes = []
    for _ in range(3):
        concept = draft_token(review(client, token))
        codes.append(
            client.post("/versturen", data={"csrf_token": token, "concept": concept}).status_code
        )
    assert codes == [303, 303, 429]
    assert len(inbox_of(app).entries()) == 2
    other = client.post(
        "/versturen",
        data={"csrf_token": token, "concept": "b" * 32},
        environ_base={"REMOTE_ADDR": "192.168.1.23"},
    )
    assert other.status_code == 303  # another phone is not blocked


def test_every_post_is_limited_per_address(make_app: Callable[..., Flask]) -> None:
    client = make_app(POST_LIMIT=(3, 600)).test_client()
    token = csrf_token(client.get("/").get_data(as_text=True))
    codes = [client.post("/", data={"csrf_token": token}).status_code for _ in range(4)]
    assert codes == [422, 422, 422, 429]


@pytest.mark.parametrize("concept", ["../../content", "a" * 31, "..%2f..%2fetc"])
def test_draft_tokens_cannot_reach_other_files(
    client: FlaskClient, token: str, concept: str
) -> None:
    assert client.get(f"/concept/{concept}/foto").status_code == 404
    assert (
        client.post("/versturen", data={"csrf_token": token, "concept": concept}).status_code == 404
    )


def test_a_png_with_transparency_becomes_a_clean_jpeg(
    app: Flask, client: FlaskClient, token: str
) -> None:
    out = io.BytesIO()
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(out, "PNG")
    html = review(client, token, foto=(io.BytesIO(out.getvalue()), "x.png"))
    photo = client.get(f"/concept/{draft_token(html)}/foto")
    with Image.open(io.BytesIO(photo.data)) as image:
        assert image.format == "JPEG" and image.getpixel((0, 0)) == (255, 255, 255)


def test_without_price_list_the_form_says_so(
    make_app: Callable[..., Flask], tmp_path: Path
) -> None:
    client = make_app(CONTENT_DIR=tmp_path / "leeg").test_client()
    response = client.get("/")
    assert response.status_code == 503 and "begeleider" in response.get_data(as_text=True)
