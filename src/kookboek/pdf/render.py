"""HTML to PDF with WeasyPrint: local files only, self-hosted fonts, optional PDF/UA tags."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

FONT_FILES = (
    "atkinson-hyperlegible-latin-400-normal.woff2",
    "atkinson-hyperlegible-latin-400-italic.woff2",
    "atkinson-hyperlegible-latin-700-normal.woff2",
    "atkinson-hyperlegible-latin-700-italic.woff2",
    "atkinson-hyperlegible-latin-ext-400-normal.woff2",
    "atkinson-hyperlegible-latin-ext-700-normal.woff2",
)

# WeasyPrint logs a refused image or an unsupported CSS property at WARNING level;
# keep those visible but out of the progress lines.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


class RenderError(RuntimeError):
    """A PDF could not be made; the message is Dutch."""


def stylesheet_text(name: str) -> str:
    return files("kookboek.pdf").joinpath("templates", name).read_text(encoding="utf-8")


def stylesheet_bytes(names: Sequence[str]) -> bytes:
    return b"".join(stylesheet_text(name).encode() for name in names)


def check_fonts(fonts_dir: Path) -> list[Path]:
    missing = [name for name in FONT_FILES if not (fonts_dir / name).is_file()]
    if missing:
        raise RenderError(
            f"lettertype ontbreekt: {fonts_dir / missing[0]}. Zet de Atkinson Hyperlegible "
            "woff2-bestanden terug in theme/assets/fonts/."
        )
    return [fonts_dir / name for name in FONT_FILES]


@dataclass(frozen=True)
class Renderer:
    """Renders HTML whose files live under ``roots``, with the fonts from ``fonts_dir``."""

    fonts_dir: Path
    roots: tuple[Path, ...]

    def document(self, html: str, base_dir: Path, stylesheets: Sequence[str]) -> Any:
        """Lay out ``html``; returns a WeasyPrint ``Document`` (pages can be picked later)."""
        # Imported here: loading WeasyPrint takes half a second, which a build whose PDFs all
        # come from the cache should not pay.
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        from kookboek.pdf.fetcher import RestrictedFetcher

        check_fonts(self.fonts_dir)
        fetcher = RestrictedFetcher((*self.roots, self.fonts_dir))
        font_config = FontConfiguration()
        sheets = [
            CSS(
                string=stylesheet_text("fonts.css"),
                base_url=self.fonts_dir.as_uri() + "/",
                url_fetcher=fetcher,
                font_config=font_config,
            ),
            *(
                CSS(string=stylesheet_text(name), url_fetcher=fetcher, font_config=font_config)
                for name in stylesheets
            ),
        ]
        return HTML(
            string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher
        ).render(stylesheets=sheets, font_config=font_config)


def write_pdf(document: Any, *, tagged: bool, pages: Sequence[Any] | None = None) -> bytes:
    """The PDF of ``document`` (or of a selection of its ``pages``)."""
    if pages is not None:
        document = document.copy(list(pages))
    options: dict[str, Any] = {"pdf_variant": "pdf/ua-1"} if tagged else {}
    data: bytes = document.write_pdf(**options)
    return data
