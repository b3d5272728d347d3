"""Parsed content files kept between builds, by a hash of each file's bytes.

Parsing a recipe's frontmatter (YAML composed into nodes for the line numbers, then
checked for depth and size) is most of the time it takes to load a large site. A file whose
bytes did not change parses to the same result, so the result is kept. Only files that
parsed without problems are kept; validation against prices, competences and photos runs
on every build.

The cache is a pickle: it holds Python data (dates, line maps keyed by tuples) that JSON
cannot. It lives in the project's own cache folder, which is as trusted as the content and
``mkdocs.yml`` next to it; a file that does not load is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

from kookboek.images.pipeline import write_atomic
from kookboek.support.hashing import code_fingerprint

Parsed = tuple[Any, str, int, dict[Any, int]]  # data, body, body line, field lines


class SourceCache:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.salt = code_fingerprint().encode()
        self.parsed = 0  # files parsed in this run
        self.reused = 0  # files taken from an earlier run
        self._earlier = self._load(path) if path is not None else {}
        self._used: dict[str, Parsed] = {}

    def _load(self, path: Path) -> dict[str, Parsed]:
        try:
            with path.open("rb") as handle:
                stored = pickle.load(handle)
        except Exception:  # any damage means: start again
            return {}
        if not isinstance(stored, dict) or stored.get("salt") != self.salt:
            return {}
        entries = stored.get("entries")
        return entries if isinstance(entries, dict) else {}

    def key(self, raw: bytes) -> str:
        return hashlib.sha256(self.salt + raw).hexdigest()

    def get(self, key: str) -> Parsed | None:
        found = self._used.get(key) or self._earlier.get(key)
        if found is not None:
            self.reused += 1
            self._used[key] = found
        return found

    def put(self, key: str, parsed: Parsed) -> None:
        self.parsed += 1
        self._used[key] = parsed

    def save(self) -> None:
        """Keep this run's files for the next one (written only when they changed)."""
        if self.path is None or self._used.keys() == self._earlier.keys():
            return
        data = {"salt": self.salt, "entries": self._used}
        write_atomic(self.path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        self._earlier = dict(self._used)
