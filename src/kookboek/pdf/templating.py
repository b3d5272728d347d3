"""The Jinja2 environment of the print templates (``pdf/templates/``, named ``print/...``)."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from kookboek.site.links import LinkTargets, source_uri
from kookboek.site.safe_markdown import LinkRewriter, render_markdown
from kookboek.site.templating import environment


@cache
def print_environment() -> jinja2.Environment:
    env = environment().overlay()
    # No heading ids: one printed document holds many recipes with a 'Bereiding' heading.
    env.filters["print_markdown"] = _print_markdown
    env.filters["print_document_markdown"] = _print_document_markdown
    return env


@lru_cache(maxsize=4096)
def _print_markdown(text: str, links: LinkRewriter) -> Markup:
    """A recipe's text goes into the booklet's HTML several times per render (for the cache
    key, the estimate and each edition): convert it once."""
    return Markup(render_markdown(text, heading_ids=False, links=links))


def _print_document_markdown(text: str, links: LinkRewriter, source: Path) -> Markup:
    """A publication's or tool's body in its PDF: its tables, and its pictures as files next
    to it (the PDF's fetcher may read the content folder)."""

    def picture(name: str) -> str | None:
        path = source.parent / name
        return path.absolute().as_uri() if path.is_file() else None

    return Markup(
        render_markdown(text, heading_ids=False, links=links, images=picture, tables=True)
    )


def render_print(template: str, *, links: LinkTargets, content_dir: Path, **context: Any) -> str:
    """A print template; the links in its Markdown as they work in a PDF (``links``)."""

    def print_links(source: Path) -> LinkRewriter:
        return links.for_print(source_uri(source, content_dir))

    return (
        print_environment()
        .get_template(f"print/{template}")
        .render(print_links=print_links, **context)
    )
