"""Decoding photos safely and re-encoding them without metadata.

Phone photos are judged by their content (not their name), oriented by their EXIF tag,
converted to sRGB and re-encoded without any metadata (no EXIF, XMP or GPS). Importing this
module sets Pillow's limits for the whole process.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from typing import Literal

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

MAX_PIXELS = 60_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# Pillow only *warns* between MAX_IMAGE_PIXELS and twice that, and would then decode the bomb.
# As an error it is raised while reading the header, before any pixel is decoded.
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)
# Formats a camera, a phone or a drawing program writes; anything else is refused unread.
PHOTO_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "GIF", "HEIF"})
# WebP stops at 16,383 pixels a side; a photo more than 10 times as long as it is wide would
# shrink to a line of pixels.
MAX_SIDE = 16_000
MAX_ASPECT_RATIO = 10
ODD_SHAPE = "de foto is te lang of te breed. Snijd ze bij of kies een andere foto."
TOO_MANY_PIXELS = "de foto is te groot (te veel pixels)."
NOT_A_PHOTO = "dit bestand is geen foto die we kunnen openen."

Format = Literal["jpeg", "webp"]
# WebP's effort 2 instead of 4: 2.6 times as fast to encode (most of a photo's build time),
# files about 6 % larger at the same quality. The JPEG (for browsers without WebP) is
# baseline with optimised tables: the same pixels as a progressive one, within 1 % of its
# size, in half the time.
_SAVE_OPTIONS: dict[str, tuple[str, dict[str, int | bool]]] = {
    "jpeg": ("JPEG", {"quality": 82, "optimize": True}),
    "webp": ("WEBP", {"quality": 78, "method": 2}),
}


class ImageProblem(ValueError):
    """A file that is not a usable photo; the message is Dutch."""


def open_photo(data: bytes, at_least: int | None = None) -> Image.Image:
    """Decode ``data`` (judged by its content, not its name) into an upright RGB image.

    With ``at_least``, a JPEG is decoded at a reduced scale (1/2, 1/4 or 1/8) that still
    leaves both sides at least that many pixels: a 12-megapixel phone photo needed at
    1200 pixels wide then costs a quarter of the decoding.
    """
    # WeasyPrint switches this on for the whole process when it is imported; a truncated
    # photo would then be published half grey instead of being reported. WeasyPrint itself
    # is only ever given the complete variants made here.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with _as_photo_problems():
        with Image.open(BytesIO(data)) as probe:
            _check_header(probe)
            probe.verify()
        image: Image.Image = Image.open(BytesIO(data))
        if at_least is not None:
            image.draft(None, (at_least, at_least))  # both sides: EXIF may still rotate it
        image.load()
    image = ImageOps.exif_transpose(image) or image
    return _to_rgb(image)


def photo_file_problem(path: Path) -> str | None:
    """A quick look at the header only (no pixels decoded): a Dutch reason, or None."""
    try:
        with Image.open(path) as probe:
            _check_header(probe)
    except ImageProblem as exc:
        return str(exc)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return TOO_MANY_PIXELS
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return NOT_A_PHOTO
    return None


def pixel_size(data: bytes) -> tuple[int, int]:
    """Width and height of an image the pipeline made (upright, no EXIF rotation left)."""
    with Image.open(BytesIO(data)) as image:
        return image.size


def _check_header(image: Image.Image) -> None:
    if image.format not in PHOTO_FORMATS:
        raise ImageProblem(NOT_A_PHOTO)
    if image.width < 1 or image.height < 1:
        raise ImageProblem(NOT_A_PHOTO)
    if image.width * image.height > MAX_PIXELS:
        raise ImageProblem(TOO_MANY_PIXELS)
    long_side, short_side = max(image.size), min(image.size)
    if long_side > MAX_SIDE or long_side > MAX_ASPECT_RATIO * short_side:
        raise ImageProblem(ODD_SHAPE)


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode == "I;16" or image.mode.startswith("I"):
        return image.point(lambda value: value / 256).convert("RGB")
    return image.convert("RGB")


def encode(image: Image.Image, fmt: Format) -> bytes:
    """Re-encode without metadata: only pixels are written."""
    out = BytesIO()
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    pil_format, options = _SAVE_OPTIONS[fmt]
    clean.save(out, pil_format, **options)
    return out.getvalue()


def resized(image: Image.Image, width: int) -> Image.Image:
    size = scaled_size(image.size, width)
    if size == image.size:
        return image
    return image.resize(size, Image.Resampling.LANCZOS)


def scaled_size(size: tuple[int, int], width: int) -> tuple[int, int]:
    """The size ``resized`` gives an image of ``size``: never enlarged."""
    if size[0] <= width:
        return size
    return width, max(1, round(size[1] * width / size[0]))


@contextmanager
def _as_photo_problems() -> Iterator[None]:
    """Pillow's complaints about a file, as the Dutch ``ImageProblem`` a coach reads."""
    try:
        yield
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(TOO_MANY_PIXELS) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ImageProblem(NOT_A_PHOTO) from None


# EXIF orientations that turn a photo a quarter (its width and height swap).
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
_ORIENTATION = 0x0112


def decoded_size(path: Path, at_least: int | None = None) -> tuple[int, int]:
    """The size ``open_photo(data, at_least)`` gives, from the file's header alone (no pixel
    is decoded). A header ``open_photo`` refuses raises the same ``ImageProblem``; a file
    damaged further on is only found when it is decoded."""
    with _as_photo_problems(), Image.open(path) as image:
        _check_header(image)
        if at_least is not None:
            image.draft(None, (at_least, at_least))
        width, height = image.size
        orientation = image.getexif().get(_ORIENTATION, 1)
    return (height, width) if orientation in _QUARTER_TURNS else (width, height)
