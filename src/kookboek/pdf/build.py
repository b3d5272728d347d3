"""All PDFs of a project: every configured booklet in three editions, documents, week menus."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kookboek.content.project import Project
from kookboek.images.cache import ImageCache
from kookboek.pdf.booklet import BookletSpec, build_booklet
from kookboek.pdf.cache import PdfCache
from kookboek.pdf.documents import render_documents
from kookboek.pdf.editions import BookletContext, render_booklet
from kookboek.pdf.render import Renderer
from kookboek.pdf.weekmenus import render_menus
from kookboek.site.downloads import Download
from kookboek.site.links import LinkTargets
from kookboek.support.resources import FONTS_DIR

log = logging.getLogger("kookboek.pdf")


@dataclass(frozen=True)
class PdfSettings:
    cache_dir: Path  # processed photos and finished PDFs
    fonts_dir: Path = FONTS_DIR  # the self-hosted Atkinson Hyperlegible woff2 files
    booklets: Sequence[BookletSpec] = (BookletSpec(),)
    site_url: str = ""
    project_name: str = ""  # shown on covers and colophons when a booklet names none
    # Every published file, to turn Markdown links into the site's addresses; without it
    # (or without site_url) links between content files are left out of the PDFs.
    links: LinkTargets | None = None


def build_pdfs(
    project: Project,
    settings: PdfSettings,
    *,
    images: ImageCache | None = None,
    pdfs: PdfCache | None = None,
) -> list[Download]:
    """Render what changed, reuse the rest; returns every finished PDF.

    Pass ``images`` and ``pdfs`` to read their counters afterwards (work done, cache hits).
    """
    images = images or ImageCache(settings.cache_dir / "images")
    pdfs = pdfs or PdfCache(settings.cache_dir / "pdf")
    renderer = Renderer(
        fonts_dir=settings.fonts_dir.resolve(),
        roots=(project.content_dir.resolve(), images.cache_dir.resolve()),
    )
    links = settings.links or LinkTargets({}, settings.site_url)
    context = BookletContext(renderer, images, pdfs, settings.site_url, links)
    downloads: list[Download] = []
    for spec in settings.booklets or (BookletSpec(),):
        if not spec.project and settings.project_name:
            spec = _with_project(spec, settings.project_name)
        log.info("Boekje '%s' maken...", spec.name)
        downloads.extend(render_booklet(build_booklet(project, spec), context))
    downloads.extend(render_documents(project, renderer, pdfs, links))
    downloads.extend(render_menus(project, renderer, pdfs, settings.site_url))
    return downloads


def _with_project(spec: BookletSpec, project: str) -> BookletSpec:
    from dataclasses import replace

    return replace(spec, project=project)
