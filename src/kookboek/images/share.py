"""Share images: the picture a messaging app shows when someone shares a page.

1200×630 JPEG of at most 300 kB (what WhatsApp, Signal, Facebook and Mastodon show as a
preview): the recipe's photo or drawing filling the card, with a band carrying its title and
its cost per portion in the site's own font. Drawings (SVG) are rasterised with resvg, which
needs no Cairo and no network. Made once per set of inputs, kept in the image cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from kookboek.images.cache import ImageCache
from kookboek.images.decode import open_photo
from kookboek.support.files import write_atomic
from kookboek.support.resources import FONTS_DIR
from kookboek.support.workers import Started, start_on_all_cores

WIDTH, HEIGHT = 1200, 630
MAX_BYTES = 300_000
SHARE_VERSION = "2"
BOLD_FONT = FONTS_DIR / "atkinson-hyperlegible-latin-700-normal.woff2"
REGULAR_FONT = FONTS_DIR / "atkinson-hyperlegible-latin-400-normal.woff2"
BRAND = (166, 52, 30)  # the site's primary colour (kookboek.css)
BAND = (33, 24, 20)
PAPER = (252, 246, 236)
MARGIN = 56
STRIPE = 24  # the plain card's stripe on the left: its last column


@dataclass(frozen=True)
class ShareCard:
    """The words on the card: a title (at most two lines) and one line below it."""

    title: str
    line: str
    site_name: str


def share_image(pictures: Sequence[Path], card: ShareCard) -> bytes:
    """The JPEG for ``card`` over ``pictures`` (photos or SVG drawings, side by side; none:
    a plain card)."""
    canvas = _background(pictures)
    _draw_words(canvas, card, plain=not pictures)
    return _jpeg_within_budget(canvas)


def cached_share_image(pictures: Sequence[Path], card: ShareCard, cache: ImageCache) -> Path:
    """``share_image``, made only when its inputs (pictures, words, fonts) are new.

    The pictures are known by the image cache's digests, so a warm build reads none of them.
    """
    target = _target(pictures, card, cache)
    if not target.is_file():
        write_atomic(target, share_image(pictures, card))
        cache.processed += 1
    return target


def cached_share_images(
    wanted: Sequence[tuple[Sequence[Path], ShareCard]], cache: ImageCache
) -> list[Path]:
    """Several share images, the missing ones made on every core."""
    pending = start_share_images(wanted, cache)
    pending.wait()
    return pending.targets


class PendingShareImages:
    """Share images being made on every core; ``targets`` are their files once done."""

    def __init__(self, targets: list[Path], started: Started[None], cache: ImageCache) -> None:
        self.targets = targets
        self._started = started
        self._cache = cache

    def wait(self) -> None:
        """Until every image is made (at once when they all were in the cache)."""
        for _ in self._started.results():
            self._cache.processed += 1

    def cancel(self) -> None:
        self._started.close()


def start_share_images(
    wanted: Sequence[tuple[Sequence[Path], ShareCard]], cache: ImageCache
) -> PendingShareImages:
    """``cached_share_images`` begun now, on every core, while the build goes on: a page
    needs only the image's address, its file is needed when the site is written."""
    targets = [_target(pictures, card, cache) for pictures, card in wanted]
    todo = [
        (target, tuple(pictures), card)
        for target, (pictures, card) in zip(targets, wanted, strict=True)
        if not target.is_file()
    ]
    return PendingShareImages(targets, start_on_all_cores(_make, todo), cache)


def share_image_file(pictures: Sequence[Path], card: ShareCard, cache: ImageCache) -> Path:
    """Where the share image of ``card`` over ``pictures`` is kept (made or not)."""
    return _target(pictures, card, cache)


def _make(job: tuple[Path, tuple[Path, ...], ShareCard]) -> None:
    target, pictures, card = job
    write_atomic(target, share_image(pictures, card))


def _target(pictures: Sequence[Path], card: ShareCard, cache: ImageCache) -> Path:
    key = hashlib.sha256(SHARE_VERSION.encode())
    for part in (card.title, card.line, card.site_name):
        key.update(b"\0" + part.encode())
    for picture in pictures:
        key.update(b"\0" + cache.digest(picture).encode())
    key.update(_font_digest())
    return cache.cache_dir / "delen" / f"{key.hexdigest()[:24]}.jpg"


@cache
def _font_digest() -> bytes:
    return hashlib.sha256(BOLD_FONT.read_bytes() + REGULAR_FONT.read_bytes()).digest()


def _background(pictures: Sequence[Path]) -> Image.Image:
    canvas = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    if not pictures:
        ImageDraw.Draw(canvas).rectangle((0, 0, STRIPE, HEIGHT), fill=BRAND)
        return canvas
    tile_width = WIDTH // len(pictures)
    for index, picture in enumerate(pictures):
        left = index * tile_width
        width = WIDTH - left if index == len(pictures) - 1 else tile_width
        if picture.suffix.lower() == ".svg":
            image = _rasterised_drawing(picture)
        else:
            image = open_photo(picture.read_bytes(), at_least=WIDTH)
        tile = ImageOps.fit(image.convert("RGB"), (width, HEIGHT), Image.Resampling.LANCZOS)
        canvas.paste(tile, (left, 0))
    return canvas


def _rasterised_drawing(picture: Path) -> Image.Image:
    import resvg_py  # only builds that make share images of drawings need it

    png = resvg_py.svg_to_bytes(
        svg_string=picture.read_text(encoding="utf-8"), width=WIDTH, skip_system_fonts=True
    )
    with Image.open(BytesIO(bytes(png))) as drawn:
        drawn.load()
        if drawn.mode in {"RGBA", "LA", "P"}:
            flat = Image.new("RGB", drawn.size, (255, 255, 255))
            rgba = drawn.convert("RGBA")
            flat.paste(rgba, mask=rgba.getchannel("A"))
            return flat
        return drawn.convert("RGB")


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _wrapped(text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width`` pixels; the last one ends in … if cut."""
    words, result, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width or not current:
            current = candidate
        else:
            result.append(current)
            current = word
    if current:
        result.append(current)
    if len(result) > lines:
        result = result[:lines]
        last = result[-1]
        while last and font.getlength(last + " …") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        result[-1] = last + " …"
    return result


def _draw_words(canvas: Image.Image, card: ShareCard, *, plain: bool = False) -> None:
    """The band with the words over the bottom of ``canvas``; ``plain``: the canvas is the
    plain card's paper and stripe (its band is then two flat colours, drawn as such)."""
    title_font = _font(BOLD_FONT, 64)
    line_font = _font(REGULAR_FONT, 38)
    text_width = WIDTH - 2 * MARGIN
    title_lines = _wrapped(card.title, title_font, text_width, 2)
    title_height = 76 * len(title_lines)
    band_top = HEIGHT - (MARGIN + title_height + 16 + 46 + 28)
    _shade(canvas, band_top, plain=plain)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, band_top, WIDTH, band_top + 8), fill=BRAND)
    if card.site_name != card.title:
        # The site's name in a tab above the band, so the card says where it comes from.
        tab, fits = _site_tab(card.site_name)
        if fits:
            canvas.paste(tab, (MARGIN - 18, band_top - 52))
        else:
            _draw_site_tab(draw, card.site_name, MARGIN - 18, band_top - 52)
    y = band_top + 28
    for text in title_lines:
        draw.text((MARGIN, y), text, font=title_font, fill=(255, 255, 255))
        y += 76
    for line in _wrapped(card.line, line_font, text_width, 1):  # none when there is no line
        draw.text((MARGIN, y + 16), line, font=line_font, fill=(255, 231, 196))


#: How opaque the dark band is over the picture (of 255).
BAND_ALPHA = 225


def _shade(canvas: Image.Image, top: int, *, plain: bool) -> None:
    """Darken the canvas from ``top`` down, as the band over it. Only that part is blended
    (blending the whole card was most of a plain card's time); a plain card's band is two
    flat colours, the same as blending would give."""
    box = (0, top, WIDTH, HEIGHT)
    if plain:
        draw = ImageDraw.Draw(canvas)
        draw.rectangle(box, fill=_over(PAPER))
        draw.rectangle((0, top, STRIPE, HEIGHT), fill=_over(BRAND))
        return
    region = canvas.crop(box).convert("RGBA")
    band = Image.new("RGBA", region.size, (*BAND, BAND_ALPHA))
    canvas.paste(Image.alpha_composite(region, band).convert("RGB"), box[:2])


@cache
def _over(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    """The band's colour over ``colour``, blended as over a picture."""
    below = Image.new("RGBA", (1, 1), (*colour, 255))
    blended = Image.alpha_composite(below, Image.new("RGBA", (1, 1), (*BAND, BAND_ALPHA)))
    pixel = blended.getpixel((0, 0))
    assert isinstance(pixel, tuple)  # an RGBA image: four channels
    return int(pixel[0]), int(pixel[1]), int(pixel[2])


def _draw_site_tab(draw: ImageDraw.ImageDraw, site_name: str, left: int, top: int) -> None:
    site_font = _font(BOLD_FONT, 28)
    name = _wrapped(site_name, site_font, WIDTH - 2 * MARGIN, 1)[0]
    tab_width = int(site_font.getlength(name)) + 36
    draw.rectangle((left, top, left + tab_width, top + 52), fill=BRAND)
    draw.text((left + 18, top + 7), name, font=site_font, fill=(255, 255, 255))


@cache
def _site_tab(site_name: str) -> tuple[Image.Image, bool]:
    """The tab with the site's name, the same on every card: drawn once. ``False``: its
    letters reach outside the tab, so it is drawn on each card instead."""
    site_font = _font(BOLD_FONT, 28)
    name = _wrapped(site_name, site_font, WIDTH - 2 * MARGIN, 1)[0]
    size = (int(site_font.getlength(name)) + 37, 53)  # the rectangle's corners are inside
    tab = Image.new("RGB", size, BRAND)
    _draw_site_tab(ImageDraw.Draw(tab), site_name, 0, 0)
    left, top, right, bottom = ImageDraw.Draw(tab).textbbox((18, 7), name, font=site_font)
    return tab, left >= 0 and top >= 0 and right <= size[0] and bottom <= size[1]


#: One baseline encode at this quality meets MAX_BYTES for a plain card (about 50 kB) and
#: for a photo (60 to 150 kB). Optimised Huffman tables and progressive scans save a few
#: per cent and cost three to ten times the encoding time: not worth it for a preview.
FIRST_QUALITY = 82
FALLBACK_QUALITIES = (70, 55, 40)


def _jpeg_within_budget(canvas: Image.Image) -> bytes:
    """One encode; lower qualities only for the rare picture too busy for the first."""
    for quality in (FIRST_QUALITY, *FALLBACK_QUALITIES):
        out = BytesIO()
        canvas.save(out, "JPEG", quality=quality)
        if out.tell() <= MAX_BYTES:
            return out.getvalue()
    return out.getvalue()  # a 1200×630 JPEG at quality 40 is far below the budget
