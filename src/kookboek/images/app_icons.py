"""The icons a phone shows when the site is put on its home screen, drawn from the site's
own SVG icon (``theme.favicon`` in mkdocs.yml) with resvg.

Android takes the two sizes of the web manifest; iOS takes ``apple-touch-icon.png``, which it
shows on black where the picture is transparent: that one is put on the icon's own
background colour (found just inside the middle of its top edge), so a rounded square keeps
its colour into the corners iOS rounds itself.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from PIL import Image

from kookboek.support.cache import PICKLE, CacheFile

MANIFEST_ICONS = {"icon-192.png": 192, "icon-512.png": 512}
# Android cuts an icon to its own shape (a circle, a squircle): a "maskable" icon fills the
# square with the background and keeps the picture inside the middle 80 %, the safe zone.
MASKABLE_ICON = "icon-maskable-512.png"
MASKABLE_SIZE = 512
MASKABLE_PICTURE = 0.8
APPLE_TOUCH_ICON = "apple-touch-icon.png"
APPLE_SIZE = 180


def _drawn(svg: str, size: int) -> Image.Image:
    import resvg_py  # only builds with an SVG icon need it

    png = resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size, skip_system_fonts=True)
    with Image.open(BytesIO(bytes(png))) as drawn:
        return drawn.convert("RGBA")


def _png(image: Image.Image) -> bytes:
    out = BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _edge_colour(image: Image.Image) -> tuple[int, int, int]:
    """The colour just inside the top edge, in the middle: the icon's own background."""
    width, height = image.size
    for y in range(height // 4):
        pixel = image.getpixel((width // 2, y))
        if isinstance(pixel, tuple) and len(pixel) == 4 and pixel[3] == 255:
            return int(pixel[0]), int(pixel[1]), int(pixel[2])
    return 255, 255, 255


def _on_background(drawn: Image.Image, size: int) -> Image.Image:
    """``drawn`` centred on a square of its own background colour, ``size`` wide."""
    flat = Image.new("RGB", (size, size), _edge_colour(drawn))
    offset = ((size - drawn.width) // 2, (size - drawn.height) // 2)
    flat.paste(drawn, offset, mask=drawn.getchannel("A"))
    return flat


def app_icons(svg: str) -> dict[str, bytes]:
    """File name → PNG bytes: the manifest's icons (one maskable) and the Apple touch icon."""
    icons = {name: _png(_drawn(svg, size)) for name, size in MANIFEST_ICONS.items()}
    picture = _drawn(svg, round(MASKABLE_SIZE * MASKABLE_PICTURE))
    icons[MASKABLE_ICON] = _png(_on_background(picture, MASKABLE_SIZE))
    icons[APPLE_TOUCH_ICON] = _png(_on_background(_drawn(svg, APPLE_SIZE), APPLE_SIZE))
    return icons


def _are_icons(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(v, bytes) for v in value.values())


def cached_app_icons(svg: str, cache_file: Path | None) -> dict[str, bytes]:
    """:func:`app_icons`, kept in ``cache_file`` by the SVG's text: drawing them is a
    fixed cost of every build that only changes with the icon."""
    icons: CacheFile[dict[str, bytes]] = CacheFile(cache_file, accept=_are_icons, codec=PICKLE)
    key = icons.key([svg])
    found = icons.get(key)
    if found is None:
        found = app_icons(svg)
    icons.put(key, found)
    icons.save()
    return found
