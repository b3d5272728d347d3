from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from click.testing import CliRunner

from kookboek.cli.main import main
from kookboek.web.accounts import ACCOUNTS_FILE, Accounts
from project_paths import REPO


def test_add_list_and_remove_a_coach_with_the_password_from_standard_input(
    tmp_path: Path,
) -> None:
    inbox_dir = tmp_path / "inzendingen"
    runner = CliRunner()
    added = runner.invoke(
        main,
        ["begeleider", "toevoegen", "Els", "--inbox", str(inbox_dir)],
        input="soep-is-lekker-42\nsoep-is-lekker-42\n",
    )
    assert added.exit_code == 0, added.output
    assert "Els kan zich nu aanmelden" in added.output
    stored = inbox_dir / ACCOUNTS_FILE
    assert stored.stat().st_mode & 0o077 == 0
    assert "soep-is-lekker-42" not in stored.read_text(encoding="utf-8")
    assert Accounts(stored).check("els", "soep-is-lekker-42") is not None
    listed = runner.invoke(main, ["begeleider", "lijst", "--inbox", str(inbox_dir)])
    assert listed.output.splitlines() == ["Els"]
    again = runner.invoke(
        main,
        ["begeleider", "toevoegen", "els", "--inbox", str(inbox_dir)],
        input="nog-een-wachtwoord\n",
    )
    assert again.exit_code == 1 and "Er is al een begeleider met de naam els" in again.output
    removed = runner.invoke(main, ["begeleider", "verwijderen", "Els", "--inbox", str(inbox_dir)])
    assert removed.exit_code == 0 and json.loads(stored.read_text())["begeleiders"] == []


def test_bad_names_and_passwords_are_refused_in_dutch(tmp_path: Path) -> None:
    inbox_dir = tmp_path / "inzendingen"
    runner = CliRunner()
    cases = [
        ("Els", "kort\n", "minstens 10 tekens"),
        ("Els", "soep-is-lekker-42\nsoep-is-lekker-43\n", "niet hetzelfde"),
        ("<script>", "soep-is-lekker-42\n", "Een naam bestaat uit letters"),
    ]
    for name, typed, message in cases:
        result = runner.invoke(
            main, ["begeleider", "toevoegen", name, "--inbox", str(inbox_dir)], input=typed
        )
        assert result.exit_code == 1 and message in result.output
    assert not (inbox_dir / ACCOUNTS_FILE).exists()


def test_the_launcher_reads_the_password_from_a_pipe(tmp_path: Path) -> None:
    """As the IT partner scripts it: ``printf ... | ./kookboek begeleider toevoegen NAAM``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOOKBOEK_")}
    done = subprocess.run(
        [
            str(REPO / "kookboek"),
            "begeleider",
            "toevoegen",
            "Anne-Marie V.",
            "--inbox",
            str(tmp_path / "inzendingen"),
        ],
        input="drie woorden na elkaar\n",
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert Accounts(tmp_path / "inzendingen" / ACCOUNTS_FILE).names() == ["Anne-Marie V."]
