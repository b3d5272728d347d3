"""A Word file taken in: its structure kept, its hostile parts refused or made harmless."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from editing.word_fixture import word_file
from kookboek.editing.word import MAX_WORD_BYTES, WordProblem, html_to_markdown, word_to_markdown
from kookboek.site.safe_markdown import render_markdown


def test_headings_lists_tables_and_pictures_are_kept() -> None:
    converted = word_to_markdown(word_file(), "verslag-afbeelding")
    markdown = converted.markdown
    assert "## Wat we leerden" in markdown  # a level lower: the page's title is the h1
    assert "### Wat je nodig hebt" in markdown
    assert "- Een keuken met vier vuren\n- Een begeleider\n" in markdown
    assert "| Week | Gerecht |\n| --- | --- |\n| 1 | Linzensoep \\| met wortel |" in markdown
    assert "![Afbeelding 1 uit het document](verslag-afbeelding-1.jpg)" in markdown
    assert len(converted.notes) == 1 and "Alternatieve tekst bewerken" in converted.notes[0]
    [(name, data)] = converted.pictures.items()
    assert name == "verslag-afbeelding-1.jpg"
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == "JPEG" and picture.size == (240, 120)
        assert not picture.getexif() and "exif" not in picture.info

    html = render_markdown(markdown, images=lambda name: name, tables=True)
    assert "<table>" in html and "<td>Linzensoep | met wortel</td>" in html
    assert '<img alt="Afbeelding 1 uit het document" src="verslag-afbeelding-1.jpg">' in html
    assert "<li>Een begeleider</li>" in html


def test_text_from_the_document_never_becomes_html() -> None:
    html = render_markdown(
        word_to_markdown(word_file(hostile=True), "x").markdown, images=lambda n: n, tables=True
    )
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[klik](javascript:alert(1))" in html and "href" not in html  # text, no link


def test_mammoth_html_that_tries_markdown_tricks_stays_text() -> None:
    markdown = html_to_markdown(
        "<p># geen titel</p><p>1. geen lijst</p><p>![x](http://elders.example/a.png)</p>"
        '<p><a href="javascript:alert(1)">klik</a> <a href="https://vdab.be">VDAB</a></p>'
    )
    html = render_markdown(markdown, images=lambda n: n, tables=True)
    assert "<h" not in html and "<ol>" not in html and "<img" not in html
    assert "# geen titel" in html and "1. geen lijst" in html
    assert '<a href="https://vdab.be" rel="nofollow noopener">VDAB</a>' in html
    assert "javascript" not in html


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 geen zip", "geen Word-bestand"),
        (_zip({"word/document.xml": b"\0" * (120 * 1024 * 1024)}), "uitgepakt veel te groot"),
        (_zip({f"{n}.xml": b"<a/>" for n in range(2100)}), "te veel delen"),
        (_zip({"inhoud.txt": b"hallo"}), "geen Word-document"),
        (b"PK" + b"\0" * MAX_WORD_BYTES, "te groot"),
    ],
    ids=["not-a-zip", "zip-bomb", "too-many-members", "no-document", "too-large"],
)
def test_what_is_not_a_plausible_word_file_is_refused_unread(data: bytes, message: str) -> None:
    with pytest.raises(WordProblem, match=message):
        word_to_markdown(data, "x")


def test_a_picture_that_is_not_an_image_is_left_out_with_a_note() -> None:
    data = word_file()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename.startswith("word/media/"):
                content = b"<svg onload='alert(1)'/>"
            target.writestr(member, content)
    converted = word_to_markdown(out.getvalue(), "x")
    assert converted.pictures == {}
    assert "![" not in converted.markdown
    assert converted.notes and "Afbeelding 1 is weggelaten" in converted.notes[0]


def _linked_picture(target: str) -> bytes:
    """The fixture with its picture linked (not embedded) to ``target``, as Word does for
    'Koppelen aan bestand'."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(word_file())) as source, zipfile.ZipFile(out, "w") as copy:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "word/_rels/document.xml.rels":
                linked = f'Target="{target}" TargetMode="External"'.encode()
                content = content.replace(b'Target="media/image1.png"', linked)
            elif member.filename == "word/document.xml":
                content = content.replace(b'<a:blip r:embed="rId9"/>', b'<a:blip r:link="rId9"/>')
            copy.writestr(member, content)
    return out.getvalue()


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "../../geheim.png", "http://127.0.0.1:9/beeld.png"]
)
def test_a_linked_picture_is_never_fetched(target: str) -> None:
    converted = word_to_markdown(_linked_picture(target), "x")
    assert converted.pictures == {}
    assert any("gekoppeld" in note for note in converted.notes)
    assert "![" not in converted.markdown and "root:" not in converted.markdown
    assert "Wat we leerden" in converted.markdown  # the rest is taken in
