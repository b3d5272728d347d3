"""The PDF part of the plugin: options to ``BookletSpec``s, core errors to ``PluginError``."""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from kookboek.content.project import Project
from kookboek.pdf.booklet import BookletError, BookletSpec
from kookboek.pdf.build import PdfSettings, build_pdfs
from kookboek.pdf.render import RenderError
from kookboek.site.downloads import Download
from kookboek.site.links import LinkTargets

log = logging.getLogger("mkdocs.plugins.kookboek")


class _Forward(logging.Handler):
    """Shows the core's progress lines and warnings through MkDocs' own logger."""

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, record.getMessage())


def booklet_specs(options: list[Any]) -> list[BookletSpec]:
    specs = []
    for booklet in options:
        limit = booklet["max_kost_per_portie"]
        specs.append(
            BookletSpec(
                name=booklet["bestand"].removesuffix(".pdf"),
                title=booklet["titel"],
                subtitle=booklet["ondertitel"],
                categories=tuple(booklet["categorieen"]),
                max_cost_per_portion=None if limit is None else Decimal(str(limit)),
                order=booklet["volgorde"],
                project=booklet["project"],
                partners=tuple(booklet["partners"]),
                licence=booklet["licentie"],
                cover_image=booklet["omslagfoto"],
            )
        )
    return specs or [BookletSpec()]


def build_downloads(
    project: Project,
    booklets: list[Any],
    cache_dir: str,
    config: MkDocsConfig,
    links: LinkTargets,
) -> list[Download]:
    settings = PdfSettings(
        cache_dir=Path(config.config_file_path).parent / cache_dir,
        booklets=booklet_specs(booklets),
        site_url=config.site_url or "",
        project_name=config.site_name,
        links=links,
    )
    core_log = logging.getLogger("kookboek.pdf")
    handler = _Forward()
    core_log.addHandler(handler)
    core_log.setLevel(logging.INFO)
    core_log.propagate = False
    try:
        return build_pdfs(project, settings)
    except (BookletError, RenderError) as exc:
        raise PluginError(f"De pdf's konden niet gemaakt worden: {exc}") from exc
    finally:
        core_log.removeHandler(handler)
