"""HTML for the pages the engine owns, from Jinja2 templates (autoescaped)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date
from markupsafe import Markup

from kookboek.content.models import Ingredient, Recipe
from kookboek.content.project import Project
from kookboek.content.vocabulary import ALLERGEN_NAMES, CATEGORY_NAMES, DIET_NAMES, UNIT_NAMES
from kookboek.pricing.money import LOCALE, format_amount, format_money
from kookboek.pricing.units import format_quantity
from kookboek.site.safe_markdown import Annotator, LinkRewriter, render_markdown


def long_date(value: dt.date) -> str:
    return str(format_date(value, format="long", locale=LOCALE))


def duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} u {rest:02d} min" if rest else f"{hours} u"


def time_parts(recipe: Recipe) -> str:
    """'10 min voorbereiden, 30 min koken': the parts of a recipe's time that it gives."""
    parts = []
    if recipe.prep_minutes:
        parts.append(f"{duration(recipe.prep_minutes)} voorbereiden")
    if recipe.cook_minutes:
        parts.append(f"{duration(recipe.cook_minutes)} koken")
    return ", ".join(parts)


#: The overview's "at most per portion" choices; search files every recipe under the first
#: band its cost per portion fits in ("tot € 1,50"), or above the last.
COST_BANDS = (Decimal("1.00"), Decimal("1.50"), Decimal("2.00"), Decimal("3.00"))


#: The price band of a recipe above the last "at most" choice.
ABOVE_BANDS = "meer"


def price_band(per_portion: Decimal) -> str:
    """The lowest "at most" choice of the filters a recipe fits ('1.50'), or ``ABOVE_BANDS``:
    its price filter in the search and the card index (kookboek.js asks every band up to
    the chosen one)."""
    return next((f"{limit:.2f}" for limit in COST_BANDS if per_portion <= limit), ABOVE_BANDS)


NO_ALLERGENS = "geen van de 14 allergenen die op een etiket moeten staan"
ALLERGENS_UNKNOWN = "nog niet bekend"


def allergen_list(allergens: Sequence[str] | None) -> str:
    """A recipe's allergens as a reader sees them; "none" and "not known" said in words,
    so that a missing list can never be read as "no allergens"."""
    if allergens is None:
        return ALLERGENS_UNKNOWN
    if not allergens:
        return NO_ALLERGENS
    return ", ".join(ALLERGEN_NAMES[allergen].lower() for allergen in allergens)


def quantity(ingredient: Ingredient) -> str:
    if ingredient.to_taste or ingredient.amount is None or ingredient.unit is None:
        return "naar smaak"
    return format_quantity(ingredient.amount, ingredient.unit)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        # Template names keep their stage as a prefix: "site/recipe.html", "print/booklet.html".
        loader=jinja2.PrefixLoader(
            {
                "site": jinja2.PackageLoader("kookboek.site", "templates"),
                "print": jinja2.PackageLoader("kookboek.pdf", "templates"),
            }
        ),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        money=format_money,
        amount=format_amount,
        long_date=long_date,
        duration=duration,
        quantity=quantity,
        time_parts=time_parts,
        allergen_list=allergen_list,
        quantity_of=format_quantity,
        markdown=_markdown_html,
        document_markdown=_document_html,
        price_band=price_band,
    )
    env.globals.update(
        CATEGORY_NAMES=CATEGORY_NAMES,
        DIET_NAMES=DIET_NAMES,
        ALLERGEN_NAMES=ALLERGEN_NAMES,
        UNIT_NAMES=UNIT_NAMES,
    )
    return env


@lru_cache(maxsize=4096)
def _markdown_html(
    text: str, links: LinkRewriter | None = None, annotate: Annotator | None = None
) -> Markup:
    """A recipe body is shown on its page and indexed for search: convert it once per build.

    ``links``: how its links are published on the page (``site/links.py``); ``annotate``:
    attributes added to the tree (cook mode's step data, ``site/cook_mode.py``)."""
    return Markup(render_markdown(text, links=links, annotate=annotate))


@lru_cache(maxsize=1024)
def _document_html(text: str, links: LinkRewriter) -> Markup:
    """A publication's or tool's body: its own pictures (next to its file, found like its
    links) and tables are shown too."""
    return Markup(render_markdown(text, links=links, images=links, tables=True))


def keep_compiled_templates(folder: Path) -> None:
    """Keep the engine's templates compiled in ``folder`` between builds.

    Compiling Jinja templates to Python is a fixed cost of every build; Jinja's own
    bytecode cache checks each template's source, so an edited template compiles again."""
    folder.mkdir(parents=True, exist_ok=True)
    environment().bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


def render(template: str, **context: Any) -> str:
    html = environment().get_template(template).render(**context)
    # No blank lines: the result may pass through Markdown as one raw HTML block.
    return "\n".join(line for line in html.splitlines() if line.strip())


def content_path(recipe: Recipe, relative: str, project: Project) -> str:
    """A file next to a recipe as a path from the content root (= from the site root)."""
    target = (recipe.source.parent / relative).resolve()
    return target.relative_to(project.content_dir.resolve()).as_posix()
