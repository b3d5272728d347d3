"""The portfolio from the terminal, end to end: the attendance spreadsheet in, each
participant's PDF and export out, and erasure that leaves nothing of her behind."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from portfolio_helpers import ATTENDANCE, every_byte, git, portfolio_project
from pypdf import PdfReader

from kookboek.cli.main import main
from kookboek.portfolio.store import PortfolioStore

RUNNER = CliRunner()


def run(project: Path, *args: str, code: int = 0) -> str:
    result = RUNNER.invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


@pytest.mark.slow
def test_import_pdf_export_and_erase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = portfolio_project(tmp_path / "project")
    out = tmp_path / "uit"
    out.mkdir()
    monkeypatch.chdir(project)
    (tmp_path / "lijst.csv").write_text(ATTENDANCE, encoding="utf-8-sig")
    said = run(project, "portfolio", "importeer", str(tmp_path / "lijst.csv"))
    assert "4 keer aanwezig, 4 observatie(s), 2 nieuwe deelnemer(s)" in said

    # She agreed to one observation; the other stays out of her PDF.
    store = PortfolioStore(project / "portfolio")
    zoulikha = store.get("zoulikha")
    agreed = next(o for o in zoulikha.observations if o.text.startswith("Bakte"))
    store.save(zoulikha.with_agreed(agreed.id, dt.date(2026, 10, 22)))
    marieke_file = store.path_of("Marieke")
    marieke_before = marieke_file.read_bytes()

    run(project, "portfolio", "pdf", "Zoulikha", "-o", str(out / "zoulikha.pdf"))
    run(project, "portfolio", "pdf", "marieke", "-o", str(out / "marieke.pdf"))
    mine = pdf_text(out / "zoulikha.pdf")
    assert "Wat ik kan" in mine and "Zoulikha" in mine
    for expected in (
        "Linzensoep",
        "Pannenkoeken",
        "Plannen",
        "Rekenen",
        "Samenwerken",
        "Organiseren en plannen",
        "Samenwerken als hecht team",
        "work in teams",
        "http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0",
        "Bakte 30 pannenkoeken zonder hulp.",
        "ESCO",
    ):
        assert expected in mine, expected
    assert "Rekende de boodschappen" not in mine  # not agreed yet
    assert "Marieke" not in mine and "Couscous" not in mine and "weegschaal" not in mine
    hers = pdf_text(out / "marieke.pdf")
    assert "Marieke" in hers and "Couscous met groenten" in hers and "Linzensoep" in hers
    assert "Zoulikha" not in hers and "Pannenkoeken" not in hers
    assert "Hielp" not in hers  # her observation names the other, and was not agreed

    run(project, "portfolio", "export", "Zoulikha", "-o", str(out / "zoulikha.json"))
    exported = json.loads((out / "zoulikha.json").read_text(encoding="utf-8"))
    sessions = exported["portfolio"]["sessies"]
    assert [s["datum"] for s in sessions] == ["2026-10-14", "2026-10-21"]
    assert [s["recept"]["waarde"] for s in sessions] == ["linzensoep", "pannenkoeken"]
    assert exported["portfolio"]["toestemming"] == "2026-10-01"
    practised = {c["id"]: c for c in sessions[0]["competenties_geoefend"]}
    assert practised["rekenen"]["esco"]["uri"].endswith("19ba11f3-9c99-41fd-a7c9-f77e6a026186")
    assert len(exported["portfolio"]["observaties"]) == 2
    assert "Marieke" not in (out / "zoulikha.json").read_text(encoding="utf-8")

    # The project goes on: a build with its caches, a commit of everything git may keep.
    from kookboek.mkdocs_plugin.run import build_site

    build_site(project / "mkdocs.yml", pdf=False)
    git(project, "add", "-A")
    git(project, "commit", "-q", "--allow-empty", "-m", "Week 43")
    assert b"Zoulikha" in every_byte(project / "portfolio")
    for name in (b"Zoulikha", b"Marieke", b"weegschaal"):
        assert name not in every_byte(project / "site")
        assert name not in every_byte(project / ".git")

    said = run(project, "portfolio", "verwijder", "Zoulikha", "--ja")
    assert "verwijderd" in said
    everything = every_byte(project)
    for trace in (b"Zoulikha", b"zoulikha", b"Bakte 30", b"Rekende de boodschappen"):
        assert trace not in everything
    assert marieke_file.read_bytes() == marieke_before
    assert "Marieke" in run(project, "portfolio", "lijst")
    run(project, "portfolio", "pdf", "Zoulikha", "-o", str(out / "weg.pdf"), code=1)


def test_a_bad_row_is_reported_with_its_line_and_nothing_is_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = portfolio_project(tmp_path / "project")
    monkeypatch.chdir(project)
    bad = ATTENDANCE.replace("2026-10-21;Zoulikha", "2026-13-45;Zoulikha").replace(
        "samenwerken;Hielp", "koken;Hielp"
    )
    bad += "2026-11-04,,linzensoep,,,\n"
    (project / "lijst.csv").write_text(bad, encoding="utf-8")
    result = RUNNER.invoke(main, ["portfolio", "importeer", "lijst.csv"])
    assert result.exit_code == 1
    assert "lijst.csv:3: competenties: 'koken' staat niet in competenties.yml" in result.output
    assert "lijst.csv:4: datum: '2026-13-45' is geen datum" in result.output
    assert "lijst.csv:6: deelnemer: de voornaam (of bijnaam) ontbreekt." in result.output
    assert "Er is niets ingelezen" in result.output
    assert not (project / "portfolio").exists()


def test_comma_separated_without_consent_is_refused_at_her_first_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = portfolio_project(tmp_path / "project")
    monkeypatch.chdir(project)
    rows = [
        "datum,deelnemer,recept,competenties,observatie,toestemming",
        '2026-10-14,Zoulikha,linzensoep,plannen,"Plande, kocht en kookte.",',
        "2026-10-21,Zoulikha,pannenkoeken,samenwerken,,",
    ]
    (project / "lijst.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = RUNNER.invoke(main, ["portfolio", "importeer", "lijst.csv"])
    assert result.exit_code == 1
    assert "lijst.csv:2: toestemming: Zoulikha heeft nog geen portfolio" in result.output
    rows[1] += "2026-10-01"
    (project / "lijst.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert "2 keer aanwezig, 1 observatie(s)" in run(project, "portfolio", "importeer", "lijst.csv")
    zoulikha = PortfolioStore(project / "portfolio").get("Zoulikha")
    assert zoulikha.observations[0].text == "Plande, kocht en kookte."
    assert not zoulikha.observations[0].agreed
    # The same file again adds nothing twice.
    again = run(project, "portfolio", "importeer", "lijst.csv")
    assert "0 keer aanwezig" in again and "2 regel(s) stonden er al in" in again


def test_check_names_whose_retention_has_passed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = portfolio_project(tmp_path / "project")
    monkeypatch.chdir(project)
    (project / "lijst.csv").write_text(ATTENDANCE, encoding="utf-8")
    run(project, "portfolio", "importeer", "lijst.csv")
    assert "bewaartermijn" not in run(project, "check", "--bewaartermijn", "120")
    said = run(project, "check", "--bewaartermijn", "1")
    assert "Let op, bewaartermijn voorbij:" in said
    assert "portfolio van Zoulikha: haar laatste kookmoment was op 21-10-2026" in said
    assert "portfolio verwijder Marieke" in said


def test_a_file_not_in_utf8_is_told_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = portfolio_project(tmp_path / "project")
    monkeypatch.chdir(project)
    (project / "lijst.csv").write_bytes(ATTENDANCE.replace("Rekende", "Rékende").encode("cp1252"))
    result = RUNNER.invoke(main, ["portfolio", "importeer", "lijst.csv"])
    assert result.exit_code == 1
    assert "lijst.csv:2: het bestand is niet in UTF-8 opgeslagen." in result.output
    assert not (project / "portfolio").exists()
