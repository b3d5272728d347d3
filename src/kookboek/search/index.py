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
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

SEARCH_DIR = "pagefind"  # in the built site
SEARCH_SCRIPT = f"{SEARCH_DIR}/pagefind.js"
LANGUAGE = "nl"


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


def index_site(site_dir: Path) -> SearchIndex:
    """Index every HTML page of ``site_dir`` into ``site_dir/pagefind/``."""
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
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    language = entry.get("languages", {}).get(LANGUAGE)
    if not language:
        raise SearchIndexError("de zoekfunctie vond geen pagina's om te doorzoeken.")
    return SearchIndex(pages=int(language["page_count"]), folder=output)
