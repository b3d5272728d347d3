"""Her "Wat ik kan" PDF: A4, tagged, the project's fonts, a competence never split."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from kookboek.content.project import load_project
from kookboek.portfolio.document import portfolio_pdf
from kookboek.portfolio.models import Observation, Portfolio, RecipeRef, SessionEntry
from sample_project import copy_sample_project

TASK_OF = {9: "menu-plannen", 10: "boodschappen-en-budget", 11: "koken-voor-de-groep"}
MONTH_OF = {"plannen": 9, "rekenen": 10, "samenwerken": 11}  # through the tasks above
MONTH_NAMES = {9: "september", 10: "oktober", 11: "november"}


def busy_portfolio() -> Portfolio:
    """Eight sessions a month, each month one task: each competence block fills most of a
    page, so only keeping a block whole puts each on a page of its own."""
    sessions = tuple(
        SessionEntry(
            id=f"s{month}-{day}",
            date=dt.date(2026, month, day),
            recipe=RecipeRef(kind="recept", value="linzensoep", title="Linzensoep"),
            tasks=(task,),
        )
        for month, task in TASK_OF.items()
        for day in range(1, 25, 3)
    )
    return Portfolio(
        name="Zoulikha",
        group="Dinsdag",
        consent_on=dt.date(2026, 8, 30),
        sessions=sessions,
        own_words="Ik kan koken voor veel mensen.",
        observations=(
            Observation(
                id="o1",
                text="Plande het menu voor de hele week.",
                author="An",
                date=dt.date(2026, 9, 1),
                competence="plannen",
                agreed_on=dt.date(2026, 9, 2),
            ),
        ),
    )


@pytest.mark.slow
def test_a_competence_is_never_split_and_the_pdf_is_tagged_a4_in_its_fonts(
    tmp_path: Path,
) -> None:
    project = load_project(copy_sample_project(tmp_path / "p", "portfolio") / "content")
    path = tmp_path / "wat-ik-kan.pdf"
    path.write_bytes(portfolio_pdf(busy_portfolio(), project, dt.date(2026, 12, 6)))
    reader = PdfReader(path)
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    for competence in project.competences:
        [where] = [n for n, text in enumerate(pages) if competence.explanation in text]
        month = MONTH_OF[competence.id]
        dates = [f"{day} {MONTH_NAMES[month]} 2026" for day in range(1, 25, 3)]
        assert all(date in pages[where] for date in dates), competence.id
    assert "Ik kan koken voor veel mensen." in pages[-1]
    assert "Plande het menu" in " ".join(pages)

    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    width, height = (round(float(v) * 25.4 / 72) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == (210, 297)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names and all("Atkinson-Hyperlegible" in name for name in names)
    assert all(" yes " in line for line in fonts.splitlines()[2:])
