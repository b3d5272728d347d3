"""The site on a phone's home screen: the web manifest, its icons drawn from the site's SVG
icon, and what Chromium makes of them."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kookboek.images.app_icons import app_icons
from kookboek.site.app_manifest import short_name, web_manifest
from live_server import serving
from project_paths import REPO
from sample_project import build_fixture_site, copy_sample_project

ICON = (REPO / "theme" / "assets" / "images" / "favicon.svg").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("manifest")) / "site"


def test_the_short_name_fits_under_an_icon() -> None:
    assert short_name("Testkookboek") == "Testkookboek"  # 12 characters
    assert short_name("Betaalbaar koken, samen") == "Kookboek"
    assert short_name("Betaalbaar koken, samen", " Koken samen ") == "Koken samen"


def test_the_icons_are_square_pngs_and_the_apple_one_has_no_transparent_corners() -> None:
    icons = app_icons(ICON)
    sizes = {}
    for name, data in icons.items():
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "PNG"
            sizes[name] = image.size
            if name == "apple-touch-icon.png":
                assert image.mode == "RGB"  # iOS shows transparency as black
                assert image.getpixel((0, 0)) == (178, 58, 34)  # the icon's own red, #b23a22
            if name == "icon-maskable-512.png":
                assert image.mode == "RGB"  # the whole square: Android cuts its own shape
                assert image.getpixel((0, 0)) == image.getpixel((256, 30)) == (178, 58, 34)
    assert sizes == {
        "icon-192.png": (192, 192),
        "icon-512.png": (512, 512),
        "icon-maskable-512.png": (512, 512),
        "apple-touch-icon.png": (180, 180),
    }


def test_the_manifest_names_the_site_and_its_icons(site: Path) -> None:
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest == json.loads(web_manifest("Testkookboek", ""))
    assert manifest["lang"] == "nl-BE" and manifest["start_url"] == "./"
    for icon in manifest["icons"]:
        with Image.open(site / icon["src"]) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
    page = (site / "recepten" / "linzensoep" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="manifest" href="../../manifest.webmanifest">' in page
    assert '<link rel="apple-touch-icon" href="../../assets/images/apple-touch-icon.png">' in page
    assert (site / "assets" / "images" / "apple-touch-icon.png").is_file()


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serving(site, sub_path="kookboek") as url:
        yield url


@pytest.mark.browser
def test_chromium_can_put_the_site_on_the_home_screen(chromium_profile: Any, base_url: str) -> None:
    page = chromium_profile.new_page()
    page.goto(base_url + "recepten/linzensoep/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    cdp = chromium_profile.new_cdp_session(page)
    found = cdp.send("Page.getAppManifest")
    installable = cdp.send("Page.getInstallabilityErrors")
    assert found["url"] == base_url + "manifest.webmanifest"
    assert found["errors"] == []
    assert json.loads(found["data"])["short_name"] == "Testkookboek"
    assert installable["installabilityErrors"] == []


def test_the_coach_chooses_the_name_under_the_icon(tmp_path: Path) -> None:
    from kookboek.mkdocs_plugin.run import build_site

    project = copy_sample_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - kookboek:\n", "  - kookboek:\n      korte_naam: Koken samen\n"),
        encoding="utf-8",
    )
    build_site(config, pdf=False)
    manifest = json.loads((project / "site" / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert (manifest["name"], manifest["short_name"]) == ("Testkookboek", "Koken samen")


@pytest.mark.parametrize(
    ("favicon", "made"),
    [("icoon.svg", True), ("assets/images/favicon.png", False)],
    ids=["svg-in-content", "png"],
)
def test_the_manifest_is_linked_only_when_it_was_made(
    tmp_path: Path, favicon: str, made: bool
) -> None:
    # An SVG icon may sit in content/ too; from a PNG icon (Material's own) nothing is drawn,
    # and then no page links a manifest that is not there.
    from kookboek.mkdocs_plugin.run import build_site

    project = copy_sample_project(tmp_path / "project")
    (project / "content" / "icoon.svg").write_text(ICON, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("favicon: assets/images/favicon.svg", f"favicon: {favicon}"),
        encoding="utf-8",
    )
    build_site(config, pdf=False)
    site = project / "site"
    page = (site / "recepten" / "linzensoep" / "index.html").read_text(encoding="utf-8")
    assert ('rel="manifest"' in page) is made
    assert ('rel="apple-touch-icon"' in page) is made
    assert (site / "manifest.webmanifest").is_file() is made
