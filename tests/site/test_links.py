"""Links between content files: resolved like MkDocs does, never into the build machine."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from kookboek.site.links import (
    LinkTargets,
    body_links,
    line_of_link,
    link_problems,
    markdown_links,
)
from kookboek.site.safe_markdown import render_markdown

TARGETS = LinkTargets(
    {
        "index.md": "",
        "tools/index.md": "tools/",
        "recepten/linzensoep.md": "recepten/linzensoep/",
        "recepten/linzensoep.svg": "recepten/linzensoep.svg",
        "publicaties/ouders-in-actie.md": "publicaties/ouders-in-actie/",
    },
    site_url="https://example.org/kookboek/",
)
PUBLICATION = "publicaties/ouders-in-actie.md"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../tools/index.md", "tools/"),
        ("../recepten/linzensoep.md#bereiding", "recepten/linzensoep/#bereiding"),
        ("../recepten/linzensoep.svg?v=2", "recepten/linzensoep.svg?v=2"),
        ("ouders-in-actie.md", "publicaties/ouders-in-actie/"),
        ("../index.md", ""),
        ("../tools/", None),
        ("../tool/index.md", None),
        ("/tools/index.md", None),
    ],
)
def test_a_link_resolves_to_the_published_file(href: str, expected: str | None) -> None:
    assert TARGETS.target(PUBLICATION, href) == expected


def test_on_a_page_a_link_is_relative_to_that_page() -> None:
    html = render_markdown(
        "[Tools](../tools/index.md), [elders](https://elders.example/) en [kapot](kapot.md).",
        links=TARGETS.for_page(PUBLICATION, "../../"),
    )
    assert '<a href="../../tools/">Tools</a>' in html  # our own page: no rel="nofollow"
    assert '<a href="https://elders.example/" rel="nofollow noopener">elders</a>' in html
    assert '<a href="kapot.md">kapot</a>' in html  # reported by the build, left as written


def test_in_a_pdf_a_link_is_the_address_on_the_site_or_no_link_at_all() -> None:
    text = "[Tools](../tools/index.md), [kapot](kapot.md) en [hier](/tools/)."
    html = render_markdown(text, links=TARGETS.for_print(PUBLICATION))
    assert '<a href="https://example.org/kookboek/tools/"' in html
    assert "<span>kapot</span>" in html and "<span>hier</span>" in html
    unknown_site = LinkTargets(dict(TARGETS.urls))
    html = render_markdown(text, links=unknown_site.for_print(PUBLICATION))
    assert "href" not in html and "<span>Tools</span>" in html


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        (
            "../tool/index.md",
            "'../tool/index.md' wijst naar niets: er is geen pagina of bestand "
            "'tool/index.md'. Bedoel je '../tools/index.md'?",
        ),
        (
            "../tools/",
            "'../tools/' wijst niet naar een bestand. Link naar het bestand van de pagina in "
            "de map content, met .md op het einde. Bedoel je '../tools/index.md'?",
        ),
        (
            "/tools/",
            "'/tools/' begint met '/'. Schrijf de link vanaf dit bestand, zoals "
            "'../tools/index.md'.",
        ),
        ("../tools/index.md", None),
        ("https://elders.example/x.md", None),
        ("#resultaten", None),
    ],
)
def test_a_broken_link_is_told_in_dutch(href: str, expected: str | None) -> None:
    assert TARGETS.problem(PUBLICATION, href) == expected


def test_links_the_site_renders_itself_are_judged_only_when_they_name_a_file() -> None:
    assert TARGETS.problem("index.md", "recepten/", files_only=True) is None
    assert TARGETS.problem("index.md", "/x/", files_only=True) is None
    assert TARGETS.problem("index.md", "recepten/soep.md", files_only=True) is not None


def test_a_broken_link_is_reported_at_its_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    source = content / "publicaties" / "ouders-in-actie.md"
    source.parent.mkdir(parents=True)
    body = "## Aanleiding\n\nZie [Tools](../tools/index.md).\n\nEn [de soep][soep].\n\n"
    body += "[soep]: ../recepten/soep.md\n"
    source.write_text("---\ntitel: x\n---\n\n" + body, encoding="utf-8")
    [problem] = link_problems(source, content, body_links(body), TARGETS)
    assert (problem.line, problem.field) == (11, "link")
    assert problem.message.startswith("'../recepten/soep.md' wijst naar niets")


def test_the_line_of_a_link() -> None:
    text = "a\n[x](b.md) en [y]( c.md )\n\n[z]: d.md\nd.md\n"
    assert [line_of_link(text, href) for href in ("b.md", "c.md", "d.md", "e.md")] == [2, 2, 4, 1]


def test_links_in_code_are_not_links() -> None:
    converter = markdown.Markdown(extensions=["fenced_code", "tables"])
    text = "```\n[x](kapot.md)\n```\n\n`[y](ook.md)` en [echt](echt.md) ![foto](f.png)\n"
    assert markdown_links(text, converter) == ["echt.md", "f.png"]
    assert body_links("Geen links hier.") == []
