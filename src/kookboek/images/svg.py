"""SVG drawings: published as they are, so they must be drawings and nothing more.

Opened on its own (not through <img>) a script in an SVG would run on the site's address.
"""

from __future__ import annotations

from xml.etree import ElementTree

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
