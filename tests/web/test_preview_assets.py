"""The preview frame gets the site's own stylesheets, script and fonts from the form server."""

from __future__ import annotations

from flask.testing import FlaskClient

from kookboek.support.resources import FONTS_DIR
from project_paths import REPO


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


def test_nothing_else_is_served_from_the_project(client: FlaskClient) -> None:
    for path in (
        "/site/assets/../mkdocs.yml",
        "/site/assets/stylesheets/../../main.html",
        "/site/assets/overrides/main.html",
        "/site/assets/fonts/../../../pyproject.toml",
    ):
        assert fetch(client, path)[0] == 404, path
