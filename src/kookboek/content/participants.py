"""Participants' published first names: private, next to the content, never in git.

A participant who allows it has her first name on her recipe's page. The name lives in
``content/.deelnemers.yml`` (recipe slug → first name), not in the recipe file: that file is
committed to the project's history (and maybe to a public repository), and a name withdrawn
later must be gone from every copy without rewriting that history. The file is git-ignored
(``publishing/history.py``) and MkDocs never publishes it (its default ``exclude_docs``
skips every name that starts with a dot).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from kookboek.content.errors import ContentError, display_path
from kookboek.support.files import write_atomic

PARTICIPANTS_FILE = ".deelnemers.yml"

_HEADER = (
    "# Voornamen van deelnemers die toestemming gaven, per recept.\n"
    "# Privé: dit bestand staat niet in git en niet op de website.\n"
)


class ParticipantsProblem(Exception):
    """The names file cannot be read; ``error`` names the file and line."""

    def __init__(self, error: ContentError) -> None:
        super().__init__(str(error))
        self.error = error


def names_file(content_dir: Path) -> Path:
    return content_dir / PARTICIPANTS_FILE


def read_names(content_dir: Path) -> dict[str, str]:
    """Slug → published first name (empty when the file does not exist)."""
    path = names_file(content_dir)
    if not path.is_file():
        return {}
    shown = display_path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise ParticipantsProblem(
            ContentError(shown, line, "", "dit bestand is geen geldige YAML.")
        ) from exc
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ParticipantsProblem(ContentError(shown, 0, "", "dit bestand is onleesbaar.")) from exc
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ParticipantsProblem(
            ContentError(shown, 1, "", "elke regel moet 'recept: voornaam' zijn.")
        )
    return {slug: name for slug, name in data.items() if name.strip()}


def set_name(content_dir: Path, slug: str, name: str) -> None:
    """Record ``name`` for the recipe ``slug`` (replacing what was there)."""
    with _locked(content_dir):
        names = read_names(content_dir)
        names[slug] = name
        _write(content_dir, names)


def remove_name(content_dir: Path, slug: str) -> bool:
    """Forget the name of the recipe ``slug``; True when there was one."""
    with _locked(content_dir):
        names = read_names(content_dir)
        if slug not in names:
            return False
        del names[slug]
        _write(content_dir, names)
        return True


def _write(content_dir: Path, names: dict[str, str]) -> None:
    body = yaml.safe_dump(dict(sorted(names.items())), allow_unicode=True) if names else ""
    # Only the project's own user reads it (like the inbox).
    write_atomic(names_file(content_dir), (_HEADER + body).encode("utf-8"), mode=0o600)


@contextmanager
def _locked(content_dir: Path) -> Iterator[None]:
    """One writer at a time (two approvals at once must not lose a name)."""
    content_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(content_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
