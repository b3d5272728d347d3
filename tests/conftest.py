"""Shared fixtures: sample content folders, a real static server and Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from project_paths import FIXTURES, REPO

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def valid_project(tmp_path: Path) -> Path:
    """A copy of the small valid project (mkdocs.yml + content/) in ``tmp_path``."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "valid", target, ignore=shutil.ignore_patterns("site"))
    config = target / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("../../../theme", str(REPO / "theme")),
        encoding="utf-8",
    )
    return target


@pytest.fixture
def valid_content(valid_project: Path) -> Path:
    return valid_project / "content"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def serve_directory() -> Iterator[functools.partial[str]]:
    """Serve a folder on 127.0.0.1; call it with the folder, get the base URL back."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(directory: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield functools.partial(start)
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def chromium():  # type: ignore[no-untyped-def]
    """Debian's Chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium ontbreekt: apt-get install chromium (de CI doet dit zelf).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
