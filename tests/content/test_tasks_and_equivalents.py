"""taken.yml and the VDAB/ESCO names in competenties.yml: loaded, checked, reported in Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest

from kookboek.content.errors import ContentErrors
from kookboek.content.project import load_competences, load_project, load_tasks
from project_paths import REPO
from sample_project import copy_sample_project


def test_the_project_s_own_tasks_and_competences_load() -> None:
    project = load_project(REPO / "content")
    assert {task.id for task in project.tasks} >= {"menu-plannen", "recept-opschrijven"}
    team = project.competence_by_id["samenwerken"]
    assert team.vdab == ("Samenwerken als hecht team",)
    assert team.esco is not None
    assert team.esco.uri == (
        "http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0"
    )
    assert team.esco.label == "work in teams"
    assert load_tasks(REPO / "content") == project.tasks


def test_a_project_without_tasks_has_none(valid_content: Path) -> None:
    assert load_tasks(valid_content) == ()
    assert load_project(valid_content).tasks == ()


def test_every_problem_of_both_files_is_told_with_its_line(tmp_path: Path) -> None:
    content = copy_sample_project(tmp_path / "p", "portfolio") / "content"
    competences = content / "competenties.yml"
    competences.write_text(
        competences.read_text(encoding="utf-8")
        .replace("http://data.europa.eu/esco/skill/d9013e0e", "https://esco.eu/d9013e0e")
        .replace("vdab: [Cijfervaardigheid]", "vdab: Cijfervaardigheid"),
        encoding="utf-8",
    )
    tasks = content / "taken.yml"
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace("[rekenen]", "[rekenen, koken]")
        + "- id: menu-plannen\n  naam: Nog eens\n  competenties: [plannen]\n"
        + "- id: leeg\n  naam: Leeg\n  competenties: []\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as raised:
        load_project(content)
    report = raised.value.report()
    assert "competenties.yml:6: [1].esco.uri: 'https://esco.eu/d9013e0e" in report
    assert "is geen webadres van een ESCO-vaardigheid" in report
    assert "competenties.yml:11: [2].vdab: moet een lijst zijn" in report
    with pytest.raises(ContentErrors):
        load_competences(content)
    # With the competences right again, the tasks' own problems are told.
    competences.write_text(
        (REPO / "tests/fixtures/portfolio/content/competenties.yml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as raised:
        load_tasks(content)
    report = raised.value.report()
    assert "taken.yml:6: [2].competenties[2]: 'koken' staat niet in competenties.yml" in report
    assert "taken.yml:10: [4].id: 'menu-plannen' staat er twee keer in." in report
    assert "taken.yml:15: [5].competenties: de lijst mag niet leeg zijn." in report
