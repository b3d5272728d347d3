"""Links between the content's own files, resolved the way MkDocs resolves them.

A Markdown link such as ``[Tools](../tools/index.md)`` names a file in the content folder,
relative to the file it stands in. MkDocs rewrites such links in the pages it renders; the
engine renders recipes, publications and tools itself (``site/pages.py``, ``pdf/``), so it
resolves them here, against every file the site publishes (hand-written and generated pages
alike, handed in by the adapter as ``LinkTargets``):

- on a page the link becomes relative to that page (``../../tools/``);
- in a PDF it becomes the page's address on the site (``https://…/tools/``), or no link at
  all when the site's address is not known: a PDF never points into the machine that built
  it;
- a link to nothing is a problem with the file and the line of the link.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree as ET

import markdown
from markdown.treeprocessors import Treeprocessor

from kookboek.content.errors import ContentError, display_path
from kookboek.site.safe_markdown import LinkRewriter, render_markdown
from kookboek.support.hashing import inputs_key

LINK_FIELD = "link"


def is_external(href: str) -> bool:
    parts = urlsplit(href)
    return bool(parts.scheme or parts.netloc) or href.startswith("#")


@dataclass(frozen=True, eq=False)
class LinkTargets:
    """Every published file by its path in the content folder: ``src_uri`` → its URL from the
    site root (``'tools/index.md'`` → ``'tools/'``, ``'recepten/soep.svg'`` → itself)."""

    urls: Mapping[str, str]
    site_url: str = ""  # the absolute address of the site root, ending in '/'; '' if unknown

    @cached_property
    def key(self) -> str:
        """A hash of every target, for caches of HTML with resolved links in it."""
        return inputs_key([self.site_url, *(f"{k}={v}" for k, v in sorted(self.urls.items()))])

    def target(self, from_uri: str, href: str) -> str | None:
        """The URL from the site root that ``href`` in the file ``from_uri`` points to (with
        its query and fragment), or None when it points to nothing published."""
        parts = urlsplit(href)
        path = unquote(parts.path)
        if not path:
            return None
        if path.startswith("/"):
            return None  # absolute on the server: not a file of the content
        wanted = posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), path))
        url = self.urls.get(wanted)
        if url is None:
            return None
        query = f"?{parts.query}" if parts.query else ""
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return url + query + fragment

    def for_page(self, from_uri: str, root: str) -> LinkRewriter:
        """Links as they work on the page of ``from_uri`` (``root``: from there to the root)."""
        return _PageLinks(self, from_uri, root)

    def for_print(self, from_uri: str) -> LinkRewriter:
        """Links as they work in a PDF: absolute on the site, or none."""
        return _PrintLinks(self, from_uri)

    def problem(self, from_uri: str, href: str, *, files_only: bool = False) -> str | None:
        """Why the relative ``href`` in ``from_uri`` is broken, in Dutch; None when it is not.

        ``files_only``: judge only links that name a file (with an extension), as MkDocs
        does on the pages it renders itself; it leaves the others as written.
        """
        if is_external(href) or self.target(from_uri, href) is not None:
            return None
        path = unquote(urlsplit(href).path)
        if not path:
            return None
        names_file = bool(posixpath.splitext(path.rstrip("/"))[1])
        if files_only and (path.startswith("/") or not names_file):
            return None
        if path.startswith("/"):
            return (
                f"'{href}' begint met '/'. Schrijf de link vanaf dit bestand, zoals "
                f"'{self._relative_example(from_uri)}'."
            )
        wanted = posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), path))
        guess = self._guess(from_uri, wanted, path)
        hint = f" Bedoel je '{guess}'?" if guess else ""
        if not names_file:
            return (
                f"'{href}' wijst niet naar een bestand. Link naar het bestand van de pagina "
                f"in de map content, met .md op het einde.{hint}"
            )
        return f"'{href}' wijst naar niets: er is geen pagina of bestand '{wanted}'.{hint}"

    def _guess(self, from_uri: str, wanted: str, path: str) -> str | None:
        stem = wanted.rstrip("/")
        tries = [f"{stem}/index.md", f"{stem}.md"]
        found = next((t for t in tries if t in self.urls), None)
        if found is None:
            pages = [uri for uri in self.urls if uri.endswith(".md")]
            close = difflib.get_close_matches(wanted, pages, n=1, cutoff=0.75)
            found = close[0] if close else None
        if found is None:
            return None
        return posixpath.relpath(found, posixpath.dirname(from_uri) or ".")

    def _relative_example(self, from_uri: str) -> str:
        return posixpath.relpath("tools/index.md", posixpath.dirname(from_uri) or ".")


@dataclass(frozen=True)
class _PageLinks:
    targets: LinkTargets
    from_uri: str
    root: str

    def __call__(self, href: str) -> str | None:
        if is_external(href):
            return href
        target = self.targets.target(self.from_uri, href)
        # A broken link is reported by the build; on the page it stays as written.
        return href if target is None else self.root + target


@dataclass(frozen=True)
class _PrintLinks:
    targets: LinkTargets
    from_uri: str

    def __call__(self, href: str) -> str | None:
        if is_external(href):
            return href
        target = self.targets.target(self.from_uri, href)
        if target is None or not self.targets.site_url:
            return None
        return urljoin(self.targets.site_url, target)


@dataclass
class _Collected:
    hrefs: list[str] = field(default_factory=list)

    def __call__(self, href: str) -> str | None:
        self.hrefs.append(href)
        return href


def link_problems(
    source: Path,
    content_dir: Path,
    hrefs: Iterable[str],
    targets: LinkTargets,
    *,
    files_only: bool = False,
) -> list[ContentError]:
    """A problem for every link in ``hrefs`` (found in the file ``source``) that points to
    nothing published, at the line where it is written (``files_only``: see
    ``LinkTargets.problem``)."""
    from_uri = source_uri(source, content_dir)
    problems: list[ContentError] = []
    text: str | None = None
    for href in dict.fromkeys(hrefs):
        message = targets.problem(from_uri, href, files_only=files_only)
        if message is None:
            continue
        if text is None:
            text = source.read_text(encoding="utf-8-sig")
        problems.append(
            ContentError(display_path(source), line_of_link(text, href), LINK_FIELD, message)
        )
    return problems


def body_links(body: str) -> list[str]:
    """The targets of the links in a body as the engine renders it (contributed-text rules:
    no raw HTML, so no links hidden in it)."""
    if "](" not in body and "]:" not in body:
        return []  # no inline link and no link reference: nothing to parse
    collected = _Collected()
    render_markdown(body, links=collected)
    return collected.hrefs


def markdown_links(text: str, converter: markdown.Markdown) -> list[str]:
    """The targets of the links and images in ``text`` as ``converter`` (configured like the
    site's own Markdown) reads it: code blocks and spans hold none."""
    collector = _LinkCollector(converter)
    converter.treeprocessors.register(collector, "kookboek_links", -100)
    try:
        converter.convert(text)
    finally:
        converter.treeprocessors.deregister("kookboek_links")
        converter.reset()
    return collector.hrefs


class _LinkCollector(Treeprocessor):
    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.hrefs: list[str] = []

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            target = element.get("href") if element.tag == "a" else None
            if element.tag == "img":
                target = element.get("src")
            if target:
                self.hrefs.append(target)


def line_of_link(text: str, href: str) -> int:
    """The line (from 1) where ``href`` is written as a link target; 1 if it cannot be found."""
    escaped = re.escape(href)
    for pattern in (rf"\]\([ \t]*<?{escaped}", rf"^[ \t]*\[[^\]]+\]:[ \t]*<?{escaped}", escaped):
        found = re.search(pattern, text, re.M)
        if found:
            return text.count("\n", 0, found.start()) + 1
    return 1


def source_uri(source: Path, content_dir: Path) -> str:
    """A content file's path from the content folder, as MkDocs names it ('recepten/x.md')."""
    try:
        return source.relative_to(content_dir).as_posix()
    except ValueError:
        return source.resolve().relative_to(content_dir.resolve()).as_posix()
