"""Where **Zet online** puts the built site: set once by the IT partner in ``publiceren.yml``.

Two kinds of target, either or both:

- ``git``: the built ``site/`` as the only commit of a branch (``gh-pages``) of a git remote,
  with ghp-import, exactly as ``kookboek publish`` does (GitHub or GitLab Pages serve it);
- ``map``: a folder that a web server (the Caddy of ``deploy/``) serves, replaced whole by
  the new site in two renames, so a visitor never gets half of the old and half of the new.

Without ``publiceren.yml``: the ``gh-pages`` branch of the remote ``origin`` when the project
has one, and nothing else (the project's own ``site/`` is rebuilt in any case).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

SETTINGS_FILE = "publiceren.yml"
DEFAULT_REMOTE = "origin"
DEFAULT_BRANCH = "gh-pages"
_KEYS = {"git_remote", "tak", "map", "meteen_bij_goedkeuren"}


class PublishProblem(Exception):
    """Publishing stopped; the message is Dutch."""


@dataclass(frozen=True)
class GitTarget:
    remote: str
    branch: str = DEFAULT_BRANCH

    def describe(self) -> str:
        return f"de tak {self.branch} van {self.remote}"


@dataclass(frozen=True)
class FolderTarget:
    folder: Path

    def describe(self) -> str:
        return f"de map {self.folder.name}/ van de webserver"


@dataclass(frozen=True)
class PublishSettings:
    git: GitTarget | None
    folder: FolderTarget | None
    on_approval: bool = False

    def describe(self) -> list[str]:
        return [t.describe() for t in (self.git, self.folder) if t is not None]


def load_settings(project: Path) -> PublishSettings:
    """The IT partner's settings from ``publiceren.yml`` in the project folder, or the default.

    Keys: ``git_remote`` (a remote's name or address; ``nee`` for none), ``tak``
    (default gh-pages), ``map`` (the folder the web server serves), ``meteen_bij_goedkeuren``
    (ja/nee: approving a recipe also puts the site online).
    """
    path = project / SETTINGS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        remote = DEFAULT_REMOTE if _has_remote(project, DEFAULT_REMOTE) else None
        return PublishSettings(GitTarget(remote) if remote else None, None)
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise PublishProblem(f"{SETTINGS_FILE}{line}: dit is geen geldige YAML.") from None
    if not isinstance(data, dict):
        raise PublishProblem(f"{SETTINGS_FILE}: verwacht sleutels zoals git_remote: en map:.")
    unknown = sorted(set(map(str, data)) - _KEYS)
    if unknown:
        raise PublishProblem(
            f"{SETTINGS_FILE}: onbekende sleutel {', '.join(unknown)}. "
            f"Mogelijk: {', '.join(sorted(_KEYS))}."
        )
    remote = data.get("git_remote", DEFAULT_REMOTE)
    git = None
    if remote not in (None, False, "", "nee"):
        git = GitTarget(str(remote), str(data.get("tak") or DEFAULT_BRANCH))
    folder = None
    if data.get("map"):
        where = Path(str(data["map"])).expanduser()
        folder = FolderTarget(where if where.is_absolute() else project / where)
    on_approval = data.get("meteen_bij_goedkeuren", False)
    if on_approval not in (True, False, "ja", "nee"):
        raise PublishProblem(f"{SETTINGS_FILE}: meteen_bij_goedkeuren is ja of nee.")
    return PublishSettings(git, folder, on_approval in (True, "ja"))


def _has_remote(project: Path, name: str) -> bool:
    try:
        done = subprocess.run(
            ["git", "-C", str(project), "remote"], capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        return False
    return done.returncode == 0 and name in done.stdout.split()


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False, env=env
    )


def put_on_branch(repo: Path, site_dir: Path, remote: str, branch: str, message: str) -> str:
    """``site_dir`` as the only commit of ``branch`` of the repository in ``repo``, pushed to
    ``remote``; returns the commit id.

    ghp-import runs in its own process in ``repo``: it works in the current folder and reads
    the committer from the environment, neither of which a web server's thread may change.
    """
    if _git(repo, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise PublishProblem(
            "deze map is geen git-map. Online zetten naar een git-remote gaat alleen in een "
            "git-map (zie de handleiding, deel 8)."
        )
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    # A coach's computer often has no git name yet; the commit is the site's, not hers.
    if not _git(repo, "config", "user.name").stdout.strip():
        env.setdefault("GIT_COMMITTER_NAME", "kookboek")
    if not _git(repo, "config", "user.email").stdout.strip():
        env.setdefault("GIT_COMMITTER_EMAIL", "kookboek@localhost")
    # One version only: the branch starts afresh (ghp-import would build on its last commit).
    _git(repo, "update-ref", "-d", f"refs/heads/{branch}")
    done = subprocess.run(
        [sys.executable, "-m", "ghp_import", "--no-jekyll", "--no-history",
         "--message", message, "--remote", remote, "--branch", branch, str(site_dir)],
        cwd=repo, capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    if done.returncode != 0 or _git(repo, "rev-parse", f"refs/heads/{branch}").returncode:
        said = (done.stderr or done.stdout).strip()
        raise PublishProblem(f"git kon de tak {branch} niet maken ({said}).")
    pushed = _git(repo, "push", "--force", remote, f"refs/heads/{branch}:refs/heads/{branch}")
    if pushed.returncode != 0:
        raise PublishProblem(
            f"git kon de website niet naar {remote} sturen. Is er internet, en mag je naar "
            f"die remote schrijven? Wat git zei:\n{pushed.stderr.strip()}"
        )
    return _git(repo, "rev-parse", f"refs/heads/{branch}").stdout.strip()


def _readable_for_all(folder: Path) -> None:
    """A published site is public: the web server's own user must read it, whatever the
    umask of the process that built it (the form's service makes private files)."""
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)


def replace_folder(site_dir: Path, target: Path) -> None:
    """Put a copy of ``site_dir`` in place of ``target``: copied beside it first, then two
    renames, so the web server serves either the old site or the new one. Nothing to do when
    ``target`` is the build's own ``site/``."""
    if target.resolve() == site_dir.resolve():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f".{target.name}-oud")
    if old.is_dir() and not target.exists():
        old.rename(target)  # a swap cut short last time: the old site goes back first
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-nieuw-", dir=target.parent))
    try:
        shutil.copytree(site_dir, staging, dirs_exist_ok=True)
        _readable_for_all(staging)
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        staging.rename(target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise PublishProblem(f"kon de website niet in {target} zetten: {exc}.") from None
    shutil.rmtree(old, ignore_errors=True)
