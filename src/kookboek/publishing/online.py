"""**Zet online**: check the content, build the site with its PDFs, publish it to the targets.

The build is ``kookboek build`` itself, run as a child process in the project folder (the
command comes from the adapter): the same code, the same caches (only changed PDFs are made
again), and a crash or the memory of a build stays out of the web server.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from kookboek.content.errors import ContentErrors
from kookboek.content.project import load_project
from kookboek.publishing.jobs import Outcome, Problem
from kookboek.publishing.targets import PublishProblem, load_settings, put_on_branch, replace_folder
from kookboek.site.address import placeholder_problem

DEFAULT_CACHE_DIR = ".cache/kookboek"
STEP_CHECK = "De inhoud nakijken"
STEP_BUILD = "De website en de pdf's maken"
STEP_PUBLISH = "Online zetten"
_CONTENT_FILE = re.compile(r"(?:^|[\s/])content/([\w./-]+\.(?:md|yml))")


@dataclass(frozen=True)
class ProjectPaths:
    """The project folder and what in it a publication needs."""

    root: Path
    config_file: Path
    content_dir: Path
    site_dir: Path

    @classmethod
    def at(cls, root: Path) -> ProjectPaths:
        root = root.absolute()
        config = root / "mkdocs.yml"
        settings = _read_config(config)
        return cls(
            root,
            config,
            root / str(settings.get("docs_dir") or "docs"),
            root / str(settings.get("site_dir") or "site"),
        )

    def cache_dir(self) -> Path:
        """The build's cache folder (the plugin's ``cache_dir``)."""
        plugins = _read_config(self.config_file).get("plugins")
        for plugin in plugins if isinstance(plugins, list) else []:
            if isinstance(plugin, dict) and isinstance(plugin.get("kookboek"), dict):
                configured = plugin["kookboek"].get("cache_dir")
                if configured:
                    return self.root / str(configured)
        return self.root / DEFAULT_CACHE_DIR

    def forget_derived_files(self) -> None:
        """Remove everything the build made from the content and keeps between builds (photo
        variants, share images, PDFs, rendered pages): after a participant's photo or name
        is taken away, no copy of it may stay in the project's own files. The next build
        makes the rest again, from what is left."""
        shutil.rmtree(self.cache_dir(), ignore_errors=True)

    def site_url(self) -> str | None:
        found = _read_config(self.config_file).get("site_url")
        return str(found) if found else None


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold ``!!python/name:`` tags: read them as nothing, never run them."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _read_config(config_file: Path) -> dict[str, object]:
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def put_online(
    paths: ProjectPaths, build_command: Sequence[str], report: Callable[[str], None]
) -> Outcome:
    """The whole of **Zet online**; every problem comes back as a Dutch :class:`Problem`."""
    report(STEP_CHECK)
    try:
        settings = load_settings(paths.root)
    except PublishProblem as exc:
        return Outcome(problems=(Problem(str(exc)),))
    problems = check_content(paths)
    if settings.git is not None:
        wrong_address = placeholder_problem(paths.site_url())
        if wrong_address:
            problems.append(Problem(f"Vraag de IT-partner: {wrong_address}"))
    if problems:
        return Outcome(problems=tuple(problems))
    report(STEP_BUILD)
    built = subprocess.run(
        [*build_command, "--config", str(paths.config_file)],
        cwd=paths.root,
        capture_output=True,
        text=True,
        check=False,
    )
    if built.returncode != 0:
        return Outcome(problems=tuple(_build_problems(built.stdout + built.stderr)))
    report(STEP_PUBLISH)
    published = []
    try:
        if settings.folder is not None:
            replace_folder(paths.site_dir, settings.folder.folder)
            published.append(settings.folder.describe())
        else:
            published.append(f"de map {paths.site_dir.name}/ van het kookboek")
        if settings.git is not None:
            message = f"Website: {paths.site_url()}, gemaakt met Zet online"
            put_on_branch(
                paths.root, paths.site_dir, settings.git.remote, settings.git.branch, message
            )
            published.append(settings.git.describe())
    except PublishProblem as exc:
        return Outcome(problems=(Problem(f"Niet online gezet: {exc}"),))
    return Outcome(published=tuple(published))


def check_content(paths: ProjectPaths) -> list[Problem]:
    """Every content error, each with the file (relative to ``content/``) that causes it."""
    try:
        load_project(paths.content_dir)
    except ContentErrors as exc:
        return [Problem(str(error), _content_file(paths, error.path)) for error in exc.errors]
    return []


def _content_file(paths: ProjectPaths, path: str) -> str | None:
    found = Path(path)
    candidates = [found] if found.is_absolute() else [Path.cwd() / found, paths.root / found]
    for candidate in candidates:
        try:
            return candidate.resolve().relative_to(paths.content_dir.resolve()).as_posix()
        except ValueError:
            continue
    return None


def _build_problems(output: str) -> list[Problem]:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    found = []
    for line in lines[-20:]:
        match = _CONTENT_FILE.search(line)
        found.append(Problem(line, match.group(1) if match else None))
    return found or [Problem("Het maken van de website lukte niet.")]
