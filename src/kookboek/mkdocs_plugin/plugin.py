"""Thin MkDocs plugin: each hook hands the work to the core and turns its errors into MkDocs'."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kookboek.downloads import DOWNLOADS_DIR, Download
from kookboek.errors import ContentErrors
from kookboek.mkdocs_plugin.config import KookboekConfig
from kookboek.mkdocs_plugin.pdfs import build_downloads, document_links
from kookboek.models import Recipe
from kookboek.project import Project, load_project
from kookboek.rendering import render, render_recipe
from kookboek.site_pages import GeneratedPage, generated_pages

log = logging.getLogger("mkdocs.plugins.kookboek")

Renderer = Callable[[str], str]  # relative site root → article HTML


class KookboekPlugin(BasePlugin[KookboekConfig]):
    def __init__(self) -> None:
        self.project: Project | None = None
        self.serving = False
        self.renderers: dict[str, Renderer] = {}
        self.titles: dict[str, str] = {}
        self.downloads: list[Download] = []  # finished PDFs, filled before pages render
        self.pdf_links: dict[str, str] = {}  # src_uri of a publication/tool → its PDF

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @property
    def pdf_enabled(self) -> bool:
        wanted = os.environ.get("KOOKBOEK_PDF")
        if wanted is not None:
            return wanted not in {"0", "false", "nee"}
        return self.config.pdf and not self.serving

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        try:
            self.project = load_project(Path(config.docs_dir))
        except ContentErrors as exc:
            raise PluginError("De inhoud bevat fouten:\n" + exc.report()) from exc
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.project is None:
            return files
        self.renderers.clear()
        self.titles.clear()
        project = self.project
        if self.pdf_enabled:
            self.downloads[:] = build_downloads(
                project, self.config.booklets, self.config.cache_dir, config
            )
            self.pdf_links = document_links(project, self.downloads)
        for recipe in project.recipes:
            src_uri = recipe.source.relative_to(config.docs_dir).as_posix()
            self.titles[src_uri] = recipe.title
            self.renderers[src_uri] = partial(_render_recipe, recipe, project)
        for generated in generated_pages(project, self.downloads):
            self._add_generated(files, generated, config)
        return files

    def _add_generated(self, files: Files, page: GeneratedPage, config: MkDocsConfig) -> None:
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None and not page.replaces_source:
            return  # a hand-written page wins over a generated one
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=f"# {page.title}\n"))
        self.titles[page.src_uri] = page.title
        self.renderers[page.src_uri] = page.render

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        target = Path(config.site_dir) / DOWNLOADS_DIR
        for download in self.downloads:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(download.path, target / download.name)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        src_uri = page.file.src_uri
        if src_uri in self.titles:
            page.meta["title"] = self.titles[src_uri]
        elif "titel" in page.meta:
            page.meta["title"] = page.meta["titel"]
        if src_uri in self.renderers:
            return ""  # the core renders the whole article in on_page_content
        return markdown

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        renderer = self.renderers.get(page.file.src_uri)
        if renderer is not None:
            html = renderer(relative_root(page))
        pdf = self.pdf_links.get(page.file.src_uri)
        if pdf is not None:
            html += render("pdf_link.html", name=pdf, root=relative_root(page))
        return html


def _render_recipe(recipe: Recipe, project: Project, root: str) -> str:
    return render_recipe(recipe, project, root)


def relative_root(page: Page) -> str:
    """The relative URL from ``page`` to the site root: '' at the root, else '../' per level."""
    return "../" * page.url.count("/")
