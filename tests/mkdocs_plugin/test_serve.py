"""``kookboek serve`` as a coach uses it: a content error is a Dutch page that heals itself."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from live_server import free_port
from sample_project import copy_sample_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@contextmanager
def serving(project: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    kookboek = Path(sys.executable).parent / "kookboek"
    process = subprocess.Popen(
        [str(kookboek), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(process.stdout.read() if process.stdout else "") from None
                time.sleep(0.3)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_a_content_error_is_shown_in_the_browser_and_the_page_reloads_when_fixed(
    tmp_path: Path, chromium
) -> None:  # type: ignore[no-untyped-def]
    project = copy_sample_project(tmp_path / "project")
    recipe = project / "content" / "recepten" / "linzensoep.md"
    good = recipe.read_text(encoding="utf-8")
    recipe.write_text(good.replace("porties: 4", "porties: vier"), encoding="utf-8")
    with serving(project) as (url, process):
        page = chromium.new_page()
        page.goto(url + "recepten/linzensoep/")
        heading = page.locator("h1")
        assert heading.inner_text() == "Er is een probleem in de inhoud"
        problem = page.locator("main li").first.inner_text()
        assert "content/recepten/linzensoep.md:4" in problem
        assert "porties" in problem and "geheel getal" in problem and "'vier'" in problem

        recipe.write_text(good, encoding="utf-8")  # the coach fixes the file and saves it
        page.wait_for_function(
            "document.querySelector('h1') && document.querySelector('h1').innerText"
            " === 'Linzensoep'",
            timeout=60_000,
        )
        assert page.title().startswith("Linzensoep")

        recipe.write_text(good.replace("tijd: 40", "tijd: veertig"), encoding="utf-8")
        page.wait_for_function(
            "document.querySelector('h1').innerText === 'Er is een probleem in de inhoud'",
            timeout=60_000,
        )
        assert "linzensoep.md:5" in page.locator("main li").first.inner_text()
        page.close()
    assert process.stdout is not None
    with process.stdout:  # closed, else the pipe is left for a later test to warn about
        output = process.stdout.read()
    assert "linzensoep.md:4: porties:" in output
    assert "Bekijk de website in je browser" in output
    for english in ("INFO", "Serving on", "Building documentation", "appear stuck"):
        assert english not in output, output
