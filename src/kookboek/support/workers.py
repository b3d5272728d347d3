"""Work spread over every core: a process pool for image work done by the thousand.

Pillow and resvg release the interpreter lock only part of the time (resizing, encoding);
drawing a card's words, compositing and the Python around them hold it. Separate processes
use every core fully. A pool costs a few tenths of a second to start (each process imports
Pillow), so a handful of jobs runs in this process instead.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
#: Fewer jobs than this are done in this process: starting the pool would cost more.
POOL_FROM = 8


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
    todo = list(items)
    workers = min(cores(), len(todo))
    if len(todo) < POOL_FROM or workers < 2:
        yield from map(job, todo)
        return
    context = _context(job.__module__)
    chunk = max(1, min(16, len(todo) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(job, todo, chunksize=chunk)


def _context(module: str) -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():  # Windows
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # Without "__main__" in the list the server does not import the main script.
    context.set_forkserver_preload([module])
    return context
