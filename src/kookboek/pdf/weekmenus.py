"""A4 PDFs of the example week menus: the menu, then its shopping list with boxes to tick."""

from __future__ import annotations

from kookboek.content.project import Project
from kookboek.content.vocabulary import WEEKDAY_NAMES
from kookboek.pdf.cache import PdfCache
from kookboek.pdf.documents import render_cached
from kookboek.pdf.render import Renderer
from kookboek.pdf.templating import render_print
from kookboek.pricing.shopping import menu_data, shopping_list
from kookboek.site.downloads import Download
from kookboek.site.links import LinkTargets
from kookboek.site.menus import menu_meals, menu_page_url, menu_pdf_name

MENU_CSS = ("weekmenu.css",)
MENUS_GROUP = "Weekmenu's"


def render_menus(
    project: Project, renderer: Renderer, pdfs: PdfCache, site_url: str = ""
) -> list[Download]:
    if not project.menus:
        return []
    data = menu_data(project.prices, project.recipes)
    recipes = {recipe.slug: recipe for recipe in project.recipes}
    downloads: list[Download] = []
    for menu in project.menus:
        html = render_print(
            "weekmenu.html",
            links=LinkTargets({}, site_url),
            content_dir=project.content_dir,
            menu=menu,
            recipes=recipes,
            shopping=shopping_list(data, menu_meals(menu)),
            weekday_names=WEEKDAY_NAMES,
            page_url=site_url + menu_page_url(menu) if site_url else "",
        )
        name = menu_pdf_name(menu)
        path = render_cached(html, name, renderer, pdfs, project, MENU_CSS)
        downloads.append(Download(name, menu.title, menu.description, path, MENUS_GROUP))
    return downloads
