"""One background job at a time; its state survives a restart of the server."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

from kookboek.publishing.jobs import STATE_FILE, Jobs, Outcome, Problem


def test_a_job_reports_its_steps_and_a_second_click_joins_it(tmp_path: Path) -> None:
    jobs = Jobs(tmp_path / STATE_FILE)
    release = threading.Event()
    runs = []

    def work(report: Callable[[str], None]) -> Outcome:
        runs.append(1)
        report("De inhoud nakijken")
        release.wait(10)
        report("Online zetten")
        return Outcome(published=("tak gh-pages van origin",))

    first = jobs.start("Els", work)
    second = jobs.start("Sofie", work)
    assert first.running and second.started == first.started and second.by == "Els"
    on_disk = json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))
    assert on_disk["status"] == "bezig"
    release.set()
    done = jobs.wait(10)
    assert done is not None and done.status == "online" and runs == [1]
    assert done.steps_done == ("De inhoud nakijken", "Online zetten")
    assert done.published == ("tak gh-pages van origin",) and done.seconds is not None
    # A new click after it ended starts a new job.
    jobs.start("Sofie", lambda report: Outcome(problems=(Problem("kapot", "recepten/x.md"),)))
    again = jobs.wait(10)
    assert again is not None and again.status == "problemen" and again.by == "Sofie"
    assert again.problems == (Problem("kapot", "recepten/x.md"),)


def test_a_job_that_raises_ends_with_a_problem(tmp_path: Path) -> None:
    jobs = Jobs(tmp_path / STATE_FILE)

    def work(report: Callable[[str], None]) -> Outcome:
        raise OSError("schijf vol")

    jobs.start("Els", work)
    state = jobs.wait(10)
    assert state is not None and state.status == "problemen"
    assert "schijf vol" in state.problems[0].text


def test_a_job_cut_off_by_a_restart_reads_as_interrupted(tmp_path: Path) -> None:
    state_file = tmp_path / STATE_FILE
    state_file.write_text(
        json.dumps(
            {"status": "bezig", "step": "De website en de pdf's maken", "by": "Els",
             "started": "2026-10-14T10:00:00+02:00", "pid": 1}
        ),
        encoding="utf-8",
    )  # fmt: skip
    after_restart = Jobs(state_file)
    state = after_restart.state()
    assert state is not None and state.status == "onderbroken"
    assert state.step == "De website en de pdf's maken" and state.by == "Els"
    assert json.loads(state_file.read_text(encoding="utf-8"))["status"] == "onderbroken"
    # And a new click starts afresh.
    after_restart.start("Els", lambda report: Outcome(published=("map site",)))
    final = after_restart.wait(10)
    assert final is not None and final.status == "online"
