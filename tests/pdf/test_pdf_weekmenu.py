"""The A4 PDF of every example week menu: the menu and its shopping list on one page."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_helpers import page_texts
from pypdf import PdfReader

from kookboek.content.project import Project, load_project
from kookboek.pdf.cache import PdfCache
from kookboek.pdf.render import Renderer
from kookboek.pdf.weekmenus import render_menus
from kookboek.site.downloads import Download
from kookboek.site.menus import render_menu_page
from kookboek.site.pages import SiteContext, render_downloads
from kookboek.support.resources import FONTS_DIR
from project_paths import REPO
from weekmenu_cases import CASES, weekmenu_project

pytestmark = pytest.mark.slow

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)


def renderer(project: Project) -> Renderer:
    return Renderer(fonts_dir=FONTS_DIR.resolve(), roots=(project.content_dir.resolve(),))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return load_project(weekmenu_project(tmp_path_factory.mktemp("menu") / "project") / "content")


@pytest.fixture(scope="module")
def downloads(project: Project, tmp_path_factory: pytest.TempPathFactory) -> list[Download]:
    pdfs = PdfCache(tmp_path_factory.mktemp("pdf-cache"))
    return render_menus(project, renderer(project), pdfs, "https://example.org/kookboek/")


def test_the_menu_pdf_is_one_tagged_a4_page_with_the_list(downloads: list[Download]) -> None:
    (download,) = downloads
    assert (download.name, download.title, download.group) == (
        "weekmenu-drie-dagen.pdf",
        "Drie dagen voor weinig geld",
        "Weekmenu's",
    )
    reader = PdfReader(download.path)
    assert len(reader.pages) == 1
    assert tuple(round(float(v), 1) for v in reader.pages[0].mediabox[2:]) == tuple(
        round(v, 1) for v in A4
    )
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged, like the other documents
    (text,) = page_texts(download.path)
    flat = " ".join(text.split())
    for line in CASES[0].lines:
        assert line.name in flat
        assert " ".join(line.detail.split()) in flat
    assert "Maandag: Linzensoep voor 4 personen" in flat
    assert "Aan de kassa betaal je € 16,60." in flat
    assert "Heb ik al in huis" not in flat  # boxes to tick instead
    assert "https://example.org/kookboek/weekmenus/drie-dagen/" in flat


def test_an_unchanged_menu_is_not_rendered_again(
    project: Project, downloads: list[Download]
) -> None:
    pdfs = PdfCache(downloads[0].path.parent)
    again = render_menus(project, renderer(project), pdfs, "https://example.org/kookboek/")
    assert pdfs.stored == 0 and again == downloads


def test_the_menu_page_and_the_downloads_page_link_to_the_pdf(
    project: Project, downloads: list[Download]
) -> None:
    site = SiteContext(project, downloads=lambda: downloads)
    page = render_menu_page(project.menus[0], site, "../../")
    assert 'href="../../downloads/weekmenu-drie-dagen.pdf">Download als pdf</a>' in page
    listing = render_downloads(site, "../")
    assert "<h2>Weekmenu&#39;s</h2>" in listing
    assert 'href="../downloads/weekmenu-drie-dagen.pdf">Drie dagen voor weinig geld</a>' in listing


def test_every_real_example_menu_fits_one_page(tmp_path: Path) -> None:
    project = load_project(REPO / "content")
    made = render_menus(project, renderer(project), PdfCache(tmp_path))
    assert len(made) == len(project.menus) >= 2
    for download in made:
        assert len(PdfReader(download.path).pages) == 1, download.name
