"""Work spread over every core: a process pool for image work done by the thousand.

Pillow and resvg release the interpreter lock only part of the time (resizing, encoding);
drawing a card's words, compositing and the Python around them hold it. Separate processes
use every core fully. A pool costs a few tenths of a second to start (each process imports
Pillow), so a handful of jobs runs in this process instead.

Jobs go to the processes in small batches: few enough messages that passing them costs
little, small enough that no core waits long for the other at the end (the last batch of
a hundred photos in batches of twelve kept one core busy for two seconds alone).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
#: Fewer jobs than this are done in this process: starting the pool would cost more.
POOL_FROM = 8
#: At most this many jobs in one batch, and at least this many batches for each process.
MAX_BATCH = 16
BATCHES_PER_WORKER = 16


def cores() -> int:
    """The cores this process may run on (a container or ``taskset`` may allow fewer)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def map_on_all_cores(job: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    """``job`` applied to every item, in order, on every core when there are enough items.

    ``job`` must be a module-level function and items picklable. Processes are forked
    from a fresh server process that has imported ``job``'s module, not from the build
    (which may run threads: forking it can deadlock). As with any use of
    ``multiprocessing``, a script that starts a build must do so under
    ``if __name__ == "__main__":`` (``mkdocs``, ``kookboek`` and pytest do).
    """
    yield from start_on_all_cores(job, items).results()


class Started(Generic[R]):
    """Jobs started on every core; ``results()`` waits for them, in order."""

    def __init__(self, batches: list[Future[list[R]]] | None, here: Iterator[R]) -> None:
        self._batches = batches  # None: done in this process, when the results are read
        self._here = here

    def results(self) -> Iterator[R]:
        try:
            if self._batches is None:
                yield from self._here
                return
            for batch in self._batches:
                yield from batch.result()
        finally:
            self.close()

    def close(self) -> None:
        """Drop the jobs not begun yet; the processes go when no other jobs need them."""
        if self._batches is not None:
            for batch in self._batches:
                batch.cancel()
            self._batches = None
            _release()


# One pool for all the jobs begun at a time: jobs begun while others run (share images
# while photos are made) wait for them in its queue instead of starting more processes
# than there are cores, each with its own memory.
_pool: ProcessPoolExecutor | None = None
_users = 0
_lock = threading.Lock()


def start_on_all_cores(job: Callable[[T], R], items: Iterable[T]) -> Started[R]:
    """``map_on_all_cores``, begun now: this process can do other work meanwhile and
    collect the results later. A handful of jobs is done here, when the results are read."""
    global _pool, _users
    todo = list(items)
    workers = cores()
    if len(todo) < POOL_FROM or workers < 2:
        return Started(None, map(job, todo))
    size = batch_size(len(todo), workers)
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(job.__module__))
        _users += 1
        pool = _pool
    batches = [
        pool.submit(_run_batch, job, todo[start : start + size])
        for start in range(0, len(todo), size)
    ]
    return Started(batches, iter(()))


def _run_batch(job: Callable[[T], R], batch: list[T]) -> list[R]:
    return [job(item) for item in batch]


def _release() -> None:
    global _pool, _users
    with _lock:
        _users -= 1
        if _users > 0 or _pool is None:
            return
        pool, _pool = _pool, None
    pool.shutdown(wait=True, cancel_futures=True)


def batch_size(jobs: int, workers: int) -> int:
    """How many jobs go to a process at once."""
    return max(1, min(MAX_BATCH, jobs // (workers * BATCHES_PER_WORKER)))


def _context(module: str) -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():  # Windows
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # Without "__main__" in the list the server does not import the main script.
    context.set_forkserver_preload([module])
    return context
