"""Helpers for the PDF tests: a richer copy of the valid project, text and fonts of a PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PIL import Image

FIXTURES = Path(__file__).parent.parent / "fixtures"
REPO = Path(__file__).parent.parent.parent
FONTS = REPO / "theme" / "assets" / "fonts"

BOOKLETS = """
      booklets:
        - bestand: receptenboek
          titel: Testboek
          ondertitel: Alles uit de test
          partners: [OCMW Teststad, VDAB]
        - bestand: soepen
          titel: Soepenboekje
          categorieen: [soep]
"""


def make_pdf_project(target: Path, *, pdf_options: str = BOOKLETS) -> Path:
    """The valid fixture plus the extra PDF recipes, with PDFs switched on."""
    shutil.copytree(FIXTURES / "valid", target, ignore=shutil.ignore_patterns("site"))
    recipes = target / "content" / "recepten"
    for extra in (FIXTURES / "pdf" / "recepten").iterdir():
        shutil.copy(extra, recipes / extra.name)
    photo = Image.linear_gradient("L").resize((1600, 1200)).convert("RGB")
    photo.save(recipes / "tomatensoep.jpg", quality=85)
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("../../../theme", str(REPO / "theme"))
    text = text.replace("      pdf: false\n", "      pdf: true\n" + pdf_options.lstrip("\n"))
    config.write_text(text, encoding="utf-8")
    return target


def page_texts(pdf: Path) -> list[str]:
    """The text of every page (pdftotext keeps reading order; pages split on form feed)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return out.split("\f")[:-1]


def pdffonts(pdf: Path) -> list[list[str]]:
    out = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    return [line.split() for line in out[2:]]
