"""The website's own pages: recipe pages, the filterable overview and the generated pages.

Every function returns the HTML of one article; ``root`` is the relative URL of the site
root as seen from the page, so the site works at any address and under any sub-path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from markupsafe import Markup

from kookboek.content.models import (
    Competence,
    Playbook,
    PolicyRecommendation,
    PriceList,
    Publication,
    Recipe,
)
from kookboek.content.project import RECIPES_DIR, Project
from kookboek.content.vocabulary import CATEGORIES, CATEGORY_NAMES, DIET_NAMES, DIETS
from kookboek.images.responsive import Photo
from kookboek.pricing.cost import RecipeCost
from kookboek.pricing.money import format_money
from kookboek.search.index import CARDS_DIR, engine_version
from kookboek.site.cook_mode import CookSteps
from kookboek.site.downloads import Download, document_pdf_name
from kookboek.site.fragment_cache import FragmentCache
from kookboek.site.links import LinkTargets, body_links, source_uri
from kookboek.site.menus import WEEKMENU_URL, MenuExport, build_menu_export, menu_page_url
from kookboek.site.safe_markdown import LinkRewriter
from kookboek.site.structured_data import (
    item_list_json_ld,
    json_ld_script,
    recipe_json_ld,
    steps,
)
from kookboek.site.templating import COST_BANDS, render
from kookboek.support.hashing import inputs_key

MAX_COST_CHOICES = COST_BANDS
NEWEST_ON_HOME = 3
PRICE_LIST_URL = "prijzen/"
OVERVIEW_URL = f"{RECIPES_DIR}/"
#: Cards on one page of a listing: a phone on prepaid data loads one page, not the whole site.
CARDS_PER_PAGE = 24
#: Where a listing's further pages live: 'recepten/pagina/2/'. No recipe file can take that
#: address ('recepten/pagina.md' is 'recepten/pagina/', its page 2 one folder deeper).
PAGES_FOLDER = "pagina"
#: The orders of the overview's "Sorteren", by their value in the address; the first is the
#: order of every listing. Ties go to the cheaper, then to the title, so the order is fixed.
ORDER_NAMES = {"prijs": "Goedkoopst eerst", "tijd": "Snelst klaar eerst", "nieuw": "Nieuwste eerst"}
ORDERS = tuple(ORDER_NAMES)


def _no_downloads() -> Sequence[Download]:
    return ()


_NO_TARGETS = LinkTargets({})


def _no_links() -> LinkTargets:
    return _NO_TARGETS


@dataclass(frozen=True)
class SiteContext:
    """What the pages need besides the content: where the site lives and its files."""

    project: Project
    site_url: str = ""  # absolute URL of the site root, ending in '/'; '' when unknown
    site_name: str = ""
    photos: Mapping[str, Photo] = field(default_factory=dict)  # by recipe slug
    downloads: Callable[[], Sequence[Download]] = _no_downloads  # read when a page renders
    # Every published file (site/links.py), read when a page renders: the adapter knows
    # them only once every page and file is added.
    links: Callable[[], LinkTargets] = _no_links
    fragment_file: Path | None = None  # where rendered HTML is kept for the next build
    fragments: FragmentCache = field(init=False, repr=False)
    _cards: dict[tuple[str, str, str], Markup] = field(default_factory=dict, repr=False)
    _recipe_inputs: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # What every recipe fragment depends on besides the recipe and its photo.
        project = self.project
        shared = [
            project.prices.model_dump_json(),
            *(competence.model_dump_json() for competence in project.competences),
            str(project.content_dir),
            self.site_url,
            self.site_name,
        ]
        object.__setattr__(self, "fragments", FragmentCache(self.fragment_file, shared))

    def recipe_inputs(self, recipe: Recipe) -> str:
        """A hash of one recipe's own inputs: its file's content (frontmatter and body), its
        place in the content folder and its published photo."""
        key = self._recipe_inputs.get(recipe.slug)
        if key is None:
            photo = self.photos.get(recipe.slug)
            # The dump leaves out slug, source and body (excluded fields): name them.
            own = [recipe.model_dump_json(), recipe.slug, str(recipe.source), recipe.body]
            key = inputs_key([*own, repr(photo)])
            self._recipe_inputs[recipe.slug] = key
        return key

    def listing(self, parts: Sequence[str], root: str, render_page: Callable[[], str]) -> str:
        """A page made from the recipes (an overview, a competence, a category): rendered
        again only when a recipe, the prices, the competences or the engine changed."""
        return self.fragments.render(["listing", *parts, root, self.all_recipe_inputs], render_page)

    @cached_property
    def all_recipe_inputs(self) -> str:
        """A hash of every recipe's inputs: what a listing page is made from."""
        return inputs_key([self.recipe_inputs(r) for r in self.project.recipes])

    @cached_property
    def menu_export(self) -> MenuExport:
        """The data the week-menu pages compute their shopping lists from (site/menus.py)."""
        return build_menu_export(self.project, self.recipe_url)

    def page_links(self, source: Path, root: str) -> LinkRewriter:
        """How the links in the Markdown of ``source`` work on its page."""
        return self.links().for_page(source_uri(source, self.project.content_dir), root)

    def links_key(self, body: str) -> str:
        """What a body's rendered links depend on: the published files, if it has links."""
        return self.links().key if body_links(body) else ""

    def absolute(self, path: str) -> str:
        return self.site_url + path if self.site_url else "/" + path

    def recipe_url(self, recipe: Recipe) -> str:
        return document_url(recipe, self.project)

    def newest(self, count: int | None = None) -> list[Recipe]:
        recipes = sorted(self.project.recipes, key=lambda r: (r.date, r.title), reverse=True)
        return recipes[:count] if count is not None else recipes

    def in_order(
        self, recipes: Sequence[Recipe] | None = None, order: str = "prijs"
    ) -> list[Recipe]:
        """``recipes`` (all by default) in one of the ``ORDERS``: cheapest first, quickest
        first or newest first. The overview's filters show the same orders (kookboek.js)."""
        chosen = self.project.recipes if recipes is None else recipes
        return sorted(chosen, key=self._order_keys[order])

    @cached_property
    def _order_keys(self) -> dict[str, Callable[[Recipe], tuple[Any, ...]]]:
        costs = self.project.costs

        def cost(recipe: Recipe) -> Decimal:
            return costs[recipe.slug].per_portion

        return {
            "prijs": lambda r: (cost(r), r.minutes, r.title),
            "tijd": lambda r: (r.minutes, cost(r), r.title),
            "nieuw": lambda r: (-r.date.toordinal(), cost(r), r.title),
        }

    def card_html(self, recipe: Recipe, root: str, heading: str) -> Markup:
        """The card of a recipe on the overview, competence, category and home pages."""
        key = (recipe.slug, root, heading)
        html = self._cards.get(key)
        if html is None:
            made = self.fragments.render(
                ["card", self.recipe_inputs(recipe), root, heading],
                lambda: render(
                    "site/card.html",
                    recipe=recipe,
                    site=self,
                    root=root,
                    heading=heading,
                    menu_page=WEEKMENU_URL,
                ),
            )
            # Our own autoescaped template made it, in this build or an earlier one.
            html = self._cards[key] = Markup(made)
        return html

    def download_named(self, name: str) -> Download | None:
        return next((d for d in self.downloads() if d.name == name), None)

    def common(self, root: str) -> dict[str, Any]:
        """Template variables every page gets."""
        return {
            "root": root,
            "site": self,
            "project": self.project,
            "costs": self.project.costs,
            "photos": self.photos,
            "competence_by_id": self.project.competence_by_id,
            "price_list_url": PRICE_LIST_URL,
        }


def document_url(document: Recipe | Publication, project: Project) -> str:
    """The page of a content file, from the site root: 'recepten/linzensoep/'."""
    return _page_url(document.source, project.content_dir)


@cache
def _page_url(source: Path, content_dir: Path) -> str:
    # Sources were found below content_dir, so a plain relative_to works; resolving every
    # path on every link was a measurable part of a 1,000-recipe build.
    try:
        relative = source.relative_to(content_dir)
    except ValueError:
        relative = source.resolve().relative_to(content_dir.resolve())
    return relative.with_suffix("").as_posix() + "/"


def competence_url(competence_id: str) -> str:
    return f"competenties/{competence_id}/"


def category_url(category: str) -> str:
    return f"soorten/{category}/"


def used_categories(project: Project) -> list[str]:
    used = {r.category for r in project.recipes}
    return [c for c in CATEGORIES if c in used]


def used_competences(project: Project) -> list[Competence]:
    used = {c for r in project.recipes for c in r.competences}
    return [c for c in project.competences if c.id in used]


def used_diets(project: Project) -> list[str]:
    used = {d for r in project.recipes for d in r.diets}
    return [d for d in DIETS if d in used]


def render_recipe_page(recipe: Recipe, site: SiteContext, root: str) -> str:
    """The article of a recipe's page (from an earlier build when nothing it shows changed)."""
    return site.fragments.render(
        ["recipe", site.recipe_inputs(recipe), root, site.links_key(recipe.body)],
        lambda: _recipe_article(recipe, site, root),
    )


def _recipe_article(recipe: Recipe, site: SiteContext, root: str) -> str:
    project = site.project
    cost = project.costs[recipe.slug]
    competences = [project.competence_by_id[c] for c in recipe.competences]
    photo = site.photos.get(recipe.slug)
    page_url = site.absolute(site.recipe_url(recipe))
    data = recipe_json_ld(
        recipe,
        cost,
        page_url=page_url,
        image_urls=[site.absolute(url) for url in photo.all_urls()] if photo else [],
        competence_names=[c.name for c in competences],
        publisher=site.site_name or "Betaalbaar koken",
    )
    return recipe_article(
        recipe,
        cost,
        competences,
        project.prices,
        root,
        photo,
        json_ld_script(data),
        links=site.page_links(recipe.source, root),
        share_url=page_url if site.site_url else "",
        menu_page=WEEKMENU_URL,
    )


def recipe_article(
    recipe: Recipe,
    cost: RecipeCost,
    competences: Sequence[Competence],
    prices: PriceList,
    root: str,
    photo: Photo | None = None,
    json_ld: Markup | None = None,
    links: LinkRewriter | None = None,
    share_url: str | None = None,
    menu_page: str = "",
) -> str:
    """A recipe's article as the public page shows it: also the form's and /beheer's preview.

    ``links``: how links in its text are published (left as written when None).
    ``share_url``: the page's address for the share buttons ('' when the site's address is not
    known: the browser's then); None, as in a preview, shows no share buttons.
    ``menu_page``: the week-menu page, for "Zet op mijn weekmenu" (not in a preview)."""
    return render(
        "site/recipe.html",
        links=links,
        menu_page=menu_page,
        recipe=recipe,
        cost=cost,
        competences=competences,
        prices=prices,
        photo=photo,
        json_ld=json_ld or "",
        competence_url=competence_url,
        category_url=category_url,
        price_list_url=PRICE_LIST_URL,
        root=root,
        share_url=share_url,
        cook_steps=CookSteps.for_recipe(recipe, prices),
        has_steps=bool(steps(recipe.body)),
    )


@dataclass(frozen=True)
class ListingPage:
    """One page of a listing of recipes (the overview, a kind, a competence): its cards and
    the way to the listing's other pages."""

    base: str  # the listing's first page, from the site root: 'recepten/'
    number: int  # from 1
    count: int  # the listing's pages
    recipes: Sequence[Recipe]  # the cards of this page
    first: int  # the place of this page's first card in the whole listing, from 1
    total: int  # recipes in the whole listing

    @property
    def last(self) -> int:
        return self.first + len(self.recipes) - 1

    def url(self, number: int) -> str:
        return listing_page_url(self.base, number)

    def numbers(self) -> list[int | None]:
        """The page numbers to link to: the first, the last and two on either side of this
        one; ``None`` where numbers are left out (shown as "…")."""
        near = {1, self.count, *range(self.number - 2, self.number + 3)}
        shown = sorted(n for n in near if 1 <= n <= self.count)
        numbers: list[int | None] = []
        previous = 0
        for n in shown:
            if n - previous == 2:  # one number left out: show it rather than "…"
                numbers.append(n - 1)
            elif n - previous > 2:
                numbers.append(None)
            numbers.append(n)
            previous = n
        return numbers


def page_count(recipes: int) -> int:
    """How many pages a listing of ``recipes`` has (one when it is empty)."""
    return max(1, -(-recipes // CARDS_PER_PAGE))


def listing_page_url(base: str, number: int) -> str:
    """Page ``number`` of the listing whose first page is ``base``: 'recepten/pagina/2/'."""
    return base if number == 1 else f"{base}{PAGES_FOLDER}/{number}/"


def listing_page_source(base: str, number: int) -> str:
    """Where a further page of a listing stands in the content folder (``number`` > 1)."""
    return f"{base}{PAGES_FOLDER}/{number}.md"


def listing_page(recipes: Sequence[Recipe], base: str, number: int) -> ListingPage:
    start = (number - 1) * CARDS_PER_PAGE
    return ListingPage(
        base=base,
        number=number,
        count=page_count(len(recipes)),
        recipes=recipes[start : start + CARDS_PER_PAGE],
        first=start + 1,
        total=len(recipes),
    )


def overview_page_count(project: Project) -> int:
    return page_count(len(project.recipes))


def competence_recipes(project: Project, competence_id: str) -> list[Recipe]:
    return [r for r in project.recipes if competence_id in r.competences]


def category_recipes(project: Project, category: str) -> list[Recipe]:
    return [r for r in project.recipes if r.category == category]


@dataclass(frozen=True)
class Choice:
    value: str  # in the address and the index: '1.50', 'soep'
    name: str
    count: int | None  # the recipes it shows; None where a script counts (the search page)


@dataclass(frozen=True)
class FilterField:
    """One of the filters of the overview and the search page; the same names in the
    address, the same values in the indexes (site/_filters.html)."""

    name: str  # in the address: 'soort'
    label: str
    everything: str  # the choice that filters nothing ('' for a tick box)
    choices: Sequence[Choice]

    @property
    def is_check(self) -> bool:
        return not self.everything


def filter_fields(project: Project, counted: bool = True) -> list[FilterField]:
    """The filters over ``project``'s recipes; ``counted``: each choice with how many
    recipes it shows (every recipe counted, whatever else is chosen)."""
    recipes = project.recipes
    cost = {r.slug: project.costs[r.slug].per_portion for r in recipes}

    def choice(value: str, name: str, fits: Callable[[Recipe], bool]) -> Choice:
        return Choice(value, name, sum(1 for r in recipes if fits(r)) if counted else None)

    def at_most(limit: Decimal) -> Callable[[Recipe], bool]:
        return lambda recipe: cost[recipe.slug] <= limit

    def of_kind(category: str) -> Callable[[Recipe], bool]:
        return lambda recipe: recipe.category == category

    def practises(competence: str) -> Callable[[Recipe], bool]:
        return lambda recipe: competence in recipe.competences

    def suits(diet: str) -> Callable[[Recipe], bool]:
        return lambda recipe: diet in recipe.diets

    fields = [
        FilterField(
            "max",
            "Hoogstens per portie",
            "Alle prijzen",
            [
                choice(f"{limit:.2f}", f"tot {format_money(limit)}", at_most(limit))
                for limit in MAX_COST_CHOICES
            ],
        ),
        FilterField(
            "soort",
            "Soort gerecht",
            "Alle soorten",
            [choice(c, CATEGORY_NAMES[c], of_kind(c)) for c in used_categories(project)],
        ),
        FilterField(
            "competentie",
            "Wat wil je oefenen?",
            "Alle competenties",
            [choice(c.id, c.name, practises(c.id)) for c in used_competences(project)],
        ),
    ]
    diets = used_diets(project)
    if diets:
        fields.append(
            FilterField(
                "dieet",
                "Dieet",
                "Alles",
                [choice(d, DIET_NAMES[d], suits(d)) for d in diets],
            )
        )
    oven = choice("1", "Zonder oven", lambda r: not r.needs_oven)
    fields.append(FilterField("zonder-oven", "Zonder oven", "", [oven]))
    return fields


def render_overview(site: SiteContext, root: str, number: int = 1) -> str:
    return site.listing(["overview", str(number)], root, lambda: _overview(site, root, number))


def _overview(site: SiteContext, root: str, number: int) -> str:
    project = site.project
    page = listing_page(site.in_order(), OVERVIEW_URL, number)
    first = page.first
    items = [(r.title, site.absolute(site.recipe_url(r))) for r in page.recipes]
    return render(
        "site/overview.html",
        page=page,
        choices=filter_fields(project) if number == 1 else [],
        categories=used_categories(project),
        competences=used_competences(project),
        orders=ORDER_NAMES,
        cards_index=f"{CARDS_DIR}/pagefind.js?v={engine_version()}",
        json_ld=json_ld_script(item_list_json_ld(items, first=first)),
        category_url=category_url,
        competence_url=competence_url,
        **site.common(root),
    )


def render_competence_index(site: SiteContext, root: str) -> str:
    return site.listing(["competences"], root, lambda: _competence_index(site, root))


def _competence_index(site: SiteContext, root: str) -> str:
    counts = {
        c.id: sum(1 for r in site.project.recipes if c.id in r.competences)
        for c in site.project.competences
    }
    return render(
        "site/competences.html",
        competences=site.project.competences,
        counts=counts,
        competence_url=competence_url,
        **site.common(root),
    )


def render_competence_page(
    competence: Competence, site: SiteContext, root: str, number: int = 1
) -> str:
    return site.listing(
        ["competence", competence.id, str(number)],
        root,
        lambda: _competence_page(competence, site, root, number),
    )


def _competence_page(competence: Competence, site: SiteContext, root: str, number: int) -> str:
    recipes = site.in_order(competence_recipes(site.project, competence.id))
    return render(
        "site/competence.html",
        competence=competence,
        page=listing_page(recipes, competence_url(competence.id), number),
        competence_url=competence_url,
        **site.common(root),
    )


def render_category_page(category: str, site: SiteContext, root: str, number: int = 1) -> str:
    return site.listing(
        ["category", category, str(number)],
        root,
        lambda: _category_page(category, site, root, number),
    )


def _category_page(category: str, site: SiteContext, root: str, number: int) -> str:
    recipes = site.in_order(category_recipes(site.project, category))
    return render(
        "site/category.html",
        category=category,
        page=listing_page(recipes, category_url(category), number),
        categories=used_categories(site.project),
        category_url=category_url,
        **site.common(root),
    )


def render_price_list(site: SiteContext, root: str) -> str:
    return site.listing(["prices"], root, lambda: _price_list(site, root))


def _price_list(site: SiteContext, root: str) -> str:
    entries = sorted(site.project.prices.entries, key=lambda e: e.name.casefold())
    return render(
        "site/price_list.html", prices=site.project.prices, entries=entries, **site.common(root)
    )


def render_price_list_search_text(site: SiteContext) -> str:
    """The price list as search shows it: each ingredient in words that read as the table."""
    return site.listing(["prices-search"], "", lambda: _price_list_search_text(site))


def _price_list_search_text(site: SiteContext) -> str:
    entries = sorted(site.project.prices.entries, key=lambda e: e.name.casefold())
    return render("site/price_list_search.html", prices=site.project.prices, entries=entries)


def render_document_page(document: Publication, site: SiteContext, root: str) -> str:
    """A publication, a draaiboek or a beleidsaanbeveling, each with its own template."""
    if isinstance(document, PolicyRecommendation):
        template = "site/recommendation.html"
    elif isinstance(document, Playbook):
        template = "site/playbook.html"
    else:
        template = "site/publication.html"
    return render(
        template,
        document=document,
        pdf=site.download_named(document_pdf_name(document.slug)),
        links=site.page_links(document.source, root),
        **site.common(root),
    )


def render_tools(site: SiteContext, root: str) -> str:
    return render("site/tools.html", url=site_url_of(site), **site.common(root))


def render_publications(site: SiteContext, root: str) -> str:
    publications = sorted(site.project.publications, key=lambda p: (-p.year, p.title))
    return render(
        "site/publications.html",
        publications=publications,
        url=site_url_of(site),
        **site.common(root),
    )


def render_downloads(site: SiteContext, root: str) -> str:
    groups: dict[str, list[Download]] = {}
    for download in site.downloads():
        if download.path.is_file():  # never pretend a file exists
            groups.setdefault(download.group, []).append(download)
    return render("site/downloads.html", groups=groups, **site.common(root))


def render_home_additions(site: SiteContext, root: str) -> str:
    """The blocks under the hand-written home page: newest recipes, quick links, downloads."""
    return render(
        "site/home.html",
        recipes=site.newest(NEWEST_ON_HOME),
        has_downloads=any(d.path.is_file() for d in site.downloads()),
        menu_page_url=menu_page_url,
        weekmenu_url=WEEKMENU_URL,
        category_url=category_url,
        competence_url=competence_url,
        **site.common(root),
    )


def render_home_page(html: str, site: SiteContext, root: str) -> str:
    """The hand-written home page with the engine's blocks: quick links to the recipes right
    after its first paragraph (on a phone a visitor should not scroll to find a recipe), the
    newest recipes and the booklet below it."""
    quick = render("site/home_quick_links.html", root=root)
    end = html.find("</p>")
    if end == -1:
        html = quick + html
    else:
        end += len("</p>")
        html = html[:end] + quick + html[end:]
    return html + render_home_additions(site, root)


def site_url_of(site: SiteContext) -> Callable[[Recipe | Publication], str]:
    return lambda document: document_url(document, site.project)
