"""The one way a change made in the browser reaches the content folder.

``save_content_change`` checks that no file changed since the coach opened it, writes every
file atomically and then records the change in the project's history
(``record_in_history``).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kookboek.publishing import history
from kookboek.support.files import write_atomic

log = logging.getLogger("kookboek.editing")

# One writer at a time in this process (the form's server): the version check and the
# writes of one save are never interleaved with another coach's save.
_saving = threading.Lock()


@dataclass(frozen=True)
class ContentChange:
    """A file of the content folder (``path``, relative, with '/') and its new bytes;
    ``data=None`` removes it."""

    path: str
    data: bytes | None


class ChangedMeanwhile(Exception):
    """A file changed after the coach opened it: her save is refused, not merged."""

    def __init__(self, paths: Sequence[str]) -> None:
        super().__init__(", ".join(paths))
        self.paths = tuple(paths)


class UnsafePath(ValueError):
    """A change that would write outside the content folder."""


def version_of(path: Path) -> str:
    """The version a form carries: a hash of the file's bytes ('' when there is none)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


def content_file(content_dir: Path, relative: str) -> Path:
    """``relative`` inside ``content_dir``, refused when it could lead anywhere else."""
    parts = PurePosixPath(relative).parts
    if not parts or relative.startswith("/") or any(p in {"", ".", ".."} for p in parts):
        raise UnsafePath(relative)
    return content_dir.joinpath(*parts)


def save_content_change(
    content_dir: Path,
    changes: Sequence[ContentChange],
    message: str,
    *,
    expected_versions: Mapping[str, str] | None = None,
    author: str | None = None,
) -> list[Path]:
    """Write ``changes`` into ``content_dir`` and record them as one change.

    ``expected_versions``: a file (relative path) → the version the coach's form started
    from (``version_of``); when any differs now, nothing is written and ``ChangedMeanwhile``
    is raised. ``message`` says in Dutch what changed; ``author`` is who made it. Returns the
    paths written or removed.
    """
    targets = [(content_file(content_dir, c.path), c) for c in changes]
    with _saving:
        changed = [
            relative
            for relative, version in (expected_versions or {}).items()
            if version_of(content_file(content_dir, relative)) != version
        ]
        if changed:
            raise ChangedMeanwhile(changed)
        _history_ready(content_dir)
        for path, change in targets:
            if change.data is None:
                path.unlink(missing_ok=True)
            else:
                write_atomic(path, change.data)
        paths = [path for path, _ in targets]
        record_in_history(content_dir, paths, message, author)
    log.info("Bewaard: %s", ", ".join(c.path for c in changes))
    return paths


def _history_ready(content_dir: Path) -> None:
    """The project is a git repository before the change, so the change is recorded as one."""
    try:
        history.ensure_repository(content_dir.parent)
    except history.HistoryProblem as exc:
        log.error("Geen geschiedenis: %s", exc)


def record_in_history(
    content_dir: Path, paths: Sequence[Path], message: str, author: str | None
) -> None:
    """Where every change made in the browser enters the project's history: a commit in the
    project (the folder above ``content/``) with the coach as author (``publishing.history``).
    When git cannot record it, the files are written all the same and the reason is logged:
    a coach's work is never lost to a history problem."""
    try:
        history.record(content_dir.parent, paths, author or "Begeleider", message)
    except history.HistoryProblem as exc:
        log.error("Niet in de geschiedenis bewaard: %s", exc)
