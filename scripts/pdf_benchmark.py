"""Render the PDFs of a content folder from scratch and print how long each took.

Usage: .venv/bin/python scripts/pdf_benchmark.py [content] [cache-folder]
The cache folder is emptied first, so every PDF is really rendered.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from pathlib import Path

from kookboek.content.project import load_project
from kookboek.pdf.build import PdfSettings, build_pdfs


def main() -> None:
    content = Path(sys.argv[1] if len(sys.argv) > 1 else "content")
    cache = Path(sys.argv[2] if len(sys.argv) > 2 else ".cache/pdf-benchmark")
    shutil.rmtree(cache, ignore_errors=True)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("kookboek.pdf").setLevel(logging.INFO)
    started = time.perf_counter()
    settings = PdfSettings(
        cache_dir=cache,
        fonts_dir=Path("theme/assets/fonts"),
        project_name="Betaalbaar koken, samen",
    )
    for download in build_pdfs(load_project(content), settings):
        print(f"{download.name:40} {download.size_label:>10}")
    print(f"total: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
