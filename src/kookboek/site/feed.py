"""The Atom feed (``feed.xml``): the newest recipes and publications, for feed readers.

Atom (RFC 4287) needs absolute addresses: without a ``site_url`` there is no feed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from kookboek.content.models import Publication, Recipe
from kookboek.content.project import Project
from kookboek.pricing.money import format_money
from kookboek.site.pages import document_url

FEED_PATH = "feed.xml"
MAX_ENTRIES = 30
ATOM = "http://www.w3.org/2005/Atom"
_BRUSSELS_WINTER = dt.timezone(dt.timedelta(hours=1))


@dataclass(frozen=True)
class FeedEntry:
    title: str
    url: str
    summary: str
    date: dt.date
    author: str | None = None
    image: str | None = None  # absolute URL of a JPEG


def feed_entries(project: Project, site_url: str, share_images: dict[str, str]) -> list[FeedEntry]:
    """Newest first; ``share_images``: recipe slug → the path of its share image."""
    entries = [_recipe_entry(r, project, site_url, share_images) for r in project.recipes]
    entries += [_publication_entry(p, project, site_url) for p in project.publications]
    entries.sort(key=lambda entry: (entry.date, entry.title), reverse=True)
    return entries[:MAX_ENTRIES]


def _recipe_entry(
    recipe: Recipe, project: Project, site_url: str, share_images: dict[str, str]
) -> FeedEntry:
    cost = project.costs[recipe.slug]
    summary = (
        f"{recipe.description} {format_money(cost.per_portion)} per portie, "
        f"{recipe.portions} porties, {recipe.minutes} minuten."
    )
    image = share_images.get(recipe.slug)
    return FeedEntry(
        title=recipe.title,
        url=site_url + document_url(recipe, project),
        summary=summary,
        date=recipe.date,
        author=recipe.author,
        image=site_url + image if image else None,
    )


def _publication_entry(publication: Publication, project: Project, site_url: str) -> FeedEntry:
    return FeedEntry(
        title=publication.title,
        url=site_url + document_url(publication, project),
        summary=publication.summary,
        # A publication names its year only.
        date=dt.date(publication.year, 1, 1),
        author=publication.project,
    )


def _timestamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(), _BRUSSELS_WINTER).isoformat()


def render_feed(entries: list[FeedEntry], site_url: str, title: str, subtitle: str) -> str:
    """The Atom document; every text is escaped by ElementTree."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "nl-BE"})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = site_url
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    if subtitle:
        ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = subtitle
    newest = max((entry.date for entry in entries), default=dt.date(2000, 1, 1))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(newest)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": site_url})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": site_url + FEED_PATH})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = title
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}id").text = entry.url
        ET.SubElement(item, f"{{{ATOM}}}title").text = entry.title
        ET.SubElement(item, f"{{{ATOM}}}link", {"rel": "alternate", "href": entry.url})
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _timestamp(entry.date)
        ET.SubElement(item, f"{{{ATOM}}}published").text = _timestamp(entry.date)
        ET.SubElement(item, f"{{{ATOM}}}summary").text = entry.summary
        if entry.author:
            who = ET.SubElement(item, f"{{{ATOM}}}author")
            ET.SubElement(who, f"{{{ATOM}}}name").text = entry.author
        if entry.image:
            ET.SubElement(
                item,
                f"{{{ATOM}}}link",
                {"rel": "enclosure", "type": "image/jpeg", "href": entry.image},
            )
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")
