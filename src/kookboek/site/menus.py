"""The week menu on the site: the page where a visitor makes one, the coach's example menus,
and the data export both sides compute a shopping list from (``pricing/shopping.py``).

The export is one JSON file with a fingerprint in its name (``weekmenu/gegevens.<hash>.json``):
a new price or recipe gives a new name, so a browser may keep the file as long as it likes.
Its shape (amounts in the base unit of their dimension, g, ml or stuk; prices in cents)::

    {"winkel": "Colruyt", "prijspeil": "15 oktober 2026",
     "eenheden": {"g": ["g", "g"], ..., "stuk": ["stuk", "stuks"]},
     "afdelingen": ["Groenten en fruit", ..., "Andere"],
     "prijzen": [[name, dimension, package, "2 kg", price_cents, section], ...],
     "namen": [name, ...],                      # ingredients not bought from the price list
     "soorten": {"soep": "Soepen", ...},
     "recepten": {slug: {"titel": ..., "url": "recepten/x/", "soort": "soep",
                         "porties": 4, "portie": cents per portion,
                         "p": [[entry, amount], ...],                  # from the price list
                         "e": [[name, dimension, amount, cents, section], ...],  # own price
                         "n": [[entry or -1, name or -1, section], ...]}}}       # naar smaak
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
EXPORT_NAME = "weekmenu/gegevens.{fingerprint}.json"
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
    """The normalised data and the JSON file the browser reads it from."""

    data: MenuData
    content: bytes

    @cached_property
    def path(self) -> str:
        """Where the file is published, from the site root (its name changes with it)."""
        fingerprint = hashlib.sha256(self.content).hexdigest()[:12]
        return EXPORT_NAME.format(fingerprint=fingerprint)


def build_menu_export(project: Project, url_of: Callable[[Recipe], str]) -> MenuExport:
    data = menu_data(project.prices, project.recipes)
    recipes: dict[str, Any] = {}
    for recipe in project.recipes:
        amounts = data.recipes[recipe.slug]
        item: dict[str, Any] = {
            "titel": recipe.title,
            "url": url_of(recipe),
            "soort": recipe.category,
            "porties": amounts.portions,
            "portie": int(project.costs[recipe.slug].per_portion * 100),
            "p": [[entry, _amount(amount)] for entry, amount in amounts.packaged],
        }
        if amounts.own_priced:
            item["e"] = [
                [line.name, line.dimension, _amount(line.amount), line.cents, line.section]
                for line in amounts.own_priced
            ]
        if amounts.to_taste:
            item["n"] = [
                [-1 if t.entry is None else t.entry, -1 if t.name is None else t.name, t.section]
                for t in amounts.to_taste
            ]
        recipes[recipe.slug] = item
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
        "soorten": {
            category: CATEGORY_NAMES[category]
            for category in CATEGORY_NAMES
            if any(r.category == category for r in project.recipes)
        },
        "recepten": recipes,
    }
    content = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    return MenuExport(data, content)


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
