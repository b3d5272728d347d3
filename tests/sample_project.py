"""The sample projects the tests build: copies of ``fixtures/valid`` with extra files on top."""

from __future__ import annotations

import shutil
from pathlib import Path

from project_paths import FIXTURES, REPO


def copy_sample_project(target: Path, *extras: str) -> Path:
    """``fixtures/valid`` copied to ``target``, then each ``fixtures/<extra>`` over it; the
    copy's mkdocs.yml points at the repository's theme. Returns ``target``."""
    shutil.copytree(FIXTURES / "valid", target, ignore=shutil.ignore_patterns("site", ".cache"))
    for extra in extras:
        shutil.copytree(FIXTURES / extra, target, dirs_exist_ok=True)
    config = target / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("../../../theme", str(REPO / "theme")),
        encoding="utf-8",
    )
    return target


def build_fixture_site(target: Path) -> Path:
    """The valid project plus ``site_extra`` (photos, an oven recipe) in ``target/project``,
    built without PDFs; returns the project."""
    from kookboek.mkdocs_plugin.run import build_site

    project = copy_sample_project(target / "project", "site_extra")
    build_site(project / "mkdocs.yml", pdf=False)
    return project


def build_many_recipes_site(target: Path, count: int, kind: str, of_kind: int) -> Path:
    """The repository's project, its own recipes with ``count`` generated ones added (the
    benchmark's, ``scripts/bench_content.py``), ``of_kind`` of those made a ``kind``; built
    without PDFs. Returns the project."""
    import re
    import sys

    from kookboek.mkdocs_plugin.run import build_site

    sys.path.insert(0, str(REPO / "scripts"))
    from bench_content import copy_project, generate_recipes

    project = copy_project(REPO, target / "project")
    shutil.copytree(
        REPO / "content" / "recepten", project / "content" / "recepten", dirs_exist_ok=True
    )
    for made in generate_recipes(project / "content", count, photo_share=0)[:of_kind]:
        text = made.path.read_text(encoding="utf-8")
        made.path.write_text(re.sub(r"(?m)^categorie: .*$", f"categorie: {kind}", text))
    build_site(project / "mkdocs.yml", pdf=False)
    return project


MISSING = ["kikkererwten", "koriander", "limoen", "pastinaak", "quinoa", "rapen", "selderij"]
MISSING += ["spinazie", "tahin", "tofu", "venkel", "zoete aardappel"]
UNKNOWN_ALLERGENS = ["gember", "kurkuma", "nootmuskaat", "paprikapoeder", "saffraan"]


def write_unpriced_recipes(
    content: Path, count: int = 400, *, unpriced: int = 8, all_stated: bool = False
) -> None:
    """``count`` recipes, each with ``unpriced`` ingredients the price list does not know and
    one whose allergens it does not name; half state their allergens (then the unknown ones
    are warnings), half do not (then errors); ``all_stated``: every one states them."""
    prices = content / "prijzen.yml"
    prices.write_text(
        prices.read_text(encoding="utf-8")
        + "".join(
            f"  - {{naam: {name}, prijs: 1.00, hoeveelheid: 50, eenheid: g}}\n"
            for name in UNKNOWN_ALLERGENS
        ),
        "utf-8",
    )
    for number in range(count):
        names = [MISSING[(number + step) % len(MISSING)] for step in range(unpriced)]
        names.append(UNKNOWN_ALLERGENS[number % len(UNKNOWN_ALLERGENS)])
        lines = "\n".join(f"  - {{naam: {name}, hoeveelheid: 100, eenheid: g}}" for name in names)
        stated = "allergenen: []\n" if number % 2 or all_stated else ""
        (content / "recepten" / f"recept-{number:03d}.md").write_text(
            f"---\ntitel: Recept {number}\nbeschrijving: Een recept.\nporties: 4\ntijd: 30\n"
            f"categorie: soep\ncompetenties: [plannen]\n{stated}datum: 2026-10-01\n"
            f"ingredienten:\n{lines}\n---\n\n## Bereiding\n\n1. Kook alles {number} minuten.\n",
            "utf-8",
        )
