"""Responsive recipe photos: variants from the cached image pipeline, SVG as it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kookboek.content.errors import ContentErrors, display_path
from kookboek.images.cache import ImageCache
from kookboek.images.decode import decoded_size, open_photo
from kookboek.images.responsive import (
    WANTED,
    prepare_photo,
    prepare_photos,
    start_photos,
    vector_size,
)
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


def jpeg(path: Path, size: tuple[int, int], orientation: int = 1) -> Path:
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.new("RGB", size, (120, 90, 40)).save(path, "JPEG", exif=exif)
    return path


@pytest.mark.parametrize(
    ("size", "orientation", "at_least"),
    [
        ((4001, 3001), 1, 1200),  # decoded at half size, rounded up
        ((4032, 3024), 6, 1200),  # a phone's photo taken upright
        ((3000, 4000), 8, 400),  # a quarter of the size is still wide enough
        ((900, 600), 1, 1200),  # smaller than asked: decoded whole
        ((2000, 1500), 3, None),
    ],
)
def test_the_size_from_the_header_is_the_decoded_size(
    tmp_path: Path, size: tuple[int, int], orientation: int, at_least: int | None
) -> None:
    source = jpeg(tmp_path / "foto.jpg", size, orientation)
    decoded = open_photo(source.read_bytes(), at_least=at_least)
    assert decoded_size(source, at_least=at_least) == decoded.size


def test_a_cold_photos_variants_are_known_before_they_are_made(tmp_path: Path) -> None:
    source = jpeg(tmp_path / "foto.jpg", (4001, 2999), orientation=6)
    planned = ImageCache(tmp_path / "cache").planned_variants(source, WANTED)
    assert planned is not None and not any(v.path.exists() for v in planned)
    made = ImageCache(tmp_path / "cache").variants(source, WANTED)
    assert planned == made
    # Once some are cached, the rest is made from a smaller decoding: not planned.
    assert ImageCache(tmp_path / "cache").planned_variants(source, WANTED) is None


def test_photos_are_known_at_once_and_made_on_every_core_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "cores", lambda: 2)
    wanted = [
        (f"foto-{n}", jpeg(tmp_path / f"foto-{n}.jpg", (1600 + n, 1200), n % 8 + 1), f"r/{n}.jpg")
        for n in range(POOL_FROM)
    ]
    cache = ImageCache(tmp_path / "cache")
    pending = start_photos(wanted, cache)
    photos = dict(pending.photos)
    assert len(photos) == POOL_FROM and len(pending.files) == POOL_FROM * 6
    pending.wait()
    assert all(path.is_file() for path in pending.files) and cache.processed == POOL_FROM * 6
    # What the pages were given is what was made.
    assert photos == prepare_photos(wanted, ImageCache(tmp_path / "cache"))


def test_a_photo_damaged_after_its_header_is_reported_when_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "cores", lambda: 2)
    wanted = [
        (f"foto-{n}", jpeg(tmp_path / f"foto-{n}.jpg", (900, 600)), f"r/{n}.jpg")
        for n in range(POOL_FROM)
    ]
    broken = wanted[2][1]
    data = broken.read_bytes()
    broken.write_bytes(data[: len(data) // 2])  # the header, half of the pixels
    pending = start_photos(wanted, ImageCache(tmp_path / "cache"))
    with pytest.raises(ContentErrors) as raised:
        pending.wait()
    assert [problem.path for problem in raised.value.errors] == [display_path(broken)]


def test_a_photo_with_a_damaged_header_is_reported_at_once_with_the_others(
    tmp_path: Path,
) -> None:
    good = jpeg(tmp_path / "goed.jpg", (900, 600))
    bad = tmp_path / "kapot.jpg"
    bad.write_bytes(b"geen foto")
    wanted = [("goed", good, "r/goed.jpg"), ("kapot", bad, "r/kapot.jpg")]
    with pytest.raises(ContentErrors) as raised:
        start_photos(wanted, ImageCache(tmp_path / "cache"))
    assert [problem.path for problem in raised.value.errors] == [display_path(bad)]
