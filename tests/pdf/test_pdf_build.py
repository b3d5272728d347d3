"""A real ``kookboek build`` with PDFs of the fixture project, once for the whole module."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from pdf_helpers import page_texts, pdffonts, recipe_start_pages, toc_entries
from pypdf import PdfReader

from kookboek.content.project import Project, load_project
from kookboek.mkdocs_plugin.run import build_site

pytestmark = pytest.mark.slow

MM = 72 / 25.4
A5 = (148 * MM, 210 * MM)
BLEED = 3 * MM


@pytest.fixture(scope="module")
def built(pdf_project: Path) -> Path:
    return build_site(pdf_project / "mkdocs.yml", pdf=True).site_dir


@pytest.fixture(scope="module")
def project(pdf_project: Path) -> Project:
    return load_project(pdf_project / "content")


def downloads(built: Path) -> Path:
    return built / "downloads"


def box(values: Iterable[Any]) -> tuple[float, ...]:
    return tuple(round(float(v), 1) for v in values)


def test_all_pdfs_are_written(built: Path) -> None:
    names = {p.name for p in downloads(built).glob("*.pdf")}
    assert names == {
        "receptenboek.pdf",
        "receptenboek-drukwerk.pdf",
        "receptenboek-boekje-a4.pdf",
        "soepen.pdf",
        "soepen-drukwerk.pdf",
        "soepen-boekje-a4.pdf",
        "ouders-in-actie.pdf",
        "kookactiviteit.pdf",
        "werkbare-jobs.pdf",
        "beleidsaanbevelingen.pdf",
    }


def test_reader_edition_is_tagged_a5_and_a_multiple_of_four(built: Path) -> None:
    reader = PdfReader(downloads(built) / "receptenboek.pdf")
    assert len(reader.pages) % 4 == 0
    for page in reader.pages:
        assert box(page.mediabox) == box((0, 0, *A5))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert reader.metadata is not None and reader.metadata.title == "Testboek"


def test_print_shop_edition_has_bleed_and_trim_boxes(built: Path) -> None:
    reader = PdfReader(downloads(built) / "receptenboek-drukwerk.pdf")
    same_as_reader = PdfReader(downloads(built) / "receptenboek.pdf")
    assert len(reader.pages) == len(same_as_reader.pages)
    assert len(reader.pages) % 4 == 0
    width, height = A5
    for page in reader.pages:
        media, trim = page.mediabox, page.trimbox
        assert (float(trim.width), float(trim.height)) == pytest.approx((width, height), abs=0.1)
        assert float(media.width) == pytest.approx(width + 2 * BLEED, abs=0.1)
        assert float(media.height) == pytest.approx(height + 2 * BLEED, abs=0.1)
        assert float(trim.left) - float(media.left) == pytest.approx(BLEED, abs=0.1)
        assert float(trim.bottom) - float(media.bottom) == pytest.approx(BLEED, abs=0.1)
        assert box(page.bleedbox) == box(media)  # the whole 3 mm bleed is meant to be printed


def test_print_shop_planned_pages_come_before_the_back_cover(built: Path) -> None:
    texts = page_texts(downloads(built) / "receptenboek-drukwerk.pdf")
    assert "Meer recepten" in texts[-1]
    last_index = max(i for i, text in enumerate(texts) if "Recepten per competentie" in text[:300])
    between = texts[last_index + 1 : -1]
    assert len(between) <= 3
    assert all(text.strip().startswith("Notities") for text in between)


def test_home_edition_is_a4_landscape_two_up(built: Path) -> None:
    reader = PdfReader(downloads(built) / "receptenboek.pdf")
    home = PdfReader(downloads(built) / "receptenboek-boekje-a4.pdf")
    assert len(home.pages) == len(reader.pages) // 2
    for sheet in home.pages:
        assert box(sheet.mediabox) == box((0, 0, 297 * MM, 210 * MM))
    first = page_texts(downloads(built) / "receptenboek-boekje-a4.pdf")[0]
    assert "Meer recepten" in first and "Testboek" in first  # back cover | cover


def test_every_recipe_is_in_the_booklet_where_the_contents_say(
    built: Path, project: Project
) -> None:
    texts = page_texts(downloads(built) / "receptenboek.pdf")
    titles = [recipe.title for recipe in project.recipes]
    starts = recipe_start_pages(texts, titles)
    assert set(starts) == set(titles)
    toc = toc_entries(texts)
    assert {title: toc[title] for title in titles} == starts
    for title, page in starts.items():  # the printed page number is that page's number
        assert re.search(rf"(^|\s){page}\s*$", texts[page - 1].rstrip()), title


def test_index_page_numbers_match_too(built: Path, project: Project) -> None:
    texts = page_texts(downloads(built) / "receptenboek.pdf")
    starts = recipe_start_pages(texts, [r.title for r in project.recipes])
    index = next(i for i, t in enumerate(texts) if "Van goedkoop naar duurder" in t[:200])
    listed = re.findall(r"€\s*\d+,\d\d\s+(\S.*?)\s*(?:\. )+\.?\s*(\d+)\s*$", texts[index], re.M)
    assert {title: int(page) for title, page in listed} == starts


def test_a_long_recipe_takes_two_facing_pages(built: Path) -> None:
    texts = page_texts(downloads(built) / "receptenboek.pdf")
    start = recipe_start_pages(texts, ["Lange stoofpot"])["Lange stoofpot"]
    assert start % 2 == 0  # a left-hand page, so the second page faces it
    assert "Stap 22" in texts[start] and "Stap 22" not in texts[start - 1]


def test_filtered_booklet_contains_exactly_the_soups(built: Path, project: Project) -> None:
    texts = page_texts(downloads(built) / "soepen.pdf")
    titles = [recipe.title for recipe in project.recipes]
    soups = {recipe.title for recipe in project.recipes if recipe.category == "soep"}
    assert set(recipe_start_pages(texts, titles)) == soups


@pytest.mark.parametrize(
    "name",
    [
        "receptenboek.pdf",
        "receptenboek-drukwerk.pdf",
        "receptenboek-boekje-a4.pdf",
        "werkbare-jobs.pdf",
    ],
)
def test_only_our_own_fonts_all_embedded(built: Path, name: str) -> None:
    fonts = pdffonts(downloads(built) / name)
    assert fonts
    for row in fonts:
        assert "Atkinson-Hyperlegible" in row[0], row
        assert row[-5] == "yes", row  # emb


def test_special_characters_survive(built: Path) -> None:
    text = "".join(page_texts(downloads(built) / "receptenboek.pdf"))
    for needed in ("€", "ë", "é", "ï", "Ingrediënten"):
        assert needed in text


def test_pages_link_to_their_pdf(built: Path) -> None:
    page = (built / "publicaties" / "ouders-in-actie" / "index.html").read_text(encoding="utf-8")
    assert "downloads/ouders-in-actie.pdf" in page
    listing = (built / "downloads" / "index.html").read_text(encoding="utf-8")
    for name in ("receptenboek.pdf", "receptenboek-boekje-a4.pdf", "beleidsaanbevelingen.pdf"):
        assert f"downloads/{name}" in listing


def test_second_build_without_changes_renders_nothing(pdf_project: Path, built: Path) -> None:
    cached = sorted((pdf_project / ".cache" / "kookboek" / "pdf").glob("*.pdf"))
    before = {path: path.stat().st_mtime_ns for path in cached}
    started = time.perf_counter()
    rebuilt = build_site(pdf_project / "mkdocs.yml", pdf=True).site_dir
    assert time.perf_counter() - started < 10
    assert {path: path.stat().st_mtime_ns for path in cached} == before
    for path in cached:
        assert (rebuilt / "downloads" / path.name).read_bytes() == path.read_bytes()
