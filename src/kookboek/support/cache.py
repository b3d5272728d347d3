"""The one way work is kept between builds: a file of entries under salted keys.

Every cache of the engine (parsed content files, rendered HTML fragments, finished PDFs,
booklet page counts, photo hashes) is a :class:`CacheFile`. The contract:

- **load**: a missing file is an empty cache. A file from other engine code or other inputs
  (its salt differs) is an empty cache too. A damaged file (unreadable, not the expected
  shape) is logged and treated as empty; so is a single entry that fails ``accept``: it is
  a miss, never an error and never a wrong result.
- **get / put**: ``get`` returns the value or None (a miss); ``put`` records a value.
- **save**: written atomically (:func:`~kookboek.support.files.write_atomic`) and only when
  something changed. With ``prune`` the entries this run did not touch are dropped, so the
  file never grows beyond one build's worth.

The salt is the engine's code fingerprint (plus the inputs every entry depends on), so an
edit to the code or templates never serves stale work. Caches whose entries do not depend
on the code (a photo's hash) pass ``code_salted=False`` and name their own version instead.
"""

from __future__ import annotations

import json
import logging
import pickle
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from kookboek.support.files import write_atomic
from kookboek.support.hashing import code_fingerprint, inputs_key

log = logging.getLogger("kookboek.cache")
V = TypeVar("V")
FORMAT = 2


@dataclass(frozen=True)
class Codec:
    dumps: Callable[[Any], bytes]
    loads: Callable[[bytes], Any]


JSON = Codec(
    dumps=lambda data: json.dumps(data, ensure_ascii=False, sort_keys=True).encode(),
    loads=lambda raw: json.loads(raw.decode("utf-8")),
)
# For Python data JSON cannot hold (dates, dicts keyed by tuples). The file lives in the
# project's own cache folder, as trusted as the content and mkdocs.yml beside it.
PICKLE = Codec(
    dumps=lambda data: pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL),
    loads=pickle.loads,
)


class CacheFile(Generic[V]):
    def __init__(
        self,
        file: Path | None,
        *,
        accept: Callable[[Any], bool],
        codec: Codec = JSON,
        salt: Sequence[str] = (),
        code_salted: bool = True,
        prune: bool = True,
    ) -> None:
        """``file``: where it is kept (None: keep nothing between runs); ``accept``: whether
        a loaded value has the right shape; ``salt``: what every entry depends on besides
        the code."""
        self.file = file
        self.codec = codec
        self.prune = prune
        self.salt = inputs_key([code_fingerprint() if code_salted else "", *salt])
        self.hits = 0  # lookups answered from this or an earlier run
        self.misses = 0
        self._lock = threading.Lock()
        self._earlier: dict[str, V] = self._load(accept) if file is not None else {}
        self._entries: dict[str, V] = {} if prune else dict(self._earlier)
        self._dirty = False

    def key(self, parts: Iterable[str | bytes]) -> str:
        """A key for an entry made from ``parts``, salted like the file."""
        return inputs_key([self.salt, *parts])

    def get(self, key: str) -> V | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                found = self._earlier.get(key)
                if found is not None:
                    self._entries[key] = found
                    self._dirty = self._dirty or self.prune
            if found is None:
                self.misses += 1
            else:
                self.hits += 1
            return found

    def put(self, key: str, value: V) -> None:
        with self._lock:
            if self._entries.get(key) != value:
                self._entries[key] = value
                self._dirty = True

    def entries(self) -> dict[str, V]:
        """Every entry known now: from earlier runs and from this one."""
        with self._lock:
            return {**self._earlier, **self._entries}

    def forget(self, key: str) -> None:
        with self._lock:
            self._earlier.pop(key, None)
            if self._entries.pop(key, None) is not None:
                self._dirty = True

    def save(self) -> None:
        """Write what this run keeps, if anything changed since the file was read."""
        with self._lock:
            if self.file is None or not self._dirty:
                return
            if self.prune and self._entries.keys() == self._earlier.keys():
                unchanged = all(self._earlier[k] == v for k, v in self._entries.items())
                if unchanged:
                    self._dirty = False
                    return
            data = {"format": FORMAT, "salt": self.salt, "entries": self._entries}
            write_atomic(self.file, self.codec.dumps(data))
            self._earlier = dict(self._entries)
            self._dirty = False

    def _load(self, accept: Callable[[Any], bool]) -> dict[str, V]:
        assert self.file is not None
        try:
            raw = self.file.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            return self._damaged(str(exc))
        try:
            stored = self.codec.loads(raw)
        except Exception as exc:  # any damage (truncated, foreign, old format) is a miss
            return self._damaged(type(exc).__name__)
        if not isinstance(stored, dict) or not isinstance(stored.get("entries"), dict):
            return self._damaged("onverwachte vorm")
        if stored.get("format") != FORMAT or stored.get("salt") != self.salt:
            return {}  # made by other code or from other inputs: start again, quietly
        entries: dict[str, V] = {}
        rejected = 0
        for key, value in stored["entries"].items():
            if isinstance(key, str) and accept(value):
                entries[key] = value
            else:
                rejected += 1
        if rejected:
            log.info("Cache %s: %d beschadigde items worden opnieuw gemaakt.", self.file, rejected)
        return entries

    def _damaged(self, reason: str) -> dict[str, V]:
        log.info("Cache %s is beschadigd (%s) en wordt opnieuw gemaakt.", self.file, reason)
        return {}
