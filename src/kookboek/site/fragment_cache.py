"""Rendered HTML kept between builds, so a warm rebuild renders only what changed.

Each fragment (a recipe's article, its card, its search text) is stored under a hash of
everything it was made from: the engine's code and templates, the build-wide inputs (prices,
competences, site address) and the fragment's own inputs (the recipe, its photo, where the
page sits). Entries a build did not use are dropped when it saves, so the file never grows
beyond one build's worth.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from kookboek.images.pipeline import write_atomic
from kookboek.support.hashing import code_fingerprint, inputs_key

FORMAT = 1


class FragmentCache:
    def __init__(self, path: Path | None = None, inputs: Sequence[str] = ()) -> None:
        """``path``: the cache file (None: keep nothing between builds);
        ``inputs``: what every fragment depends on besides the engine itself."""
        self.path = path
        self.salt = inputs_key([code_fingerprint(), *inputs])
        self.rendered = 0  # fragments made in this build
        self.reused = 0  # fragments taken from an earlier build
        self._earlier = self._load(path) if path is not None else {}
        self._used: dict[str, str] = {}

    def _load(self, path: Path) -> dict[str, str]:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(stored, dict) or stored.get("format") != FORMAT:
            return {}
        fragments = stored.get("fragments")
        if not isinstance(fragments, dict):
            return {}
        return {k: v for k, v in fragments.items() if isinstance(v, str)}

    def get(self, parts: Sequence[str], render: Callable[[], str]) -> str:
        """The fragment made from ``parts``: from this or an earlier build, else rendered."""
        key = inputs_key([self.salt, *parts])
        html = self._used.get(key)
        if html is None:
            html = self._earlier.get(key)
            if html is None:
                html = render()
                self.rendered += 1
            else:
                self.reused += 1
            self._used[key] = html
        return html

    def save(self) -> None:
        """Keep this build's fragments for the next one (written only when they changed)."""
        if self.path is None or self._used.keys() == self._earlier.keys():
            return
        data = {"format": FORMAT, "fragments": self._used}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False).encode())
        self._earlier = dict(self._used)
