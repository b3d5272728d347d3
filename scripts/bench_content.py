"""Synthetic but valid recipes for the benchmark (``scripts/bench.py``).

Ingredient names and competences come from the project's own ``prijzen.yml`` and
``competenties.yml``, so every generated recipe validates and gets a cost. A share of the
recipes gets a large phone-sized JPEG photo made with Pillow.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

CATEGORIES = ("soep", "hoofdgerecht", "bijgerecht", "lunch", "ontbijt", "dessert")
DIETS = ("vegetarisch", "veganistisch", "halal", "lactosevrij")
EQUIPMENT = ("kookpot", "pan", "staafmixer", "oven", "snijplank", "vergiet", "ovenschaal")
GROUPS = ("Sint-Niklaas", "Gent", "Aalst", "Lokeren", "Temse")
AUTHORS = ("Samira", "Fatima", "Anke", "Nadia", "Els", "De dinsdaggroep", "Leen")
WORDS = ("Romige", "Snelle", "Frisse", "Stevige", "Zachte", "Kruidige", "Lekkere")
SENTENCES = (
    "Snij de groenten in kleine stukjes en leg ze klaar op de snijplank.",
    "Verwarm de olie in de pot op een zacht vuur.",
    "Bak de ui 3 minuten tot hij glazig is, roer af en toe.",
    "Voeg de rest van de groenten toe en bak nog 5 minuten mee.",
    "Giet er water bij tot alles net onder staat en breng aan de kook.",
    "Laat 20 minuten zacht koken met het deksel half op de pot.",
    "Proef en breng op smaak met zout en peper.",
    "Verdeel over de borden en zet meteen op tafel.",
    "Was je handen en maak het werkblad schoon voor je begint.",
    "Weeg alles af met de keukenweegschaal en reken uit wat het kost.",
    "Laat de kinderen helpen met roeren en proeven.",
    "Zet de oven op 180 graden en wacht tot hij warm is.",
)
TIPS = (
    "Restjes kun je goed invriezen in porties.",
    "Koop groenten van het seizoen, die zijn goedkoper.",
    "Met een scheutje citroensap smaakt het frisser.",
    "Vervang het vlees door linzen, dan is het ook vegetarisch.",
    "Maak een dubbele portie en neem de rest mee als lunch.",
)
PHOTO_SIZE = (4000, 3000)  # a 12-megapixel phone photo


@dataclass(frozen=True)
class GeneratedRecipe:
    slug: str
    path: Path
    photo: Path | None


def copy_project(repo: Path, target: Path) -> Path:
    """The project's ``mkdocs.yml``, ``theme/`` and ``content/`` without its recipes (nor
    the example week menus, which name them)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(repo / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(repo / "theme", target / "theme")
    shutil.copytree(
        repo / "content", target / "content", ignore=shutil.ignore_patterns("recepten", "weekmenus")
    )
    (target / "content" / "recepten").mkdir()
    return target


def _ingredient_pool(content: Path) -> list[tuple[str, str]]:
    """(name, unit to use) for every price list entry, in a unit the entry converts from."""
    data = yaml.safe_load((content / "prijzen.yml").read_text(encoding="utf-8"))
    pool = []
    for entry in data["ingredienten"]:
        unit = {"kg": "g", "g": "g", "l": "ml", "ml": "ml", "cl": "ml", "dl": "ml"}.get(
            entry["eenheid"], entry["eenheid"]
        )
        pool.append((entry["naam"], unit))
    return pool


def _competence_ids(content: Path) -> list[str]:
    data = yaml.safe_load((content / "competenties.yml").read_text(encoding="utf-8"))
    return [item["id"] for item in data]


def _amount(unit: str, rng: random.Random) -> int:
    if unit in {"g", "ml"}:
        return rng.choice((50, 100, 150, 200, 250, 400, 500))
    return rng.choice((1, 2, 3))


def recipe_text(
    index: int,
    rng: random.Random,
    pool: Sequence[tuple[str, str]],
    competences: Sequence[str],
    photo: str | None,
) -> str:
    title = f"{rng.choice(WORDS)} schotel nummer {index + 1}"
    chosen = rng.sample(list(pool), rng.randint(4, 10))
    front: dict[str, object] = {
        "titel": title,
        "beschrijving": f"Betaalbaar gerecht {index + 1}, samen bedacht en gekookt.",
        "porties": rng.choice((2, 4, 4, 6)),
        "tijd": rng.choice((15, 20, 30, 40, 60, 90)),
        "categorie": CATEGORIES[index % len(CATEGORIES)],
        "competenties": rng.sample(list(competences), rng.randint(1, 3)),
        "dieet": rng.sample(DIETS, rng.randint(0, 2)),
        "materiaal": rng.sample(EQUIPMENT, rng.randint(1, 3)),
        "auteur": rng.choice(AUTHORS),
        "groep": rng.choice(GROUPS),
        "datum": (date(2026, 1, 1) + timedelta(days=index % 365)).isoformat(),
        "ingredienten": [
            {"naam": name, "hoeveelheid": _amount(unit, rng), "eenheid": unit}
            for name, unit in chosen
        ]
        + [{"naam": "zout", "naar_smaak": True}],
    }
    if photo:
        front["foto"] = photo
        front["foto_alt"] = f"Een bord met {title.lower()} op een houten tafel"
    # One in seven recipes is long enough to need two booklet pages (photo ones included).
    many = rng.randint(24, 34) if index % 7 == 0 else rng.randint(4, 12)
    steps = [rng.choice(SENTENCES) for _ in range(many)]
    tips = [rng.choice(TIPS) for _ in range(rng.randint(0, 4))]
    body = "## Bereiding\n\n" + "\n".join(f"{n}. {s}" for n, s in enumerate(steps, 1)) + "\n"
    if tips:
        body += "\n## Tips\n\n" + "\n".join(f"- {tip}" for tip in tips) + "\n"
    frontmatter = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return f"---\n{frontmatter}---\n\n{body}"


def _photo_base(rng: random.Random) -> Image.Image:
    """A noisy, colourful 12-megapixel picture: encodes to a phone-sized JPEG (a few MB)."""
    noise = Image.effect_noise(PHOTO_SIZE, 40).convert("L")
    gradient = Image.linear_gradient("L").resize(PHOTO_SIZE)
    image = Image.merge("RGB", (noise, gradient, Image.eval(noise, lambda v: 255 - v)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(3600), rng.randrange(2600)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x, y, x + rng.randint(200, 900), y + rng.randint(200, 900)), fill=colour)
    return image


def write_photo(path: Path, base: Image.Image, index: int) -> None:
    """A unique photo: the shared base with a mark of its own (so every hash differs)."""
    image = base.copy()
    ImageDraw.Draw(image).rectangle(
        (index * 37 % 3800, index * 53 % 2800, index * 37 % 3800 + 200, index * 53 % 2800 + 200),
        fill=(index % 256, (index * 7) % 256, (index * 13) % 256),
    )
    image.save(path, "JPEG", quality=90)


def generate_recipes(
    content: Path, count: int, photo_share: float = 0.1, seed: int = 7
) -> list[GeneratedRecipe]:
    """Write ``count`` recipes into ``content/recepten``; every 1/photo_share-th has a photo."""
    rng = random.Random(seed)
    pool = _ingredient_pool(content)
    competences = _competence_ids(content)
    folder = content / "recepten"
    folder.mkdir(parents=True, exist_ok=True)
    every = round(1 / photo_share) if photo_share > 0 else 0
    base: Image.Image | None = None
    made = []
    for index in range(count):
        slug = f"bench-{index:05d}"
        photo = None
        if every and index % every == 0:
            base = base or _photo_base(rng)
            photo = folder / f"{slug}.jpg"
            write_photo(photo, base, index)
        path = folder / f"{slug}.md"
        text = recipe_text(index, rng, pool, competences, photo.name if photo else None)
        path.write_text(text, encoding="utf-8")
        made.append(GeneratedRecipe(slug, path, photo))
    return made
