"""Everything kept about one participant, in one readable JSON file (her right of access and
portability): her portfolio as stored, each session's competences with their VDAB and ESCO
names spelled out."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from kookboek.content.models import Competence, Task
from kookboek.portfolio.models import Portfolio


def export_data(
    portfolio: Portfolio,
    competences: Sequence[Competence],
    tasks: Sequence[Task],
    today: dt.date,
) -> dict[str, Any]:
    by_id = {c.id: c for c in competences}
    task_competences = {t.id: t.competences for t in tasks}
    task_names = {t.id: t.name for t in tasks}
    data = portfolio.model_dump(mode="json", by_alias=True, exclude_none=True)
    for stored, entry in zip(data.get("sessies", []), portfolio.sessions, strict=True):
        stored["taken_namen"] = [task_names.get(t, t) for t in entry.tasks]
        stored["competenties_geoefend"] = [
            _competence(by_id[c]) if c in by_id else {"id": c}
            for c in portfolio.competences_of(entry, task_competences)
        ]
    return {
        "uitleg": (
            f"Alles wat het kookboek over {portfolio.name} bewaart, gemaakt op {today}. "
            "ESCO: © Europese Unie, https://esco.ec.europa.eu."
        ),
        "portfolio": data,
    }


def _competence(competence: Competence) -> dict[str, Any]:
    found: dict[str, Any] = {"id": competence.id, "naam": competence.name}
    if competence.vdab:
        found["vdab"] = list(competence.vdab)
    if competence.esco:
        found["esco"] = {"uri": competence.esco.uri, "naam": competence.esco.label}
    return found


def export_json(
    portfolio: Portfolio, competences: Sequence[Competence], tasks: Sequence[Task], today: dt.date
) -> bytes:
    data = export_data(portfolio, competences, tasks, today)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
