"""The search page: a form over the Pagefind index (``search/index.py``, ``zoeken.js``)."""

from __future__ import annotations

from kookboek.search.index import SEARCH_SCRIPT, engine_version
from kookboek.site.pages import SiteContext, filter_fields
from kookboek.site.templating import render

SEARCH_SOURCE = "zoeken.md"  # the generated page, at zoeken/


def render_search_page(site: SiteContext, root: str) -> str:
    return render(
        "site/search.html",
        **site.common(root),
        script=SEARCH_SCRIPT,
        fields=filter_fields(site.project, counted=False),
        engine_version=engine_version(),
    )
