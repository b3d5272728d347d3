"""The PDF cache: a warm rebuild does no PDF or image work, known page counts spare a layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_helpers import FONTS, counting_layouts, make_pdf_project

from kookboek.content.project import Project, load_project
from kookboek.images.cache import ImageCache
from kookboek.pdf.booklet import BookletSpec
from kookboek.pdf.build import PdfSettings, build_pdfs
from kookboek.pdf.cache import PageCounts, PdfCache
from kookboek.pdf.editions import MEASURE_TITLE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = make_pdf_project(tmp_path_factory.mktemp("pdf-cache") / "project")
    return load_project(root / "content")


def test_warm_rebuild_does_no_work_and_known_page_counts_spare_a_layout(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = PdfSettings(cache_dir=tmp_path, fonts_dir=FONTS, booklets=[BookletSpec()])
    laid_out = counting_layouts(monkeypatch)
    first_images, first_pdfs = ImageCache(tmp_path / "images"), PdfCache(tmp_path / "pdf")
    build_pdfs(project, settings, images=first_images, pdfs=first_pdfs)
    assert first_images.processed > 0 and first_pdfs.stored > 3
    # The fixture has a two-page recipe, clearly long by its estimate: even the first time,
    # the reader edition is laid out once (no measuring document), then the print shop's.
    assert laid_out.count("Receptenboek") == 2 and MEASURE_TITLE not in laid_out
    counts = PageCounts(tmp_path / "pdf" / "recipe-pages.json").counts
    assert sorted(counts.values()).count(2) == 1 and len(counts) == len(project.recipes)

    laid_out.clear()
    images, pdfs = ImageCache(tmp_path / "images"), PdfCache(tmp_path / "pdf")
    downloads = build_pdfs(project, settings, images=images, pdfs=pdfs)
    assert (images.processed, pdfs.stored, laid_out) == (0, 0, [])
    assert pdfs.hits == first_pdfs.stored == len(downloads)

    for booklet in (tmp_path / "pdf").glob("receptenboek*"):
        booklet.unlink()  # as after a change anywhere in the booklet
    build_pdfs(project, settings)
    assert laid_out == ["Receptenboek", "Receptenboek"]  # reader and print shop, once each


def test_broken_page_counts_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "recipe-pages.json"
    path.write_text("{niet: json", encoding="utf-8")
    counts = PageCounts(path)
    assert counts.get("x") is None
    counts.update({"x": 2})
    assert PageCounts(path).get("x") == 2


def test_a_new_photo_under_the_same_name_renders_the_booklet_again(tmp_path: Path) -> None:
    from PIL import Image

    root = make_pdf_project(tmp_path / "project")
    settings = PdfSettings(cache_dir=tmp_path / "cache", fonts_dir=FONTS, booklets=[BookletSpec()])
    build_pdfs(load_project(root / "content"), settings)
    booklet = tmp_path / "cache" / "pdf" / "receptenboek.pdf"
    before = booklet.read_bytes()
    # Photos are known by their hash without being reread; a replaced file must still count.
    photo = root / "content" / "recepten" / "tomatensoep.jpg"
    Image.new("RGB", (1600, 1200), (200, 40, 30)).save(photo, quality=85)
    pdfs = PdfCache(tmp_path / "cache" / "pdf")
    build_pdfs(load_project(root / "content"), settings, pdfs=pdfs)
    assert pdfs.stored == 3  # the booklet's three editions; the documents have no photo
    assert booklet.read_bytes() != before


def test_a_new_engine_renders_every_pdf_again(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kookboek.support import cache

    settings = PdfSettings(cache_dir=tmp_path, fonts_dir=FONTS, booklets=[BookletSpec()])
    first = PdfCache(tmp_path / "pdf")
    build_pdfs(project, settings, pdfs=first)
    # Same content, other code (an upgrade, or an edit of the imposition, say).
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "een nieuwe versie")
    again = PdfCache(tmp_path / "pdf")
    build_pdfs(project, settings, pdfs=again)
    assert (again.stored, again.hits) == (first.stored, 0)
