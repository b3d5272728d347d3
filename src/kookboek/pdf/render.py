"""HTML to PDF with WeasyPrint: local files only, self-hosted fonts, optional PDF/UA tags."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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

log = logging.getLogger("kookboek.pdf")
# WeasyPrint's levels (weasyprint/logger.py): ERROR for a resource it could not load or use
# (a refused or missing image, a stylesheet), WARNING for CSS or HTML it does not support.
# Errors mean something is missing from the PDF: they are passed on as warnings of ours, so
# the coach sees them and a strict build fails. Its warnings are about our own print CSS and
# are shown only with --verbose.
_weasyprint_log = logging.getLogger("weasyprint")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _weasyprint_problems(what: str) -> Iterator[None]:
    """Pass on what WeasyPrint logs while making ``what`` (a PDF's name or title)."""
    collect = _Collect()
    _weasyprint_log.addHandler(collect)
    try:
        yield
    finally:
        _weasyprint_log.removeHandler(collect)
        seen: set[str] = set()
        for record in collect.records:
            message = record.getMessage()
            if message in seen:
                continue
            seen.add(message)
            if record.levelno >= logging.ERROR:
                log.warning("%s: WeasyPrint kon iets niet laden of gebruiken: %s", what, message)
            else:
                log.debug("%s: WeasyPrint: %s", what, message)


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
            f"lettertype ontbreekt: {fonts_dir / missing[0]}. De installatie van kookboek is "
            "onvolledig: installeer het opnieuw (wis de map .venv en typ ./kookboek build)."
        )
    return [fonts_dir / name for name in FONT_FILES]


@dataclass(frozen=True)
class Renderer:
    """Renders HTML whose files live under ``roots``, with the fonts from ``fonts_dir``."""

    fonts_dir: Path
    roots: tuple[Path, ...]

    def document(
        self, html: str, base_dir: Path, stylesheets: Sequence[str], *, name: str = "pdf"
    ) -> Any:
        """Lay out ``html``; returns a WeasyPrint ``Document`` (pages can be picked later).

        What WeasyPrint could not load (an image, say) is logged as a warning naming ``name``.
        """
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
        with _weasyprint_problems(name):
            return HTML(
                string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher
            ).render(stylesheets=sheets, font_config=font_config)


def write_pdf(
    document: Any, *, tagged: bool, pages: Sequence[Any] | None = None, name: str = "pdf"
) -> bytes:
    """The PDF of ``document`` (or of a selection of its ``pages``)."""
    if pages is not None:
        document = document.copy(list(pages))
    options: dict[str, Any] = {"pdf_variant": "pdf/ua-1"} if tagged else {}
    with _weasyprint_problems(name):
        data: bytes = document.write_pdf(**options)
    return data
