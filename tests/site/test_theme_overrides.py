"""The templates copied from Material for MkDocs (theme/base.html and theme/partials/) differ
from Material's own only by the changes their header comment names. When an upgrade of
Material changes one of them, this fails: copy Material's new file and make the change again."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import material
import pytest

from project_paths import REPO

MATERIAL = Path(material.__file__).parent / "templates"
HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)

DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
SEARCH = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
TOC = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
# (removed lines, added lines), stripped of their indentation
CHANGES = {
    "base.html": (
        [f'{DRAWER} autocomplete="off">', f'{SEARCH} autocomplete="off">', '"base": base_url,'],
        [
            f"{DRAWER}>",
            f"{SEARCH} aria-label=\"{{{{ lang.t('search') }}}}\">",
            '"base": base_url ~ "/navigatie/",',
        ],
    ),
    "partials/nav-item.html": ([TOC], [TOC]),
}


def body(path: Path) -> list[str]:
    return HEADER.sub("", path.read_text(encoding="utf-8"), count=1).splitlines()


@pytest.mark.parametrize("template", sorted(CHANGES))
def test_an_override_changes_only_what_it_says(template: str) -> None:
    ours = REPO / "theme" / template
    assert ours.read_text(encoding="utf-8").startswith("{#-\n  Material for MkDocs 9.8.1's")
    removed, added = [], []
    for line in difflib.ndiff(body(MATERIAL / template), body(ours)):
        if line.startswith("- "):
            removed.append(line[2:].strip())
        elif line.startswith("+ "):
            added.append(line[2:].strip())
    assert (removed, added) == CHANGES[template]


def test_every_override_of_a_material_template_is_checked() -> None:
    theme = REPO / "theme"
    copied = {
        path.relative_to(theme).as_posix()
        for path in [*theme.glob("*.html"), *theme.glob("partials/*.html")]
        if (MATERIAL / path.relative_to(theme)).is_file()
    }
    # main.html extends Material's base.html; copyright.html is kookboek's own footer
    assert copied - {"main.html", "partials/copyright.html"} == set(CHANGES)
