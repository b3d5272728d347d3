"""The image pipeline shared by the site, the booklet and the form.

Phone photos are oriented by their EXIF tag, resized, converted to sRGB and re-encoded
without any metadata (no EXIF, XMP or GPS). Results are cached by a hash of the input
bytes and the requested output, so an unchanged photo is never processed twice.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Literal

from PIL import Image, ImageOps, UnidentifiedImageError

# A 48-megapixel phone photo is ~8000 × 6000; anything far beyond that is hostile.
MAX_PIXELS = 60_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
PIPELINE_VERSION = "2"

Format = Literal["jpeg", "webp"]
_SAVE_OPTIONS: dict[str, tuple[str, dict[str, int | bool]]] = {
    "jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
    "webp": ("WEBP", {"quality": 78, "method": 4}),
}


class ImageProblem(ValueError):
    """A file that is not a usable photo; the message is Dutch."""


@dataclass(frozen=True)
class ImageVariant:
    path: Path
    width: int
    height: int
    format: Format


def open_photo(data: bytes, at_least: int | None = None) -> Image.Image:
    """Decode ``data`` (judged by its content, not its name) into an upright RGB image.

    With ``at_least``, a JPEG is decoded at a reduced scale (1/2, 1/4 or 1/8) that still
    leaves both sides at least that many pixels: a 12-megapixel phone photo needed at
    1200 pixels wide then costs a quarter of the decoding.
    """
    try:
        with Image.open(BytesIO(data)) as probe:
            probe.verify()
        image: Image.Image = Image.open(BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise ImageProblem("de foto is te groot (te veel pixels).")
        if at_least is not None:
            image.draft(None, (at_least, at_least))  # both sides: EXIF may still rotate it
        image.load()
    except ImageProblem:
        raise
    except Image.DecompressionBombError:
        raise ImageProblem("de foto is te groot (te veel pixels).") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageProblem("dit bestand is geen foto die we kunnen openen.") from None
    image = ImageOps.exif_transpose(image) or image
    return _to_rgb(image)


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
    if image.width <= width:
        return image
    height = round(image.height * width / image.width)
    return image.resize((width, height), Image.Resampling.LANCZOS)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary name and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ImageCache:
    """Processed variants under ``cache_dir``, named by a hash of input and options.

    Safe to share between threads: each call works on its own files, and the counter is
    only a statistic.
    """

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.processed = 0  # how many variants were actually computed (not from cache)

    def variant(self, source: Path, width: int, fmt: Format) -> ImageVariant:
        return self.variants(source, [(width, fmt)])[0]

    def variants(self, source: Path, wanted: Sequence[tuple[int, Format]]) -> list[ImageVariant]:
        """Several sizes of one photo: read and hashed once, decoded once if any is missing."""
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        found: dict[tuple[int, Format], ImageVariant] = {}
        missing: dict[tuple[int, Format], Path] = {}
        for width, fmt in wanted:
            key = hashlib.sha256(f"{PIPELINE_VERSION}:{width}:{fmt}:{digest}".encode())
            suffix = "jpg" if fmt == "jpeg" else "webp"
            target = self.cache_dir / f"{key.hexdigest()[:24]}.{suffix}"
            if target.is_file():
                with Image.open(target) as cached:  # reads the header only
                    found[width, fmt] = ImageVariant(target, cached.width, cached.height, fmt)
            else:
                missing[width, fmt] = target
        if missing:
            image = open_photo(data, at_least=max(width for width, _ in missing))
            by_width: dict[int, Image.Image] = {}
            for (width, fmt), target in sorted(missing.items(), reverse=True):
                # Each size is scaled down from the next larger one: less work, same look.
                smaller = by_width.get(width) or resized(image, width)
                by_width[width] = image = smaller
                write_atomic(target, encode(smaller, fmt))
                self.processed += 1
                found[width, fmt] = ImageVariant(target, smaller.width, smaller.height, fmt)
        return [found[request] for request in wanted]
