"""Hashes that decide when cached work can be reused: of inputs, and of the engine itself."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from kookboek.support.resources import PACKAGE_DIR

_CODE_SUFFIXES = frozenset({".py", ".html", ".css", ".js", ".svg"})


def inputs_key(parts: Iterable[str | bytes]) -> str:
    """A hash of ``parts`` (HTML, CSS, fonts, photos, options), each part length-prefixed."""
    digest = hashlib.sha256(b"kookboek-inputs-1")
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()[:24]


def fingerprinted_files() -> list[Path]:
    """Every file of the whole package whose change must make cached work stale."""
    return sorted(
        path
        for path in PACKAGE_DIR.rglob("*")
        if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts
    )


@cache
def code_fingerprint() -> str:
    """A hash of the engine's own code and templates.

    Cached HTML depends on templates and on the Python that fills them (money formatting,
    Markdown, JSON-LD); an edit to any of them, with or without a new version number, must
    never show stale pages.
    """
    parts: list[str | bytes] = []
    for path in fingerprinted_files():
        parts += [path.relative_to(PACKAGE_DIR).as_posix(), path.read_bytes()]
    return inputs_key(parts)
