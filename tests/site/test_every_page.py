"""Every page of the built sample site fits a phone from 320 px."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from live_server import serving
from project_paths import REPO
from sample_project import build_fixture_site

sys.path.insert(0, str(REPO / "scripts"))
import phone_width  # scripts/ is not a package: found through sys.path
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
