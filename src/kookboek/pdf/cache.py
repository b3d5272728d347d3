"""Finished PDFs kept between builds, keyed by a hash of everything that shaped them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from kookboek.images import write_atomic

CACHE_VERSION = "1"


def inputs_key(parts: Iterable[str | bytes]) -> str:
    """A hash of the inputs (HTML, CSS, fonts, photos, options), each part length-prefixed."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()[:24]


def file_bytes(paths: Iterable[Path]) -> list[bytes]:
    return [path.read_bytes() for path in sorted(set(paths))]


class PdfCache:
    """``<dir>/<name>`` plus ``<name>.json`` with the key and page count it was made from."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

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
        return pages if isinstance(pages, int) else None

    def store(self, name: str, key: str, data: bytes, pages: int) -> Path:
        write_atomic(self.path(name), data)
        write_atomic(
            self.directory / f"{name}.json", json.dumps({"key": key, "pages": pages}).encode()
        )
        return self.path(name)
