"""A built fixture site for the website tests: the valid project plus photos and an oven recipe."""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from project_paths import FIXTURES, REPO

SUB_PATH = "kookboek"  # the fixture's site_url is https://example.org/kookboek/


def build_fixture_site(target: Path) -> Path:
    """Copy the valid project (+ ``site_extra``) to ``target`` and build it; return the project."""
    from kookboek.mkdocs_plugin.run import build_site

    project = target / "project"
    shutil.copytree(FIXTURES / "valid", project, ignore=shutil.ignore_patterns("site"))
    shutil.copytree(FIXTURES / "site_extra", project, dirs_exist_ok=True)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("../../../theme", str(REPO / "theme")),
        encoding="utf-8",
    )
    build_site(config, pdf=False)
    return project


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_under_sub_path(site_dir: Path, root: Path) -> Iterator[str]:
    """Serve ``site_dir`` at http://127.0.0.1:PORT/kookboek/ (as under a real sub-path)."""
    (root / SUB_PATH).symlink_to(site_dir, target_is_directory=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/{SUB_PATH}/"
    finally:
        server.shutdown()
        server.server_close()
