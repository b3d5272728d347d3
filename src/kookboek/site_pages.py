"""Pages the engine generates from the content: overviews and the downloads page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kookboek.downloads import Download
from kookboek.project import Project
from kookboek.rendering import render, render_recipe_list


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where the page would stand in content/, e.g. 'recepten/index.md'
    title: str
    render: Callable[[str], str]  # relative site root → article HTML
    replaces_source: bool = False


def generated_pages(project: Project, downloads: Sequence[Download] = ()) -> list[GeneratedPage]:
    return [
        GeneratedPage(
            "recepten/index.md",
            "Recepten",
            lambda root: _article("Recepten", render_recipe_list(project, root)),
        ),
        GeneratedPage(
            "tools/index.md",
            "Tools",
            lambda root: render("tools.html", project=project, root=root),
        ),
        GeneratedPage(
            "publicaties/index.md",
            "Publicaties",
            lambda root: render("publications.html", project=project, root=root),
        ),
        GeneratedPage(
            "downloads.md",
            "Downloads",
            lambda root: render("downloads.html", downloads=list(downloads), root=root),
        ),
    ]


def _article(title: str, html: str) -> str:
    return render("article.html", title=title, html=html)
