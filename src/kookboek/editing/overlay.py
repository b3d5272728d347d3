"""Checking the content as it would be after a change, before anything is written.

The changed files are put in a temporary folder beside the content folder that mirrors it
(every other file is a hard link to the real one, or a copy where no link can be made), and
the whole content is loaded with every rule of ``kookboek check``. Problems name the real
files. Hard links rather than symbolic ones: a photo must resolve inside the content folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from kookboek.content.errors import ContentError, ContentErrors, display_path
from kookboek.content.project import Project, load_project
from kookboek.editing.changes import ContentChange, content_file


def check_with_changes(
    content_dir: Path, changes: Sequence[ContentChange], workspace: Path | None = None
) -> Project:
    """The content with ``changes`` applied, loaded and checked; raises ``ContentErrors``
    (with the real file names) when anything is wrong.

    ``workspace``: a writable folder on the same disk as the content, for the mirror (by
    default the folder around the content; the form's server passes its inbox folder, the
    one it may write besides the content). The returned project's files are gone once this
    returns: use its models and costs, not its paths.
    """
    content_dir = content_dir.absolute()
    for change in changes:
        content_file(content_dir, change.path)  # refuses a path that leads outside
    place = _place(content_dir, workspace)
    with tempfile.TemporaryDirectory(prefix=MIRROR_PREFIX, dir=place) as folder:
        mirror = Path(folder) / content_dir.name
        _mirror(content_dir, mirror, {c.path for c in changes})
        for change in changes:
            if change.data is not None:
                target = content_file(mirror, change.path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(change.data)
        try:
            return load_project(mirror, parse_cache=place / PARSE_CACHE)
        except ContentErrors as exc:
            shown_mirror = display_path(mirror)
            shown_real = display_path(content_dir)
            raise ContentErrors(
                _renamed(exc.errors, shown_mirror, shown_real),
                _renamed(exc.warnings, shown_mirror, shown_real),
            ) from None


# Left behind only when the process is killed mid-check; ignored by git.
MIRROR_PREFIX = ".kookboek-nakijken-"
# Parsed content files, kept between checks (a file's bytes are its key): the content as it
# is and as it would be are mostly the same files.
PARSE_CACHE = ".kookboek-nakijken.pickle"


def load_current(content_dir: Path, workspace: Path | None = None) -> Project:
    """The content as it is now, loaded with the same parse cache as the checks."""
    return load_project(content_dir, parse_cache=_place(content_dir, workspace) / PARSE_CACHE)


def _place(content_dir: Path, workspace: Path | None) -> Path:
    place = workspace if workspace is not None else content_dir.absolute().parent
    place.mkdir(parents=True, exist_ok=True)
    return place


def _mirror(real: Path, mirror: Path, changed: set[str]) -> None:
    """``mirror`` as ``real``, without the changed files (written afterwards)."""
    mirror.mkdir(parents=True)
    if not real.is_dir():
        return
    for folder, dirs, files in os.walk(real):
        here = Path(folder)
        relative = here.relative_to(real)
        for name in dirs:
            (mirror / relative / name).mkdir()
        for name in files:
            if (relative / name).as_posix() in changed:
                continue
            source, target = here / name, mirror / relative / name
            if source.is_symlink():
                target.symlink_to(os.readlink(source))
                continue
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)


def _renamed(errors: Iterable[ContentError], mirror: str, real: str) -> list[ContentError]:
    return [
        ContentError(
            real + e.path[len(mirror) :] if e.path.startswith(mirror) else e.path,
            e.line,
            e.field,
            e.message.replace(mirror, real),  # "nummer 1 heeft ook <file>"
        )
        for e in errors
    ]
