"""Running MkDocs with the project's configuration (used by the ``kookboek`` CLI)."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import TextIO

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException


class BuildFailed(Exception):
    """The build stopped; the message is Dutch and meant for the coach."""


class _ConsoleHandler(logging.StreamHandler[TextIO]):
    """MkDocs' log lines on the terminal, added once however often a build runs."""


def _setup_logging(verbose: bool) -> None:
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _ConsoleHandler) for h in logger.handlers):
        handler = _ConsoleHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)


def build_site(
    config_file: Path, *, pdf: bool = True, strict: bool = True, verbose: bool = False
) -> Path:
    """Build into a fresh folder beside ``site_dir`` and swap it in only when all went well."""
    _setup_logging(verbose)
    os.environ["KOOKBOEK_PDF"] = "1" if pdf else "0"
    config = load_config(str(config_file), strict=strict)
    site_dir = Path(config.site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _recover_after_crash(site_dir)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{site_dir.name}-nieuw-{os.getpid()}-", dir=site_dir.parent)
    )
    config.site_dir = str(staging)
    problems = _ProblemCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(problems)
    try:
        mkdocs_build(config)
    except (Abort, MkDocsException) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(problems.report(str(exc))) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logger.removeHandler(problems)
    _swap_in(staging, site_dir)
    return site_dir


class _ProblemCollector(logging.Handler):
    """Keeps the warnings and errors of one build, to say why it stopped."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def report(self, reason: str) -> str:
        lines = list(self.messages)
        if "strict mode" in reason:
            lines.append(
                f"De bouw stopte door {len(self.messages)} waarschuwing(en): los ze op en "
                "probeer opnieuw."
            )
        elif not lines:
            lines.append(f"De bouw is mislukt ({reason}).")
        return "\n".join(lines)


def _recover_after_crash(site_dir: Path) -> None:
    """Tidy up after a build that was killed (power cut, kill -9) before it could clean up.

    Half-built folders of builds that no longer run are removed. A build killed between the
    two renames of ``_swap_in`` left the previous site only under its old name: put it back.
    """
    old = site_dir.with_name(f".{site_dir.name}-oud")
    if old.is_dir() and not site_dir.exists():
        old.rename(site_dir)
    for leftover in site_dir.parent.glob(f".{site_dir.name}-nieuw-*"):
        owner = leftover.name.removeprefix(f".{site_dir.name}-nieuw-").partition("-")[0]
        if not (owner.isdigit() and _is_running(int(owner))):
            shutil.rmtree(leftover, ignore_errors=True)


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it belongs to someone else
    return True


def _swap_in(staging: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".{site_dir.name}-oud")
    shutil.rmtree(old, ignore_errors=True)
    staging.chmod(0o755)  # mkdtemp makes it private; a published site is readable
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def serve_site(config_file: Path, *, dev_addr: str | None = None, pdf: bool = False) -> None:
    from mkdocs.commands.serve import serve

    _setup_logging(False)
    os.environ["KOOKBOEK_PDF"] = "1" if pdf else "0"
    serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)
