"""The engine's code fingerprint: every cache is salted with it, so it must see every file."""

from __future__ import annotations

from kookboek.support.hashing import fingerprinted_files, inputs_key
from kookboek.support.resources import PACKAGE_DIR


def test_the_fingerprint_covers_the_whole_package() -> None:
    names = {path.relative_to(PACKAGE_DIR).as_posix() for path in fingerprinted_files()}
    for expected in (
        "site/templates/recipe.html",
        "pdf/templates/booklet.css",
        "pdf/editions.py",
        "pricing/cost.py",
        "content/models.py",
        "support/cache.py",
        "web/templates/preview_frame.html",
    ):
        assert expected in names
    assert not any("__pycache__" in name for name in names)


def test_inputs_are_length_prefixed() -> None:
    assert inputs_key(["ab", "c"]) != inputs_key(["a", "bc"])
    assert inputs_key([b"x"]) == inputs_key(["x"])
