"""Saddle-stitch order (pure) and a real imposed PDF."""

from __future__ import annotations

import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from kookboek.pdf.imposition import A4_LANDSCAPE, impose, saddle_stitch_order


def test_order_for_four_pages() -> None:
    assert saddle_stitch_order(4) == [(3, 0), (1, 2)]


def test_order_for_eight_pages() -> None:
    assert saddle_stitch_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]


def test_order_for_twelve_pages() -> None:
    assert saddle_stitch_order(12) == [(11, 0), (1, 10), (9, 2), (3, 8), (7, 4), (5, 6)]


@pytest.mark.parametrize("pages", [4, 8, 12, 16, 40])
def test_every_page_once_and_facing_pages_add_up(pages: int) -> None:
    sides = saddle_stitch_order(pages)
    placed = [page for side in sides for page in side]
    assert sorted(p for p in placed if p is not None) == list(range(pages))
    # On a folded sheet the two halves of one side always add up to the last page index.
    assert all(left is not None and right is not None for left, right in sides)
    assert {left + right for left, right in sides if left is not None and right is not None} == {
        pages - 1
    }


def test_odd_page_count_gets_blank_halves() -> None:
    assert saddle_stitch_order(6) == [(None, 0), (1, None), (5, 2), (3, 4)]


def _numbered_a5(pages: int) -> bytes:
    body = "".join(f'<p style="break-before: page">Pagina {n}</p>' for n in range(1, pages + 1))
    html = f"<style>@page {{ size: A5; margin: 20mm }}</style><body>{body}</body>"
    data: bytes = HTML(string=html).write_pdf()
    return data


def _half_text(pdf: Path, page: int, left: bool) -> str:
    width, height = A4_LANDSCAPE
    x = 0 if left else round(width / 2)
    args = ["-f", str(page), "-l", str(page), "-x", str(x), "-y", "0"]
    args += ["-W", str(round(width / 2)), "-H", str(round(height))]
    out = subprocess.run(
        ["pdftotext", *args, str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return " ".join(out.stdout.split())


@pytest.mark.slow
@pytest.mark.parametrize("pages", [4, 8, 12])
def test_imposed_pdf_puts_the_right_pages_side_by_side(pages: int, tmp_path: Path) -> None:
    imposed = impose(_numbered_a5(pages))
    target = tmp_path / "boekje.pdf"
    target.write_bytes(imposed)
    reader = PdfReader(BytesIO(imposed))
    assert len(reader.pages) == pages // 2
    for sheet in reader.pages:
        assert float(sheet.mediabox.width) == pytest.approx(A4_LANDSCAPE[0], abs=0.5)
        assert float(sheet.mediabox.height) == pytest.approx(A4_LANDSCAPE[1], abs=0.5)
    for number, (left, right) in enumerate(saddle_stitch_order(pages), start=1):
        assert _half_text(target, number, left=True) == f"Pagina {left + 1}"
        assert _half_text(target, number, left=False) == f"Pagina {right + 1}"


@pytest.mark.slow
def test_bleed_is_cut_off_at_the_trim_box() -> None:
    # A page background that runs 3 mm into the bleed, as on the print-shop edition: on the
    # sheet each page is clipped to A5, so no bleed spills onto the facing page.
    pages = "".join('<p style="break-before: page">Pagina</p>' for _ in range(4))
    html = (
        "<style>@page { size: A5; margin: 20mm; bleed: 3mm; background: #f00 }</style>"
        f"<body>{pages}</body>"
    )
    source = HTML(string=html).write_pdf()
    assert float(PdfReader(BytesIO(source)).pages[0].mediabox.width) > 148 / 25.4 * 72 + 10
    for sheet in PdfReader(BytesIO(impose(source))).pages:
        forms = sheet["/Resources"]["/XObject"]
        for name in forms:
            left, bottom, right, top = (float(v) for v in forms[name].get_object()["/BBox"])
            assert right - left == pytest.approx(148 / 25.4 * 72, abs=0.5)
            assert top - bottom == pytest.approx(210 / 25.4 * 72, abs=0.5)


def test_the_imposed_pdf_keeps_title_language_and_metadata() -> None:
    html = (
        '<html lang="nl"><head><title>Soepen</title><meta name="author" content="Project">'
        '<meta name="description" content="Goedkope soepen">'
        '<meta name="keywords" content="soep, betaalbaar"></head>'
        "<body><p>Pagina</p></body></html>"
    )
    source = PdfReader(BytesIO(HTML(string=html).write_pdf()))
    imposed = PdfReader(BytesIO(impose(HTML(string=html).write_pdf())))
    assert imposed.metadata == source.metadata
    assert imposed.metadata is not None and imposed.metadata.title == "Soepen"
    assert imposed.metadata.subject == "Goedkope soepen"
    assert imposed.trailer["/Root"]["/Lang"] == "nl"
    assert imposed.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"].value is True
