"""Files the engine reads at run time, inside the package so that any install finds them."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Atkinson Hyperlegible (SIL Open Font License, OFL.txt beside them): the site, the form and
# the PDFs all use these files; the MkDocs plugin publishes them under assets/fonts/.
FONTS_DIR = PACKAGE_DIR / "assets" / "fonts"
SITE_FONTS_PATH = "assets/fonts"


def font_files() -> list[Path]:
    """Every font file and its licence, as published with the site."""
    return sorted(p for p in FONTS_DIR.iterdir() if p.suffix in {".woff2", ".txt"})


# The project's own drawings of the kinds of dish and of the competences (SVG): the form
# shows them, and a participant's portfolio prints them.
DRAWINGS_DIR = PACKAGE_DIR / "web" / "static" / "iconen"
