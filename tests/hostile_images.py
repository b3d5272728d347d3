"""Hostile and unusual image files, made in memory (no binary fixtures to keep in git)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from PIL import Image


def _save(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def raw_png(width: int, height: int, depth: int, color_type: int, rows: int | None = None) -> bytes:
    """A PNG written by hand: any header, and only ``rows`` rows of (zero) pixel data."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[color_type]
    row = b"\x00" + b"\x90" * (width * channels * depth // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height if rows is None else rows))
    data += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def jpeg(size: tuple[int, int] = (320, 240), color: tuple[int, int, int] = (200, 120, 40)) -> bytes:
    return _save(Image.new("RGB", size, color), "JPEG", quality=95)


def html_page() -> bytes:
    return b"<!doctype html><html><body><script>window.__pwned=1</script></body></html>"


def zip_file() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("index.html", html_page())
    return out.getvalue()


# name → (bytes, None when it must be refused, else the colour the converted photo shows)
def corpus() -> dict[str, tuple[bytes, tuple[int, int, int] | None]]:
    rgb = Image.new("RGB", (320, 240), (200, 120, 40))
    first, second = rgb.convert("P"), Image.new("RGB", (320, 240), (0, 0, 255)).convert("P")
    return {
        # refused
        "bom-png": (raw_png(30_000, 30_000, 8, 0, rows=10), None),  # 900 Mpx in 1 kB
        "bom-net-onder-de-grens": (raw_png(9_000, 8_000, 8, 0, rows=10), None),  # 72 Mpx
        "bom-gif": (_gif_with_size(65_000, 65_000), None),
        "afgebroken-jpeg": (jpeg()[:1500], None),
        "afgebroken-png": (_save(rgb, "PNG")[:200], None),
        "html-als-jpg": (html_page(), None),
        "zip-als-jpg": (zip_file(), None),
        "lege-file": (b"", None),
        "heel-lang": (_save(Image.new("L", (20_000, 20)), "PNG"), None),
        "heel-smal": (_save(Image.new("L", (5, 3000)), "PNG"), None),
        "tiff": (_save(rgb, "TIFF"), None),
        # converted safely
        "png-als-jpg": (_save(rgb, "PNG"), (200, 120, 40)),
        "jpeg-en-html": (jpeg() + html_page(), (200, 120, 40)),
        "jpeg-en-zip": (jpeg() + zip_file(), (200, 120, 40)),
        "cmyk-jpeg": (
            _save(Image.new("CMYK", (320, 240), (0, 100, 200, 0)), "JPEG"),
            (255, 155, 55),
        ),
        "png-16-bit-grijs": (raw_png(320, 240, 16, 0), (144, 144, 144)),
        "png-16-bit-kleur": (raw_png(320, 240, 16, 2), (144, 144, 144)),
        "png-16-bit-transparant": (raw_png(320, 240, 16, 6), (192, 192, 192)),
        "bewegende-gif": (
            _save(first, "GIF", save_all=True, append_images=[second], loop=0),
            (200, 120, 40),
        ),
        "bewegende-webp": (
            _save(rgb, "WEBP", save_all=True, append_images=[Image.new("RGB", (320, 240))]),
            (200, 120, 40),
        ),
    }


def _gif_with_size(width: int, height: int) -> bytes:
    """A tiny GIF whose screen and image claim ``width`` × ``height`` pixels."""
    data = bytearray(_save(Image.new("P", (1, 1)), "GIF"))
    data[6:10] = struct.pack("<HH", width, height)
    start = data.index(b"\x2c")  # image descriptor
    data[start + 5 : start + 9] = struct.pack("<HH", width, height)
    return bytes(data)


REFUSED = sorted(name for name, (_, colour) in corpus().items() if colour is None)
CONVERTED = sorted(name for name, (_, colour) in corpus().items() if colour is not None)
