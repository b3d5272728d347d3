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
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

SEARCH_DIR = "pagefind"  # in the built site
SEARCH_SCRIPT = f"{SEARCH_DIR}/pagefind.js"
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
    output = site_dir / SEARCH_DIR
    key = _pages_key(site_dir) if cache_dir is not None else ""
    kept = cache_dir / key if cache_dir is not None else None
    if kept is not None and (kept / ENTRY).is_file():
        shutil.rmtree(output, ignore_errors=True)
        shutil.copytree(kept, output, copy_function=_link_or_copy)
        return SearchIndex(pages=_page_count(output), folder=output)
    index = _run_pagefind(site_dir)
    if cache_dir is not None and kept is not None:
        _keep(output, cache_dir, kept)
    return index


def _pages_key(site_dir: Path) -> str:
    digest = hashlib.sha256(engine_version().encode())
    for page in sorted(site_dir.rglob("*.html")):
        relative = page.relative_to(site_dir)
        if relative.parts[0] != SEARCH_DIR:
            digest.update(b"\0" + relative.as_posix().encode() + b"\0" + page.read_bytes())
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


def _run_pagefind(site_dir: Path) -> SearchIndex:
    # Pagefind's Python API is asynchronous. Its own thread and event loop, so a caller that
    # runs a loop itself (a test's browser driver, a server) can build too.
    try:
        with ThreadPoolExecutor(max_workers=1) as thread:
            return thread.submit(asyncio.run, _index(site_dir.resolve())).result()
    except SearchIndexError:
        raise
    except Exception as exc:  # the Pagefind service failed to start or to answer
        raise SearchIndexError(f"de zoekfunctie kon niet gemaakt worden: {exc}") from exc


async def _index(site_dir: Path) -> SearchIndex:
    from pagefind.index import IndexConfig, PagefindIndex  # only builds that index need it

    output = site_dir / SEARCH_DIR
    config: IndexConfig = {"force_language": LANGUAGE, "output_path": str(output)}
    async with PagefindIndex(config=config) as index:
        # The whole folder in one request: Pagefind's Python service answers each request
        # after polling every 0.1 s, so a request per page would cost that per page.
        await index.add_directory(str(site_dir))
    return SearchIndex(pages=_page_count(output), folder=output)
