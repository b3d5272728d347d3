"""Share images: 1200×630 JPEG within 300 kB, from a photo, a drawing or several."""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from kookboek.images import share
from kookboek.images.cache import ImageCache
from kookboek.images.share import (
    HEIGHT,
    MAX_BYTES,
    WIDTH,
    ShareCard,
    cached_share_image,
    cached_share_images,
    share_image,
    start_share_images,
)
from kookboek.support import workers
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


def test_a_plain_card_is_encoded_once_without_extra_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The cheapest encoding that meets the budget: one baseline JPEG, no quality search,
    # no optimised tables, no progressive scans.
    encodes: list[dict[str, object]] = []
    save = Image.Image.save

    def counted(
        self: Image.Image, fp: object, format: str | None = None, **options: object
    ) -> None:
        encodes.append(options)
        save(self, fp, format, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Image.Image, "save", counted)
    data = share_image([], CARD)
    assert len(encodes) == 1
    assert not encodes[0].get("optimize") and not encodes[0].get("progressive")
    assert len(data) <= MAX_BYTES
    assert "progressive" not in opened(data).info


def test_many_share_images_are_made_on_every_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "cores", lambda: 2)
    cache = ImageCache(tmp_path)
    cards = [ShareCard(f"Recept {n}", f"€ 0,{n:02d} per portie", "Testkookboek") for n in range(12)]
    made = cached_share_images([((), card) for card in cards], cache)
    assert cache.processed == 12 and len(set(made)) == 12
    for path, card in zip(made, cards, strict=True):
        assert path.read_bytes() == share_image([], card)


def drawn(card: ShareCard, *, plain: bool, pictures: tuple[Path, ...] = ()) -> Image.Image:
    canvas = share._background(pictures)
    share._draw_words(canvas, card, plain=plain)
    return canvas


def test_a_plain_cards_flat_band_is_what_blending_it_over_the_paper_gives() -> None:
    # The plain card draws its band as two flat colours instead of blending a whole layer:
    # the same pixels, a fraction of the time.
    for card in (CARD, ShareCard("Een heel lange titel " * 6, "", "Testkookboek")):
        assert (
            ImageChops.difference(drawn(card, plain=True), drawn(card, plain=False)).getbbox()
            is None
        )


def test_the_site_tab_drawn_once_is_the_tab_drawn_on_each_card(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    long_name = ShareCard("Linzensoep", "€ 0,45", "Een kookboek met een heel lange naam " * 3)
    for card in (CARD, long_name):
        assert share._site_tab(card.site_name)[1]  # the letters stay inside the tab
        once = drawn(card, plain=False, pictures=(DRAWING,))
        monkeypatch.setattr(share, "_site_tab", lambda name: (None, False))
        each = drawn(card, plain=False, pictures=(DRAWING,))
        monkeypatch.undo()
        assert ImageChops.difference(once, each).getbbox() is None


def test_share_images_are_begun_now_and_finished_when_the_site_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "cores", lambda: 2)
    cache = ImageCache(tmp_path)
    cards = [ShareCard(f"Recept {n}", f"€ 0,{n:02d}", "Testkookboek") for n in range(12)]
    pending = start_share_images([((), card) for card in cards], cache)
    assert len(set(pending.targets)) == 12 and cache.processed == 0  # addresses known now
    pending.wait()
    assert cache.processed == 12 and all(path.is_file() for path in pending.targets)
    assert pending.targets == cached_share_images([((), card) for card in cards], cache)
    assert cache.processed == 12
