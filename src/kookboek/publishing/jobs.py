"""One build job at a time, in the background, with its state in a small JSON file.

The web server runs **Zet online** in a thread of its own process, so the coach's page comes
back at once and shows the progress. The state is written atomically after every step: a
page reloaded in another browser, or by another coach, reads the same. A second click while a
job runs joins it (the running job is returned, none is started). A server stopped in the
middle leaves ``bezig`` with the old process's id: the next read says the job was
interrupted; nothing is lost, since the content is in its files and history and the site
folders are only ever replaced whole.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from kookboek.support.files import write_atomic

STATE_FILE = ".online-zetten.json"
Status = Literal["bezig", "online", "problemen", "onderbroken"]


@dataclass(frozen=True)
class Problem:
    """One reason the site did not go online; ``file`` (relative to ``content/``) is what to
    open to fix it, when there is one."""

    text: str
    file: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What a finished job reports: problems (then nothing was published) or where it went."""

    problems: tuple[Problem, ...] = ()
    published: tuple[str, ...] = ()


@dataclass(frozen=True)
class JobState:
    status: Status
    step: str
    started: str
    by: str
    pid: int
    finished: str | None = None
    seconds: float | None = None
    problems: tuple[Problem, ...] = ()
    published: tuple[str, ...] = ()
    steps_done: tuple[str, ...] = field(default=())

    @property
    def running(self) -> bool:
        return self.status == "bezig"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JobState:
        problems = tuple(Problem(str(p["text"]), p.get("file")) for p in data.get("problems", []))
        status = data["status"]
        if status not in ("bezig", "online", "problemen", "onderbroken"):
            raise ValueError(status)
        return cls(
            status=status,
            step=str(data.get("step", "")),
            started=str(data["started"]),
            by=str(data.get("by", "")),
            pid=int(data.get("pid", 0)),
            finished=data.get("finished"),
            seconds=data.get("seconds"),
            problems=problems,
            published=tuple(data.get("published", ())),
            steps_done=tuple(data.get("steps_done", ())),
        )


#: The work of one job: it calls ``report`` with the Dutch name of each step it begins.
Work = Callable[[Callable[[str], None]], Outcome]


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class Jobs:
    """The one background job of this process, and its state file."""

    def __init__(self, state_file: Path) -> None:
        self.state_file = state_file
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._done = threading.Event()
        self._done.set()

    def state(self) -> JobState | None:
        """The last job's state; a job left ``bezig`` by a stopped server reads as interrupted."""
        with self._lock:
            state = self._read()
            if state is not None and state.running and not self._mine_and_alive(state):
                state = replace(
                    state,
                    status="onderbroken",
                    finished=_now().isoformat(timespec="seconds"),
                )
                self._write(state)
            return state

    def start(self, by: str, work: Work) -> JobState:
        """Start ``work`` in the background, or return the job that already runs."""
        with self._lock:
            current = self._read()
            if current is not None and current.running and self._mine_and_alive(current):
                return current
            started = _now()
            state = JobState(
                status="bezig",
                step="Beginnen",
                started=started.isoformat(timespec="seconds"),
                by=by,
                pid=os.getpid(),
            )
            self._write(state)
            self._done.clear()
            self._thread = threading.Thread(
                target=self._run, args=(state, started, work), name="zet-online", daemon=True
            )
            self._thread.start()
            return state

    def wait(self, timeout: float | None = None) -> JobState | None:
        """Wait until the running job ends (or ``timeout``), then its state."""
        self._done.wait(timeout)
        return self.state()

    def _run(self, state: JobState, started: dt.datetime, work: Work) -> None:
        current = [state]

        def report(step: str) -> None:
            with self._lock:
                before = current[0]
                done = (*before.steps_done, before.step) if before.step != "Beginnen" else ()
                current[0] = replace(before, step=step, steps_done=done)
                self._write(current[0])

        try:
            outcome = work(report)
        except Exception as exc:
            outcome = Outcome(problems=(Problem(f"Er ging iets mis: {exc}"),))
        finished = _now()
        with self._lock:
            last = current[0]
            self._write(
                replace(
                    last,
                    status="problemen" if outcome.problems else "online",
                    finished=finished.isoformat(timespec="seconds"),
                    seconds=round((finished - started).total_seconds(), 1),
                    problems=outcome.problems,
                    published=outcome.published,
                    steps_done=(*last.steps_done, last.step),
                )
            )
        self._done.set()

    def _mine_and_alive(self, state: JobState) -> bool:
        return state.pid == os.getpid() and self._thread is not None and self._thread.is_alive()

    def _read(self) -> JobState | None:
        try:
            return JobState.from_json(json.loads(self.state_file.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write(self, state: JobState) -> None:
        text = json.dumps(state.to_json(), ensure_ascii=False, indent=1)
        write_atomic(self.state_file, text.encode("utf-8"), mode=0o600)
