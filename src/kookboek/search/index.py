"""The site's search: a Pagefind index of the built pages, written next to them.

Pagefind splits the index into small files named by a hash of their contents, so a search
downloads only the parts of the index its words need, and the excerpts of the results it
shows: not the whole site's words at once. It runs after every page is written, over the
HTML files, whatever built them.

What is indexed is marked in the pages: ``data-pagefind-body`` on a recipe's title,
description, ingredient names and steps (``site/recipe.html``), on the text of the
hand-written pages (``theme/main.html``), and on a short text of each listing page; the
filters (price band, kind, competence, diet, oven) with ``data-pagefind-filter``. Words are
stemmed the Dutch way ("linzen" finds "linzensoep" through its prefix, "soepen" "soep").

The overview's filters ask a second, small index (``CARDS_DIR``): one record per recipe with
its filters, its place in each order and its card, so choosing "soep" fetches the cards
shown and nothing else. Kept apart from the search, so a first search does not load the
orders of every recipe, and a filter does not load the words of every page.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path

SEARCH_DIR = "pagefind"  # in the built site
SEARCH_SCRIPT = f"{SEARCH_DIR}/pagefind.js"
CARDS_DIR = "pagefind-kaarten"  # the overview's index, in the built site
LANGUAGE = "nl"
ENTRY = "pagefind-entry.json"


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message is Dutch."""


@dataclass(frozen=True)
class SearchIndex:
    pages: int  # how many pages can be found
    folder: Path


def engine_version() -> str:
    """Pagefind's version: part of the search script's address, so a browser never runs an
    old script against an index of a newer format."""
    return version("pagefind")


def index_site(site_dir: Path, cache_dir: Path | None = None) -> SearchIndex:
    """Index every HTML page of ``site_dir`` into ``site_dir/pagefind/``.

    ``cache_dir``: where the index of the last build is kept, by a hash of every page. A
    build whose pages did not change (a warm rebuild) puts that index back as links instead
    of indexing every page again: indexing grows with the site, hashing the pages much less.
    """
    pages = (
        (p.relative_to(site_dir).as_posix(), p.read_bytes) for p in sorted(site_dir.rglob("*.html"))
    )
    key = _pages_key(pages) if cache_dir is not None else ""
    return _indexed(site_dir, site_dir / SEARCH_DIR, key, cache_dir)


def index_records(
    records: Mapping[str, str], output: Path, cache_dir: Path | None = None
) -> SearchIndex:
    """Index ``records`` (HTML pages by their path from the site root, e.g.
    'recepten/linzensoep/index.html') into ``output``: pages that exist only for the index."""
    pages = {path: html.encode("utf-8") for path, html in sorted(records.items())}
    key = _pages_key((path, partial(bytes, content)) for path, content in pages.items())
    with tempfile.TemporaryDirectory(prefix="kookboek-index-") as folder:
        source = Path(folder)
        if not (cache_dir is not None and (cache_dir / key / ENTRY).is_file()):
            for path, content in pages.items():
                file = source / path
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_bytes(content)
        return _indexed(source, output, key if cache_dir is not None else "", cache_dir)


def _indexed(source: Path, output: Path, key: str, cache_dir: Path | None) -> SearchIndex:
    """The index of ``source`` in ``output``: put back from ``cache_dir`` when one was made
    of the same pages (``key``), else made by Pagefind and kept there."""
    kept = cache_dir / key if cache_dir is not None else None
    if kept is not None and (kept / ENTRY).is_file():
        shutil.rmtree(output, ignore_errors=True)
        shutil.copytree(kept, output, copy_function=_link_or_copy)
        return SearchIndex(pages=_page_count(output), folder=output)
    index = _run_pagefind(source, output)
    if cache_dir is not None and kept is not None:
        _keep(output, cache_dir, kept)
    return index


def _pages_key(pages: Iterable[tuple[str, Callable[[], bytes]]]) -> str:
    """A hash of the pages (their paths and contents, each read when its turn comes)."""
    digest = hashlib.sha256(engine_version().encode())
    for path, content in pages:
        digest.update(b"\0" + path.encode() + b"\0" + content())
    return digest.hexdigest()[:32]


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _keep(output: Path, cache_dir: Path, kept: Path) -> None:
    """The index just made, in the cache under its pages' key; earlier ones go."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    for old in cache_dir.iterdir():
        shutil.rmtree(old, ignore_errors=True)
    partial = cache_dir / f".{kept.name}.tmp"
    shutil.copytree(output, partial, copy_function=_link_or_copy)
    partial.rename(kept)


def _page_count(output: Path) -> int:
    entry = json.loads((output / ENTRY).read_text(encoding="utf-8"))
    language = entry.get("languages", {}).get(LANGUAGE)
    if not language:
        raise SearchIndexError("de zoekfunctie vond geen pagina's om te doorzoeken.")
    return int(language["page_count"])


def _run_pagefind(source: Path, output: Path) -> SearchIndex:
    # Pagefind's Python API is asynchronous. Its own thread and event loop, so a caller that
    # runs a loop itself (a test's browser driver, a server) can build too.
    try:
        with ThreadPoolExecutor(max_workers=1) as thread:
            return thread.submit(asyncio.run, _index(source.resolve(), output.resolve())).result()
    except SearchIndexError:
        raise
    except Exception as exc:  # the Pagefind service failed to start or to answer
        raise SearchIndexError(f"de zoekfunctie kon niet gemaakt worden: {exc}") from exc


async def _index(source: Path, output: Path) -> SearchIndex:
    from pagefind.index import IndexConfig, PagefindIndex  # only builds that index need it

    config: IndexConfig = {"force_language": LANGUAGE, "output_path": str(output)}
    async with PagefindIndex(config=config) as index:
        # The whole folder in one request: Pagefind's Python service answers each request
        # after polling every 0.1 s, so a request per page would cost that per page.
        await index.add_directory(str(source))
    return SearchIndex(pages=_page_count(output), folder=output)
