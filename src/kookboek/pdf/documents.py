"""A4 PDFs of the publications and tools: one per page, plus all recommendations together."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kookboek.content.models import Playbook, PolicyRecommendation, Publication
from kookboek.content.project import Project
from kookboek.pdf.cache import PdfCache
from kookboek.pdf.editions import pages_label
from kookboek.pdf.render import Renderer, stylesheet_bytes, write_pdf
from kookboek.pdf.templating import render_print
from kookboek.site.downloads import Download, document_pdf_name
from kookboek.site.links import LinkTargets

log = logging.getLogger("kookboek.pdf")

DOCUMENT_CSS = ("document.css",)
RECOMMENDATIONS_PDF = "beleidsaanbevelingen.pdf"


@dataclass(frozen=True)
class DocumentView:
    """What the print template shows of one publication or tool."""

    document: Publication
    kind: str
    facts: tuple[tuple[str, str], ...]


def view(document: Publication) -> DocumentView:
    facts: list[tuple[str, str]] = []
    if isinstance(document, PolicyRecommendation):
        kind = f"Beleidsaanbeveling {document.number}"
        facts.append(("Aan", ", ".join(document.addressees)))
    elif isinstance(document, Playbook):
        kind = "Draaiboek"
        facts += [("Voor wie", document.audience), ("Duur", document.duration)]
        if document.materials:
            facts.append(("Materiaal", ", ".join(document.materials)))
    else:
        kind = "Publicatie"
    facts += [("Project", document.project), ("Jaar", str(document.year))]
    if document.partners:
        facts.append(("Partners", ", ".join(document.partners)))
    if document.region:
        facts.append(("Regio", document.region))
    return DocumentView(document, kind, tuple(facts))


def document_html(
    title: str,
    views: Sequence[DocumentView],
    project: Project,
    links: LinkTargets,
    intro: str = "",
) -> str:
    return render_print(
        "document.html",
        title=title,
        views=views,
        intro=intro,
        links=links,
        content_dir=project.content_dir,
    )


def render_documents(
    project: Project, renderer: Renderer, pdfs: PdfCache, links: LinkTargets
) -> list[Download]:
    downloads: list[Download] = []
    groups: tuple[tuple[str, Sequence[Publication]], ...] = (
        ("Publicaties", project.publications),
        ("Draaiboeken", project.playbooks),
        ("Beleidsaanbevelingen", project.recommendations),
    )
    for group, documents in groups:
        for document in documents:
            item = view(document)
            html = document_html(document.title, [item], project, links)
            path = render_cached(html, document_pdf_name(document.slug), renderer, pdfs, project)
            downloads.append(
                Download(document_pdf_name(document.slug), document.title, item.kind, path, group)
            )
    if project.recommendations:
        html = document_html(
            "Beleidsaanbevelingen",
            [view(r) for r in project.recommendations],
            project,
            links,
            intro="Alle beleidsaanbevelingen uit de projecten, samen in één document.",
        )
        path = render_cached(html, RECOMMENDATIONS_PDF, renderer, pdfs, project)
        downloads.append(
            Download(
                RECOMMENDATIONS_PDF,
                "Alle beleidsaanbevelingen",
                f"{len(project.recommendations)} aanbevelingen in één pdf.",
                path,
                "Beleidsaanbevelingen",
            )
        )
    return downloads


def render_cached(
    html: str,
    name: str,
    renderer: Renderer,
    pdfs: PdfCache,
    project: Project,
    stylesheets: tuple[str, ...] = DOCUMENT_CSS,
) -> Path:
    """One tagged A4 PDF, from the cache when its HTML and stylesheets did not change."""
    # Salted with the engine's code (support/cache.py): a new version never serves an old PDF.
    key = pdfs.key([html, stylesheet_bytes(("fonts.css", *stylesheets))])
    if pdfs.lookup(name, key) is not None:
        return pdfs.path(name)
    started = time.perf_counter()
    document = renderer.document(html, project.content_dir, stylesheets, name=name)
    data = write_pdf(document, tagged=True, name=name)
    pdfs.store(name, key, data, len(document.pages))
    log.info(
        "%s: %s, %.1f s, %d kB",
        name,
        pages_label(len(document.pages)),
        time.perf_counter() - started,
        max(1, round(len(data) / 1000)),
    )
    return pdfs.path(name)
