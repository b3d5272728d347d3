"""Image work on every core: a process pool from a few jobs on, in order, else in-process."""

from __future__ import annotations

import os

import pytest

from kookboek.support import workers
from kookboek.support.workers import POOL_FROM, cores, map_on_all_cores


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
