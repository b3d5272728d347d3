"""The group overview for the project's reports: counts only, never a name."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from kookboek.content.models import Competence, Task
from kookboek.portfolio.models import Portfolio


@dataclass(frozen=True)
class CompetenceCount:
    competence: Competence
    participants: int  # how many participants practised it
    times: int  # in how many of their sessions


@dataclass(frozen=True)
class GroupOverview:
    start: dt.date | None
    end: dt.date | None
    sessions: int  # sessions held
    attendance: int  # participants present, summed over the sessions
    participants: int  # different participants who came at least once
    competences: tuple[CompetenceCount, ...]

    @property
    def average_attendance(self) -> float:
        return self.attendance / self.sessions if self.sessions else 0.0


def group_overview(
    portfolios: Sequence[Portfolio],
    competences: Sequence[Competence],
    tasks: Sequence[Task],
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> GroupOverview:
    task_competences = {task.id: task.competences for task in tasks}
    sessions: set[str] = set()
    attendance = 0
    present = 0
    practised: dict[str, set[int]] = {}
    times: dict[str, int] = {}
    for number, portfolio in enumerate(portfolios):
        came = False
        for entry in portfolio.sessions:
            if (start and entry.date < start) or (end and entry.date > end):
                continue
            came = True
            sessions.add(entry.id)
            attendance += 1
            for competence in portfolio.competences_of(entry, task_competences):
                practised.setdefault(competence, set()).add(number)
                times[competence] = times.get(competence, 0) + 1
        present += came
    counts = tuple(
        CompetenceCount(c, len(practised.get(c.id, ())), times.get(c.id, 0)) for c in competences
    )
    return GroupOverview(start, end, len(sessions), attendance, present, counts)


def overview_csv(overview: GroupOverview) -> str:
    """The overview as a spreadsheet (semicolons, as Excel in Dutch reads them)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    period = f"{overview.start or 'begin'} tot {overview.end or 'nu'}"
    writer.writerow(["periode", period])
    writer.writerow(["kookmomenten", overview.sessions])
    writer.writerow(["aanwezigheden", overview.attendance])
    writer.writerow(["verschillende deelnemers", overview.participants])
    writer.writerow([])
    writer.writerow(["competentie", "id", "aantal deelnemers", "aantal keer", "ESCO"])
    for count in overview.competences:
        esco = count.competence.esco.uri if count.competence.esco else ""
        writer.writerow(
            [count.competence.name, count.competence.id, count.participants, count.times, esco]
        )
    return "\ufeff" + out.getvalue()
