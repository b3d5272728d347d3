"""A small in-memory limiter: at most N events per address in a sliding window."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self,
        limit: int,
        window_seconds: float,
        max_addresses: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window_seconds
        self.max_addresses = max_addresses
        self.clock = clock
        self._events: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, address: str) -> bool:
        """Count one event for ``address``; False when it is over the limit."""
        now = self.clock()
        with self._lock:
            events = self._events.pop(address, None) or deque()
            while events and events[0] <= now - self.window:
                events.popleft()
            allowed = len(events) < self.limit
            if allowed:
                events.append(now)
            self._events[address] = events  # most recently seen last
            while len(self._events) > self.max_addresses:
                self._events.popitem(last=False)
            return allowed
