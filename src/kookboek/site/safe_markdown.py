"""Markdown for contributed text: no raw HTML, no scripts, no tricks with links or images."""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import escape

SAFE_SCHEMES = {"http", "https", "mailto", ""}
# A document's own picture: a plain file name next to the document, nothing else.
SAFE_IMAGE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.(?:jpg|png)")


# An href as written → the href to publish, or None for no link (see ``site/links.py``).
LinkRewriter = Callable[[str], str | None]
# Adds attributes to the cleaned tree of a body (cook mode's step data: ``site/cook_mode.py``).
Annotator = Callable[[ET.Element], None]


class _Sanitizer(Treeprocessor):
    """Drops images (a recipe's photo comes from frontmatter) and links with unsafe targets;
    passes the others through ``links`` when given. Links to other sites get
    rel="nofollow". With ``images`` (documents), a picture named by a plain file name next
    to the document is kept, its address given by ``images``; any other is dropped."""

    links: LinkRewriter | None = None
    images: LinkRewriter | None = None
    annotate: Annotator | None = None

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    self._image(parent, child)
                elif child.tag == "a":
                    href = child.get("href", "")
                    published: str | None = None
                    if _safe_url(href):
                        published = href if self.links is None else self.links(href)
                    if published is None:
                        child.attrib.pop("href", None)
                        child.tag = "span"
                    else:
                        child.set("href", published)
                        if _leaves_the_site(published):
                            child.set("rel", "nofollow noopener")
        if self.annotate is not None:
            self.annotate(root)

    def _image(self, parent: ET.Element, image: ET.Element) -> None:
        name = image.get("src", "")
        alt = " ".join(image.get("alt", "").split())
        published = None
        # A picture without a description is left out, as a recipe photo needs its foto_alt
        # (and a tagged PDF refuses it).
        if self.images is not None and alt and SAFE_IMAGE_NAME.fullmatch(name):
            published = self.images(name)
        if published is None:
            _remove_keeping_tail(parent, image)
            return
        image.attrib.clear()
        image.set("src", published)
        image.set("alt", alt)


def _leaves_the_site(href: str) -> bool:
    parts = urlsplit(href)
    return bool(parts.scheme or parts.netloc)


def _remove_keeping_tail(parent: ET.Element, child: ET.Element) -> None:
    tail = child.tail or ""
    index = list(parent).index(child)
    if index == 0:
        parent.text = (parent.text or "") + tail
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + tail
    parent.remove(child)


def _safe_url(url: str) -> bool:
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES and not cleaned.lower().startswith("//")


def render_markdown(
    text: str,
    heading_ids: bool = True,
    links: LinkRewriter | None = None,
    annotate: Annotator | None = None,
    *,
    images: LinkRewriter | None = None,
    tables: bool = False,
) -> str:
    """Markdown to HTML where any HTML in ``text`` is shown as text, never executed.

    ``links`` rewrites the target of every safe link (``site/links.py``); ``annotate`` may
    add attributes to the cleaned tree. A document (not a recipe) may have pictures next to
    it (``images`` gives their address, see ``_Sanitizer``) and pipe tables (``tables``).
    """
    md = _converter(heading_ids, tables)
    sanitizer = md.treeprocessors["kookboek_sanitize"]
    assert isinstance(sanitizer, _Sanitizer)
    sanitizer.links = links
    sanitizer.images = images
    sanitizer.annotate = annotate
    try:
        return md.convert(text)
    except RecursionError:
        # Content validation refuses such nesting; a form preview must still never crash.
        _converters.__dict__.get("by_kind", {}).pop((heading_ids, tables), None)
        return "".join(f"<p>{escape(part)}</p>" for part in text.split("\n\n") if part.strip())
    finally:
        sanitizer.links = None
        sanitizer.images = None
        sanitizer.annotate = None
        md.reset()


_converters = threading.local()


def _converter(heading_ids: bool, tables: bool) -> markdown.Markdown:
    """One converter per thread and kind: building one loads every extension (slow)."""
    cache: dict[tuple[bool, bool], markdown.Markdown] = _converters.__dict__.setdefault(
        "by_kind", {}
    )
    md = cache.get((heading_ids, tables))
    if md is None:
        extensions: list[str | markdown.Extension] = ["sane_lists"]
        if heading_ids:
            extensions.append("toc")
        if tables:
            extensions.append("tables")
        md = markdown.Markdown(extensions=extensions, output_format="html")
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitizer(md), "kookboek_sanitize", 1)
        cache[(heading_ids, tables)] = md
    return md
