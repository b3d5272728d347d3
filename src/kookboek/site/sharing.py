"""What a page shows when it is shared: its share image and the words of its preview."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kookboek.content.models import Recipe
from kookboek.content.project import Project
from kookboek.images.responsive import Photo
from kookboek.images.share import ShareCard
from kookboek.pricing.money import format_money
from kookboek.site.templating import duration

SHARE_DIR = "delen"
SITE_CARD = f"{SHARE_DIR}/kookboek.jpg"
SITE_CARD_PICTURES = 3


@dataclass(frozen=True)
class PlannedShareImage:
    url_path: str  # where it is published, from the site root
    pictures: tuple[Path, ...]
    card: ShareCard
    alt: str


def recipe_share_path(recipe: Recipe) -> str:
    return f"{SHARE_DIR}/{recipe.slug}.jpg"


def planned_share_images(
    project: Project,
    site_name: str,
    site_description: str,
    photos: Mapping[str, Photo] | None = None,
) -> list[PlannedShareImage]:
    """One card per recipe, and one for the site (the newest recipes' pictures side by side).

    ``photos``: the recipes' published photos by slug. A card is drawn from the largest
    variant (1200 pixels wide, as wide as the card) rather than the original: decoding a
    phone's 12-megapixel photo again took most of the time of a card."""
    known = photos or {}
    planned = [_recipe_card(recipe, project, site_name, known) for recipe in project.recipes]
    newest = sorted(
        (r for r in project.recipes if r.photo), key=lambda r: (r.date, r.slug), reverse=True
    )
    pictures = tuple(_picture(r, known) for r in newest[:SITE_CARD_PICTURES])
    planned.append(
        PlannedShareImage(
            SITE_CARD,
            pictures,
            ShareCard(site_name, site_description, site_name),
            f"{site_name}: {site_description}" if site_description else site_name,
        )
    )
    return planned


def _picture(recipe: Recipe, photos: Mapping[str, Photo]) -> Path:
    """The file a card shows of ``recipe``'s photo: its largest JPEG variant, if made."""
    assert recipe.photo is not None
    photo = photos.get(recipe.slug)
    largest = (f.source for f in photo.files if f.url_path == photo.src) if photo else ()
    return next(iter(largest), recipe.source.parent / recipe.photo)


def _recipe_card(
    recipe: Recipe, project: Project, site_name: str, photos: Mapping[str, Photo]
) -> PlannedShareImage:
    cost = project.costs[recipe.slug]
    line = (
        f"{format_money(cost.per_portion)} per portie · {recipe.portions} porties · "
        f"{duration(recipe.minutes)}"
    )
    pictures = (_picture(recipe, photos),) if recipe.photo else ()
    return PlannedShareImage(
        recipe_share_path(recipe),
        pictures,
        ShareCard(recipe.title, line, site_name),
        f"{recipe.title}: {line}",
    )
