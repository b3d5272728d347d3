"""Finished PDFs kept between builds, keyed by a hash of everything that shaped them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from kookboek.images.pipeline import write_atomic
from kookboek.support.hashing import inputs_key

__all__ = ["PageCounts", "PdfCache", "file_bytes", "inputs_key"]


def file_bytes(paths: Iterable[Path]) -> list[bytes]:
    return [path.read_bytes() for path in sorted(set(paths))]


class PdfCache:
    """``<dir>/<name>`` plus ``<name>.json`` with the key and page count it was made from."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.hits = 0  # lookups answered from the cache
        self.stored = 0  # PDFs rendered and stored: the PDF work of this build

    def path(self, name: str) -> Path:
        return self.directory / name

    def lookup(self, name: str, key: str) -> int | None:
        """The page count of the cached ``name`` if it was made from ``key``, else None."""
        meta = self.directory / f"{name}.json"
        if not meta.is_file() or not self.path(name).is_file():
            return None
        try:
            stored = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        pages = stored.get("pages")
        if not isinstance(pages, int):
            return None
        self.hits += 1
        return pages

    def store(self, name: str, key: str, data: bytes, pages: int) -> Path:
        self.stored += 1
        write_atomic(self.path(name), data)
        write_atomic(
            self.directory / f"{name}.json", json.dumps({"key": key, "pages": pages}).encode()
        )
        return self.path(name)


class PageCounts:
    """How many pages each recipe took in an earlier layout, by a hash of its inputs.

    A recipe always starts on a new page and left and right pages are equally wide, so its
    page count does not depend on where it lands. Knowing it in advance lets the booklet
    mark long recipes (which start on a left page) before the one layout pass.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        self.counts: dict[str, int] = {
            key: value
            for key, value in (loaded.items() if isinstance(loaded, dict) else ())
            if isinstance(key, str) and isinstance(value, int)
        }

    def get(self, key: str) -> int | None:
        return self.counts.get(key)

    def update(self, counts: dict[str, int]) -> None:
        if any(self.counts.get(key) != value for key, value in counts.items()):
            self.counts.update(counts)
            write_atomic(self.path, json.dumps(self.counts, sort_keys=True).encode())
