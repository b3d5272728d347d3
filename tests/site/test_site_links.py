"""Every internal link and every referenced file of the built sample site exists."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from sample_project import build_fixture_site

pytestmark = pytest.mark.slow


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


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield build_fixture_site(tmp_path_factory.mktemp("links")) / "site"


SITE_PATH = "/kookboek/"  # the path of the fixture's site_url: 404.html links from there


def target_file(site: Path, page: Path, path: str) -> Path:
    if path.startswith("/"):
        assert path.startswith(SITE_PATH), path
        target = site / path.removeprefix(SITE_PATH)
    else:
        target = page.parent / path
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def test_every_internal_link_and_asset_of_the_site_exists(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 19
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
            target = target_file(site, page, path) if path else page
            where = f"{page.relative_to(site)}: {attribute}={url}"
            if not target.resolve().is_relative_to(site.resolve()):
                broken.append(f"{where} (outside the site)")
            elif not target.is_file():
                broken.append(where)
            elif parts.fragment and parts.fragment not in ids.get(target.resolve(), {""}):
                broken.append(f"{where} (no id '{parts.fragment}')")
    assert broken == [], "\n".join(broken)
    assert checked > 400
