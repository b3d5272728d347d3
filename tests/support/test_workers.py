"""Image work on every core: a process pool from a few jobs on, in order, else in-process."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kookboek.support import workers
from kookboek.support.workers import (
    MAX_BATCH,
    POOL_FROM,
    batch_size,
    cores,
    map_on_all_cores,
    start_on_all_cores,
)


def square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def test_many_jobs_run_in_other_processes_and_keep_their_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "cores", lambda: 2)  # a pool even on a one-core machine
    numbers = list(range(POOL_FROM * 3))
    done = list(map_on_all_cores(square_and_pid, numbers))
    assert [square for square, _ in done] == [n * n for n in numbers]
    assert os.getpid() not in {pid for _, pid in done}


def test_a_few_jobs_run_here() -> None:
    done = list(map_on_all_cores(square_and_pid, range(POOL_FROM - 1)))
    assert {pid for _, pid in done} == {os.getpid()}


def test_cores_counts_the_cores_this_process_may_use() -> None:
    assert 1 <= cores() <= (os.cpu_count() or 1)


def touch_and_square(job: tuple[str, int]) -> int:
    folder, number = job
    (Path(folder) / f"{number}.done").touch()
    return number * number


def test_started_jobs_run_while_this_process_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "cores", lambda: 2)
    numbers = list(range(POOL_FROM * 2))
    started = start_on_all_cores(touch_and_square, [(str(tmp_path), n) for n in numbers])
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("*.done"))) < len(numbers):  # nobody asked for results yet
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert list(started.results()) == [n * n for n in numbers]


def test_jobs_go_to_the_processes_in_small_batches() -> None:
    # A hundred photos of 0.2 s each: batches of three, so that at the end one core does
    # not work alone for long; a thousand small cards: batches of sixteen.
    assert batch_size(100, 2) == 3
    assert batch_size(1000, 2) == MAX_BATCH
    assert batch_size(20, 2) == 1


def test_jobs_begun_while_others_run_share_their_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Share images begun while photos are made wait in the same queue: never more
    # processes (and their memory) than cores.
    monkeypatch.setattr(workers, "cores", lambda: 2)
    first = start_on_all_cores(square_and_pid, range(POOL_FROM * 4))
    second = start_on_all_cores(square_and_pid, range(POOL_FROM * 4))
    done = [*second.results(), *first.results()]
    assert [square for square, _ in done[: POOL_FROM * 4]] == [n * n for n in range(POOL_FROM * 4)]
    assert len({pid for _, pid in done}) <= 2


def test_jobs_not_begun_are_dropped_when_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "cores", lambda: 2)
    started = start_on_all_cores(square_and_pid, range(POOL_FROM * 40))
    started.close()
    assert workers._pool is None  # its processes are gone
    again = list(start_on_all_cores(square_and_pid, range(POOL_FROM)).results())
    assert [square for square, _ in again] == [n * n for n in range(POOL_FROM)]
