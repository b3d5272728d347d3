from __future__ import annotations

import io

import pytest
from PIL import Image

from form_helpers import has_gps, jpeg_with_gps
from kookboek.images.decode import ImageProblem
from kookboek.images.intake import STORED_WIDTH, process_photo


def test_a_phone_photo_loses_its_gps_and_all_other_metadata() -> None:
    original = jpeg_with_gps((3000, 2000))
    assert has_gps(original)
    cleaned = process_photo(original)
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.format == "JPEG"
        assert image.width == STORED_WIDTH
        assert not image.getexif()
        assert "xmp" not in image.info and "exif" not in image.info


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "HEIF"])
def test_png_webp_and_heic_are_accepted(fmt: str) -> None:
    out = io.BytesIO()
    Image.new("RGBA" if fmt == "PNG" else "RGB", (80, 60), (10, 200, 30)).save(out, fmt)
    with Image.open(io.BytesIO(process_photo(out.getvalue()))) as image:
        assert (image.format, image.size) == ("JPEG", (80, 60))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "leeg"),
        (b"<html><script>alert(1)</script></html>", "geen foto"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "geen foto"),  # a JPEG header, then nothing
    ],
)
def test_files_that_are_not_photos_are_refused(data: bytes, words: str) -> None:
    with pytest.raises(ImageProblem, match=words):
        process_photo(data)


def test_a_decompression_bomb_is_refused() -> None:
    out = io.BytesIO()
    Image.new("1", (10_000, 8_000)).save(out, "PNG")  # tiny file, 80 megapixels
    assert len(out.getvalue()) < 1_000_000
    with pytest.raises(ImageProblem, match="te veel pixels"):
        process_photo(out.getvalue())
