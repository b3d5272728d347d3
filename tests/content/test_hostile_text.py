"""Hostile text in every field, from content files and through the form, stays text.

One project is built (site and PDFs) with an XSS corpus in every text field of a recipe, a
publication and a draaiboek, plus a recipe sent through the form and approved at /beheer. Then:
nothing runs in Chromium, nothing is unescaped in the HTML, the JSON-LD holds the text as data,
and the PDFs show the text literally without any javascript: link.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from form_helpers import csrf_token, form_fields
from kookboek.web import create_app
from kookboek.web.passwords import hash_password
from sample_project import copy_sample_project

# Each line tries another way out of the text. They all set the same trap.
HOSTILE = [
    "<script>window.__pwned=1;alert(1)</script>",
    '<img src=x onerror="window.__pwned=2;alert(2)">',
    "<svg onload=window.__pwned=3><script>window.__pwned=3</script></svg>",
    "[klik hier](javascript:window.__pwned=4)",
    "![foto](javascript:window.__pwned=5)",
    '<a href="javascript:window.__pwned=6">link</a>',
    "&lt;script&gt;window.__pwned=7&lt;/script&gt; &amp; &#60;b&#62;",
    "</script><script>window.__pwned=8</script>",
    "{{ 7*7 }} {% if true %}sjabloon{% endif %} {# commentaar #}",
    "\"'><iframe src=javascript:window.__pwned=9>",
    "[x]( javascript:window.__pwned=10 ) <javascript:window.__pwned=11>",
    "<style>body{display:none}</style><!-- -->",
]
# Short fields get a combination that fits in 80 characters (the form's shortest limit).
SHORT = "<script>window.__pwned=1</script><img src=x onerror=alert(1)>{{7*7}}"
MARKER = "__pwned"


def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML


def hostile_recipe() -> str:
    ingredient = "{naam: %s, hoeveelheid: 2, eenheid: stuk, prijs: 1.00}"
    lines = [
        "---",
        f"titel: {yaml_text('Soep ' + SHORT)}",
        f"beschrijving: {yaml_text(' '.join(HOSTILE[:4]))}",
        "porties: 2",
        "tijd: 20",
        "categorie: soep",
        "competenties: [plannen]",
        "allergenen: []",
        f"materiaal: [{yaml_text(HOSTILE[1])}, {yaml_text(HOSTILE[3])}]",
        "foto: hostile.svg",
        f"foto_alt: {yaml_text(SHORT)}",
        f"auteur: {yaml_text(HOSTILE[0])}",
        f"groep: {yaml_text(HOSTILE[7])}",
        "datum: 2026-10-20",
        "ingredienten:",
        *(f"  - {ingredient % yaml_text(text)}" for text in HOSTILE[:8]),
        "---",
        "",
        "## Bereiding",
        "",
        *(f"{number}. {text}" for number, text in enumerate(HOSTILE, start=1)),
        "",
        "## Tips",
        "",
        *(f"- {text}" for text in HOSTILE),
        "",
    ]
    return "\n".join(lines)


def hostile_document(extra: list[str]) -> str:
    frontmatter = [
        "---",
        f"titel: {yaml_text('Verslag ' + SHORT)}",
        f"samenvatting: {yaml_text(' '.join(HOSTILE))}",
        "jaar: 2026",
        f"project: {yaml_text(HOSTILE[7])}",
        f"partners: [{yaml_text(HOSTILE[0])}, {yaml_text(HOSTILE[5])}]",
        *extra,
        "---",
    ]
    return "\n".join(frontmatter) + "\n\n## Inhoud\n\n" + "\n\n".join(HOSTILE) + "\n"


def submit_and_approve(content: Path, inbox: Path) -> Path:
    """Send a hostile recipe through the form and approve it at /beheer, as people would."""
    password = "proef-wachtwoord-123"
    app = create_app(
        {
            "TESTING": True,
            "INBOX_DIR": inbox,
            "CONTENT_DIR": content,
            "BEHEER_PASSWORD_HASH": hash_password(password),
        }
    )
    client = app.test_client()
    token = csrf_token(client.get("/").get_data(as_text=True))
    fields = form_fields(
        titel="Stoemp " + SHORT[:70],
        beschrijving=" ".join(HOSTILE[:3])[:200],
        ingredient_naam=[SHORT, HOSTILE[3][:80], "zout"],
        ingredient_prijs=["1,00", "1,20", ""],
        stap=[text[:600] for text in HOSTILE],
        tips="\n".join(HOSTILE)[:1500],
        voornaam=HOSTILE[0][:40],
        foto_alt=SHORT,
    )
    checked = client.post("/", data={"csrf_token": token, **fields})
    assert checked.status_code == 303, checked.get_data(as_text=True)  # on to the review page
    review = client.get(checked.headers["Location"])
    assert review.status_code == 200
    page = review.get_data(as_text=True)
    assert "<script>window.__pwned" not in page and "&lt;script&gt;window.__pwned" in page
    concept = re.search(r'name="concept" value="([0-9a-f]{32})"', page)
    assert concept
    sent = client.post("/versturen", data={"csrf_token": token, "concept": concept.group(1)})
    assert sent.status_code == 303
    login = client.post("/beheer/aanmelden", data={"csrf_token": token, "wachtwoord": password})
    assert login.status_code == 303
    (entry_id,) = [p.name for p in inbox.iterdir() if re.fullmatch(r"[0-9a-f]{32}", p.name)]
    approved = client.post(f"/beheer/{entry_id}/goedkeuren", data={"csrf_token": token})
    assert approved.status_code == 303
    (written,) = (content / "recepten").glob("stoemp-*.md")
    return written


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kookboek.mkdocs_plugin.run import build_site

    project = tmp_path_factory.mktemp("hostile") / "project"
    copy_sample_project(project)
    config = project / "mkdocs.yml"
    content = project / "content"
    shutil.copy(content / "recepten" / "linzensoep.svg", content / "recepten" / "hostile.svg")
    (content / "recepten" / "hostile.md").write_text(hostile_recipe(), encoding="utf-8")
    (content / "publicaties" / "hostile.md").write_text(
        hostile_document(["regio: Gent"]), encoding="utf-8"
    )
    playbook = [f"doelgroep: {yaml_text(SHORT)}", "duur: 2 uur", f"materiaal: [{yaml_text(SHORT)}]"]
    (content / "tools" / "draaiboeken" / "hostile.md").write_text(
        hostile_document(playbook), encoding="utf-8"
    )
    submit_and_approve(content, project / "inzendingen")
    build_site(config, pdf=True)
    return project / "site"


class Elements(HTMLParser):
    """Every element with its attributes, and the text of every script and style element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[tuple[str, str]] = []
        self.styles: list[str] = []
        self._open: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))
        if tag in {"script", "style"}:
            self._open = (tag, dict(attrs).get("type") or "")

    def handle_data(self, data: str) -> None:
        if self._open and self._open[0] == "script":
            self.scripts.append((self._open[1], data))
        elif self._open:
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._open = None


PAGES = [
    "recepten/hostile/",
    "recepten/",
    "competenties/plannen/",
    "",
    "tools/draaiboeken/hostile/",
    "publicaties/hostile/",
    "tools/",
    "publicaties/",
    "soorten/soep/",
]


def html_files(site: Path) -> Iterator[Path]:
    yield from (site / page / "index.html" for page in PAGES)
    approved = next((site / "recepten").glob("stoemp-*/index.html"))
    yield approved


@pytest.mark.slow
def test_nothing_hostile_appears_unescaped_in_the_html(hostile_site: Path) -> None:
    for page in html_files(hostile_site):
        html = page.read_text(encoding="utf-8")
        shown = page.relative_to(hostile_site).as_posix()
        if page.parent.name in {"hostile", "recepten", "plannen"}:
            assert "window.__pwned" in html, shown  # the text is there, as text
        elements = Elements()
        elements.feed(html)
        for tag, attributes in elements.found:
            assert tag not in {"iframe", "object", "embed"}, (shown, tag)
            for name, value in attributes:
                if name.startswith("on"):  # the theme's own handlers only
                    assert MARKER not in (value or "") and "alert" not in (value or ""), shown
                target = "".join((value or "").split()).lower()
                assert not target.startswith(("javascript:", "data:text")), (shown, tag)
        for kind, text in elements.scripts:
            if kind != "application/ld+json":
                assert MARKER not in text, (shown, text[:80])
        assert not [style for style in elements.styles if "display:none" in style], shown
    recipe = (hostile_site / "recepten" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "{{7*7}}" in recipe and "{% if true %}" in recipe  # template syntax is just text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in recipe


@pytest.mark.slow
def test_json_ld_holds_the_hostile_text_only_as_data(hostile_site: Path) -> None:
    for page in ("recepten/hostile/", "recepten/"):
        html = (hostile_site / page / "index.html").read_text(encoding="utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert blocks, page
        for block in blocks:
            assert "<" not in block and ">" not in block  # no way out of the script element
            data = json.loads(block)
            if data["@type"] == "Recipe":
                assert data["name"] == "Soep " + SHORT
                assert data["author"]["name"] == HOSTILE[0]
                # Steps are plain text (Markdown's * and _ dropped), still holding the tags.
                texts = [step["text"] for step in data["recipeInstructions"]]
                assert "</script><script>window.pwned=8</script>" in texts
            else:
                assert "Soep " + SHORT in [item["name"] for item in data["itemListElement"]]


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return "".join(done.stdout.split())


def link_targets(pdf: Path) -> list[str]:
    targets: list[str] = []
    reader = PdfReader(pdf)
    assert "/JavaScript" not in str(reader.trailer["/Root"].get("/Names", {}))
    assert "/OpenAction" not in reader.trailer["/Root"]
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            action: Any = annotation.get_object().get("/A")
            if isinstance(action, DictionaryObject):
                assert action.get("/S") != "/JavaScript"
                targets.append(str(action.get("/URI", "")))
    return targets


@pytest.mark.slow
def test_pdfs_show_the_text_literally_without_javascript_links(hostile_site: Path) -> None:
    downloads = hostile_site / "downloads"
    booklet = pdf_text(downloads / "receptenboek.pdf")
    for text in ("Soep " + SHORT, HOSTILE[0], HOSTILE[8]):
        assert "".join(text.split()) in booklet, text
    playbook = next(downloads.glob("*hostile*.pdf"), None)
    assert playbook is not None, sorted(p.name for p in downloads.iterdir())
    assert "".join(("Verslag " + SHORT).split()) in pdf_text(playbook)
    for pdf in downloads.glob("*.pdf"):
        for target in link_targets(pdf):
            assert not target.strip().lower().startswith(("javascript", "data", "file")), (
                pdf.name,
                target,
            )


@pytest.mark.slow
@pytest.mark.browser
def test_nothing_runs_in_chromium(
    hostile_site: Path,
    chromium: Any,
    serve_directory: functools.partial[str],
) -> None:
    base = serve_directory(hostile_site)
    approved = next((hostile_site / "recepten").glob("stoemp-*")).name
    context = chromium.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    problems: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in [*PAGES, f"recepten/{approved}/"]:
        page.goto(base + path, wait_until="load")
        page.wait_for_timeout(150)  # let any onload/onerror handler fire
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("iframe").count() == 0, path
        heading = page.locator("h1").first.inner_text()
        assert "<script>" in heading or path not in {"recepten/hostile/"}, heading
    context.close()
    assert dialogs == []
    assert problems == []
    assert not [url for url in requested if not url.startswith(base)], requested
