"""Every internal link and referenced file of a built site: a check shared by the tests."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _References(HTMLParser):
    """Every href, src and srcset candidate of a page, and the ids it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[tuple[str, str]] = []  # (attribute, URL)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name in {"href", "src"}:
                self.references.append((name, value))
            elif name in {"srcset", "imagesrcset"}:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.references.append((name, candidate.split()[0]))


def parsed(page: Path) -> _References:
    references = _References()
    references.feed(page.read_text(encoding="utf-8"))
    return references


def target_file(site: Path, page: Path, path: str, site_path: str) -> Path:
    if path.startswith("/"):
        assert path.startswith(site_path), path
        target = site / path.removeprefix(site_path)
    else:
        target = page.parent / path
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def broken_links(site: Path, site_path: str) -> tuple[list[str], int]:
    """The links and files of ``site``'s pages that lead nowhere, and how many were checked;
    ``site_path``: the path of the site's address (where 404.html links from)."""
    pages = sorted(site.rglob("*.html"))
    ids = {page.resolve(): parsed(page).ids for page in pages}
    broken: list[str] = []
    checked = 0
    for page in pages:
        for attribute, url in parsed(page).references:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue  # another site (none is loaded: see the CSP tests)
            checked += 1
            path = unquote(parts.path)
            target = target_file(site, page, path, site_path) if path else page
            where = f"{page.relative_to(site)}: {attribute}={url}"
            if not target.resolve().is_relative_to(site.resolve()):
                broken.append(f"{where} (outside the site)")
            elif not target.is_file():
                broken.append(where)
            elif parts.fragment and parts.fragment not in ids.get(target.resolve(), {""}):
                broken.append(f"{where} (no id '{parts.fragment}')")
    return broken, checked
