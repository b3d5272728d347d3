"""Every command the handleiding tells a coach to type works as written.

The commands are taken from the handleiding's code spans and run through the ``./kookboek``
launcher at the repository's root, in a copy of the sample project, with a plain system PATH
(nothing of the virtual environment on it): exactly what a coach's terminal has.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from kookboek.web.accounts import ACCOUNTS_FILE, Accounts
from project_paths import REPO
from sample_project import copy_sample_project

HANDLEIDING = REPO / "content" / "handleiding.md"
LAUNCHER = REPO / "kookboek"
PLAIN_PATH = "/usr/local/bin:/usr/bin:/bin"
# Programs the handleiding uses to set up the computer itself (not run by the tests).
SETUP_PROGRAMS = {"sudo", "brew", "wsl", "git", "cd"}
SERVERS = {"serve", "form"}  # they would run until Ctrl+C: checked with --help
PASSWORD = "drie lange woorden"
ATTENDANCE_FILE = "aanwezigheden.csv"
ATTENDANCE = (
    "datum;deelnemer;recept;competenties;observatie;toestemming\n"
    "2026-10-14;Fatima;linzensoep;plannen rekenen;Rekende de boodschappen uit.;2026-10-01\n"
    "21/10/2026;Fatima;pannenkoeken;samenwerken;;\n"
)


def code_texts() -> list[str]:
    text = HANDLEIDING.read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|console)\n(.*?)```", text, re.S)
    without_blocks = re.sub(r"```.*?```", "", text, flags=re.S)
    spans = re.findall(r"`([^`\n]+)`", without_blocks)
    lines = [line.strip() for block in blocks for line in block.splitlines() if line.strip()]
    return spans + lines


def kookboek_commands() -> list[str]:
    return sorted({text for text in code_texts() if text.startswith("./kookboek ")})


def test_the_handleiding_has_one_way_to_run_a_command() -> None:
    texts = code_texts()
    commands = kookboek_commands()
    assert {"./kookboek check", "./kookboek build", "./kookboek serve"} <= set(commands)
    assert any(c.startswith("./kookboek form") for c in commands)
    assert "./kookboek beheer-wachtwoord" in commands
    assert "./kookboek begeleider toevoegen Els" in commands
    # Never the bare command (not on a coach's PATH) and never make (not the coach's way).
    assert [t for t in texts if re.match(r"(kookboek|make|\.venv/|mkdocs) ", t)] == []
    setup_lines = [t for t in texts if re.match(r"[a-z]+ ", t) and t.split()[0] in SETUP_PROGRAMS]
    assert setup_lines  # the installation steps are commands too


@pytest.mark.slow
@pytest.mark.parametrize("command", kookboek_commands())
def test_each_command_of_the_handleiding_works_as_written(command: str, tmp_path: Path) -> None:
    project = copy_sample_project(tmp_path / "project")
    args = shlex.split(command)
    args[0] = str(LAUNCHER)
    env = {"PATH": PLAIN_PATH, "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    typed = None
    if args[1:3] == ["inbox", "import"]:
        # What it restores is made first, by the export the handleiding gives beside it.
        export = [str(LAUNCHER), "inbox", "export", *args[3:]]
        assert f"./kookboek inbox export {shlex.join(args[3:])}" in kookboek_commands()
        subprocess.run(export, cwd=project, env=env, capture_output=True, timeout=600, check=True)
    if args[1] in SERVERS:
        args.append("--help")
    elif args[1] == "beheer-wachtwoord" or args[1:3] == ["begeleider", "toevoegen"]:
        typed = f"{PASSWORD}\n{PASSWORD}\n"
    elif args[1:3] == ["begeleider", "verwijderen"]:
        # The account it removes is made first, by the command the handleiding gives for it.
        add = [str(LAUNCHER), "begeleider", "toevoegen", *args[3:]]
        assert f"./kookboek begeleider toevoegen {shlex.join(args[3:])}" in kookboek_commands()
        subprocess.run(
            add, cwd=project, env=env, input=f"{PASSWORD}\n", text=True, capture_output=True,
            timeout=600, check=True,
        )  # fmt: skip
    elif args[1] == "publish":
        prepare_a_repository(project, tmp_path)
    elif args[1] == "portfolio":
        # The attendance list the handleiding describes, read in first for the other commands.
        (project / ATTENDANCE_FILE).write_text(ATTENDANCE, encoding="utf-8")
        if args[2] != "importeer":
            importing = [str(LAUNCHER), "portfolio", "importeer", ATTENDANCE_FILE]
            subprocess.run(importing, cwd=project, env=env, capture_output=True, check=True)
        if args[2] == "verwijder":
            typed = "y\n"
    done = subprocess.run(
        args,
        cwd=project,
        env=env,
        input=typed,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Traceback" not in output and "command not found" not in output
    if args[1] in SERVERS:
        assert output.startswith(f"Gebruik: ./kookboek {args[1]}"), output
    if args[1] == "check":
        assert "Alles in orde" in output
    if args[1] == "build":
        assert re.search(
            r"Klaar in \d+,\d s: \d+ pagina's( en \d+ pdf's)? staan in site/\.", output
        ), output
    if args[1] == "beheer-wachtwoord":
        assert (project / "inzendingen" / ".beheer-wachtwoord").is_file()
    if args[1] == "begeleider":
        accounts = Accounts(project / "inzendingen" / ACCOUNTS_FILE).names()
        assert accounts == ([] if args[2] == "verwijderen" else [args[3]] if len(args) > 3 else [])
    if args[1] == "publish":
        assert "Online gezet: https://kookgroep.github.io/kookboek/" in output
    if args[1:3] == ["portfolio", "importeer"]:
        assert "Ingelezen: 2 keer aanwezig" in output
    if args[1:3] == ["portfolio", "verwijder"]:
        assert "is verwijderd" in output and not any((project / "portfolio").iterdir())


def prepare_a_repository(project: Path, home: Path) -> None:
    """What the handleiding has the coach do before publishing: a real site_url, the folder
    in git, and a remote 'origin' (here a bare repository on this machine)."""
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "https://example.org/kookboek/", "https://kookgroep.github.io/kookboek/"
        ),
        encoding="utf-8",
    )
    env = {"PATH": PLAIN_PATH, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}
    remote = home / "github.git"
    for command, folder in (
        (["git", "init", "-q", "--bare", str(remote)], home),
        (["git", "init", "-q", "-b", "main"], project),
        (["git", "remote", "add", "origin", str(remote)], project),
    ):
        subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True)
