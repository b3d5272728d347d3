"""Saddle-stitch imposition: A5 pages two-up on A4 landscape, ready to fold into a booklet.

Print double-sided, flipped on the short edge, fold the stack once and staple on the fold.
"""

from __future__ import annotations

from io import BytesIO

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

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
    """Two pages of ``pdf`` side by side on each A4 landscape page, in saddle-stitch order.

    Each source page becomes a form XObject that shares its fonts and images, so the result
    is hardly bigger than the source. Links and tags are dropped: this file is for paper.
    A page with bleed is cut at its trim box, as the print shop would. The document keeps
    the source's title, author, subject, keywords and language, and a reader shows its title.
    """
    source = PdfReader(BytesIO(pdf))
    sources = list(source.pages)
    writer = PdfWriter()
    _keep_document_metadata(source, writer)
    forms = [_as_form(writer, page) for page in sources]
    width, height = A4_LANDSCAPE
    half = width / 2
    for left, right in saddle_stitch_order(len(sources)):
        names = DictionaryObject()
        drawing = []
        for index, x_offset in ((left, 0.0), (right, half)):
            if index is None:
                continue
            box = sources[index].trimbox
            scale = min(half / float(box.width), height / float(box.height))
            x = x_offset + (half - float(box.width) * scale) / 2 - float(box.left) * scale
            y = (height - float(box.height) * scale) / 2 - float(box.bottom) * scale
            name = f"/P{index}"
            names[NameObject(name)] = forms[index]
            drawing.append(f"q {scale:.5f} 0 0 {scale:.5f} {x:.3f} {y:.3f} cm {name} Do Q")
        sheet = writer.add_blank_page(width, height)
        sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): names})
        content = DecodedStreamObject()
        content.set_data("\n".join(drawing).encode())
        sheet[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _keep_document_metadata(source: PdfReader, writer: PdfWriter) -> None:
    if source.metadata:
        writer.add_metadata(dict(source.metadata))
    language = source.root_object.get("/Lang")
    if language is not None:
        writer.root_object[NameObject("/Lang")] = TextStringObject(str(language))
    preferences = writer.create_viewer_preferences()
    preferences[NameObject("/DisplayDocTitle")] = BooleanObject(True)


def _as_form(writer: PdfWriter, page: PageObject) -> IndirectObject:
    """The page's drawing as a form XObject with the page's own resources, cut at the trim."""
    contents = page.get_contents()
    form = DecodedStreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(FloatObject(v) for v in page.trimbox),
            NameObject("/Resources"): page.get(NameObject("/Resources"), DictionaryObject()),
        }
    )
    # Cloning copies the fonts and images once: the clone remembers what it already copied.
    return writer._add_object(form.flate_encode().clone(writer))
