"""Every page of the built sample site: it fits a phone from 320 px, it is valid HTML (the W3C
Nu checker) and it has no WCAG 2 AA error (HTML_CodeSniffer, the checker pa11y runs)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_checks import htmlcs_errors
from live_server import serving
from project_paths import REPO
from sample_project import build_fixture_site

sys.path.insert(0, str(REPO / "scripts"))
import check_html  # scripts/ is not a package: found through sys.path
import phone_width
from site_server import site_pages

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("every-page")) / "site"


@pytest.fixture(scope="module")
def pages(site: Path) -> list[str]:
    found = site_pages(site)
    # a recipe with "2 eetlepels volkorenhavervlokken", tiles, the price list, a Markdown
    # table with a code block and a long address: what used to be too wide
    for page in ["recepten/appelcrumble/", "competenties/", "prijzen/", "handleiding/"]:
        assert page in found
    assert len(found) >= 20
    return found


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serving(site) as url:
        yield url


@pytest.mark.browser
def test_every_page_fits_a_phone_without_sideways_scrolling(
    chromium: Any, pages: list[str], base_url: str
) -> None:
    found = phone_width.overflow_problems(chromium, base_url, pages, (320, 360))
    problems = [
        f"/{page} @ {width} px: {problem}"
        for width, by_page in found.items()
        for page, page_problems in by_page.items()
        for problem in page_problems
    ]
    assert problems == []
    assert sorted(found) == [320, 360]


def test_every_page_is_valid_html(site: Path, pages: list[str]) -> None:
    files = sorted(site.rglob("*.html"))
    assert len(files) == len(pages)
    try:
        errors = check_html.nu_errors(files)
    except check_html.CheckerMissing as missing:
        pytest.fail(str(missing))
    assert errors == []


def test_the_nu_checker_reports_an_invalid_page(tmp_path: Path) -> None:
    page = tmp_path / "kapot.html"
    page.write_text(
        '<!doctype html><html lang="nl"><title>x</title><span aria-label="geen kost">–</span>',
        encoding="utf-8",
    )
    try:
        errors = check_html.nu_errors([page])
    except check_html.CheckerMissing as missing:
        pytest.fail(str(missing))
    assert len(errors) == 1
    assert errors[0].startswith(f"{page}:1: The “aria-label” attribute must not be specified")


@pytest.mark.browser
def test_every_page_passes_html_codesniffer(chromium: Any, pages: list[str], base_url: str) -> None:
    context = chromium.new_context(viewport={"width": 360, "height": 800}, locale="nl-BE")
    problems: list[str] = []
    try:
        tab = context.new_page()
        for path in pages:
            tab.goto(base_url + path, wait_until="load")
            problems.extend(f"/{path}: {error}" for error in htmlcs_errors(tab))
    finally:
        context.close()
    assert problems == []
