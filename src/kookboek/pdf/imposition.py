"""Saddle-stitch imposition: A5 pages two-up on A4 landscape, ready to fold into a booklet.

Print double-sided, flipped on the short edge, fold the stack once and staple on the fold.
"""

from __future__ import annotations

from io import BytesIO

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

Side = tuple[int | None, int | None]  # (left, right) page index; None is a blank half

A4_LANDSCAPE = (841.89, 595.28)


def saddle_stitch_order(page_count: int) -> list[Side]:
    """Sheet sides in print order: front then back of each sheet, 0-based page indexes.

    For 8 pages: [(7, 0), (1, 6), (5, 2), (3, 4)]. The page count is padded with
    blank halves (``None``) up to a multiple of four.
    """
    if page_count < 1:
        raise ValueError("a booklet needs at least one page")
    total = -(-page_count // 4) * 4

    def page(index: int) -> int | None:
        return index if index < page_count else None

    sides: list[Side] = []
    for sheet in range(total // 4):
        outer, inner = 2 * sheet, total - 1 - 2 * sheet
        sides.append((page(inner), page(outer)))  # front: last | first
        sides.append((page(outer + 1), page(inner - 1)))  # back: second | second last
    return sides


def impose(pdf: bytes) -> bytes:
    """Two pages of ``pdf`` side by side on each A4 landscape page, in saddle-stitch order."""
    reader = PdfReader(BytesIO(pdf))
    pages = list(reader.pages)
    width, height = A4_LANDSCAPE
    half = width / 2
    writer = PdfWriter()
    for left, right in saddle_stitch_order(len(pages)):
        sheet = PageObject.create_blank_page(width=width, height=height)
        for index, x_offset in ((left, 0.0), (right, half)):
            if index is None:
                continue
            source = pages[index]
            box = source.trimbox
            scale = min(half / float(box.width), height / float(box.height))
            placed_width = float(box.width) * scale
            placed_height = float(box.height) * scale
            transform = (
                Transformation()
                .translate(-float(box.left), -float(box.bottom))
                .scale(scale)
                .translate(
                    x_offset + (half - placed_width) / 2, (height - placed_height) / 2
                )
            )
            sheet.merge_transformed_page(source, transform)
        writer.add_page(sheet)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
