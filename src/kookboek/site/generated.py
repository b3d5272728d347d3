"""Pages the engine generates from the content: overviews, the downloads page, the week menus;
and the files it publishes beside them (the week menus' data export)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from markupsafe import escape

from kookboek.content.project import Project
from kookboek.content.vocabulary import CATEGORY_NAMES
from kookboek.site.downloads import Download
from kookboek.site.menus import MENUS_URL, render_menu_page, render_weekmenu_page
from kookboek.site.offline import OFFLINE_SOURCE, render_offline_page
from kookboek.site.pages import (
    OVERVIEW_URL,
    SiteContext,
    category_recipes,
    category_url,
    competence_recipes,
    competence_url,
    listing_page_source,
    overview_page_count,
    page_count,
    render_category_page,
    render_competence_index,
    render_competence_page,
    render_downloads,
    render_overview,
    render_price_list,
    render_price_list_search_text,
    render_publications,
    render_tools,
    used_categories,
)
from kookboek.site.search_page import SEARCH_SOURCE, render_search_page


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where the page would stand in content/, e.g. 'recepten/index.md'
    title: str
    render: Callable[[str], str]  # relative site root → article HTML
    replaces_source: bool = False
    description: str = ""  # for <meta name="description">
    fully_searchable: bool = False  # else search indexes only the title and description
    # What search indexes instead, when the page's own HTML would read wrong there (a
    # table's cells run together in a search result): HTML of headings, paragraphs, lists.
    words: Callable[[], str] | None = None
    # False: not to be found by searching: left out of the site's search, of the sitemap and of
    # search engines (noindex). The offline page: only the service worker shows it.
    searched: bool = True

    def search_text(self) -> str:
        """A listing repeats the titles of pages that are indexed themselves: index its gist."""
        if self.words is not None:
            return self.words()
        return f"<h1>{escape(self.title)}</h1>\n<p>{escape(self.description)}</p>"


def home_search_text(site_name: str, site_description: str) -> str:
    """What search indexes of the home page: its newest recipes are found as themselves."""
    return f"<h1>{escape(site_name)}</h1>\n<p>{escape(site_description)}</p>"


@dataclass(frozen=True)
class GeneratedFile:
    """A file that is no page, published as it is: ``src_uri`` is its path from the site root."""

    src_uri: str
    content: bytes


def generated_files(site: SiteContext) -> list[GeneratedFile]:
    """The week menus' data export: an index and one small file per recipe."""
    return [GeneratedFile(path, content) for path, content in site.menu_export.files()]


def generated_pages(
    project: Project, downloads: Sequence[Download] = (), site: SiteContext | None = None
) -> list[GeneratedPage]:
    """Every generated page; ``site`` adds photos, the site URL and late-filled downloads."""
    if site is None:
        site = SiteContext(project, downloads=lambda: downloads)
    pages = [
        GeneratedPage(
            "recepten/index.md",
            "Recepten",
            partial(render_overview, site),
            description="Betaalbare recepten om te filteren op prijs per portie en soort.",
        ),
        GeneratedPage("tools/index.md", "Tools", partial(render_tools, site)),
        GeneratedPage("publicaties/index.md", "Publicaties", partial(render_publications, site)),
        GeneratedPage("downloads.md", "Downloads", partial(render_downloads, site)),
        GeneratedPage(
            "prijzen.md",
            "Prijslijst",
            partial(render_price_list, site),
            description="De prijzen waarmee de kostprijs van elk recept berekend is.",
            words=partial(render_price_list_search_text, site),
        ),
        GeneratedPage(
            "competenties/index.md", "Competenties", partial(render_competence_index, site)
        ),
        GeneratedPage(
            SEARCH_SOURCE,
            "Zoeken",
            partial(render_search_page, site),
            description="Zoek een recept op naam, ingrediënt of woord.",
            searched=False,
        ),
        GeneratedPage(
            OFFLINE_SOURCE,
            "Offline",
            partial(render_offline_page, site),
            description="Wat je zonder internet kunt bekijken.",
            searched=False,
        ),
    ]
    pages.append(
        GeneratedPage(
            "weekmenu.md",
            "Weekmenu",
            partial(render_weekmenu_page, site),
            description="Kies recepten voor een week en zie wat je betaalt aan de kassa.",
        )
    )
    for menu in project.menus:
        pages.append(
            GeneratedPage(
                f"{MENUS_URL}{menu.slug}.md",
                menu.title,
                partial(render_menu_page, menu, site),
                description=menu.description,
            )
        )
    for competence in project.competences:
        pages.append(
            GeneratedPage(
                f"competenties/{competence.id}.md",
                competence.name,
                partial(render_competence_page, competence, site),
                description=competence.explanation,
            )
        )
    for category in used_categories(project):
        pages.append(
            GeneratedPage(
                f"soorten/{category}.md",
                CATEGORY_NAMES[category],
                partial(render_category_page, category, site),
            )
        )
    pages.extend(_further_pages(project, site))
    return pages


def _further_pages(project: Project, site: SiteContext) -> list[GeneratedPage]:
    """The second and later pages of the listings: reached by their numbers, not searched
    (their recipes are found as themselves)."""
    listings: list[tuple[str, str, int, Callable[..., str]]] = [
        (OVERVIEW_URL, "Recepten", overview_page_count(project), partial(render_overview, site))
    ]
    for competence in project.competences:
        recipes = competence_recipes(project, competence.id)
        renders = partial(render_competence_page, competence, site)
        listings.append(
            (competence_url(competence.id), competence.name, page_count(len(recipes)), renders)
        )
    for category in used_categories(project):
        recipes = category_recipes(project, category)
        renders = partial(render_category_page, category, site)
        listings.append(
            (category_url(category), CATEGORY_NAMES[category], page_count(len(recipes)), renders)
        )
    return [
        GeneratedPage(
            listing_page_source(base, number),
            f"{title}, pagina {number}",
            partial(renders, number=number),
            searched=False,
        )
        for base, title, count, renders in listings
        for number in range(2, count + 1)
    ]
