"""One booklet, three editions: reader (tagged A5), print shop (bleed) and home (imposed A4)."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kookboek import __version__
from kookboek.images.cache import ImageCache
from kookboek.pdf.booklet import Booklet
from kookboek.pdf.cache import PAGE_COUNTS_FILE, PageCounts, PdfCache, file_bytes
from kookboek.pdf.estimate import Estimator, classify, recipe_articles
from kookboek.pdf.imposition import impose
from kookboek.pdf.photos import COVER_PHOTO_MM, RECIPE_PHOTO_MM, PhotoResolver
from kookboek.pdf.render import FONT_FILES, Renderer, RenderError, stylesheet_bytes, write_pdf
from kookboek.pdf.templating import render_print
from kookboek.site.downloads import Download
from kookboek.site.links import LinkTargets
from kookboek.support.hashing import inputs_key

log = logging.getLogger("kookboek.pdf")

NOTE_PAGES = 3  # enough planned pages to reach any multiple of four
MEASURE_TITLE = "Paginameting"  # the small document that lays out only unsure recipes
BOOKLET_CSS = ("booklet.css",)
PRINT_SHOP_CSS = ("booklet.css", "print-shop.css")


@dataclass(frozen=True)
class Edition:
    suffix: str
    title: str  # added to the booklet's title in the link text
    description: str


READER = Edition("", "", "A5, om op het scherm te lezen of zelf te printen (toegankelijke pdf).")
PRINT_SHOP = Edition(
    "-drukwerk",
    "voor de drukker",
    "A5 met 3 mm afloop en scherpe foto's, het aantal pagina's is een viervoud.",
)
HOME = Edition(
    "-boekje-a4",
    "om zelf te vouwen (A4)",
    "A4 liggend, twee pagina's per blad: dubbelzijdig printen (korte kant), vouwen en nieten.",
)
EDITIONS = (READER, PRINT_SHOP, HOME)


def file_name(booklet_name: str, edition: Edition) -> str:
    return f"{booklet_name}{edition.suffix}.pdf"


@dataclass(frozen=True)
class BookletContext:
    renderer: Renderer
    images: ImageCache
    pdfs: PdfCache
    site_url: str = ""
    links: LinkTargets = field(default_factory=lambda: LinkTargets({}))


def booklet_html(
    booklet: Booklet,
    photos: PhotoResolver,
    long_recipes: frozenset[str],
    site_url: str,
    links: LinkTargets | None = None,
) -> str:
    costs = [r.cost.per_portion for r in booklet.recipes]
    photo_urls = {}
    for item in booklet.recipes:
        if item.photo is not None:
            url = photos.url(item.photo, RECIPE_PHOTO_MM)
            if url:
                photo_urls[item.recipe.slug] = url
    cover = booklet.cover_image
    return render_print(
        "booklet.html",
        links=links or LinkTargets({}, site_url),
        content_dir=booklet.project.content_dir,
        booklet=booklet,
        spec=booklet.spec,
        cover_url=photos.url(cover, COVER_PHOTO_MM) if cover else None,
        cover_alt=next(
            (
                r.recipe.photo_alt
                for r in booklet.recipes
                if r.photo == cover and r.recipe.photo_alt
            ),
            "Foto op de omslag",
        ),
        photo_urls=photo_urls,
        long_recipes=long_recipes,
        cheapest=min(costs),
        dearest=max(costs),
        price_date=booklet.project.prices.price_date,
        shop=booklet.project.prices.shop,
        site_url=site_url,
        note_pages=NOTE_PAGES,
    )


def recipe_keys(booklet: Booklet, photos: PhotoResolver, fonts_dir: Path) -> dict[str, str]:
    """Per recipe slug: a hash of everything that decides how many pages it takes."""
    fonts = file_bytes(fonts_dir / font for font in FONT_FILES)
    style = inputs_key([stylesheet_bytes(("fonts.css", *BOOKLET_CSS)), *fonts])
    keys = {}
    for item in booklet.recipes:
        # The photo's URL names a hash of the photo and its size, so it stands for its shape.
        photo = photos.url(item.photo, RECIPE_PHOTO_MM) if item.photo else None
        keys[item.recipe.slug] = inputs_key([__version__, style, repr(item), str(photo)])
    return keys


def predicted_long(keys: dict[str, str], counts: PageCounts) -> frozenset[str]:
    """The recipes that took more than one page the last time they were laid out."""
    return frozenset(slug for slug, key in keys.items() if (counts.get(key) or 1) > 1)


def plan_long_recipes(
    booklet: Booklet,
    html: str,
    keys: dict[str, str],
    counts: PageCounts,
    renderer: Renderer,
) -> frozenset[str]:
    """The recipes to start on a left page, as well as can be known before the layout.

    Page counts laid out before come from ``counts``. The other recipes are estimated from
    ``html`` (the booklet's HTML); those too close to one page to call are laid out
    together in one small document, and what it measures is stored in ``counts``.
    """
    long = set(predicted_long(keys, counts))
    unknown = [item for item in booklet.recipes if counts.get(keys[item.recipe.slug]) is None]
    if not unknown:
        return frozenset(long)
    articles = recipe_articles(html)
    estimator = Estimator(renderer.fonts_dir)
    heights = {
        item.recipe.slug: estimator.recipe_height(articles[item.anchor])
        for item in unknown
        if item.anchor in articles
    }
    guess = classify(heights)
    long |= guess.long
    unsure = [item for item in unknown if item.recipe.slug in guess.unsure]
    if unsure:
        started = time.perf_counter()
        sources = [articles[item.anchor].source for item in unsure]
        measured = measure_pages(booklet, sources, renderer)
        counts.update({keys[slug]: pages for slug, pages in measured.items()})
        long |= {slug for slug, pages in measured.items() if pages > 1}
        log.debug(
            "%s: %d van %d recepten vooraf opgemaakt om hun lengte te kennen, %.1f s",
            booklet.spec.name,
            len(unsure),
            len(unknown),
            time.perf_counter() - started,
        )
    return frozenset(long)


def measuring_html(articles: Sequence[str]) -> str:
    """A document of only these recipe ``articles`` (cut from the booklet's own HTML)."""
    body = "\n".join(articles)
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{MEASURE_TITLE}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def measure_pages(booklet: Booklet, articles: Sequence[str], renderer: Renderer) -> dict[str, int]:
    """Per recipe slug: its page count, from one layout of only these recipe ``articles``.

    They are laid out with the booklet's stylesheet. Each recipe starts on a new page, so
    it takes as many pages here as in the booklet (see :class:`PageCounts`).
    """
    document = renderer.document(measuring_html(articles), booklet.project.content_dir, BOOKLET_CSS)
    return {
        slug: last - first + 1 for slug, (first, last) in recipe_spans(document, booklet).items()
    }


def recipe_spans(document: Any, booklet: Booklet) -> dict[str, tuple[int, int]]:
    """Per recipe slug: the 0-based index of its first and last page."""
    where: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            where.setdefault(anchor, index)
    return {
        item.recipe.slug: (where[item.anchor], where[item.end_anchor])
        for item in booklet.recipes
        if item.anchor in where and item.end_anchor in where
    }


def planned_pages(document: Any) -> list[Any]:
    """All pages, with only as many note pages as bring the total to a multiple of four."""
    pages = list(document.pages)
    note_indexes = [
        index
        for index, page in enumerate(pages)
        if any(anchor.startswith("notities-") for anchor in page.anchors)
    ]
    if len(note_indexes) != NOTE_PAGES:
        raise RenderError("de notitiepagina's achteraan het boekje zijn niet goed opgemaakt.")
    first, last = note_indexes[0], note_indexes[-1]
    body, notes, back = pages[:first], pages[first : last + 1], pages[last + 1 :]
    missing = -(len(body) + len(back)) % 4
    return [*body, *notes[:missing], *back]


def render_booklet(booklet: Booklet, context: BookletContext) -> list[Download]:
    """The three editions of ``booklet``, from the cache when nothing changed."""
    name = booklet.spec.name
    reader_photos = PhotoResolver(context.images, dpi=150)
    print_photos = PhotoResolver(context.images, dpi=300, warn_small=True)
    reader_html = booklet_html(booklet, reader_photos, frozenset(), context.site_url, context.links)
    print_html = booklet_html(booklet, print_photos, frozenset(), context.site_url, context.links)
    for line in print_photos.too_small:
        log.warning("Foto te klein voor drukwerk in '%s': %s", name, line)
    key = context.pdfs.key(  # salted with the engine's code: a new engine renders again
        [
            reader_html,
            print_html,
            stylesheet_bytes(("fonts.css", *PRINT_SHOP_CSS)),
            *file_bytes(context.renderer.fonts_dir / font for font in FONT_FILES),
            # The photos by their hash, which the image cache knows without rereading them.
            *(
                f"{photo}:{context.images.digest(photo)}"
                for photo in sorted(reader_photos.used | print_photos.used)
            ),
        ]
    )
    names = {edition: file_name(name, edition) for edition in EDITIONS}
    cached = {e: context.pdfs.lookup(n, key) for e, n in names.items()}
    if all(pages is not None for pages in cached.values()):
        log.info("%s: ongewijzigd, de pdf's van vorige keer worden gebruikt.", name)
        return _downloads(booklet, context, names)

    base = booklet.project.content_dir
    started = time.perf_counter()
    counts = PageCounts(context.pdfs.directory / PAGE_COUNTS_FILE)
    keys = recipe_keys(booklet, reader_photos, context.renderer.fonts_dir)
    predicted = plan_long_recipes(booklet, reader_html, keys, counts, context.renderer)
    reader_html = booklet_html(booklet, reader_photos, predicted, context.site_url, context.links)
    document = context.renderer.document(reader_html, base, BOOKLET_CSS, name=names[READER])
    measured = {
        slug: last - first + 1 for slug, (first, last) in recipe_spans(document, booklet).items()
    }
    counts.update({keys[slug]: pages for slug, pages in measured.items()})
    long_recipes = frozenset(slug for slug, pages in measured.items() if pages > 1)
    if long_recipes != predicted:
        # Only when the estimate of a recipe never laid out before was wrong: a second
        # pass with the right page breaks.
        log.debug(
            "%s: lengte verkeerd geschat voor %s, tweede opmaak",
            name,
            ", ".join(sorted(long_recipes ^ predicted)),
        )
        reader_html = booklet_html(
            booklet, reader_photos, long_recipes, context.site_url, context.links
        )
        del document
        document = context.renderer.document(reader_html, base, BOOKLET_CSS, name=names[READER])
    pages = planned_pages(document)
    reader_pdf = write_pdf(document, tagged=True, pages=pages, name=names[READER])
    page_count = len(pages)
    # Let go of the reader's layout (millions of boxes) before the next one: the garbage
    # collector would otherwise walk it again and again during the print-shop layout.
    del document, pages
    context.pdfs.store(names[READER], key, reader_pdf, page_count)
    _report(names[READER], page_count, started, len(reader_pdf))

    started = time.perf_counter()
    print_html = booklet_html(booklet, print_photos, long_recipes, context.site_url, context.links)
    document = context.renderer.document(print_html, base, PRINT_SHOP_CSS, name=names[PRINT_SHOP])
    print_pages = planned_pages(document)
    if len(print_pages) != page_count:
        raise RenderError(
            f"{names[PRINT_SHOP]} heeft {len(print_pages)} pagina's, de leesversie "
            f"{page_count}: ze moeten gelijk zijn."
        )
    print_pdf = write_pdf(document, tagged=False, pages=print_pages, name=names[PRINT_SHOP])
    del document, print_pages
    context.pdfs.store(names[PRINT_SHOP], key, print_pdf, page_count)
    _report(names[PRINT_SHOP], page_count, started, len(print_pdf))

    started = time.perf_counter()
    # From the print-shop edition: the same pages, untagged, which pypdf reads 3.5 times as
    # fast as the tagged reader edition (the tags are dropped on the sheets anyway), with
    # sharper photos for a home printer; the bleed is cut off at the trim box.
    home_pdf = impose(print_pdf)
    context.pdfs.store(names[HOME], key, home_pdf, page_count // 2)
    _report(names[HOME], page_count // 4, started, len(home_pdf), sheets=True)
    return _downloads(booklet, context, names)


def _report(name: str, pages: int, started: float, size: int, sheets: bool = False) -> None:
    seconds = time.perf_counter() - started
    count = f"{pages} bladen A4" if sheets else pages_label(pages)
    log.info("%s: %s, %.1f s, %d kB", name, count, seconds, max(1, round(size / 1000)))


def pages_label(pages: int) -> str:
    return "1 pagina" if pages == 1 else f"{pages} pagina's"


def _downloads(
    booklet: Booklet, context: BookletContext, names: dict[Edition, str]
) -> list[Download]:
    title = booklet.spec.title
    downloads = []
    for edition in EDITIONS:
        label = f"{title} {edition.title}".strip()
        downloads.append(
            Download(
                name=names[edition],
                title=label,
                description=edition.description,
                path=context.pdfs.path(names[edition]),
                group="Receptenboek",
            )
        )
    return downloads
