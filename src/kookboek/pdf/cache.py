"""Finished PDFs and the booklet's page counts, kept between builds (see support/cache.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kookboek.support.cache import CacheFile
from kookboek.support.files import write_atomic

INDEX_FILE = "index.json"
PAGE_COUNTS_FILE = "recipe-pages.json"


def file_bytes(paths: Iterable[Path]) -> list[bytes]:
    return [path.read_bytes() for path in sorted(set(paths))]


def _is_entry(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str)
        and type(value[1]) is int
    )


class PdfCache(CacheFile[list[Any]]):
    """``<dir>/<name>`` for each PDF; ``<dir>/index.json`` says which inputs made it and how
    many pages it has. Keys come from :meth:`key`, salted with the engine's code."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory / INDEX_FILE, accept=_is_entry, prune=False)
        self.directory = directory
        self.stored = 0  # PDFs rendered and stored: the PDF work of this build

    def path(self, name: str) -> Path:
        return self.directory / name

    def lookup(self, name: str, key: str) -> int | None:
        """The page count of the cached ``name`` if it was made from ``key``, else None."""
        entry = self.get(name)
        if entry is None or entry[0] != key or not self.path(name).is_file():
            return None
        pages: int = entry[1]
        return pages

    def store(self, name: str, key: str, data: bytes, pages: int) -> Path:
        self.stored += 1
        write_atomic(self.path(name), data)
        self.put(name, [key, pages])
        self.save()  # at once: the next PDF may take a minute, and a build may be stopped
        return self.path(name)


class PageCounts(CacheFile[int]):
    """How many pages each recipe took in an earlier layout, by a hash of its inputs.

    A recipe always starts on a new page and left and right pages are equally wide, so its
    page count does not depend on where it lands. Knowing it in advance lets the booklet
    mark long recipes (which start on a left page) before the one layout pass. The count
    depends on the recipe, its photo, the CSS and the fonts (all in the key), not on the
    engine's other code.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(
            path, accept=lambda value: type(value) is int, code_salted=False, prune=False
        )

    @property
    def counts(self) -> dict[str, int]:
        return self.entries()

    def update(self, counts: dict[str, int]) -> None:
        for key, pages in counts.items():
            self.put(key, pages)
        self.save()
