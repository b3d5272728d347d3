"""Share previews and the feed of the built site, as a messaging app and a feed reader see them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from PIL import Image

from sample_project import build_fixture_site

pytestmark = pytest.mark.slow
SITE_URL = "https://example.org/kookboek/"
META = re.compile(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield build_fixture_site(tmp_path_factory.mktemp("delen")) / "site"


def meta(html: str) -> dict[str, str]:
    return dict(META.findall(html))


def test_every_page_has_a_share_preview_with_an_image_of_the_right_size(site: Path) -> None:
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 10
    for page in pages:
        tags = meta(page.read_text(encoding="utf-8"))
        for name in ("og:title", "og:url", "og:image", "twitter:card", "og:image:alt"):
            assert tags.get(name), f"{page}: {name}"
        assert tags["og:url"].startswith(SITE_URL)
        image = tags["og:image"]
        assert image.startswith(SITE_URL + "delen/") and image.endswith(".jpg")
        published = site / image.removeprefix(SITE_URL)
        assert published.is_file(), image
        assert published.stat().st_size <= 300_000
        with Image.open(published) as opened:
            assert (opened.format, opened.size) == ("JPEG", (1200, 630))


def test_a_recipe_shares_its_own_card_with_title_and_cost(site: Path) -> None:
    tags = meta((site / "recepten" / "linzensoep" / "index.html").read_text(encoding="utf-8"))
    assert tags["og:type"] == "article" and tags["og:title"] == "Linzensoep"
    assert tags["og:image"] == SITE_URL + "delen/linzensoep.jpg"
    assert re.fullmatch(
        r"Linzensoep: €\xa0\d+,\d\d per portie · 4 porties · 40 min", tags["og:image:alt"]
    )
    home = meta((site / "index.html").read_text(encoding="utf-8"))
    assert home["og:type"] == "website" and home["og:image"] == SITE_URL + "delen/kookboek.jpg"


def test_the_feed_parses_with_absolute_links_to_real_pages(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Testkookboek" and feed.feed.language == "nl-BE"
    titles = [entry.title for entry in feed.entries]
    assert {"Linzensoep", "Pannenkoeken"} <= set(titles)
    dates = [entry.updated_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)  # newest first
    for entry in feed.entries:
        assert entry.link.startswith(SITE_URL)
        assert (site / entry.link.removeprefix(SITE_URL) / "index.html").is_file(), entry.link
        assert entry.summary
    soup = next(e for e in feed.entries if e.title == "Linzensoep")
    assert "per portie" in soup.summary
    (enclosure,) = soup.enclosures
    assert enclosure.href == SITE_URL + "delen/linzensoep.jpg"
    page = (site / "index.html").read_text(encoding="utf-8")
    link = 'type="application/atom+xml" title="Testkookboek: nieuwe recepten"'
    assert f'{link} href="feed.xml"' in page


def test_a_photo_card_is_drawn_from_the_largest_variant_not_the_original(
    tmp_path: Path,
) -> None:
    # Decoding a phone's 12-megapixel original again was most of a card's time; the
    # 1200-pixel variant is as wide as the card.
    from kookboek.content.project import load_project
    from kookboek.images.cache import ImageCache
    from kookboek.images.responsive import prepare_photos
    from kookboek.site.sharing import planned_share_images
    from sample_project import copy_sample_project

    project = load_project(copy_sample_project(tmp_path / "p", "site_extra") / "content")
    wanted = [(r.slug, r.source.parent / r.photo, r.photo) for r in project.recipes if r.photo]
    photos = prepare_photos(wanted, ImageCache(tmp_path / "cache"))
    planned = {p.url_path: p for p in planned_share_images(project, "Site", "", photos)}
    pictures = planned["delen/pannenkoeken.jpg"].pictures
    variant = next(
        f.source for f in photos["pannenkoeken"].files if f.url_path.endswith("1200.jpg")
    )
    assert pictures == (variant,)
    assert planned["delen/linzensoep.jpg"].pictures[0].suffix == ".svg"  # a drawing as it is
