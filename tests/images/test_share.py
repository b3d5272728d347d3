"""Share images: 1200×630 JPEG within 300 kB, from a photo, a drawing or several."""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

from PIL import Image

from kookboek.images.cache import ImageCache
from kookboek.images.share import (
    HEIGHT,
    MAX_BYTES,
    WIDTH,
    ShareCard,
    cached_share_image,
    cached_share_images,
    share_image,
)
from project_paths import FIXTURES

DRAWING = FIXTURES / "valid" / "content" / "recepten" / "linzensoep.svg"
CARD = ShareCard("Linzensoep", "€ 0,45 per portie · 4 porties · 40 min", "Testkookboek")


def opened(data: bytes) -> Image.Image:
    image = Image.open(BytesIO(data))
    image.load()
    return image


def test_a_drawing_becomes_a_card_of_the_size_messaging_apps_show() -> None:
    image = opened(share_image([DRAWING], CARD))
    assert (image.format, image.size, image.mode) == ("JPEG", (WIDTH, HEIGHT), "RGB")
    # The drawing is really there: the top of the card has the drawing's colours, not paper.
    top = image.crop((0, 0, WIDTH, 200)).getcolors(maxcolors=1_000_000)
    assert top is not None and len(top) > 20


def test_even_a_photo_of_pure_noise_stays_within_the_budget(tmp_path: Path) -> None:
    noise = Image.frombytes("RGB", (4000, 3000), os.urandom(4000 * 3000 * 3))
    photo = tmp_path / "ruis.jpg"
    noise.save(photo, quality=95)
    long_title = ShareCard("Een heel lange titel " * 6, "€ 12,00 per portie", "Testkookboek")
    data = share_image([photo], long_title)
    assert len(data) <= MAX_BYTES
    assert opened(data).size == (WIDTH, HEIGHT)


def test_the_image_is_made_once_per_set_of_inputs(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    first = cached_share_image([DRAWING], CARD, cache)
    made = first.stat().st_mtime_ns
    assert cached_share_image([DRAWING], CARD, cache) == first
    assert first.stat().st_mtime_ns == made and cache.processed == 1
    cheaper = ShareCard("Linzensoep", "€ 0,50", "Testkookboek")
    other, again = cached_share_images([([DRAWING], cheaper), ([DRAWING], CARD)], cache)
    assert other != first and other.is_file() and again == first
    assert cache.processed == 2


def test_without_pictures_it_is_a_plain_card() -> None:
    image = opened(
        share_image([], ShareCard("Testkookboek", "Betaalbare recepten", "Testkookboek"))
    )
    assert image.size == (WIDTH, HEIGHT)
