"""The overview's card index: a record per recipe for Pagefind (``search/index.py``,
``CARDS_DIR``). A record holds what the overview's filters choose by (price band, kind,
competences, diets, oven), the recipe's place in each order, and its card as the overview
shows it, so that a filter fetches the cards it shows and nothing else (``kookboek.js``).
"""

from __future__ import annotations

from kookboek.site.pages import ORDERS, OVERVIEW_URL, SiteContext
from kookboek.site.templating import render

#: The relative root of the overview's first page, where the cards of a filter are shown.
OVERVIEW_ROOT = "../" * OVERVIEW_URL.count("/")


def card_records(site: SiteContext) -> dict[str, str]:
    """Every recipe's record, by its path from the site root ('recepten/x/index.html')."""
    places = {
        order: {recipe.slug: place for place, recipe in enumerate(site.in_order(order=order), 1)}
        for order in ORDERS
    }
    records = {}
    for recipe in site.project.recipes:
        records[site.recipe_url(recipe) + "index.html"] = render(
            "site/card_record.html",
            recipe=recipe,
            card=str(site.card_html(recipe, OVERVIEW_ROOT, "h2")),  # str: escaped in there
            cost=site.project.costs[recipe.slug],
            places={order: places[order][recipe.slug] for order in ORDERS},
        )
    return records
