"""A publication uploaded as a Word file gets its page and its PDF in a real build."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from editing.word_fixture import word_file
from kookboek.editing.documents import RawDocument, save_document
from kookboek.mkdocs_plugin.run import build_site

pytestmark = pytest.mark.slow


def test_the_uploaded_word_file_is_built_into_a_page_and_a_pdf(valid_project: Path) -> None:
    content = valid_project / "content"
    raw = RawDocument(
        "publicatie",
        {
            "titel": "Koken in de wijk",
            "samenvatting": "Wat twaalf moeders leerden in een jaar samen koken.",
            "jaar": "2026",
            "project": "Wijk-werken",
        },
        file_name="Verslag.docx",
        file_data=word_file(hostile=True),
    )
    saved = save_document(content, raw, {"ouders-in-actie"})
    site = build_site(valid_project / "mkdocs.yml", pdf=True).site_dir

    page = (site / "publicaties" / saved.slug / "index.html").read_text(encoding="utf-8")
    body = page[page.index('<div class="kb-body">') :]
    assert '<h2 id="wat-we-leerden">Wat we leerden</h2>' in body
    assert "<li>Een begeleider</li>" in body
    assert "<td>Linzensoep | met wortel</td>" in body
    picture = "../../publicaties/koken-in-de-wijk-afbeelding-1.jpg"
    assert f'<img alt="Afbeelding 1 uit het document" src="{picture}">' in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert" not in page
    assert (site / "publicaties" / "koken-in-de-wijk-afbeelding-1.jpg").is_file()

    pdf = site / "downloads" / f"{saved.slug}.pdf"
    assert f"downloads/{saved.slug}.pdf" in page
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Koken in de wijk" in text and "Wat je nodig hebt" in text
    assert "Linzensoep | met wortel" in text
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert any(line.split()[3:5] == ["240", "120"] for line in images), images
