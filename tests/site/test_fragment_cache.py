"""Rendered HTML kept between builds: reused when its inputs match, never otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from kookboek.site import fragment_cache
from kookboek.site.fragment_cache import FragmentCache


def test_a_fragment_is_rendered_once_and_reused_by_the_next_build(tmp_path: Path) -> None:
    path = tmp_path / "fragments.json"
    first = FragmentCache(path, ["prijzen v1"])
    assert first.get(["recept", "a"], lambda: "<p>a</p>") == "<p>a</p>"
    assert first.get(["recept", "a"], lambda: "<p>anders</p>") == "<p>a</p>"
    assert (first.rendered, first.reused) == (1, 0)
    first.save()
    second = FragmentCache(path, ["prijzen v1"])
    assert second.get(["recept", "a"], lambda: "<p>anders</p>") == "<p>a</p>"
    assert (second.rendered, second.reused) == (0, 1)


@pytest.mark.parametrize(
    ("inputs", "parts"),
    [(["prijzen v2"], ["recept", "a"]), (["prijzen v1"], ["recept", "b"])],
    ids=["shared input changed", "own input changed"],
)
def test_other_inputs_render_again(tmp_path: Path, inputs: list[str], parts: list[str]) -> None:
    path = tmp_path / "fragments.json"
    first = FragmentCache(path, ["prijzen v1"])
    first.get(["recept", "a"], lambda: "<p>oud</p>")
    first.save()
    assert FragmentCache(path, inputs).get(parts, lambda: "<p>nieuw</p>") == "<p>nieuw</p>"


def test_new_engine_code_renders_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fragments.json"
    first = FragmentCache(path)
    first.get(["recept"], lambda: "<p>oud</p>")
    first.save()
    monkeypatch.setattr(fragment_cache, "code_fingerprint", lambda: "een andere versie")
    assert FragmentCache(path).get(["recept"], lambda: "<p>nieuw</p>") == "<p>nieuw</p>"


def test_save_keeps_only_what_the_build_used(tmp_path: Path) -> None:
    path = tmp_path / "fragments.json"
    first = FragmentCache(path)
    first.get(["weg"], lambda: "<p>weg</p>")
    first.get(["blijft"], lambda: "<p>blijft</p>")
    first.save()
    second = FragmentCache(path)
    second.get(["blijft"], lambda: "<p>opnieuw</p>")
    second.save()
    third = FragmentCache(path)
    assert third.get(["weg"], lambda: "<p>opnieuw</p>") == "<p>opnieuw</p>"
    assert third.get(["blijft"], lambda: "<p>opnieuw</p>") == "<p>blijft</p>"


def test_unchanged_fragments_are_not_written_again(tmp_path: Path) -> None:
    path = tmp_path / "fragments.json"
    first = FragmentCache(path)
    first.get(["a"], lambda: "<p>a</p>")
    first.save()
    written = path.stat().st_mtime_ns
    second = FragmentCache(path)
    second.get(["a"], lambda: "<p>b</p>")
    second.save()
    assert path.stat().st_mtime_ns == written


@pytest.mark.parametrize("damage", [b"", b"{not json", b"[1, 2]", b'{"format": 1, "fragments": 3}'])
def test_a_damaged_file_only_means_rendering_again(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "fragments.json"
    path.write_bytes(damage)
    cache = FragmentCache(path)
    assert cache.get(["a"], lambda: "<p>a</p>") == "<p>a</p>"
    cache.save()
    assert FragmentCache(path).get(["a"], lambda: "<p>b</p>") == "<p>a</p>"
