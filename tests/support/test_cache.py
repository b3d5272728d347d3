"""The cache base every cache uses: misses instead of errors, salted keys, atomic saves."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from kookboek.support import cache as cache_module
from kookboek.support.cache import PICKLE, CacheFile


def numbers(
    path: Path | None,
    *,
    salt: Sequence[str] = (),
    code_salted: bool = True,
    prune: bool = True,
) -> CacheFile[int]:
    return CacheFile(
        path,
        accept=lambda value: type(value) is int,
        salt=salt,
        code_salted=code_salted,
        prune=prune,
    )


def test_a_value_put_and_saved_is_found_by_the_next_run(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    first = numbers(path)
    key = first.key(["recept", b"bytes"])
    assert first.get(key) is None
    first.put(key, 3)
    first.save()
    second = numbers(path)
    assert second.get(second.key(["recept", b"bytes"])) == 3
    assert (second.hits, second.misses) == (1, 0)


def test_other_salt_or_other_engine_code_start_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.json"
    first = numbers(path, salt=["prijzen v1"])
    first.put(first.key(["a"]), 1)
    first.save()
    assert numbers(path, salt=["prijzen v2"]).get(first.key(["a"])) is None
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "andere code")
    other_code = numbers(path, salt=["prijzen v1"])
    assert other_code.get(other_code.key(["a"])) is None


def test_a_cache_that_does_not_depend_on_code_survives_a_code_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.json"
    first = numbers(path, code_salted=False, salt=["v1"])
    first.put("a", 1)
    first.save()
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "andere code")
    assert numbers(path, code_salted=False, salt=["v1"]).get("a") == 1


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b"[1, 2]", b'{"format": 2, "entries": 3}', b"\xff\xfe\x00"],
)
def test_a_damaged_file_is_logged_and_only_means_a_miss(
    tmp_path: Path, damage: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(damage)
    with caplog.at_level(logging.INFO, logger="kookboek.cache"):
        cache = numbers(path)
    assert cache.get("a") is None
    assert "beschadigd" in caplog.text and str(path) in caplog.text
    cache.put("a", 1)
    cache.save()
    assert numbers(path).get("a") == 1


def test_a_damaged_entry_is_a_miss_and_the_others_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    first: CacheFile[object] = CacheFile(path, accept=lambda value: True)
    first.put("good", 1)
    first.put("bad", "not a number")
    first.save()
    second = numbers(path)
    assert (second.get("good"), second.get("bad")) == (1, None)


def test_prune_keeps_only_what_the_run_used_and_unchanged_files_are_not_rewritten(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.json"
    first = numbers(path)
    first.put("used", 1)
    first.put("unused", 2)
    first.save()
    second = numbers(path)
    assert second.get("used") == 1
    second.save()
    written = path.stat().st_mtime_ns
    third = numbers(path)
    assert (third.get("used"), third.get("unused")) == (1, None)
    third.save()
    assert path.stat().st_mtime_ns == written


def test_without_prune_entries_accumulate(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    first = numbers(path, prune=False)
    first.put("a", 1)
    first.save()
    second = numbers(path, prune=False)
    second.put("b", 2)
    second.save()
    third = numbers(path, prune=False)
    assert (third.get("a"), third.get("b")) == (1, 2)


def test_pickle_holds_what_json_cannot(tmp_path: Path) -> None:
    path = tmp_path / "c.pickle"
    first: CacheFile[dict[tuple[str, int], int]] = CacheFile(
        path, accept=lambda value: isinstance(value, dict), codec=PICKLE
    )
    first.put("a", {("ingredienten", 0): 12})
    first.save()
    second: CacheFile[dict[tuple[str, int], int]] = CacheFile(
        path, accept=lambda value: isinstance(value, dict), codec=PICKLE
    )
    assert second.get("a") == {("ingredienten", 0): 12}


def test_no_path_keeps_nothing(tmp_path: Path) -> None:
    cache = numbers(None)
    cache.put("a", 1)
    cache.save()
    assert cache.get("a") == 1 and list(tmp_path.iterdir()) == []


def test_threads_putting_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    cache = numbers(path, prune=False)

    def work(start: int) -> None:
        for number in range(start, start + 200):
            cache.put(str(number), number)
            if number % 50 == 0:
                cache.save()

    threads = [threading.Thread(target=work, args=(i * 1000,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cache.save()
    again = numbers(path, prune=False)
    assert all(again.get(str(i * 1000 + n)) == i * 1000 + n for i in range(4) for n in range(200))
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]  # no temporary files left
