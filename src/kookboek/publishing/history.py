"""The history of content changes made in the browser: one git commit per change.

Every approval, edit, restore or removal on /beheer becomes a commit in the project's own git
repository, with the coach as its author. The git command line is used the way ghp-import
uses it: one small function per git operation, git's own error text passed on when it fails.

A project folder that is not a git repository yet becomes one at the first change
(``git init``, then a first commit of what is there, by "kookboek"): the history starts
there. Its ``.gitignore`` first gets what must never be in it (``PRIVATE_PATTERNS``: the
inbox, ``site/``, the caches, the participants' JPEG photos).

Only the files a change touches are committed, never ``git add -A`` of the whole folder:
a participant's photo is committed only when the caller names it. The commit message names
the file and what happened to it, never a participant's name: the author of a commit is the
coach, and a recipe's title and ``auteur`` are in the history only as far as the published
file itself holds them.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kookboek.support.files import write_atomic

#: The committer of every change (the author is the coach who made it).
COMMITTER_NAME = "kookboek"
COMMITTER_EMAIL = "kookboek@localhost"
#: A coach has no e-mail address in the kookboek: this one says where the commit came from.
COACH_EMAIL = "beheer@kookboek.invalid"
_FIELD = "\x1f"
# One git operation on the repository at a time within this process (the web server's
# threads): git's own index.lock would make a second one fail instead of wait.
_LOCK = threading.RLock()


class HistoryProblem(Exception):
    """git could not record or read a change; the message is Dutch."""


@dataclass(frozen=True)
class Change:
    """One commit that touched a file."""

    commit: str
    author: str
    when: dt.datetime
    message: str

    @property
    def short(self) -> str:
        return self.commit[:7]


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    # Never a pager, an editor or a prompt for a password: nobody is at a terminal.
    env.update(GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat", GIT_EDITOR="true", LC_ALL="C")
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            check=False,
            env=env,
        )
    except FileNotFoundError:
        raise HistoryProblem(
            "git is niet geïnstalleerd op de computer waar het formulier draait. "
            "Vraag de IT-partner om git te installeren (handleiding, deel 8)."
        ) from None


def _checked(repo: Path, *args: str) -> str:
    done = _git(repo, *args)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()
        raise HistoryProblem(f"git {args[0]} lukte niet in {repo}: {said}")
    return done.stdout.decode("utf-8", "replace")


def _identity(name: str) -> tuple[str, ...]:
    return ("-c", f"user.name={name}", "-c", f"user.email={COMMITTER_EMAIL}")


def repository_root(folder: Path) -> Path | None:
    """The top folder of the git repository ``folder`` is in, or None."""
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        return None
    return Path(done.stdout.decode("utf-8").strip())


def ensure_repository(project: Path) -> Path:
    """The repository of ``project``; made there (with a first commit) when there is none.

    Only a kookboek project (a folder with ``mkdocs.yml``) is ever made into a repository: a
    content folder configured elsewhere must not turn its parent (a home folder, say) into one.
    """
    with _LOCK:
        found = repository_root(project)
        if found is not None:
            return found
        if not (project / "mkdocs.yml").is_file():
            raise HistoryProblem(
                f"{project} is geen map van een kookboek (er staat geen mkdocs.yml in): "
                "daar begint de geschiedenis niet. Start het formulier in de map van het kookboek, "
                "of geef met --content de map content/ van het kookboek (handleiding, deel 8)."
            )
        _checked(project, "init", "--quiet")
        _ignore_private_files(project)
        _checked(project, "add", "--all")
        _checked(
            project,
            *_identity(COMMITTER_NAME),
            "commit",
            "--quiet",
            "--allow-empty",
            "-m",
            "Begin van de geschiedenis van het kookboek",
        )
        return repository_root(project) or project


#: Never in the history: the inbox (submissions, account hashes, keys), what the build makes,
#: and the photos participants sent (JPEGs, as the form stores them), which she may withdraw.
PRIVATE_PATTERNS = (
    "/inzendingen/",
    "/portfolio/",
    "/site/",
    "/.site-*/",
    ".cache/",
    "/content/recepten/*.jpg",
)


def _ignore_private_files(project: Path) -> None:
    """Add what must stay out of a new history to the project's ``.gitignore``."""
    ignore = project / ".gitignore"
    try:
        lines = ignore.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    missing = [pattern for pattern in PRIVATE_PATTERNS if pattern not in lines]
    if missing:
        text = "\n".join([*lines, *missing]) + "\n"
        write_atomic(ignore, text.encode("utf-8"))


def record(project: Path, paths: Sequence[Path], author: str, message: str) -> Change | None:
    """Commit the current state of ``paths`` (written, changed or deleted) as one change by
    ``author``. None when nothing in them changed."""
    with _LOCK:
        repo = ensure_repository(project)
        names = [_relative_to(repo, p) for p in paths]
        _checked(repo, "add", "--all", "--", *names)
        staged = _git(repo, "diff", "--cached", "--quiet", "--", *names)
        if staged.returncode == 0:
            return None
        _checked(
            repo,
            *_identity(COMMITTER_NAME),
            "commit",
            "--quiet",
            "--no-verify",
            f"--author={_safe_name(author)} <{COACH_EMAIL}>",
            "-m",
            message,
            "--",
            *names,
        )
        return _changes(repo, "-1", "HEAD")[0]


def history(project: Path, path: Path, limit: int = 50) -> list[Change]:
    """The changes of one file, newest first (also from before it was renamed)."""
    repo = repository_root(project)
    if repo is None:
        return []
    with _LOCK:
        return _changes(repo, f"-{limit}", "--follow", "--", _relative_to(repo, path))


def last_change(project: Path, path: Path) -> Change | None:
    found = history(project, path, limit=1)
    return found[0] if found else None


def version(project: Path, path: Path, commit: str) -> bytes | None:
    """The file as it was in ``commit``, or None when it did not exist then."""
    repo = repository_root(project)
    if repo is None or not _is_commit_id(commit):
        return None
    with _LOCK:
        done = _git(repo, "show", f"{commit}:{_relative_to(repo, path)}")
    return done.stdout if done.returncode == 0 else None


def restore(project: Path, path: Path, commit: str, author: str) -> Change | None:
    """Put ``path`` back as it was in ``commit``, as a new change by ``author``."""
    old = version(project, path, commit)
    if old is None:
        raise HistoryProblem(f"Die versie van {path.name} bestaat niet (meer).")
    write_atomic(path, old)
    return record(project, [path], author, f"Oude versie teruggezet van {path.name} ({commit[:7]})")


def _changes(repo: Path, *args: str) -> list[Change]:
    out = _checked(repo, "log", f"--format=%H{_FIELD}%an{_FIELD}%aI{_FIELD}%s", *args)
    found = []
    for line in out.splitlines():
        commit, author, when, message = line.split(_FIELD, 3)
        found.append(Change(commit, author, dt.datetime.fromisoformat(when), message))
    return found


def _relative_to(repo: Path, path: Path) -> str:
    return path.resolve().relative_to(repo.resolve()).as_posix()


def _safe_name(name: str) -> str:
    """A name git accepts as an author: no angle brackets or line breaks."""
    cleaned = "".join(c for c in name if c not in "<>\n\r").strip()
    return cleaned or COMMITTER_NAME


def _is_commit_id(commit: str) -> bool:
    return 7 <= len(commit) <= 40 and all(c in "0123456789abcdef" for c in commit)
