"""WeasyPrint's own errors reach the build log instead of silently dropping an image."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kookboek.pdf.render import Renderer, write_pdf
from kookboek.support.resources import FONTS_DIR

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "image",
    ["ontbreekt.png", "file:///etc/hostname"],
    ids=["missing image", "image outside the allowed folders"],
)
def test_an_image_weasyprint_cannot_load_is_a_warning_naming_the_pdf(
    tmp_path: Path, image: str, caplog: pytest.LogCaptureFixture
) -> None:
    renderer = Renderer(fonts_dir=FONTS_DIR, roots=(tmp_path,))
    html = f'<html lang="nl"><body><h1>Titel</h1><img src="{image}" alt="foto"></body></html>'
    with caplog.at_level(logging.DEBUG, logger="kookboek.pdf"):
        document = renderer.document(html, tmp_path, ["document.css"], name="verslag.pdf")
        write_pdf(document, tagged=True, name="verslag.pdf")
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, caplog.text
    message = warnings[0].getMessage()
    assert message.startswith("verslag.pdf: WeasyPrint kon iets niet laden")
    assert image.rsplit("/", 1)[-1] in message


def test_a_clean_document_logs_no_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    renderer = Renderer(fonts_dir=FONTS_DIR, roots=(tmp_path,))
    with caplog.at_level(logging.WARNING, logger="kookboek.pdf"):
        renderer.document("<p>Gewoon tekst.</p>", tmp_path, ["document.css"], name="x.pdf")
    assert caplog.records == []
