from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from form_helpers import send
from kookboek.cli.main import main
from kookboek.content.project import load_project
from kookboek.inbox.store import Inbox
from kookboek.inbox.submission import RawIngredient, RawSubmission, parse_submission
from kookboek.web.passwords import verify


def add(inbox_dir: Path, title: str = "Stoemp met prei") -> str:
    raw = RawSubmission(
        title=title,
        description="Stevig.",
        category="hoofdgerecht",
        portions="4",
        minutes="35",
        ingredients=[RawIngredient("uien", "2", "stuk", "")],
        steps=["Kook."],
        competences=["plannen"],
    )
    return send(Inbox(inbox_dir), parse_submission(raw, {"plannen"}, dt.date(2026, 10, 14)), None)


def test_list_show_approve_and_reject(tmp_path: Path, valid_content: Path) -> None:
    inbox_dir = tmp_path / "inzendingen"
    kept, dropped = add(inbox_dir), add(inbox_dir, "Slechte soep")
    runner = CliRunner()
    listing = runner.invoke(main, ["inbox", "list", "--inbox", str(inbox_dir)])
    assert listing.exit_code == 0 and kept in listing.output and "2 inzending(en)" in listing.output
    shown = runner.invoke(
        main, ["inbox", "show", kept, "--inbox", str(inbox_dir), "--content", str(valid_content)]
    )
    assert shown.exit_code == 0 and "Kost per portie: €\xa00,08" in shown.output
    approved = runner.invoke(
        main, ["inbox", "approve", kept, "--inbox", str(inbox_dir), "--content", str(valid_content)]
    )
    assert approved.exit_code == 0 and "stoemp-met-prei.md" in approved.output
    assert any(r.slug == "stoemp-met-prei" for r in load_project(valid_content).recipes)
    refused = runner.invoke(
        main, ["inbox", "reject", dropped, "--inbox", str(inbox_dir)], input="n\n"
    )
    assert "Niets verwijderd" in refused.output and len(Inbox(inbox_dir).entries()) == 1
    runner.invoke(main, ["inbox", "reject", dropped, "--ja", "--inbox", str(inbox_dir)])
    assert Inbox(inbox_dir).entries() == []


def test_unknown_ids_are_told_in_dutch(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["inbox", "show", "../../etc", "--inbox", str(tmp_path)])
    assert result.exit_code == 1 and "bestaat niet" in result.output


def test_the_password_rules_come_first_and_a_mistake_asks_again(tmp_path: Path) -> None:
    good = "een lang wachtwoord"
    typed = ["kort", good, "een ander wachtwoord", good, good]
    result = CliRunner().invoke(
        main, ["beheer-wachtwoord", "--inbox", str(tmp_path)], input="\n".join(typed) + "\n"
    )
    assert result.exit_code == 0, result.output
    rules, first_prompt = (
        result.output.index("minstens 10 tekens"),
        result.output.index("Nieuw wachtwoord"),
    )
    assert rules < first_prompt
    assert "Dat zijn 4 tekens. Het moeten er minstens 10 zijn." in result.output
    assert "De twee keer is niet hetzelfde. Begin opnieuw." in result.output
    assert result.output.count("Nieuw wachtwoord") == 3
    stored = Inbox(tmp_path).password_file.read_text(encoding="utf-8").strip()
    assert good not in stored and stored.startswith("scrypt:") and verify(stored, good)
    assert Inbox(tmp_path).password_file.stat().st_mode & 0o077 == 0


def test_the_password_command_stopped_halfway_stores_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["beheer-wachtwoord", "--inbox", str(tmp_path)], input="kort\n"
    )
    assert result.exit_code == 1 and "Gestopt." in result.output
    assert not Inbox(tmp_path).password_file.exists()


def test_inbox_export_and_import_round_trip_through_the_terminal(tmp_path: Path) -> None:
    source, target = tmp_path / "server", tmp_path / "laptop"
    ids = {add(source, "Linzensoep"), add(source, "Stoemp")}
    archive = tmp_path / "postvak.zip"
    runner = CliRunner()

    exported = runner.invoke(main, ["inbox", "export", str(archive), "--inbox", str(source)])
    assert exported.exit_code == 0, exported.output
    assert "2 inzending(en), waarvan 0 met foto, bewaard in" in exported.output
    assert f"Terugzetten: kookboek inbox import {archive}" in exported.output

    imported = runner.invoke(main, ["inbox", "import", str(archive), "--inbox", str(target)])
    assert imported.exit_code == 0, imported.output
    assert "2 inzending(en) teruggezet" in imported.output
    assert {e.id for e in Inbox(target).entries()} == ids

    again = runner.invoke(main, ["inbox", "import", str(archive), "--inbox", str(target)])
    assert again.exit_code == 0, again.output
    assert "0 inzending(en) teruggezet" in again.output
    assert "2 inzending(en) stonden er al en zijn overgeslagen (niet overschreven):" in again.output
    assert all(entry_id in again.output for entry_id in ids)


def test_inbox_import_of_a_damaged_file_says_so_in_dutch_and_stops(tmp_path: Path) -> None:
    archive = tmp_path / "postvak.zip"
    add(tmp_path / "bron")
    CliRunner().invoke(main, ["inbox", "export", str(archive), "--inbox", str(tmp_path / "bron")])
    archive.write_bytes(archive.read_bytes()[:-100])
    result = CliRunner().invoke(
        main, ["inbox", "import", str(archive), "--inbox", str(tmp_path / "doel")]
    )
    assert result.exit_code == 1
    assert "is niet teruggezet: er is niets in het postvak gezet." in result.output
    assert "onvolledig of beschadigd" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "doel").exists()


def test_the_proxy_must_be_an_ip_address(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["form", "--proxy", "caddy"], prog_name="./kookboek")
    assert result.exit_code == 2
    assert "'caddy' is geen IP-adres" in result.output and "127.0.0.1" in result.output


def test_an_empty_backup_says_so_both_ways(tmp_path: Path) -> None:
    archive = tmp_path / "leeg.zip"
    runner = CliRunner()
    exported = runner.invoke(main, ["inbox", "export", str(archive), "--inbox", str(tmp_path)])
    assert exported.exit_code == 0 and "Er wachten geen inzendingen." in exported.output
    imported = runner.invoke(main, ["inbox", "import", str(archive), "--inbox", str(tmp_path)])
    assert imported.exit_code == 0
    assert f"Er staan geen inzendingen in {archive}: er is niets teruggezet." in imported.output
