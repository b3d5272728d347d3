"""Responsive recipe photos: variants from the cached image pipeline, SVG as it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kookboek.images.cache import ImageCache
from kookboek.images.responsive import prepare_photo, prepare_photos, vector_size
from kookboek.support import workers
from kookboek.support.workers import POOL_FROM
from project_paths import FIXTURES

PHOTO = FIXTURES / "site_extra" / "content" / "recepten" / "pannenkoeken.jpg"
SVG = FIXTURES / "valid" / "content" / "recepten" / "linzensoep.svg"


def test_raster_photo_gets_webp_and_jpeg_variants(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    photo = prepare_photo(PHOTO, "recepten/pannenkoeken.jpg", "pannenkoeken", cache)
    assert [w for _, w in photo.webp] == [400, 800, 1200]
    assert [w for _, w in photo.jpeg] == [400, 800, 1200]
    assert (photo.src, photo.width, photo.height) == ("fotos/pannenkoeken-1200.jpg", 1200, 900)
    assert photo.srcset("webp", "../") == (
        "../fotos/pannenkoeken-400.webp 400w, ../fotos/pannenkoeken-800.webp 800w, "
        "../fotos/pannenkoeken-1200.webp 1200w"
    )
    assert cache.processed == 6
    for published in photo.files:
        with Image.open(published.source) as image:
            assert not image.getexif()


def test_small_photo_is_not_enlarged_and_cache_is_reused(tmp_path: Path) -> None:
    small = tmp_path / "klein.png"
    Image.new("RGB", (500, 250), (200, 80, 40)).save(small)
    cache = ImageCache(tmp_path / "cache")
    first = prepare_photos([("klein", small, "recepten/klein.png")], cache)["klein"]
    assert [w for _, w in first.jpeg] == [400, 500]
    processed = cache.processed
    again = prepare_photos([("klein", small, "recepten/klein.png")], cache)["klein"]
    assert again == first
    assert cache.processed == processed  # nothing computed twice


def test_warm_photos_are_neither_read_nor_opened(tmp_path: Path, monkeypatch: Any) -> None:
    source = tmp_path / "foto.jpg"
    source.write_bytes(PHOTO.read_bytes())
    wanted = [("foto", source, "recepten/foto.jpg")]
    first = prepare_photos(wanted, ImageCache(tmp_path / "cache"))["foto"]

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a warm build opened an image")

    monkeypatch.setattr(Image, "open", refuse)
    warm = ImageCache(tmp_path / "cache")
    assert prepare_photos(wanted, warm)["foto"] == first
    assert (warm.hashed, warm.processed) == (0, 0)


def test_a_deleted_variant_is_made_again(tmp_path: Path) -> None:
    source = tmp_path / "foto.jpg"
    source.write_bytes(PHOTO.read_bytes())
    wanted = [("foto", source, "recepten/foto.jpg")]
    first = prepare_photos(wanted, ImageCache(tmp_path / "cache"))["foto"]
    first.files[0].source.unlink()
    cache = ImageCache(tmp_path / "cache")
    assert prepare_photos(wanted, cache)["foto"] == first
    assert first.files[0].source.is_file()
    assert cache.processed == 1


def test_svg_is_used_as_it_is(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    photo = prepare_photo(SVG, "recepten/linzensoep.svg", "linzensoep", cache)
    assert photo.is_vector and photo.src == "recepten/linzensoep.svg"
    assert photo.files == () and cache.processed == 0
    assert photo.all_urls() == ["recepten/linzensoep.svg"]


def test_vector_size_reads_the_view_box() -> None:
    assert vector_size(b'<svg viewBox="0 0 640 480">') == (640, 480)
    assert vector_size(b"<svg viewBox='0,0,12.5,10'>") == (12, 10)
    assert vector_size(b"<svg>") == (800, 600)


def test_many_photos_are_made_on_every_core_and_the_manifest_learns_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "cores", lambda: 2)
    wanted = []
    for number in range(POOL_FROM):
        source = tmp_path / f"foto-{number}.png"
        Image.new("RGB", (900, 600), (20 * number, 80, 40)).save(source)
        wanted.append((f"foto-{number}", source, f"recepten/foto-{number}.png"))
    cache = ImageCache(tmp_path / "cache")
    made = prepare_photos(wanted, cache)
    assert cache.processed == POOL_FROM * 6  # three sizes (the largest 900 wide), two formats
    assert made["foto-3"] == prepare_photo(wanted[3][1], wanted[3][2], "foto-3", cache)
    # What the workers learnt (each photo's hash, each variant's size) is in the build's
    # manifest: a warm build reads no photo again.
    warm = ImageCache(tmp_path / "cache")
    assert prepare_photos(wanted, warm) == made
    assert (warm.hashed, warm.processed) == (0, 0)
