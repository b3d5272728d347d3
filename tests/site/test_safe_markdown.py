"""Contributed text never reaches a page as HTML."""

from __future__ import annotations

import pytest

from kookboek.site.safe_markdown import render_markdown


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">klik</a>',
        "<svg onload=alert(1)></svg>",
        "<div onclick=alert(1)>hoi</div>",
        "<iframe src=//evil.example></iframe>",
    ],
)
def test_raw_html_is_shown_as_text(hostile: str) -> None:
    html = render_markdown(f"1. Stap {hostile} klaar\n\n{hostile}\n")
    assert "<script" not in html
    assert "<img" not in html
    assert "<svg" not in html
    assert "<iframe" not in html
    assert "<div" not in html
    assert "onerror=alert" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "klaar" in html  # nothing after the hostile part is lost


@pytest.mark.parametrize(
    "link",
    [
        "[klik](javascript:alert(1))",
        "[klik](JaVaScRiPt:alert(1))",
        "[klik](java\tscript:alert(1))",
        "[klik](data:text/html,<script>alert(1)</script>)",
        "[klik](vbscript:msgbox)",
        "<javascript:alert(1)>",
    ],
)
def test_unsafe_links_lose_their_target(link: str) -> None:
    html = render_markdown(link)
    assert "href" not in html
    assert "klik" in html or "javascript" in html


def test_images_are_dropped_and_safe_links_kept() -> None:
    html = render_markdown("![x](https://tracker.example/p.png) na [site](https://example.org)")
    assert "<img" not in html
    assert "na " in html
    assert '<a href="https://example.org" rel="nofollow noopener">site</a>' in html


def test_headings_get_ids_for_search() -> None:
    assert '<h2 id="bereiding">Bereiding</h2>' in render_markdown("## Bereiding")


def test_a_document_keeps_its_own_described_pictures_and_tables_only() -> None:
    text = (
        "![Kookles](kookles-1.jpg) ![](zonder-beschrijving.jpg) ![x](../geheim.jpg) "
        "![x](https://elders.example/a.jpg) ![x](javascript:alert(1)) ![x](a.svg)\n\n"
        "| Week | Gerecht |\n| --- | --- |\n| 1 | Soep |\n"
    )
    document = render_markdown(text, images=lambda name: f"../{name}", tables=True)
    assert document.count("<img") == 1
    assert '<img alt="Kookles" src="../kookles-1.jpg">' in document
    assert "<td>Soep</td>" in document
    recipe = render_markdown(text)  # a recipe: no pictures in its text, no tables
    assert "<img" not in recipe and "<table" not in recipe
