"""Editing a published recipe on /beheer: the moderation editor over the file itself."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

from flask import Flask

from form_helpers import coaches, csrf_token, jpeg_with_gps
from kookboek.content.participants import read_names, set_name

URL = "/beheer/recepten/pannenkoeken"


def form_of(page: str) -> dict[str, object]:
    """The editor's fields as the browser would post them unchanged."""
    form = page[page.index('class="formulier"') :]
    form = form[: form.index("</form>")]
    fields: dict[str, list[str]] = {}
    for tag in re.findall(r"<(?:input|select|textarea)[^>]*>(?:[^<]*</textarea>)?", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name:
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        if kind and kind.group(1) in {"checkbox", "radio"} and " checked" not in tag:
            continue
        if tag.startswith("<textarea"):
            value = tag[tag.index(">") + 1 : tag.rindex("</textarea>")]
        elif tag.startswith("<select"):
            continue
        else:
            found = re.search(r'value="([^"]*)"', tag)
            value = found.group(1) if found else ""
        fields.setdefault(name.group(1), []).append(value)
    for select in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(2))
        fields.setdefault(select.group(1), []).append(chosen.group(1) if chosen else "")
    return {k: v if len(v) > 1 or k in MULTI else v[0] for k, v in fields.items()}


MULTI = {"ingredient_naam", "ingredient_hoeveelheid", "ingredient_eenheid", "ingredient_prijs",
         "stap", "competenties", "allergenen"}  # fmt: skip


def unescape(text: object) -> object:
    if isinstance(text, str):
        return text.replace("&#39;", "'").replace("&amp;", "&").replace("&#34;", '"')
    if isinstance(text, list):
        return [unescape(t) for t in text]
    return text


def test_the_list_opens_the_editor_with_the_sites_preview(app: Flask) -> None:
    els = coaches(app)["Els"]
    listing = els.get("/beheer/recepten/").get_data(as_text=True)
    assert f'href="{URL}"' in listing
    page = els.get(URL).get_data(as_text=True)
    assert 'value="Pannenkoeken"' in page and "data-voorbeeld" in page
    assert "Wijzigingen bewaren" in page and "Foto vervangen" in page
    assert "kb-cost" in page  # the preview is the site's recipe article


def test_a_save_writes_only_the_change_and_names_the_coach(app: Flask, valid_content: Path) -> None:
    els = coaches(app)["Els"]
    recipe = valid_content / "recepten" / "pannenkoeken.md"
    before = recipe.read_text(encoding="utf-8")
    page = els.get(URL).get_data(as_text=True)
    fields = {k: unescape(v) for k, v in form_of(page).items()}
    assert fields["allergenen"] == ["gluten", "eieren", "melk"]
    unchanged = els.post(URL, data=fields)
    assert unchanged.status_code == 303 and recipe.read_text(encoding="utf-8") == before
    fields["porties"] = "8"
    saved = els.post(URL, data=fields)
    assert saved.status_code == 303
    assert recipe.read_text(encoding="utf-8") == before.replace("porties: 6", "porties: 8")
    log = subprocess.run(
        ["git", "-C", str(app.config["PROJECT_DIR"]), "log", "-1", "--format=%an|%s"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert log.strip() == "Els|Recept aangepast: recepten/pannenkoeken.md"


def test_bad_input_and_a_missing_allergen_are_refused_at_the_field(
    app: Flask, valid_content: Path
) -> None:
    els = coaches(app)["Els"]
    recipe = valid_content / "recepten" / "pannenkoeken.md"
    before = recipe.read_text(encoding="utf-8")
    fields = {k: unescape(v) for k, v in form_of(els.get(URL).get_data(as_text=True)).items()}
    bad = els.post(URL, data={**fields, "porties": "veel"})
    assert bad.status_code == 422 and 'id="fout-porties"' in bad.get_data(as_text=True)
    assert 'value="veel"' in bad.get_data(as_text=True)  # what she typed stays
    no_allergens = els.post(URL, data={**fields, "allergenen": []})
    html = no_allergens.get_data(as_text=True)
    assert no_allergens.status_code == 422 and "gluten" in html.lower()
    assert recipe.read_text(encoding="utf-8") == before


def test_two_coaches_save_the_same_recipe_the_second_is_refused_and_keeps_her_text(
    app: Flask, valid_content: Path
) -> None:
    clients = coaches(app)
    pages = {name: c.get(URL).get_data(as_text=True) for name, c in clients.items()}
    els = {k: unescape(v) for k, v in form_of(pages["Els"]).items()}
    sofie = {k: unescape(v) for k, v in form_of(pages["Sofie"]).items()}
    assert clients["Els"].post(URL, data={**els, "tijd": "50"}).status_code == 303
    refused = clients["Sofie"].post(URL, data={**sofie, "titel": "Flensjes"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "ondertussen veranderd door Els om" in html and 'value="Flensjes"' in html
    text = (valid_content / "recepten" / "pannenkoeken.md").read_text(encoding="utf-8")
    assert "tijd: 50" in text and "titel: Pannenkoeken" in text


def test_photo_replaced_then_removed(app: Flask, valid_content: Path) -> None:
    els = coaches(app)["Els"]
    page = els.get(URL).get_data(as_text=True)
    token, version = csrf_token(page), re.search(r'name="versie" value="([^"]*)"', page)
    assert version is not None
    replaced = els.post(
        f"{URL}/foto",
        data={"csrf_token": token, "versie": version.group(1),
              "foto": (io.BytesIO(jpeg_with_gps((1200, 900))), "IMG_1.jpg")},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert replaced.status_code == 303
    recipe = valid_content / "recepten" / "pannenkoeken.md"
    photo = valid_content / "recepten" / "pannenkoeken.jpg"
    text = recipe.read_text(encoding="utf-8")
    assert "foto: pannenkoeken.jpg" in text and "foto_alt:" in text and photo.is_file()
    assert b"GPS" not in photo.read_bytes()
    shown = els.get(f"{URL}/foto")
    assert shown.status_code == 200 and shown.get_data()[:2] == b"\xff\xd8"
    shown.close()
    page = els.get(URL).get_data(as_text=True)
    version = re.search(r'name="versie" value="([^"]*)"', page)
    assert version is not None and "Foto verwijderen" in page
    data = {"csrf_token": token, "versie": version.group(1), "bevestig": "ja"}
    assert els.post(f"{URL}/foto-verwijderen", data=data).status_code == 303
    assert "foto:" not in recipe.read_text(encoding="utf-8") and not photo.exists()


def test_withdrawing_her_private_name_changes_no_recipe_file(
    app: Flask, valid_content: Path
) -> None:
    set_name(valid_content, "pannenkoeken", "Zuleika")
    recipe = valid_content / "recepten" / "pannenkoeken.md"
    before = recipe.read_text(encoding="utf-8")
    els = coaches(app)["Els"]
    fields = {k: unescape(v) for k, v in form_of(els.get(URL).get_data(as_text=True)).items()}
    assert fields["voornaam"] == "Zuleika"
    fields["voornaam"] = "Zuleïka"
    els.post(URL, data=fields)
    assert read_names(valid_content) == {"pannenkoeken": "Zuleïka"}
    fields["voornaam"] = ""
    page = els.post(URL, data=fields, follow_redirects=True).get_data(as_text=True)
    assert "De wijzigingen zijn bewaard" in page and "Oudere versies" not in page
    assert read_names(valid_content) == {} and recipe.read_text(encoding="utf-8") == before


def test_withdrawing_a_name_written_in_the_file_says_old_versions_may_hold_it(
    app: Flask, valid_content: Path
) -> None:
    url = "/beheer/recepten/linzensoep"
    recipe = valid_content / "recepten" / "linzensoep.md"
    els = coaches(app)["Els"]
    fields = {k: unescape(v) for k, v in form_of(els.get(url).get_data(as_text=True)).items()}
    assert fields["voornaam"] == "Samira"
    fields["voornaam"] = ""
    page = els.post(url, data=fields, follow_redirects=True).get_data(as_text=True)
    assert "auteur" not in recipe.read_text(encoding="utf-8")
    assert "Oudere versies in de geschiedenis" in page and "deel 8" in page
    assert read_names(valid_content) == {}
