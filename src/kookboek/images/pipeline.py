"""The image pipeline shared by the site, the booklet and the form.

Phone photos are oriented by their EXIF tag, resized, converted to sRGB and re-encoded
without any metadata (no EXIF, XMP or GPS). Results are cached by a hash of the input
bytes and the requested output, so an unchanged photo is never processed twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Literal
from xml.etree import ElementTree

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

# A 48-megapixel phone photo is ~8000 × 6000; anything far beyond that is hostile.
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
PIPELINE_VERSION = "2"
ODD_SHAPE = "de foto is te lang of te breed. Snijd ze bij of kies een andere foto."
TOO_MANY_PIXELS = "de foto is te groot (te veel pixels)."
NOT_A_PHOTO = "dit bestand is geen foto die we kunnen openen."

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
    # WeasyPrint switches this on for the whole process when it is imported; a truncated
    # photo would then be published half grey instead of being reported. WeasyPrint itself
    # is only ever given the complete variants made here.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with Image.open(BytesIO(data)) as probe:
            _check_header(probe)
            probe.verify()
        image: Image.Image = Image.open(BytesIO(data))
        if at_least is not None:
            image.draft(None, (at_least, at_least))  # both sides: EXIF may still rotate it
        image.load()
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(TOO_MANY_PIXELS) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ImageProblem(NOT_A_PHOTO) from None
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
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
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


class CacheManifest:
    """What a warm build needs to know without opening files: each source photo's SHA-256
    (remembered by the file's identity) and the pixel size of each cached variant.

    A warm build would otherwise read and hash every photo again (hundreds of megabytes for
    a large site) and open every variant, only to find them all in the cache. The identity
    is the size, the modification and change times and the inode: any write or replacement
    changes the change time, which no tool can set back.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        if not isinstance(loaded, dict):
            loaded = {}
        sources, sizes = loaded.get("sources"), loaded.get("sizes")
        self._sources: dict[str, list[object]] = sources if isinstance(sources, dict) else {}
        self._sizes: dict[str, list[object]] = sizes if isinstance(sizes, dict) else {}

    @staticmethod
    def identity(stat: os.stat_result) -> list[object]:
        return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]

    def digest(self, source: Path, stat: os.stat_result) -> str | None:
        entry = self._sources.get(str(source))
        if not isinstance(entry, list) or len(entry) != 5 or entry[:4] != self.identity(stat):
            return None
        digest = entry[4]
        return digest if isinstance(digest, str) and digest else None

    def size(self, variant: Path) -> tuple[int, int] | None:
        entry = self._sizes.get(variant.name)
        if isinstance(entry, list) and len(entry) == 2:
            width, height = entry
            if type(width) is int and type(height) is int:
                return width, height
        return None

    def forget(self, source: Path) -> None:
        with self._lock:
            self._sources.pop(str(source), None)

    def remember(
        self,
        source: tuple[Path, os.stat_result, str] | None = None,
        sizes: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        with self._lock:
            if source is not None:
                path, stat, digest = source
                self._sources[str(path)] = [*self.identity(stat), digest]
            for name, (width, height) in (sizes or {}).items():
                self._sizes[name] = [width, height]
            data = {"sources": self._sources, "sizes": self._sizes}
            write_atomic(self.path, json.dumps(data, sort_keys=True).encode())


class ImageCache:
    """Processed variants under ``cache_dir``, named by a hash of input and options."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.processed = 0  # how many variants were actually computed (not from cache)
        self.hashed = 0  # how many source photos were read and hashed (not known by identity)
        self._manifest = CacheManifest(cache_dir / "manifest.json")

    def variant(self, source: Path, width: int, fmt: Format) -> ImageVariant:
        return self.variants(source, [(width, fmt)])[0]

    def digest(self, source: Path) -> str:
        """The SHA-256 of ``source``, read and hashed only when its file changed."""
        return self._digest(source)[0]

    def _digest(self, source: Path) -> tuple[str, bytes | None]:
        """The photo's hash, and its bytes when they had to be read for it."""
        stat = source.stat()
        digest = self._manifest.digest(source, stat)
        if digest is not None:
            return digest, None
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        self.hashed += 1
        self._manifest.remember(source=(source, stat, digest))
        return digest, data

    def _target(self, digest: str, width: int, fmt: Format) -> Path:
        key = hashlib.sha256(f"{PIPELINE_VERSION}:{width}:{fmt}:{digest}".encode())
        suffix = "jpg" if fmt == "jpeg" else "webp"
        return self.cache_dir / f"{key.hexdigest()[:24]}.{suffix}"

    def _cached(
        self, target: Path, fmt: Format, learnt: dict[str, tuple[int, int]]
    ) -> ImageVariant:
        size = self._manifest.size(target)
        if size is None:
            with Image.open(target) as cached:  # reads the header only
                size = learnt[target.name] = cached.size
        return ImageVariant(target, size[0], size[1], fmt)

    def cached_variants(
        self, source: Path, wanted: Sequence[tuple[int, Format]]
    ) -> list[ImageVariant] | None:
        """The variants if every one is in the cache already, else None (nothing decoded)."""
        digest, _ = self._digest(source)
        targets = [self._target(digest, width, fmt) for width, fmt in wanted]
        if not all(target.is_file() for target in targets):
            return None
        learnt: dict[str, tuple[int, int]] = {}
        found = [self._cached(t, fmt, learnt) for t, (_, fmt) in zip(targets, wanted, strict=True)]
        if learnt:
            self._manifest.remember(sizes=learnt)
        return found

    def variants(self, source: Path, wanted: Sequence[tuple[int, Format]]) -> list[ImageVariant]:
        """Several sizes of one photo: hashed once, decoded once if any is missing."""
        digest, data = self._digest(source)
        found: dict[tuple[int, Format], ImageVariant] = {}
        missing: dict[tuple[int, Format], Path] = {}
        learnt: dict[str, tuple[int, int]] = {}
        for width, fmt in wanted:
            target = self._target(digest, width, fmt)
            if target.is_file():
                found[width, fmt] = self._cached(target, fmt, learnt)
            else:
                missing[width, fmt] = target
        if missing:
            if data is None:
                data = source.read_bytes()
                if hashlib.sha256(data).hexdigest() != digest:
                    # Changed between the look at its identity and now: hash it afresh.
                    self._manifest.forget(source)
                    return self.variants(source, wanted)
            image = open_photo(data, at_least=max(width for width, _ in missing))
            by_width: dict[int, Image.Image] = {}
            for (width, fmt), target in sorted(missing.items(), reverse=True):
                # Each size is scaled down from the next larger one: less work, same look.
                smaller = by_width.get(width) or resized(image, width)
                by_width[width] = image = smaller
                write_atomic(target, encode(smaller, fmt))
                self.processed += 1
                found[width, fmt] = ImageVariant(target, smaller.width, smaller.height, fmt)
                learnt[target.name] = smaller.size
        if learnt:
            self._manifest.remember(sizes=learnt)
        return [found[request] for request in wanted]


# -- SVG drawings ---------------------------------------------------------------------------
# An SVG is published as it is, so it must be a drawing and nothing more: opened on its own
# (not through <img>) a script in it would run on the site's address.

MAX_SVG_BYTES = 2_000_000
_SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
_ACTIVE_ELEMENTS = frozenset(
    {
        "script",
        "foreignobject",
        "iframe",
        "embed",
        "object",
        "handler",
        "listener",
        "animate",
        "set",
    }
)
_LINK_ATTRIBUTES = frozenset({"href", "src"})
# Inside the drawing, or a picture embedded in it (as drawing programs do).
_SAFE_LINKS = ("#", "data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;")


def vector_problem(data: bytes) -> str | None:
    """Why an SVG file is not a plain drawing (Dutch), or None when it is safe to publish."""
    unsafe = (
        "de tekening (SVG) bevat code of een verwijzing naar een ander bestand ({}). Bewaar "
        "de tekening opnieuw zonder scripts en links, of gebruik een .png of .jpg."
    )
    if len(data) > MAX_SVG_BYTES:
        return "de tekening (SVG) is te groot (hoogstens 2 MB)."
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return unsafe.format("DOCTYPE")
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError):
        return "de tekening (SVG) is beschadigd: het bestand is geen geldige SVG."
    if root.tag != f"{_SVG_NAMESPACE}svg":
        return "de tekening (SVG) is beschadigd: het bestand is geen geldige SVG."
    for element in root.iter():
        name = str(element.tag).rpartition("}")[2].lower()
        if name in _ACTIVE_ELEMENTS:
            return unsafe.format(f"<{name}>")
        for attribute, value in element.attrib.items():
            attribute_name = attribute.rpartition("}")[2].lower()
            if attribute_name.startswith("on"):
                return unsafe.format(attribute_name)
            if attribute_name in _LINK_ATTRIBUTES and not value.strip().startswith(_SAFE_LINKS):
                return unsafe.format(f"{attribute_name}={value.strip()[:40]}")
            if _has_outside_reference(value):
                return unsafe.format(attribute_name)
        if name == "style" and _has_outside_reference(element.text or ""):
            return unsafe.format("<style>")
    return None


def _has_outside_reference(text: str) -> bool:
    squeezed = "".join(text.split()).lower()
    if "javascript:" in squeezed or "@import" in squeezed:
        return True
    # url(#gradient) points inside the drawing; any other url() fetches something.
    return "url(" in squeezed.replace("url(#", "")
