"""The photo pipeline: upright, resized, no metadata, cached by content."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from kookboek.images.cache import ImageCache
from kookboek.images.decode import ImageProblem, open_photo

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def phone_photo(width: int = 1600, height: int = 1200, orientation: int = 6) -> bytes:
    image = Image.new("RGB", (width, height), (200, 120, 40))
    image.paste((30, 90, 200), (0, 0, width // 4, height // 4))  # a marker in the top left
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (51.0, 10.0, 0.0)}
    exif[0x010F] = "Telefoonmerk"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_variant_is_rotated_resized_and_stripped(tmp_path: Path) -> None:
    source = tmp_path / "foto.jpg"
    source.write_bytes(phone_photo())
    cache = ImageCache(tmp_path / "cache")
    variant = cache.variant(source, 600, "jpeg")
    with Image.open(variant.path) as result:
        # orientation 6 means "rotate 90° clockwise": 1600×1200 becomes portrait
        assert result.size == (600, 800) == (variant.width, variant.height)
        assert not result.getexif()
        assert "exif" not in result.info
        assert "xmp" not in result.info
    webp = cache.variant(source, 300, "webp")
    with Image.open(webp.path) as result:
        assert result.format == "WEBP"
        assert result.size == (300, 400)
        assert not result.getexif()


def test_unchanged_photo_is_processed_once(tmp_path: Path) -> None:
    source = tmp_path / "foto.jpg"
    source.write_bytes(phone_photo(orientation=1))
    cache = ImageCache(tmp_path / "cache")
    first = cache.variant(source, 400, "jpeg")
    second = ImageCache(tmp_path / "cache").variant(source, 400, "jpeg")
    assert cache.processed == 1
    assert first.path == second.path
    source.write_bytes(phone_photo(orientation=3))
    assert cache.variant(source, 400, "jpeg").path != first.path
    assert cache.processed == 2


def test_warm_cache_does_not_read_unchanged_photos(tmp_path: Path) -> None:
    source = tmp_path / "foto.jpg"
    source.write_bytes(phone_photo(orientation=1))
    ImageCache(tmp_path / "cache").variants(source, [(400, "jpeg"), (200, "webp")])
    warm = ImageCache(tmp_path / "cache")
    first = warm.variants(source, [(400, "jpeg"), (200, "webp")])
    assert (warm.hashed, warm.processed) == (0, 0)
    # A new photo under the same name, even with the old size and modification time, is seen.
    stat = source.stat()
    replacement = phone_photo(orientation=3)
    assert len(replacement) == stat.st_size
    source.write_bytes(replacement)
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = ImageCache(tmp_path / "cache")
    second = again.variants(source, [(400, "jpeg"), (200, "webp")])
    assert again.hashed == 1
    assert again.processed == 2
    assert [v.path for v in second] != [v.path for v in first]


def test_a_damaged_digest_list_only_costs_a_rehash(tmp_path: Path) -> None:
    source = tmp_path / "foto.jpg"
    source.write_bytes(phone_photo(orientation=1))
    first = ImageCache(tmp_path / "cache").variant(source, 400, "jpeg")
    (tmp_path / "cache" / "manifest.json").write_text('{"x": [1, 2', encoding="utf-8")
    cache = ImageCache(tmp_path / "cache")
    assert cache.variant(source, 400, "jpeg").path == first.path
    assert (cache.hashed, cache.processed) == (1, 0)


def test_small_photos_are_not_enlarged(tmp_path: Path) -> None:
    source = tmp_path / "klein.jpg"
    source.write_bytes(phone_photo(200, 100, orientation=1))
    assert ImageCache(tmp_path / "c").variant(source, 800, "jpeg").width == 200


@pytest.mark.parametrize(
    "data",
    [b"", b"GIF89a-not-really", b"<svg xmlns='http://www.w3.org/2000/svg'/>", phone_photo()[:500]],
)
def test_broken_files_get_a_dutch_message(data: bytes) -> None:
    with pytest.raises(ImageProblem, match=r"geen foto die we kunnen openen|te groot"):
        open_photo(data)


def test_transparent_png_gets_a_white_background() -> None:
    image = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    assert open_photo(out.getvalue()).getpixel((5, 5)) == (255, 255, 255)


def test_a_variant_is_known_by_its_name_not_read_again(tmp_path: Path) -> None:
    # A share card is drawn from a photo's largest variant. Linking variants into the site
    # changes their change time: known by identity, they would be reread every build.
    source = tmp_path / "foto.jpg"
    Image.new("RGB", (1600, 1200), (180, 90, 30)).save(source)
    cache = ImageCache(tmp_path / "cache")
    variant = cache.variant(source, 800, "jpeg").path
    os.link(variant, tmp_path / "in-de-site.jpg")  # as the build does
    hashed = cache.hashed
    assert cache.digest(variant) == variant.name
    assert cache.hashed == hashed


def test_the_jpeg_variant_is_one_baseline_encode_with_optimised_tables(tmp_path: Path) -> None:
    # Progressive scans show the same pixels at about the same size, for twice the time.
    source = tmp_path / "foto.jpg"
    source.write_bytes(phone_photo(orientation=1))
    variant = ImageCache(tmp_path / "cache").variant(source, 800, "jpeg")
    with Image.open(variant.path) as result:
        assert result.format == "JPEG"
        assert "progressive" not in result.info and "progression" not in result.info
    plain = io.BytesIO()
    with Image.open(variant.path) as result:
        result.save(plain, "JPEG", quality=82)  # without optimised tables
    assert variant.path.stat().st_size < len(plain.getvalue())
