"""/beheer/prijzen and /beheer/documenten through the Flask app (no browser)."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from editing.word_fixture import word_file
from form_helpers import csrf_token
from kookboek.editing import overlay


def _form_fields(page: str) -> dict[str, str]:
    """The hidden and text fields of the page's post form, as a browser would send them."""
    form = page[page.index('<form method="post"') :]
    fields = {}
    for tag in re.findall(r"<input[^>]*>", form):
        found = re.search(r'name="([^"]+)"[^>]*value="([^"]*)"', tag)
        if found and 'type="checkbox"' not in tag:
            fields[html.unescape(found.group(1))] = html.unescape(found.group(2))
    return fields


def test_the_pages_need_a_coach(client: FlaskClient) -> None:
    for address in ("/beheer/prijzen", "/beheer/documenten", "/beheer/documenten/nieuw"):
        response = client.get(address)
        assert response.status_code == 303 and "/beheer/aanmelden" in response.location


def test_not_from_another_computer_over_plain_http(coach: FlaskClient) -> None:
    coach.environ_base["REMOTE_ADDR"] = "192.168.1.23"
    response = coach.get("/beheer/prijzen")
    assert response.status_code == 403
    assert "prijs" not in response.get_data(as_text=True).lower()


def test_a_price_is_changed_after_seeing_its_effect(
    coach: FlaskClient, valid_content: Path
) -> None:
    page = coach.get("/beheer/prijzen").get_data(as_text=True)
    assert 'name="prijs:rode linzen" value="2,20"' in page
    fields = _form_fields(page)
    fields["prijs:rode linzen"] = "4,40"
    review = coach.post("/beheer/prijzen", data=fields)
    shown = review.get_data(as_text=True)
    assert review.status_code == 200
    assert "Linzensoep" in shown and "€\xa02,20 → €\xa04,40" in shown
    assert re.search(r"€\xa0\d,\d\d → €\xa0\d,\d\d <span class=\"effect__verschil\">\(\+ €", shown)
    assert "prijs: 2.20" in (valid_content / "prijzen.yml").read_text()  # nothing saved yet
    saved = coach.post("/beheer/prijzen", data={**_form_fields(shown), "actie": "bewaren"})
    assert saved.status_code == 303
    text = (valid_content / "prijzen.yml").read_text()
    assert "prijs: 4.40\n" in text and "prijs: 2.00" in text  # the others as they were written
    assert "De prijslijst is bewaard" in coach.get("/beheer/prijzen").get_data(as_text=True)


def test_a_wrong_price_comes_back_at_its_field_with_what_was_typed(coach: FlaskClient) -> None:
    fields = _form_fields(coach.get("/beheer/prijzen").get_data(as_text=True))
    fields.update({"prijs:ui": "twee", "nieuw-naam": "tahin"})
    response = coach.post("/beheer/prijzen", data=fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'name="prijs:ui" value="twee"' in page and 'aria-invalid="true"' in page
    assert 'id="fout-prijs-ui"' in page and "Schrijf een prijs in euro" in page
    assert 'value="tahin"' in page and "Vink aan welke allergenen" in page


def test_a_second_coach_saving_an_older_list_is_refused_and_keeps_her_input(
    coach: FlaskClient, valid_content: Path
) -> None:
    fields = _form_fields(coach.get("/beheer/prijzen").get_data(as_text=True))
    prices = valid_content / "prijzen.yml"
    # Meanwhile another coach changed the price of the eggs.
    prices.write_text(prices.read_text().replace("prijs: 3.00", "prijs: 3.10"))
    fields["prijs:ui"] = "2,35"
    response = coach.post("/beheer/prijzen", data=fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "ondertussen veranderd" in page
    assert 'name="prijs:ui" value="2,35"' in page  # hers kept
    assert 'name="prijs:eieren" value="3,10"' in page  # theirs shown, not undone
    assert "prijs: 2.00" in prices.read_text()


def test_a_word_publication_is_uploaded_and_listed(coach: FlaskClient, valid_content: Path) -> None:
    page = coach.get("/beheer/documenten/nieuw?soort=publicatie").get_data(as_text=True)
    response = coach.post(
        "/beheer/documenten/nieuw",
        data={
            "csrf_token": csrf_token(page),
            "soort": "publicatie",
            "titel": "Koken in de wijk",
            "samenvatting": "Wat we leerden.",
            "jaar": "2026",
            "project": "Wijk-werken",
            "bestand": (io.BytesIO(word_file()), "Verslag koken.docx"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    assert (valid_content / "publicaties" / "koken-in-de-wijk.md").is_file()
    listing = coach.get("/beheer/documenten").get_data(as_text=True)
    assert "Publicatie &#39;Koken in de wijk&#39; is toegevoegd." in listing
    assert '<span class="documenten__titel">Koken in de wijk</span>' in listing


def test_a_document_with_problems_comes_back_with_its_fields(coach: FlaskClient) -> None:
    page = coach.get("/beheer/documenten/nieuw?soort=draaiboek").get_data(as_text=True)
    response = coach.post(
        "/beheer/documenten/nieuw",
        data={
            "csrf_token": csrf_token(page),
            "soort": "draaiboek",
            "titel": "Kookatelier <b>vet</b>",
            "jaar": "dit jaar",
            "bestand": (io.BytesIO(b"PK\x03\x04 kapot"), "atelier.docx"),
        },
        content_type="multipart/form-data",
    )
    shown = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="Kookatelier &lt;b&gt;vet&lt;/b&gt;"' in shown
    for field in ("samenvatting", "project", "doelgroep", "duur"):
        assert f'id="fout-{field}"' in shown


def test_back_from_the_review_keeps_what_she_typed(coach: FlaskClient) -> None:
    fields = _form_fields(coach.get("/beheer/prijzen").get_data(as_text=True))
    fields.update({"prijs:ui": "2,35", "prijspeil": "2026-10-20"})
    review = coach.post("/beheer/prijzen", data=fields).get_data(as_text=True)
    assert "15-10-2026 → 20-10-2026" in review
    back = coach.post("/beheer/prijzen", data={**_form_fields(review), "actie": "aanpassen"})
    page = back.get_data(as_text=True)
    assert back.status_code == 200 and "<h1>Prijzen</h1>" in page
    assert 'name="prijs:ui" value="2,35"' in page and 'value="2026-10-20"' in page


def test_the_search_without_scripts_asks_the_server(coach: FlaskClient) -> None:
    page = coach.get("/beheer/prijzen?zoek=AJUIN").get_data(as_text=True)
    assert re.findall(r'name="prijs:([^"]+)"', page) == ["ui"]  # found by another name
    assert "1 van 9 ingrediënten" in page


def test_a_word_file_is_kept_while_the_fields_are_corrected(
    coach: FlaskClient, valid_content: Path
) -> None:
    page = coach.get("/beheer/documenten/nieuw?soort=publicatie").get_data(as_text=True)
    fields = {
        "csrf_token": csrf_token(page),
        "soort": "publicatie",
        "titel": "Koken in de wijk",
        "samenvatting": "Wat we leerden.",
        "jaar": "vorig jaar",
        "project": "Wijk-werken",
    }
    first = coach.post(
        "/beheer/documenten/nieuw",
        data={**fields, "bestand": (io.BytesIO(word_file()), "Verslag.docx")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    token = re.search(r'name="bewaard" value="([0-9a-f]{32})"', first)
    assert token and "'Verslag.docx' is onthouden" in first
    held = Path(coach.application.config["INBOX_DIR"]) / ".documenten"
    assert sorted(p.suffix for p in held.iterdir()) == [".bestand", ".json"]
    second = coach.post(
        "/beheer/documenten/nieuw",
        data={**fields, "jaar": "2026", "bewaard": token.group(1)},
        content_type="multipart/form-data",
    )
    assert second.status_code == 303
    assert (valid_content / "publicaties" / "koken-in-de-wijk-afbeelding-1.jpg").is_file()
    assert list(held.iterdir()) == []
    forged = coach.post(
        "/beheer/documenten/nieuw",
        data={**fields, "jaar": "2026", "titel": "Ander", "bewaard": "../../content/x"},
        content_type="multipart/form-data",
    )
    assert forged.status_code == 422 and "Kies het Word-bestand" in forged.get_data(as_text=True)


def test_changes_are_checked_in_the_inbox_folder_the_server_may_write(
    coach: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a server (deploy/) the form may write only its inbox and the content folder.
    places: list[str] = []
    real = overlay.tempfile.TemporaryDirectory

    def recorded(**options: Any) -> Any:
        places.append(str(options["dir"]))
        return real(**options)

    monkeypatch.setattr(overlay.tempfile, "TemporaryDirectory", recorded)
    fields = _form_fields(coach.get("/beheer/prijzen").get_data(as_text=True))
    coach.post("/beheer/prijzen", data={**fields, "prijs:ui": "2,35"})
    assert places == [str(coach.application.config["INBOX_DIR"])]
