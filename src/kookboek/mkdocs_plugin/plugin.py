"""Thin MkDocs plugin: each hook hands the work to the core and turns its errors into MkDocs'."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path

import jinja2
from markdown import Markdown
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kookboek.content.errors import ContentErrors, full_list_hint, problem_lines, summed_up
from kookboek.content.models import Publication, Recipe
from kookboek.content.project import Project, load_project
from kookboek.images.app_icons import cached_app_icons
from kookboek.images.cache import ImageCache
from kookboek.images.responsive import PendingPhotos, Photo, start_photos
from kookboek.images.share import PendingShareImages, share_image_file, start_share_images
from kookboek.mkdocs_plugin.config import KookboekConfig
from kookboek.search.index import CARDS_DIR, SearchIndexError, index_records, index_site
from kookboek.site.address import placeholder_problem
from kookboek.site.app_manifest import (
    APP_FLAG,
    ICONS_DIR,
    MANIFEST_PATH,
    SHORT_NAME_LENGTH,
    web_manifest,
)
from kookboek.site.card_index import card_records
from kookboek.site.downloads import DOWNLOADS_DIR, Download
from kookboek.site.feed import FEED_PATH, feed_entries, render_feed
from kookboek.site.generated import (
    GeneratedPage,
    generated_files,
    generated_pages,
    home_search_text,
)
from kookboek.site.links import LinkTargets, body_links, link_problems, markdown_links
from kookboek.site.minify import minify_assets
from kookboek.site.offline import write_service_worker
from kookboek.site.pages import (
    SiteContext,
    render_document_page,
    render_home_page,
    render_recipe_page,
)
from kookboek.site.sharing import (
    SITE_CARD,
    PlannedShareImage,
    planned_share_images,
    recipe_share_path,
)
from kookboek.site.structured_data import json_ld_to_head
from kookboek.site.templating import content_path, keep_compiled_templates
from kookboek.support.launcher import command_name
from kookboek.support.resources import SITE_FONTS_PATH, font_files

log = logging.getLogger("mkdocs.plugins.kookboek")
#: A log record with this attribute set is shown on the terminal even without --verbose.
COACH_RECORD = "voor_begeleider"
# The list of pages Material's instant navigation reads (theme/navigatie/sitemap.xml).
INSTANT_NAVIGATION_LIST = "navigatie/sitemap.xml"

Renderer = Callable[[str], str]  # relative site root → article HTML
# Under the cache folder: rendered recipe HTML and parsed content files.
FRAGMENTS_FILE = "site/fragments.json"
PARSED_FILE = "site/parsed.pickle"
APP_ICONS_FILE = "site/app-icons.pickle"
SEARCH_CACHE = "search"  # the last build's search index, by a hash of its pages
CARDS_CACHE = "search-cards"  # the last build's card index of the overview, likewise
COMPILED_TEMPLATES = "templates"  # the engine's and the theme's, compiled by Jinja


class LinkedFile(File):
    """A file the engine made in its cache (a photo variant, a share image, a font): put
    into the site as a hard link where the file system allows it, else copied.

    Their names hold a hash of what they show, and nothing writes to them in the site, so
    a link is as good as a copy; it spares copying hundreds of files on every build."""

    #: Being made on every core: put into the site at the end of the build, once made.
    deferred = False

    def copy_file(self, dirty: bool = False) -> None:
        if self.deferred:
            return
        if self.abs_src_path is None or (dirty and not self.is_modified()):
            super().copy_file(dirty)
            return
        target = Path(self.abs_dest_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            target.unlink(missing_ok=True)
            os.link(self.abs_src_path, target)
        except OSError:  # another file system, or one without hard links
            super().copy_file(dirty)


class KookboekPlugin(BasePlugin[KookboekConfig]):
    def __init__(self) -> None:
        self.project: Project | None = None
        self.serving = False
        self.renderers: dict[str, Renderer] = {}
        self.titles: dict[str, str] = {}
        self.downloads: list[Download] = []  # finished PDFs, filled before pages render
        self.descriptions: dict[str, str] = {}
        self.image_cache: ImageCache | None = None
        self.site: SiteContext | None = None
        self.search_texts: dict[str, Callable[[], str]] = {}  # src_uri → what search indexes
        self.share_images: dict[str, str] = {}  # published share image → its alt text
        self._recipes_by_source: dict[str, Recipe] = {}
        self.links = LinkTargets({})  # every published file, known at the end of on_files
        self._markdown: Markdown | None = None  # the site's own, to find links
        self.not_searched: set[str] = set()  # src_uri of generated pages left out of search
        # Image work on every core while the pages are rendered, until the site is written:
        self._photos_made: PendingPhotos | None = None
        self._share_images_made: list[PendingShareImages] = []
        self._share_images_later: list[PlannedShareImage] = []  # drawn from photos being made
        self._deferred: list[LinkedFile] = []  # their files, put into the site once made

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
        keep_compiled_templates(self._cache_root(config) / COMPILED_TEMPLATES)
        config.theme.static_templates.add(INSTANT_NAVIGATION_LIST)
        try:
            self.project = load_project(
                Path(config.docs_dir), parse_cache=self._cache_root(config) / PARSED_FILE
            )
        except ContentErrors as exc:
            # Many problems of one kind summed up, as `kookboek check` does.
            report = exc.report(command=command_name())
            raise PluginError("De inhoud bevat fouten:\n" + report) from exc
        warnings = self.project.warnings
        remarks = problem_lines(warnings)
        if summed_up(warnings):
            remarks.append(full_list_hint(command_name()))
        for remark in remarks:
            # Not a MkDocs warning: it must not stop a strict build, but the coach sees it.
            log.info("Let op: %s", remark, extra={COACH_RECORD: True})
        address = placeholder_problem(config.site_url)
        if address and not self.serving:
            log.info("Let op: %s", address, extra={COACH_RECORD: True})
        chosen = self.config.korte_naam.strip()
        if len(chosen) > SHORT_NAME_LENGTH:
            log.info(
                "Let op: korte_naam in mkdocs.yml (%s) heeft %d tekens. Onder het icoon op een "
                "telefoon passen er ongeveer %d; de rest valt weg.",
                chosen,
                len(chosen),
                SHORT_NAME_LENGTH,
                extra={COACH_RECORD: True},
            )
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.project is None:
            return files
        self._cancel_images()  # nothing is left of an earlier build (mkdocs serve)
        self._deferred = []
        self.renderers.clear()
        self.titles.clear()
        self.not_searched.clear()
        self.descriptions.clear()
        self.search_texts.clear()
        self.downloads.clear()
        project = self.project
        site = self.site = SiteContext(
            project,
            site_url=config.site_url or "",
            site_name=config.site_name,
            photos=self._publish_photos(files, project, config),
            downloads=lambda: self.downloads,
            links=lambda: self.links,
            fragment_file=self._cache_root(config) / FRAGMENTS_FILE,
        )
        self._recipes_by_source.clear()
        for recipe in project.recipes:
            src_uri = recipe.source.relative_to(config.docs_dir).as_posix()
            self._recipes_by_source[src_uri] = recipe
            self.titles[src_uri] = recipe.title
            self.descriptions[src_uri] = recipe.description
            self.renderers[src_uri] = partial(render_recipe_page, recipe, site)
        for document in (*project.publications, *project.playbooks, *project.recommendations):
            src_uri = document.source.relative_to(config.docs_dir).as_posix()
            self.titles[src_uri] = document.title
            self.descriptions[src_uri] = document.summary
            self.renderers[src_uri] = partial(render_document_page, document, site)
        for generated in generated_pages(project, self.downloads, site):
            self._add_generated(files, generated, config)
        for published in generated_files(site):
            files.append(File.generated(config, published.src_uri, content=published.content))
        self._publish_fonts(files, config)
        self._publish_app(files, config)
        self._publish_share_images(files, project, config)
        self._publish_feed(files, project, config)
        # Now every page and file is known, generated ones too: links to them resolve like
        # any other, on the engine's pages and in the PDFs.
        self.links = published_files(files, config)
        self._report_broken_links(project, config)
        if self.pdf_enabled:
            # Rendered before the pages, so the Downloads page and the document pages can link
            # to the PDFs with their real size. Imported here: a build without PDFs need not
            # load the PDF machinery (pypdf, font metrics; WeasyPrint loads only to render).
            from kookboek.mkdocs_plugin.pdfs import build_downloads

            self.downloads[:] = build_downloads(
                project, self.config.booklets, self.config.cache_dir, config, self.links
            )
        return files

    def _report_broken_links(self, project: Project, config: MkDocsConfig) -> None:
        """Links the engine renders (MkDocs never sees them) that point to nothing: a
        warning with the file and line each, so a strict build stops."""
        documents: list[Recipe | Publication] = [*project.recipes, *project.publications]
        documents += [*project.playbooks, *project.recommendations]
        for document in documents:
            hrefs = body_links(document.body)
            for problem in link_problems(document.source, project.content_dir, hrefs, self.links):
                log.warning("%s", problem)

    def _publish_share_images(self, files: Files, project: Project, config: MkDocsConfig) -> None:
        """A share image per recipe and one for the other pages (Open Graph, the feed)."""
        self.share_images.clear()
        assert self.image_cache is not None  # made with the photos, just before
        assert self.site is not None  # made with the photos, just before
        planned = planned_share_images(
            project, config.site_name, config.site_description or "", self.site.photos
        )
        # Made on every core while the pages are rendered and indexed; waited for at the
        # end of the build. A card drawn from a photo whose variants are being made is
        # begun once they are.
        making = self._photos_made.files if self._photos_made is not None else frozenset()
        now = [p for p in planned if not making.intersection(p.pictures)]
        self._share_images_later = [p for p in planned if making.intersection(p.pictures)]
        cache = self.image_cache
        self._share_images_made = [start_share_images([(p.pictures, p.card) for p in now], cache)]
        for plan in planned:
            image = share_image_file(plan.pictures, plan.card, cache)
            if files.get_file_from_path(plan.url_path) is None:
                files.append(self._linked(config, plan.url_path, image, later=not image.is_file()))
            self.share_images[plan.url_path] = plan.alt

    def _finish_images(self) -> None:
        """Wait for the photos and share images begun in on_files."""
        photos, self._photos_made = self._photos_made, None
        if photos is not None:
            try:
                photos.wait()
            except ContentErrors as exc:
                self._cancel_images()
                raise PluginError("De foto's bevatten fouten:\n" + exc.report()) from exc
            if photos.files and self.image_cache is not None:
                log.info("Foto's verwerkt: %d nieuwe versies.", self.image_cache.processed)
        later, self._share_images_later = self._share_images_later, []
        if later and self.image_cache is not None:
            wanted = [(p.pictures, p.card) for p in later]
            self._share_images_made.append(start_share_images(wanted, self.image_cache))
        pending, self._share_images_made = self._share_images_made, []
        if not pending or self.image_cache is None:
            return
        before = self.image_cache.processed
        for images in pending:
            images.wait()
        if self.image_cache.processed > before:
            log.info("Deelafbeeldingen gemaakt: %d.", self.image_cache.processed - before)

    def _cancel_images(self) -> None:
        if self._photos_made is not None:
            self._photos_made.cancel()
            self._photos_made = None
        for images in self._share_images_made:
            images.cancel()
        self._share_images_made = []
        self._share_images_later = []

    def _publish_feed(self, files: Files, project: Project, config: MkDocsConfig) -> None:
        site_url = config.site_url or ""
        if not site_url:
            return  # a feed needs absolute addresses
        shared = {r.slug: recipe_share_path(r) for r in project.recipes}
        feed = render_feed(
            feed_entries(project, site_url, shared),
            site_url,
            config.site_name,
            config.site_description or "",
        )
        files.append(File.generated(config, FEED_PATH, content=feed))

    def _publish_app(self, files: Files, config: MkDocsConfig) -> None:
        """The web manifest and the home-screen icons, drawn from the site's SVG icon
        (``theme.favicon``); the theme links them only for an SVG icon too."""
        config.extra[APP_FLAG] = False  # the theme links the manifest only when it is there
        favicon = str(config.theme.get("favicon") or "")
        folders = [config.docs_dir, *config.theme.dirs]  # where MkDocs finds it too
        found = [Path(d) / favicon for d in folders if favicon.endswith(".svg")]
        source = next((path for path in found if path.is_file()), None)
        if source is None:
            return
        svg = source.read_text(encoding="utf-8")
        icons = cached_app_icons(svg, self._cache_root(config) / APP_ICONS_FILE)
        for name, png in icons.items():
            files.append(File.generated(config, f"{ICONS_DIR}/{name}", content=png))
        manifest = web_manifest(
            config.site_name, config.site_description or "", self.config.korte_naam
        )
        files.append(File.generated(config, MANIFEST_PATH, content=manifest))
        config.extra[APP_FLAG] = True

    def _publish_fonts(self, files: Files, config: MkDocsConfig) -> None:
        """The fonts live in the package (the PDFs and the form use them too); the theme's
        stylesheet finds them at assets/fonts/ as if they were in the theme."""
        for font in font_files():
            url_path = f"{SITE_FONTS_PATH}/{font.name}"
            if files.get_file_from_path(url_path) is None:
                files.append(LinkedFile.generated(config, url_path, abs_src_path=str(font)))

    def _publish_photos(
        self, files: Files, project: Project, config: MkDocsConfig
    ) -> dict[str, Photo]:
        """Responsive variants of every recipe photo; a raster original is never published."""
        self.image_cache = ImageCache(self._cache_root(config) / "images")
        wanted = [
            (r.slug, r.source.parent / r.photo, content_path(r, r.photo, project))
            for r in project.recipes
            if r.photo
        ]
        try:
            # Made on every core while the pages are rendered and indexed (waited for at the
            # end of the build); the pages need only their addresses and sizes, known now.
            self._photos_made = start_photos(wanted, self.image_cache)
        except ContentErrors as exc:
            raise PluginError("De foto's bevatten fouten:\n" + exc.report()) from exc
        photos = dict(self._photos_made.photos)
        for _, source, url_path in wanted:
            if source.suffix.lower() == ".svg":
                continue
            original = files.get_file_from_path(url_path)
            if original is not None:
                files.remove(original)
        making = self._photos_made.files
        for photo in photos.values():
            for published in photo.files:
                if files.get_file_from_path(published.url_path) is None:
                    later = published.source in making
                    files.append(self._linked(config, published.url_path, published.source, later))
        if self.image_cache.processed:
            log.info("Foto's verwerkt: %d nieuwe versies.", self.image_cache.processed)
        return photos

    def _linked(self, config: MkDocsConfig, url_path: str, source: Path, later: bool) -> File:
        """A file of the cache linked into the site; ``later``: once it is made."""
        file = LinkedFile.generated(config, url_path, abs_src_path=str(source))
        assert isinstance(file, LinkedFile)
        if later:
            file.deferred = True
            self._deferred.append(file)
        return file

    def _put_deferred_files(self) -> None:
        deferred, self._deferred = self._deferred, []
        for file in deferred:
            file.deferred = False
            file.copy_file()

    def _cache_root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.cache_dir

    def _add_generated(self, files: Files, page: GeneratedPage, config: MkDocsConfig) -> None:
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None and not page.replaces_source:
            return  # a hand-written page wins over a generated one
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=f"# {page.title}\n"))
        self.titles[page.src_uri] = page.title
        if page.description:
            self.descriptions[page.src_uri] = page.description
        self.renderers[page.src_uri] = page.render
        if not page.fully_searchable:
            self.search_texts[page.src_uri] = page.search_text
        if not page.searched:
            self.not_searched.add(page.src_uri)

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """The theme's templates, like the engine's, stay compiled between builds."""
        if self.config.enabled:
            folder = self._cache_root(config) / COMPILED_TEMPLATES
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self._cancel_images()
        self._deferred = []

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Before the rendered HTML is kept: the records are made of the cards, which a warm
        # build then takes from the cache.
        cards = card_records(self.site) if self.site is not None else {}
        if self.site is not None:
            self.site.fragments.save()
        target = Path(config.site_dir) / DOWNLOADS_DIR
        for download in self.downloads:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(download.path, target / download.name)
        minify_assets(Path(config.site_dir))
        if self.project is not None and self.site is not None:
            site_dir = Path(config.site_dir)
            cache = self._cache_root(config)
            try:
                index_site(site_dir, cache / SEARCH_CACHE)
                index_records(cards, site_dir / CARDS_DIR, cache / CARDS_CACHE)
            except SearchIndexError as exc:
                raise PluginError(str(exc)) from exc
            # The photos and share images, made on every core while the pages were
            # rendered and indexed.
            self._finish_images()
            self._put_deferred_files()
            # Last: its version is a hash of the built files it stores.
            write_service_worker(Path(config.site_dir), live=self.serving)

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        # The engine read, validated and renders these files itself; MkDocs parsing their
        # frontmatter again (with the slow pure-Python YAML loader) would be wasted work.
        if page.file.src_uri in self.renderers and not page.file.generated_by:
            return ""
        return None

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        src_uri = page.file.src_uri
        # The theme prints page.meta into <title> and <meta> without escaping: escape here,
        # so contributed text never reaches a page as HTML.
        if src_uri in self.titles:
            page.meta["title"] = str(escape(self.titles[src_uri]))
        elif "titel" in page.meta:
            page.meta["title"] = str(escape(page.meta["titel"]))
        if src_uri in self.descriptions:
            page.meta["description"] = str(escape(self.descriptions[src_uri]))
        recipe = self._recipes_by_source.get(src_uri)
        share = recipe_share_path(recipe) if recipe else SITE_CARD
        if share in self.share_images:
            page.meta["share_image"] = share
            page.meta["share_image_alt"] = str(escape(self.share_images[share]))
            page.meta["share_type"] = "article" if recipe else "website"
        if src_uri in self.not_searched:
            page.meta["kb_unlisted"] = True  # theme: not searched, not in sitemap.xml, noindex
        if recipe is not None:
            page.meta["kb_search_own"] = True  # its template marks what search indexes
        elif src_uri in self.search_texts and src_uri not in self.not_searched:
            page.meta["kb_search_text"] = self.search_texts[src_uri]()
        elif page.is_homepage:  # its cards are found as recipes: only its name and purpose
            page.meta["kb_search_text"] = home_search_text(
                config.site_name, config.site_description or ""
            )
        if page.is_homepage:
            page.meta.setdefault("hide", ["navigation"])  # room for the newest recipes
        if src_uri in self.renderers:
            # The engine's pages are wide layouts (cards, tables) without a table of contents.
            page.meta.setdefault("hide", ["navigation", "toc"])
            return ""  # the core renders the whole article in on_page_content
        if self.project is not None and page.file.abs_src_path and not page.file.generated_by:
            self._report_broken_links_of_page(markdown, Path(page.file.abs_src_path), config)
        return markdown

    def _report_broken_links_of_page(self, text: str, source: Path, config: MkDocsConfig) -> None:
        """A hand-written page: MkDocs resolves its links, but names no line and speaks
        English. Said here like the others (only links to files, as MkDocs judges them)."""
        assert self.project is not None
        if self._markdown is None:
            self._markdown = Markdown(
                extensions=config.markdown_extensions, extension_configs=config.mdx_configs
            )
        hrefs = markdown_links(text, self._markdown)
        problems = link_problems(
            source, self.project.content_dir, hrefs, self.links, files_only=True
        )
        for problem in problems:
            log.warning("%s", problem)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        renderer = self.renderers.get(page.file.src_uri)
        if renderer is not None:
            return renderer(relative_root(page))
        if page.is_homepage and self.site is not None:
            return render_home_page(html, self.site, relative_root(page))
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        return json_ld_to_head(output)


def published_files(files: Files, config: MkDocsConfig) -> LinkTargets:
    """Every file the site publishes, by its path in the content folder, with its URL."""
    urls = {f.src_uri: f.url for f in files if not f.inclusion.is_excluded()}
    return LinkTargets(urls, site_url=config.site_url or "")


def relative_root(page: Page) -> str:
    """The relative URL from ``page`` to the site root: '' at the root, else '../' per level."""
    return "../" * page.url.count("/")
