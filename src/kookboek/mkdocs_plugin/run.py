"""Running MkDocs with the project's configuration (used by the ``kookboek`` CLI)."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from kookboek.content.errors import display_path
from kookboek.mkdocs_plugin.plugin import COACH_RECORD


class BuildFailed(Exception):
    """The build stopped; the message is Dutch and meant for the coach.

    The problems were already shown while building; ``summary`` says in one line why it stopped.
    """

    def __init__(self, report: str, summary: str) -> None:
        super().__init__(report)
        self.summary = summary


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    pages: int
    pdfs: int
    seconds: float

    def summary(self) -> str:
        pdfs = f" en {self.pdfs} pdf's" if self.pdfs else ""
        seconds = f"{self.seconds:.1f}".replace(".", ",")
        where = display_path(self.site_dir)
        return f"Klaar in {seconds} s: {self.pages} pagina's{pdfs} staan in {where}/."


#: Log levels as the coach reads them (MkDocs' INFO lines are shown only with --verbose).
_LEVEL_WORDS = {logging.WARNING: "Let op", logging.ERROR: "Fout", logging.CRITICAL: "Fout"}


class _DutchFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        word = _LEVEL_WORDS.get(record.levelno)
        message = record.getMessage()
        return f"{word}: {message}" if word else message


class _ConsoleHandler(logging.StreamHandler[TextIO]):
    """MkDocs' log lines on the terminal, added once however often a build runs.

    Without --verbose it shows warnings, errors and the plugin's lines meant for the coach.
    """

    verbose = False

    def filter(self, record: logging.LogRecord) -> bool:
        if self.verbose or record.levelno >= logging.WARNING:
            return super().filter(record)
        return bool(getattr(record, COACH_RECORD, False)) and super().filter(record)


def _setup_logging(verbose: bool) -> None:
    logger = logging.getLogger("mkdocs")
    handler = next((h for h in logger.handlers if isinstance(h, _ConsoleHandler)), None)
    if handler is None:
        handler = _ConsoleHandler()
        handler.setFormatter(_DutchFormatter())
        logger.addHandler(handler)
        logger.propagate = False
    handler.verbose = verbose
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)


def site_address(config_file: Path) -> str | None:
    """``site_url`` of the configuration (what the published pages will name)."""
    _setup_logging(False)
    config = load_config(str(config_file))
    return config.site_url or None


def build_site(
    config_file: Path, *, pdf: bool = True, strict: bool = True, verbose: bool = False
) -> BuildResult:
    """Build into a fresh folder beside ``site_dir`` and swap it in only when all went well."""
    started = time.perf_counter()
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
        raise BuildFailed(problems.report(str(exc)), problems.summary(str(exc))) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logger.removeHandler(problems)
    pages, pdfs = _count(staging, "*.html"), _count(staging, "*.pdf")
    _swap_in(staging, site_dir)
    return BuildResult(site_dir, pages, pdfs, time.perf_counter() - started)


def _count(folder: Path, pattern: str) -> int:
    return sum(1 for _ in folder.rglob(pattern))


class _ProblemCollector(logging.Handler):
    """Keeps the warnings and errors of one build, to say why it stopped."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def report(self, reason: str) -> str:
        return "\n".join([*self.messages, self.summary(reason)])

    def summary(self, reason: str) -> str:
        if "strict mode" in reason:
            return (
                f"De bouw stopte door {len(self.messages)} waarschuwing(en) hierboven: los ze op "
                "en probeer opnieuw."
            )
        if self.messages:
            return "De bouw stopte door de fout(en) hierboven."
        return f"De bouw is mislukt ({reason})."


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


def serve_site(
    config_file: Path,
    *,
    dev_addr: str | None = None,
    pdf: bool = False,
    echo: Callable[[str], None] = print,
    command: str = "kookboek",
) -> None:
    """``mkdocs serve`` with a Dutch face: a content error becomes a page in the browser.

    MkDocs' own serve stops at a failed first build, and after a failed rebuild it keeps the
    browser waiting ("the server will appear stuck"). Here every page shows the problems
    (file, line, field) until the next build succeeds, and reloads by itself when it does.
    """
    from mkdocs.commands.build import build
    from mkdocs.livereload import LiveReloadServer, _serve_url

    _setup_logging(False)
    os.environ["KOOKBOEK_PDF"] = "1" if pdf else "0"
    site_dir = tempfile.mkdtemp(prefix="kookboek-bekijken-")
    overrides: dict[str, Any] = {"site_dir": site_dir}
    if dev_addr:
        overrides["dev_addr"] = dev_addr

    def get_config() -> Any:
        return load_config(str(config_file), **overrides)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = "/"
    serve_url = _serve_url(host, port, mount_path)

    class PreviewServer(LiveReloadServer):
        problem_page: bytes | None = None
        built_once = False

        def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
            path = environ["PATH_INFO"]
            if self.problem_page is not None and _is_page(path):
                with self._epoch_cond:
                    self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                    epoch = self._visible_epoch
                content = self._inject_js_into_html(self.problem_page, epoch)
                start_response(
                    "200 OK",
                    [
                        ("Content-Type", "text/html; charset=utf-8"),
                        ("Content-Length", str(len(content))),
                        ("Cache-Control", "no-store"),
                    ],
                )
                return [content]
            return super()._serve_request(environ, start_response)

    def builder(current: Any = None) -> None:
        started = time.perf_counter()
        problems = _ProblemCollector()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(problems)
        try:
            if current is None:
                current = get_config()
            current.site_url = serve_url
            build(current, serve_url=serve_url, dirty=False)
        except (Abort, MkDocsException) as exc:
            server.problem_page = _problem_page(problems.messages or [str(exc)], command)
            echo(
                "De website kan niet gemaakt worden: zie de fout(en) hierboven, ook in de "
                "browser. Bewaar het verbeterde bestand: de pagina volgt vanzelf."
            )
            return
        finally:
            logger.removeHandler(problems)
        first = not server.built_once
        server.problem_page = None
        server.built_once = True
        if not first:
            seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
            echo(f"Bijgewerkt in {seconds} s.")

    server = PreviewServer(builder=builder, host=host, port=port, root=site_dir)
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        echo(f"Bekijk de website in je browser: {serve_url}")
        echo("Bewaar je een bestand, dan wordt de pagina vanzelf vernieuwd.")
        echo("Stoppen: Ctrl en C tegelijk.")
        try:
            server.serve()
        except KeyboardInterrupt:
            echo("Gestopt.")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _is_page(path: str) -> bool:
    """A request for a page (not an asset, not the reload poll)."""
    if path.startswith("/livereload/"):
        return False
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last


def _problem_page(messages: Iterable[str], command: str) -> bytes:
    from kookboek.site.problem_page import render_problem_page

    return render_problem_page(messages, command).encode("utf-8")
