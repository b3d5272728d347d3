"""Photos at the resolution an edition needs, through the core image pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kookboek.images import ImageCache, ImageProblem

MM_PER_INCH = 25.4
# Printed widths, matching booklet.css (.recipe__photo and .cover__image).
RECIPE_PHOTO_MM = 36.0
COVER_PHOTO_MM = 110.0


@dataclass
class PhotoResolver:
    """Turns a source photo into a file URL at ``dpi`` for its printed width.

    SVG drawings are used as they are (WeasyPrint draws them as vectors). Raster photos are
    resized through :class:`kookboek.images.ImageCache`; photos narrower than ``dpi`` needs
    are noted in ``too_small`` (one Dutch line per photo) when ``warn_small`` is set.
    """

    cache: ImageCache
    dpi: int
    warn_small: bool = False
    too_small: list[str] = field(default_factory=list)
    used: set[Path] = field(default_factory=set)

    def url(self, source: Path, width_mm: float) -> str | None:
        self.used.add(source)
        if source.suffix.lower() == ".svg":
            return source.as_uri()
        needed = round(width_mm / MM_PER_INCH * self.dpi)
        try:
            variant = self.cache.variant(source, needed, "jpeg")
        except ImageProblem:
            return None  # validation already reported unusable photos
        if variant.width < needed and self.warn_small:
            effective = round(variant.width / width_mm * MM_PER_INCH)
            self.too_small.append(
                f"{source.name}: {variant.width} pixels breed, dat is {effective} dpi op "
                f"{width_mm:g} mm. Voor drukwerk is {needed} pixels nodig ({self.dpi} dpi)."
            )
        return variant.path.as_uri()
