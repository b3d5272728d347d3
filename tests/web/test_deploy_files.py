"""``deploy/``: the systemd unit is valid, runs a command the CLI accepts and fits the Caddyfile."""

from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import click
import pytest

from kookboek.cli.main import main
from kookboek.publishing.targets import (
    SETTINGS_FILE,
    PublishSettings,
    load_settings,
    replace_folder,
)
from live_server import free_port
from project_paths import REPO

UNIT = REPO / "deploy" / "kookboek-formulier.service"
CADDYFILE = REPO / "deploy" / "Caddyfile"
PROJECT_DIR = "/srv/kookboek"  # where the handleiding puts the kookboek on a server
WEBSITE = REPO / "deploy" / "website.caddy"
PUBLISH_SETTINGS = REPO / "deploy" / "publiceren.yml"
SERVED_SITE = Path("/srv/kookboek-site/site")


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
    # The form writes its project (inbox, content from /beheer with its git history, the
    # portfolios, the build of Zet online) and the folder Caddy serves the website from.
    writable = service["ReadWritePaths"].split()
    assert writable == [PROJECT_DIR, SERVED_SITE.parent.as_posix()]
    for inside in (options["inbox_dir"], "content", options["portfolio_dir"]):
        assert (Path(PROJECT_DIR) / inside).is_relative_to(PROJECT_DIR)
    assert service["ProtectSystem"] == "strict" and service["NoNewPrivileges"] == "yes"
    assert unit()["Install"]["WantedBy"] == "multi-user.target"


def test_caddy_serves_the_folder_that_zet_online_fills(tmp_path: Path) -> None:
    """deploy/website.caddy serves the ``map:`` of deploy/publiceren.yml: run by a real Caddy
    on this computer over a folder replaced the way Zet online replaces it."""
    caddy = shutil.which("caddy")
    if caddy is None:
        pytest.fail("Caddy ontbreekt: apt-get install caddy (.ci/run installeert het zelf).")
    settings = load_settings_file(PUBLISH_SETTINGS, tmp_path)
    assert settings.folder is not None and settings.folder.folder == SERVED_SITE
    assert settings.git is not None and settings.git.branch == "gh-pages"
    text = WEBSITE.read_text(encoding="utf-8")
    assert re.findall(r"^\s*root \* (\S+)$", text, re.MULTILINE) == [SERVED_SITE.as_posix()]

    built = tmp_path / "project" / "site"
    (built / "recepten" / "soep").mkdir(parents=True)
    (built / "recepten" / "soep" / "index.html").write_text("<h1>Soep</h1>", encoding="utf-8")
    (built / "404.html").write_text("<h1>Niet gevonden</h1>", encoding="utf-8")
    served = tmp_path / "www" / "site"
    replace_folder(built, served)
    port = free_port()
    site = text.replace("kookboek.voorbeeld.be", f"http://127.0.0.1:{port}").replace(
        SERVED_SITE.as_posix(), served.as_posix()
    )
    config = tmp_path / "Caddyfile"
    config.write_text("{\n\tadmin off\n\tauto_https off\n}\n" + site, encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
    }
    with subprocess.Popen(
        [caddy, "run", "--config", str(config), "--adapter", "caddyfile"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ) as process:
        try:
            page = fetch_when_up(f"http://127.0.0.1:{port}/recepten/soep/", process)
            assert page == (200, "<h1>Soep</h1>")
            (built / "recepten" / "soep" / "index.html").write_text("<h1>Soep 2</h1>", "utf-8")
            replace_folder(built, served)
            assert fetch(f"http://127.0.0.1:{port}/recepten/soep/") == (200, "<h1>Soep 2</h1>")
            assert fetch(f"http://127.0.0.1:{port}/bestaat-niet/") == (
                404,
                "<h1>Niet gevonden</h1>",
            )
        finally:
            process.terminate()
            process.wait(timeout=10)


def load_settings_file(settings: Path, folder: Path) -> PublishSettings:
    (folder / SETTINGS_FILE).write_text(settings.read_text(encoding="utf-8"), encoding="utf-8")
    return load_settings(folder)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def fetch_when_up(url: str, process: subprocess.Popen[bytes]) -> tuple[int, str]:
    deadline = time.monotonic() + 20
    while True:
        try:
            return fetch(url)
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)
