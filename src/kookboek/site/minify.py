"""The site's own scripts and stylesheets, minified in the built site.

The theme keeps them readable (``theme/assets/``); the built site gets them without comments
and spaces, as Material's own ``*.min.js`` and ``*.min.css`` are. Every page loads them, on a
prepaid data plan, and a cheap phone parses every byte. ``rjsmin`` and ``rcssmin`` only
remove what does not count (they never rename or reorder), so the scripts behave as written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import rcssmin
import rjsmin

from kookboek.support.files import write_atomic

ASSET_FOLDERS = ("assets/javascripts", "assets/stylesheets")
MINIFIERS: dict[str, Callable[[str], str]] = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minify_assets(site_dir: Path) -> dict[str, tuple[int, int]]:
    """Minify, in place, every script and stylesheet of the built site that is not minified
    yet. Returns, per path from the site root, its size before and after."""
    sizes: dict[str, tuple[int, int]] = {}
    for folder in ASSET_FOLDERS:
        for path in sorted((site_dir / folder).glob("*")):
            minifier = MINIFIERS.get(path.suffix)
            if minifier is None or ".min." in path.name or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            data = minifier(text).encode("utf-8")
            write_atomic(path, data)
            sizes[path.relative_to(site_dir).as_posix()] = (len(text.encode("utf-8")), len(data))
    return sizes
