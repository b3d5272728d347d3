"""The preview frame gets the site's own stylesheets, script and fonts from the form server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from flask.testing import FlaskClient

from kookboek.support.resources import FONTS_DIR
from kookboek.web import create_app
from project_paths import REPO
from sample_project import copy_sample_project


def fetch(client: FlaskClient, path: str) -> tuple[int, bytes]:
    with client.get(path) as response:
        return response.status_code, response.data


def test_the_site_stylesheets_script_and_fonts_are_served(client: FlaskClient) -> None:
    status, material = fetch(client, "/site/assets/stylesheets/material.css")
    assert status == 200 and b".md-typeset" in material
    theme_css = REPO / "theme" / "assets" / "stylesheets" / "kookboek.css"
    assert fetch(client, "/site/assets/stylesheets/kookboek.css") == (200, theme_css.read_bytes())
    status, script = fetch(client, "/site/assets/javascripts/kookboek.js")
    assert status == 200 and b"setupScaler" in script
    name = "atkinson-hyperlegible-latin-400-normal.woff2"
    assert fetch(client, f"/site/assets/fonts/{name}") == (200, (FONTS_DIR / name).read_bytes())


def test_the_theme_is_found_when_the_form_starts_in_the_project_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As ./kookboek form starts it: relative folders, no THEME_DIR, from the project folder.
    project = copy_sample_project(tmp_path / "project")
    shutil.copytree(REPO / "theme", project / "theme")
    monkeypatch.chdir(project)
    app = create_app({"TESTING": True, "INBOX_DIR": "inzendingen", "CONTENT_DIR": "content"})
    client = app.test_client()
    theme_css = project / "theme" / "assets" / "stylesheets" / "kookboek.css"
    assert fetch(client, "/site/assets/stylesheets/kookboek.css") == (200, theme_css.read_bytes())
    status, script = fetch(client, "/site/assets/javascripts/kookboek.js")
    assert status == 200 and b"setupScaler" in script
    assert app.config["INBOX_DIR"] == project / "inzendingen"


def test_nothing_else_is_served_from_the_project(client: FlaskClient) -> None:
    for path in (
        "/site/assets/../mkdocs.yml",
        "/site/assets/stylesheets/../../main.html",
        "/site/assets/overrides/main.html",
        "/site/assets/fonts/../../../pyproject.toml",
    ):
        assert fetch(client, path)[0] == 404, path


def test_the_form_and_the_site_show_the_projects_own_icon(client: FlaskClient) -> None:
    # Not Material's logo in the browser tab or on the home screen: the plate and fork.
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    icon = REPO / "theme" / config["theme"]["favicon"]
    assert icon.suffix == ".svg" and icon.is_file()
    page = client.get("/").get_data(as_text=True)
    assert '<link rel="icon" href="/site/assets/images/favicon.svg" type="image/svg+xml">' in page
    with client.get("/site/assets/images/favicon.svg") as response:
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"
        assert response.data == icon.read_bytes()
