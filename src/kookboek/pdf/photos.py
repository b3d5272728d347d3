"""Photos at the resolution an edition needs, through the core image pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kookboek.images.cache import ImageCache
from kookboek.images.decode import ImageProblem

MM_PER_INCH = 25.4
# Printed widths, matching booklet.css (.recipe__photo and .cover__image).
RECIPE_PHOTO_MM = 36.0
COVER_PHOTO_MM = 110.0


@dataclass
class PhotoResolver:
    """Turns a source photo into a file URL at ``dpi`` for its printed width.

    SVG drawings are used as they are (WeasyPrint draws them as vectors). Raster photos are
    resized through :class:`kookboek.images.cache.ImageCache`; photos narrower than ``dpi`` needs
    are noted in ``too_small`` (one Dutch line per photo) when ``warn_small`` is set.
    A resolver is meant for one render: it does not notice a photo that changes later.
    """

    cache: ImageCache
    dpi: int
    warn_small: bool = False
    too_small: list[str] = field(default_factory=list)
    used: set[Path] = field(default_factory=set)
    # The answers so far: a booklet asks for each photo several times (its cache key, the
    # HTML before and after the page breaks are known), and each lookup hashes the photo.
    known: dict[tuple[Path, float], str | None] = field(default_factory=dict, repr=False)

    def url(self, source: Path, width_mm: float) -> str | None:
        self.used.add(source)
        if (source, width_mm) not in self.known:
            self.known[source, width_mm] = self._url(source, width_mm)
        return self.known[source, width_mm]

    def _url(self, source: Path, width_mm: float) -> str | None:
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
