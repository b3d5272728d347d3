"""The repository itself: it must check out on a coach's Windows or macOS computer."""

from __future__ import annotations

import re
import subprocess

from project_paths import REPO

# What Windows refuses in a file or folder name, and the device names it reserves.
FORBIDDEN = re.compile(r'[<>:"\\|?*\x00-\x1f]|[. ]$')
RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


def tracked_files() -> list[str]:
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout
    return [name for name in listing.decode().split("\0") if name]


def test_every_tracked_name_is_valid_on_windows() -> None:
    bad = [
        name
        for name in tracked_files()
        for part in name.split("/")
        if FORBIDDEN.search(part) or RESERVED.match(part)
    ]
    assert bad == []


def test_no_two_tracked_names_differ_only_in_case() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for name in tracked_files():
        other = seen.setdefault(name.casefold(), name)
        if other != name:
            clashes.append((other, name))
    assert clashes == []


def test_the_licence_named_in_pyproject_is_there() -> None:
    assert 'license = "EUPL-1.2"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert (
        (REPO / "LICENSE")
        .read_text(encoding="utf-8")
        .startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    )
