"""Shared fixtures: sample content folders, a real static server and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from live_server import serving
from sample_project import copy_sample_project

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
    return copy_sample_project(tmp_path / "project")


@pytest.fixture
def valid_content(valid_project: Path) -> Path:
    return valid_project / "content"


@pytest.fixture
def serve_directory() -> Iterator[Callable[[Path], str]]:
    """Serve a folder on 127.0.0.1; call it with the folder, get the base URL back."""
    with ExitStack() as stack:
        yield lambda directory: stack.enter_context(serving(directory))


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


@pytest.fixture
def chromium_profile(chromium: Any, tmp_path: Path) -> Iterator[Any]:
    """A Chromium context with a profile on disk, not incognito (installing a site to the
    home screen is refused in an incognito window)."""
    context = chromium.browser_type.launch_persistent_context(
        tmp_path / "profiel", executable_path=CHROMIUM, args=CHROMIUM_ARGS
    )
    yield context
    context.close()


@pytest.fixture(
    scope="session",
    params=[
        pytest.param("webkit", marks=[pytest.mark.webkit, pytest.mark.browser]),
        pytest.param("firefox", marks=[pytest.mark.firefox, pytest.mark.browser]),
    ],
)
def engine(request: pytest.FixtureRequest) -> Iterator[Any]:
    """WebKitGTK or Firefox ESR (Debian's), one at a time: pytest runs every test of one
    engine, closes it, then starts the other (tests/engines.py)."""
    from engines import EngineError, start

    try:
        started = start(request.param)
    except EngineError as error:
        pytest.fail(str(error))
    yield started
    started.close()
