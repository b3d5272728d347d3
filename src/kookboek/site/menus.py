"""The week menu on the site: the page where a visitor makes one, the coach's example menus,
and the data export both sides compute a shopping list from (``pricing/shopping.py``).

The export is fingerprinted, so a browser may keep it as long as it likes: a new price or
recipe gives it a new name. It is what the week-menu page weighs most at a thousand recipes,
so it comes in two parts, both under that name:

- ``weekmenu/gegevens.<hash>.json``: the price list and an index of the recipes (for the
  picker and the menu), fetched once;
- ``weekmenu/gegevens.<hash>/<slug>.json``: one recipe's normalised amounts, fetched only
  for a recipe on the menu (most of the bytes: a menu of seven needs seven small files).

Arrays by position, flat lists of numbers; a recipe's address only when it is not
``recepten/<slug>/``. Amounts are in the base unit of their dimension (g, ml or stuk), with
at most three decimals; prices in cents; a section indexes ``afdelingen``::

    {"winkel": "Colruyt", "prijspeil": "15 oktober 2026",
     "eenheden": {"g": ["g", "g"], ..., "stuk": ["stuk", "stuks"]},
     "basis": {"gewicht": "g", "volume": "ml", "stuk": "stuk"},
     "afdelingen": ["Groenten en fruit", ..., "Andere"],
     "prijzen": [[name, dimension, package, "2 kg", price_cents, section], ...],
     "namen": [name, ...],              # ingredients not bought from the price list
     "soorten": [["soep", "Soepen"], ...],
     "recepten": [[slug, title, cents per portion, soort,
                   address (only when not recepten/<slug>/)], ...]}

    [portions,
     [entry, amount, entry, amount, ...],             # from the price list
     [name, dimension, amount, cents, section, ...],  # with their own price
     [entry or -1, name or -1, section, ...]]         # naar smaak
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from kookboek.content.models import MenuMeal, Recipe, WeekMenu
from kookboek.content.project import Project
from kookboek.content.vocabulary import CATEGORY_NAMES, UNIT_NAMES, WEEKDAY_NAMES
from kookboek.pricing.shopping import (
    THOUSANDTHS,
    MenuData,
    ShoppingList,
    menu_data,
    shopping_list,
)
from kookboek.pricing.units import BASE_UNITS
from kookboek.site.templating import long_date, render

if TYPE_CHECKING:
    from kookboek.site.pages import SiteContext

WEEKMENU_URL = "weekmenu/"
MENUS_URL = "weekmenus/"
RECIPES_URL = "recepten/"
EXPORT_NAME = "weekmenu/gegevens"  # + .<fingerprint>.json, and .<fingerprint>/<slug>.json
DISPLAY_UNITS = ("g", "kg", "ml", "l", "stuk")


def menu_pdf_name(menu: WeekMenu) -> str:
    return f"weekmenu-{menu.slug}.pdf"


def menu_page_url(menu: WeekMenu) -> str:
    return f"{MENUS_URL}{menu.slug}/"


def menu_query(meals: Sequence[MenuMeal]) -> str:
    """The week-menu page with these meals: ``weekmenu/?menu=linzensoep*4,pannenkoeken*6``."""
    return WEEKMENU_URL + "?menu=" + ",".join(f"{m.recipe}*{m.portions}" for m in meals)


def menu_meals(menu: WeekMenu) -> list[tuple[str, int]]:
    return [(meal.recipe, meal.portions) for meal in menu.meals]


def _amount(thousandths: int) -> int | float:
    """An amount in its base unit for JSON: at most three decimals, no needless '.0'."""
    whole, rest = divmod(thousandths, THOUSANDTHS)
    return whole if rest == 0 else thousandths / THOUSANDTHS


@dataclass(frozen=True)
class MenuExport:
    """The normalised data and the JSON files the browser reads it from."""

    data: MenuData
    content: bytes  # the price list and the index of the recipes
    recipes: dict[str, bytes]  # one recipe's amounts, by slug

    @cached_property
    def fingerprint(self) -> str:
        digest = hashlib.sha256(self.content)
        for slug in sorted(self.recipes):
            digest.update(slug.encode() + b"\0" + self.recipes[slug])
        return digest.hexdigest()[:12]

    @property
    def path(self) -> str:
        """Where the index is published, from the site root (its name changes with it)."""
        return f"{EXPORT_NAME}.{self.fingerprint}.json"

    def recipe_path(self, slug: str) -> str:
        return f"{EXPORT_NAME}.{self.fingerprint}/{slug}.json"

    def files(self) -> list[tuple[str, bytes]]:
        """Every file of the export: (path from the site root, content)."""
        found = [(self.path, self.content)]
        found += [(self.recipe_path(slug), content) for slug, content in self.recipes.items()]
        return found


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def build_menu_export(project: Project, url_of: Callable[[Recipe], str]) -> MenuExport:
    data = menu_data(project.prices, project.recipes)
    categories = [c for c in CATEGORY_NAMES if any(r.category == c for r in project.recipes)]
    index: list[list[Any]] = []
    amounts_of: dict[str, bytes] = {}
    for recipe in project.recipes:
        row: list[Any] = [
            recipe.slug,
            recipe.title,
            int(project.costs[recipe.slug].per_portion * 100),
            categories.index(recipe.category),
        ]
        url = url_of(recipe)
        if url != f"{RECIPES_URL}{recipe.slug}/":
            row.append(url)
        index.append(row)
        amounts = data.recipes[recipe.slug]
        packaged = [n for entry, amount in amounts.packaged for n in (entry, _amount(amount))]
        own = [
            n
            for o in amounts.own_priced
            for n in (o.name, o.dimension, _amount(o.amount), o.cents, o.section)
        ]
        to_taste = [
            n
            for t in amounts.to_taste
            for n in (
                -1 if t.entry is None else t.entry,
                -1 if t.name is None else t.name,
                t.section,
            )
        ]
        amounts_of[recipe.slug] = _json([amounts.portions, packaged, own, to_taste])
    document = {
        "winkel": data.shop,
        "prijspeil": long_date(data.price_date),
        "eenheden": {unit: list(UNIT_NAMES[unit]) for unit in DISPLAY_UNITS},
        "basis": BASE_UNITS,
        "afdelingen": list(data.sections),
        "prijzen": [
            [e.name, e.dimension, _amount(e.package), e.package_label, e.price_cents, e.section]
            for e in data.entries
        ],
        "namen": list(data.names),
        "soorten": [[category, CATEGORY_NAMES[category]] for category in categories],
        "recepten": index,
    }
    return MenuExport(data, _json(document), amounts_of)


def menu_shopping(menu: WeekMenu, site: SiteContext) -> ShoppingList:
    return shopping_list(site.menu_export.data, menu_meals(menu))


def render_weekmenu_page(site: SiteContext, root: str) -> str:
    """The page where a visitor makes a menu (weekmenu.js); the example menus below it."""
    examples = [(menu, menu_shopping(menu, site)) for menu in site.project.menus]
    return render(
        "site/weekmenu.html",
        export_url=site.menu_export.path,
        examples=examples,
        menu_page_url=menu_page_url,
        **site.common(root),
    )


def render_menu_page(menu: WeekMenu, site: SiteContext, root: str) -> str:
    """An example menu with its shopping list, computed here: it needs no JavaScript."""
    recipes = {recipe.slug: recipe for recipe in site.project.recipes}
    return render(
        "site/menu.html",
        menu=menu,
        recipes=recipes,
        shopping=menu_shopping(menu, site),
        edit_url=menu_query(menu.meals),
        pdf=site.download_named(menu_pdf_name(menu)),
        weekday_names=WEEKDAY_NAMES,
        **site.common(root),
    )
