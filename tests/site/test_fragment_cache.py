"""Rendered HTML kept between builds: reused when its inputs match, never otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from kookboek.site.fragment_cache import FragmentCache
from kookboek.support import cache as cache_module


def test_a_fragment_is_rendered_once_and_reused_by_the_next_build(tmp_path: Path) -> None:
    path = tmp_path / "fragments.json"
    first = FragmentCache(path, ["prijzen v1"])
    assert first.render(["recept", "a"], lambda: "<p>a</p>") == "<p>a</p>"
    assert first.render(["recept", "a"], lambda: "<p>anders</p>") == "<p>a</p>"
    assert (first.rendered, first.reused) == (1, 0)
    first.save()
    second = FragmentCache(path, ["prijzen v1"])
    assert second.render(["recept", "a"], lambda: "<p>anders</p>") == "<p>a</p>"
    assert (second.rendered, second.reused) == (0, 1)


@pytest.mark.parametrize(
    ("inputs", "parts"),
    [(["prijzen v2"], ["recept", "a"]), (["prijzen v1"], ["recept", "b"])],
    ids=["shared input changed", "own input changed"],
)
def test_other_inputs_render_again(tmp_path: Path, inputs: list[str], parts: list[str]) -> None:
    path = tmp_path / "fragments.json"
    first = FragmentCache(path, ["prijzen v1"])
    first.render(["recept", "a"], lambda: "<p>oud</p>")
    first.save()
    assert FragmentCache(path, inputs).render(parts, lambda: "<p>nieuw</p>") == "<p>nieuw</p>"


def test_new_engine_code_renders_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fragments.json"
    first = FragmentCache(path)
    first.render(["recept"], lambda: "<p>oud</p>")
    first.save()
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "een andere versie")
    assert FragmentCache(path).render(["recept"], lambda: "<p>nieuw</p>") == "<p>nieuw</p>"


def test_save_keeps_only_what_the_build_used(tmp_path: Path) -> None:
    path = tmp_path / "fragments.json"
    first = FragmentCache(path)
    first.render(["weg"], lambda: "<p>weg</p>")
    first.render(["blijft"], lambda: "<p>blijft</p>")
    first.save()
    second = FragmentCache(path)
    second.render(["blijft"], lambda: "<p>opnieuw</p>")
    second.save()
    third = FragmentCache(path)
    assert third.render(["weg"], lambda: "<p>opnieuw</p>") == "<p>opnieuw</p>"
    assert third.render(["blijft"], lambda: "<p>opnieuw</p>") == "<p>blijft</p>"


def test_unchanged_fragments_are_not_written_again(tmp_path: Path) -> None:
    path = tmp_path / "fragments.json"
    first = FragmentCache(path)
    first.render(["a"], lambda: "<p>a</p>")
    first.save()
    written = path.stat().st_mtime_ns
    second = FragmentCache(path)
    second.render(["a"], lambda: "<p>b</p>")
    second.save()
    assert path.stat().st_mtime_ns == written


@pytest.mark.parametrize("damage", [b"", b"{not json", b"[1, 2]", b'{"format": 1, "fragments": 3}'])
def test_a_damaged_file_only_means_rendering_again(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "fragments.json"
    path.write_bytes(damage)
    cache = FragmentCache(path)
    assert cache.render(["a"], lambda: "<p>a</p>") == "<p>a</p>"
    cache.save()
    assert FragmentCache(path).render(["a"], lambda: "<p>b</p>") == "<p>a</p>"
