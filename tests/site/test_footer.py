"""The footer of every page: the project, the licence of its content, the page about it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kookboek.mkdocs_plugin.run import build_site
from sample_project import copy_sample_project

pytestmark = pytest.mark.slow


def footer(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    start = html.index('<div class="md-copyright">')
    return html[start : html.index("</footer>", start)]


def test_the_footer_is_dutch_with_the_licence_and_a_link_to_the_about_page(tmp_path: Path) -> None:
    project = copy_sample_project(tmp_path / "project")
    (project / "content" / "over.md").write_text("# Over ons\n\nWie we zijn.\n", "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace(
            "  - Downloads: downloads.md\n", "  - Downloads: downloads.md\n  - Over ons: over.md\n"
        )
        .replace("strict: true\n", "strict: true\ncopyright: Deel het gerust (CC BY 4.0).\n"),
        encoding="utf-8",
    )
    build_site(config, pdf=False)
    for page, about in (("", "over/"), ("recepten/linzensoep", "../../over/")):
        shown = footer(project / "site", page)
        assert "Testkookboek · Deel het gerust (CC BY 4.0)." in shown
        assert f'<a href="{about}">Over ons: wie we zijn, privacy en contact</a>' in shown
        assert "Made with" not in shown and "Material for MkDocs" not in shown


def test_without_licence_or_about_page_the_footer_still_names_only_the_project(
    tmp_path: Path,
) -> None:
    project = copy_sample_project(tmp_path / "project")
    build_site(project / "mkdocs.yml", pdf=False)
    shown = footer(project / "site", "")
    assert "Testkookboek" in shown and "<a " not in shown and "Made with" not in shown
