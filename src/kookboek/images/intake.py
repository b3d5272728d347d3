"""Photos sent through the form: decoded by Pillow, resized and stored without metadata.

A file is judged by its content, never by its name. HEIC (iPhone and some Android cameras)
is decoded through pillow-heif when it is installed.
"""

from __future__ import annotations

import warnings

from PIL import Image

from kookboek.images.decode import ImageProblem, encode, open_photo, resized

MAX_PHOTO_BYTES = 15 * 1024 * 1024
STORED_WIDTH = 1600
HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")

try:
    from pillow_heif import register_heif_opener
except ImportError:  # pragma: no cover - depends on the installation
    HEIF_SUPPORTED = False
else:
    register_heif_opener()
    HEIF_SUPPORTED = True


def is_heif(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS


def process_photo(data: bytes) -> bytes:
    """A clean JPEG: upright, at most ``STORED_WIDTH`` wide, no EXIF, XMP or GPS."""
    if not data:
        raise ImageProblem("het bestand is leeg.")
    if len(data) > MAX_PHOTO_BYTES:
        raise ImageProblem("de foto is te groot. Kies een kleinere foto (hoogstens 15 MB).")
    if is_heif(data) and not HEIF_SUPPORTED:
        raise ImageProblem(
            "deze foto is in HEIC-formaat en dat kunnen we hier niet openen. Stel je camera in "
            "op 'Meest compatibel' (JPEG) of maak een schermafbeelding van de foto."
        )
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; refuse before decoding.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = open_photo(data)
        except Image.DecompressionBombWarning:
            raise ImageProblem("de foto is te groot (te veel pixels).") from None
    return encode(resized(image, STORED_WIDTH), "jpeg")
