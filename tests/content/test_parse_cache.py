"""Parsed content files kept between runs: reused only for the very same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kookboek.content.parse_cache import SourceCache
from kookboek.content.source import SourceError, read_markdown

RECIPE = "---\ntitel: Soep\ndatum: 2026-10-14\ningredienten:\n  - {naam: ui}\n---\n\nKook.\n"


def test_unchanged_file_is_not_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "soep.md"
    path.write_text(RECIPE, encoding="utf-8")
    cache_file = tmp_path / "parsed.pickle"
    first = SourceCache(cache_file)
    parsed = read_markdown(path, first)
    first.save()
    second = SourceCache(cache_file)
    again = read_markdown(path, second)
    assert (second.parsed, second.reused) == (0, 1)
    assert again == parsed  # data, body, body line and the line of every field
    assert again.line_of(("ingredienten", 0, "naam")) == 5


def test_changed_bytes_are_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "soep.md"
    path.write_text(RECIPE, encoding="utf-8")
    cache_file = tmp_path / "parsed.pickle"
    first = SourceCache(cache_file)
    read_markdown(path, first)
    first.save()
    path.write_text(RECIPE.replace("Soep", "Dikke soep"), encoding="utf-8")
    second = SourceCache(cache_file)
    assert read_markdown(path, second).data["titel"] == "Dikke soep"
    assert (second.parsed, second.reused) == (1, 0)


def test_a_file_with_errors_is_reported_every_time(tmp_path: Path) -> None:
    path = tmp_path / "kapot.md"
    path.write_text("---\ntitel: [Soep\n---\n", encoding="utf-8")
    cache = SourceCache(tmp_path / "parsed.pickle")
    for _ in range(2):
        with pytest.raises(SourceError):
            read_markdown(path, cache)
    assert cache.parsed == 0


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x03."])
def test_a_damaged_cache_only_means_parsing_again(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "soep.md"
    path.write_text(RECIPE, encoding="utf-8")
    cache_file = tmp_path / "parsed.pickle"
    cache_file.write_bytes(damage)
    cache = SourceCache(cache_file)
    assert read_markdown(path, cache).data["titel"] == "Soep"
    assert cache.parsed == 1
