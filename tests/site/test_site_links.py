"""Every internal link and every referenced file of the built sample site exists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from link_checks import broken_links
from sample_project import build_fixture_site

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield build_fixture_site(tmp_path_factory.mktemp("links")) / "site"


SITE_PATH = "/kookboek/"  # the path of the fixture's site_url: 404.html links from there


def test_every_internal_link_and_asset_of_the_site_exists(site: Path) -> None:
    assert len(list(site.rglob("*.html"))) >= 19
    broken, checked = broken_links(site, SITE_PATH)
    assert broken == [], "\n".join(broken)
    assert checked > 400
