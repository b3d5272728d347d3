"""Parsed content files kept between builds, by a hash of each file's bytes.

Parsing a recipe's frontmatter (YAML composed into nodes for the line numbers, then
checked for depth and size) is most of the time it takes to load a large site. A file whose
bytes did not change parses to the same result, so the result is kept. Only files that
parsed without problems are kept; validation against prices, competences and photos runs
on every build. Kept as a pickle: dates and line maps keyed by tuples are not JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kookboek.support.cache import PICKLE, CacheFile

Parsed = tuple[Any, str, int, dict[Any, int]]  # data, body, body line, field lines


def _is_parsed(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 4 and isinstance(value[3], dict)


class SourceCache(CacheFile[Parsed]):
    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path, accept=_is_parsed, codec=PICKLE)
        self.parsed = 0  # files parsed in this run
        self.reused = 0  # files taken from an earlier run

    def key_of(self, raw: bytes) -> str:
        return self.key([raw])

    def get(self, key: str) -> Parsed | None:
        found = super().get(key)
        if found is not None:
            self.reused += 1
        return found

    def put(self, key: str, value: Parsed) -> None:
        self.parsed += 1
        super().put(key, value)
