"""``./kookboek`` on a computer without Pango: a Dutch message with the line that installs it on
that system, instead of WeasyPrint's traceback."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from kookboek.cli.libraries import (
    DEBIAN,
    MACOS,
    install_lines,
    missing_library,
    missing_library_message,
)
from project_paths import REPO
from sample_project import copy_sample_project

# Loaded by Python at start-up from PYTHONPATH: cffi then fails to open Pango exactly as it does
# on a computer where libpango is not installed (the message is cffi's own).
NO_PANGO = """
import cffi

_dlopen = cffi.FFI.dlopen


def dlopen(self, name, *args):
    if "pango" in str(name):
        raise OSError(
            f"cannot load library '{name}': {name}: cannot open shared object file: "
            "No such file or directory"
        )
    return _dlopen(self, name, *args)


cffi.FFI.dlopen = dlopen
"""


@pytest.mark.slow
def test_the_launcher_without_pango_says_what_to_install(tmp_path: Path) -> None:
    project = copy_sample_project(tmp_path / "project")
    fake = tmp_path / "zonder-pango"
    fake.mkdir()
    (fake / "sitecustomize.py").write_text(NO_PANGO, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(fake), "LANG": "C.UTF-8"}
    done = subprocess.run(
        [str(REPO / "kookboek"), "build"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.strip().splitlines()[-6:] == [
        "De pdf's kunnen niet gemaakt worden: Pango ontbreekt op deze computer.",
        "(Het kookboek vindt libpango-1.0-0 niet.)",
        "Installeer ze één keer met deze regel (je computer vraagt je wachtwoord):",
        f"  Op Debian of Ubuntu: {DEBIAN}",
        "Probeer het daarna opnieuw.",
        "Alleen de website, zonder pdf's, kan wel: ./kookboek build --no-pdf",
    ]


def test_the_install_line_is_the_one_for_the_system() -> None:
    assert install_lines("Linux") == [f"Op Debian of Ubuntu: {DEBIAN}"]
    assert install_lines("Darwin") == [f"Op een Mac (met Homebrew): {MACOS}"]
    assert install_lines("FreeBSD") == [
        f"Op Debian of Ubuntu: {DEBIAN}",
        f"Op een Mac (met Homebrew): {MACOS}",
    ]
    message = missing_library_message("libpango-1.0.dylib", system="Darwin")
    assert "  Op een Mac (met Homebrew): brew install pango" in message.splitlines()
    assert "apt" not in message


def test_only_a_missing_text_library_is_explained() -> None:
    gobject = OSError("cannot load library 'libgobject-2.0-0': libgobject-2.0-0: cannot open")
    assert missing_library(gobject) == "libgobject-2.0-0"
    assert missing_library(OSError("cannot load library 'libfoo.so': nope")) is None
    assert missing_library(OSError(28, "No space left on device")) is None
    assert missing_library(ValueError("cannot load library 'libpango-1.0-0'")) is None
