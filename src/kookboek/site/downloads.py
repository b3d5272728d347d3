"""The downloadable files (PDFs) the build produces, as the Downloads page lists them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kookboek.pricing.money import LOCALE

DOWNLOADS_DIR = "downloads"


@dataclass(frozen=True)
class Download:
    """A finished file waiting in the cache, published as ``downloads/<name>``."""

    name: str  # file name in site/downloads/, e.g. 'receptenboek.pdf'
    title: str  # link text, Dutch
    description: str  # one line, Dutch
    path: Path  # where the finished file is now (it is copied into the site)
    group: str = "Receptenboek"  # heading on the Downloads page

    @property
    def size_bytes(self) -> int:
        return self.path.stat().st_size

    @property
    def size_label(self) -> str:
        from babel.numbers import format_decimal

        size = self.size_bytes
        if size >= 1_000_000:
            return f"{format_decimal(round(size / 1_000_000, 1), locale=LOCALE)} MB"
        return f"{max(1, round(size / 1000))} kB"


def document_pdf_name(slug: str) -> str:
    """The PDF of a publication or tool page is named after its page."""
    return f"{slug}.pdf"
