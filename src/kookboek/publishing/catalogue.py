"""The published recipes as /beheer lists them: slug and title, read fast, and a file's version.

The list reads only the ``titel:`` line of each file's frontmatter (no validation, no YAML
parser): with a thousand recipes it must open in well under a second. A file that cannot be
read this way is still listed, under its file name, so a coach can open and fix it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

RECIPES_DIR = "recepten"
_TITLE = re.compile(rb"^titel:[ \t]*(.+?)[ \t]*$", re.MULTILINE)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


@dataclass(frozen=True)
class ListedRecipe:
    slug: str
    title: str


def recipe_path(content_dir: Path, slug: str) -> Path | None:
    """``content/recepten/<slug>.md`` when ``slug`` is a plain recipe name, else None."""
    if not _SLUG.match(slug):
        return None
    return content_dir / RECIPES_DIR / f"{slug}.md"


def list_recipes(content_dir: Path, search: str = "") -> list[ListedRecipe]:
    """Every recipe, by title; only those whose title (or file name) holds ``search``."""
    wanted = search.casefold().split()
    found = []
    for path in (content_dir / RECIPES_DIR).glob("*.md"):
        title = _title(path) or path.stem
        haystack = f"{title} {path.stem}".casefold()
        if all(word in haystack for word in wanted):
            found.append(ListedRecipe(path.stem, title))
    return sorted(found, key=lambda r: (r.title.casefold(), r.slug))


def _title(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    end = head.find(b"\n---", 3)
    match = _TITLE.search(head, 0, end if end > 0 else len(head))
    if not match:
        return None
    title = match.group(1).decode("utf-8", "replace")
    if len(title) >= 2 and title[0] == title[-1] and title[0] in "'\"":
        title = title[1:-1]
    return title


def file_version(path: Path) -> str:
    """A short fingerprint of a file as it is now ("" when it does not exist): the editor
    keeps the one it started from, so a save over a colleague's change is noticed."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except FileNotFoundError:
        return ""
