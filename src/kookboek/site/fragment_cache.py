"""Rendered HTML kept between builds, so a warm rebuild renders only what changed.

Each fragment (a recipe's article, its card, its search text) is stored under a hash of
everything it was made from: the engine's code and templates, the build-wide inputs (prices,
competences, site address) and the fragment's own inputs (the recipe, its photo, where the
page sits). Entries a build did not use are dropped when it saves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from kookboek.support.cache import CacheFile


class FragmentCache(CacheFile[str]):
    def __init__(self, path: Path | None = None, inputs: Sequence[str] = ()) -> None:
        """``path``: the cache file (None: keep nothing between builds);
        ``inputs``: what every fragment depends on besides the engine itself."""
        super().__init__(path, accept=lambda value: isinstance(value, str), salt=inputs)
        self.rendered = 0  # fragments made in this build
        self.reused = 0  # fragments taken from an earlier build
        self._this_build: set[str] = set()

    def render(self, parts: Sequence[str], render: Callable[[], str]) -> str:
        """The fragment made from ``parts``: from this or an earlier build, else rendered."""
        key = self.key(parts)
        html = self.get(key)
        if html is None:
            html = render()
            self.rendered += 1
            self.put(key, html)
        elif key not in self._this_build:
            self.reused += 1
        self._this_build.add(key)
        return html
