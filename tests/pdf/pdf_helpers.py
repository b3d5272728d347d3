"""Helpers for the PDF tests: a richer copy of the valid project, text and fonts of a PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kookboek.pdf.render import Renderer
from kookboek.support.resources import FONTS_DIR
from project_paths import FIXTURES
from sample_project import copy_sample_project

FONTS = FONTS_DIR

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
    copy_sample_project(target)
    recipes = target / "content" / "recepten"
    for extra in (FIXTURES / "pdf" / "recepten").iterdir():
        shutil.copy(extra, recipes / extra.name)
    photo = Image.linear_gradient("L").resize((1600, 1200)).convert("RGB")
    photo.save(recipes / "tomatensoep.jpg", quality=85)
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
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


def recipe_start_pages(texts: list[str], titles: list[str]) -> dict[str, int]:
    """The 1-based page where each recipe starts: its title above 'Kost per portie'."""
    starts = {}
    for number, text in enumerate(texts, start=1):
        for title in titles:
            heading = re.search(rf"^\s*{re.escape(title)}\s*$", text, re.M)
            if title not in starts and heading and "Kost per portie" in text[heading.end() :]:
                starts[title] = number
    return starts


def toc_entries(texts: list[str]) -> dict[str, int]:
    entries = {}
    contents = next(i for i, text in enumerate(texts) if text.lstrip().startswith("Inhoud"))
    for text in texts[contents : contents + 2]:
        for line in text.splitlines():
            found = re.match(r"^\s*(\S.*?)\s*(?:\. )+\.?\s*(\d+)\s*$", line)
            if found:
                entries[found[1]] = int(found[2])
    return entries


def counting_layouts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every HTML document laid out by WeasyPrint from now on (its <title>)."""
    laid_out: list[str] = []
    original = Renderer.document

    def document(self: Renderer, html: str, *args: Any, **kwargs: Any) -> Any:
        laid_out.append(html.split("<title>", 1)[1].split("</title>", 1)[0])
        return original(self, html, *args, **kwargs)

    monkeypatch.setattr(Renderer, "document", document)
    return laid_out
