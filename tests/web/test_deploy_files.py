"""``deploy/``: the systemd unit is valid, runs a command the CLI accepts and fits the Caddyfile."""

from __future__ import annotations

import configparser
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import click
import pytest

from kookboek.cli.main import main
from project_paths import REPO

UNIT = REPO / "deploy" / "kookboek-formulier.service"
CADDYFILE = REPO / "deploy" / "Caddyfile"
PROJECT_DIR = "/srv/kookboek"  # where the handleiding puts the kookboek on a server


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string(UNIT.read_text(encoding="utf-8"))
    return parser


def form_options() -> click.Context:
    """The options of the unit's ExecStart, parsed by the real ``kookboek form``."""
    words = shlex.split(unit()["Service"]["ExecStart"])
    assert words[0] == f"{PROJECT_DIR}/kookboek" and words[1] == "form", words
    form = main.commands["form"]
    return form.make_context("form", words[2:])


def test_systemd_finds_nothing_wrong_with_the_unit(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.fail("systemd-analyze ontbreekt: apt-get install systemd (.ci/run doet dit zelf).")
    # The same unit with the repository in place of /srv/kookboek, so that the program it
    # starts exists (systemd-analyze checks that ExecStart can be executed).
    copy = tmp_path / UNIT.name
    copy.write_text(UNIT.read_text(encoding="utf-8").replace(PROJECT_DIR, str(REPO)))
    done = subprocess.run(
        [analyze, "verify", "--man=no", str(copy)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # Unknown keys and bad values are only warnings (exit code 0): no output at all is wanted.
    assert done.returncode == 0 and done.stdout + done.stderr == "", done.stdout + done.stderr


def test_the_unit_runs_the_form_behind_caddy_on_this_computer_only() -> None:
    options = form_options().params
    service = unit()["Service"]
    assert options["host"] == "127.0.0.1" and options["training_room"] is False
    assert options["proxy"] == "127.0.0.1"
    # Caddy passes requests on to exactly where the form listens.
    upstreams = re.findall(r"^\s*reverse_proxy\s+(\S+)\s*$", CADDYFILE.read_text(), re.MULTILINE)
    assert upstreams == [f"{options['proxy']}:{options['port']}"]
    assert service["User"] == service["Group"] == "kookboek"
    assert service["WorkingDirectory"] == PROJECT_DIR
    # The form may write only its inbox, the content (approved recipes, prices, publications
    # and tools from /beheer) and the portfolios, all inside the project.
    writable = service["ReadWritePaths"].split()
    assert writable == [
        f"{PROJECT_DIR}/{options['inbox_dir']}",
        f"{PROJECT_DIR}/content",
        f"{PROJECT_DIR}/{options['portfolio_dir']}",
    ]
    assert service["ProtectSystem"] == "strict" and service["NoNewPrivileges"] == "yes"
    assert unit()["Install"]["WantedBy"] == "multi-user.target"
