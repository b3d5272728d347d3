"""The search index: Pagefind over built pages, Dutch, only what the pages mark."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from kookboek.search import index as search_index
from kookboek.search.index import (
    ENTRY,
    SEARCH_DIR,
    SearchIndexError,
    engine_version,
    index_records,
    index_site,
)

PAGE = """<!doctype html><html lang="nl"><head><title>{title}</title></head><body>
<nav>Start Recepten Zoeken</nav>
<h1 data-pagefind-body>{title}</h1>
<div data-pagefind-body>{text}</div>
<div hidden data-pagefind-ignore><span data-pagefind-filter="soort">{kind}</span></div>
<button>Kookstand</button>
</body></html>"""


def write_page(site: Path, path: str, title: str, text: str, kind: str) -> None:
    target = site / path / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(PAGE.format(title=title, text=text, kind=kind), encoding="utf-8")


def records(site: Path, folder: str = SEARCH_DIR) -> dict[str, dict[str, object]]:
    found = {}
    for fragment in (site / folder / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        record = json.loads(raw[raw.index(b"{") :])
        found[record["url"]] = record
    return found


def test_the_marked_words_of_every_page_are_indexed_in_dutch(tmp_path: Path) -> None:
    write_page(tmp_path, "recepten/linzensoep", "Linzensoep", "Kook de rode linzen.", "Soepen")
    write_page(
        tmp_path, "recepten/stoofvlees", "Stoofvlees", "Laat het sudderen.", "Hoofdgerechten"
    )
    (tmp_path / "offline").mkdir()
    (tmp_path / "offline" / "index.html").write_text(
        '<!doctype html><html lang="nl"><head><title>Offline</title></head><body>'
        "<h1>Offline</h1></body></html>",
        encoding="utf-8",
    )
    index = index_site(tmp_path)
    assert index.pages == 2  # a page that marks nothing is not found
    entry = json.loads((tmp_path / SEARCH_DIR / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["nl"] and entry["version"] == engine_version()
    soup = records(tmp_path)["/recepten/linzensoep/"]
    assert soup["content"] == "Linzensoep. Kook de rode linzen."  # no menu, no buttons
    assert soup["filters"] == {"soort": ["Soepen"]}


def test_a_site_without_pages_says_so_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="geen pagina's"):
        index_site(tmp_path)


def test_unchanged_pages_get_the_kept_index_back_without_indexing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    write_page(site, "recepten/linzensoep", "Linzensoep", "Kook de rode linzen.", "Soepen")
    index_site(site, cache)
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    shutil.rmtree(site / SEARCH_DIR)  # a new build starts from an empty site folder

    def refuse(source: Path, output: Path) -> None:
        raise AssertionError("indexed again, though no page changed")

    monkeypatch.setattr(search_index, "_run_pagefind", refuse)
    assert index_site(site, cache).pages == 1
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before  # the same files, the same names: nothing new to download

    write_page(site, "recepten/linzensoep", "Linzensoep", "Kook de linzen gaar.", "Soepen")
    with pytest.raises(AssertionError, match="indexed again"):
        index_site(site, cache)


RECORD = """<!doctype html><html lang="nl"><head><title>{title}</title></head><body>
<main data-pagefind-body><h1>{title}</h1>
<div data-pagefind-meta="kaart:{card}"></div>
<span data-pagefind-filter="soort:{kind}"></span><span data-pagefind-sort="prijs:{place}"></span>
</main></body></html>"""


def test_records_are_indexed_with_their_meta_and_filters_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = "&lt;li&gt;&lt;a href=&quot;../recepten/soep/&quot;&gt;Soep, lekker&lt;/a&gt;&lt;/li&gt;"
    pages = {
        "recepten/soep/index.html": RECORD.format(title="Soep", card=card, kind="soep", place=2),
        "recepten/taart/index.html": RECORD.format(
            title="Taart", card="x", kind="dessert", place=1
        ),
    }
    output, cache = tmp_path / "site" / "kaarten", tmp_path / "cache"
    assert index_records(pages, output, cache).pages == 2
    soup = records(tmp_path / "site", "kaarten")["/recepten/soep/"]
    assert soup["meta"] == {
        "title": "Soep",
        "kaart": '<li><a href="../recepten/soep/">Soep, lekker</a></li>',
    }
    assert soup["filters"] == {"soort": ["soep"]}
    assert not list(tmp_path.glob("kookboek-index-*"))  # the pages were written only to index

    def refuse(source: Path, output: Path) -> None:
        raise AssertionError("indexed again, though no record changed")

    monkeypatch.setattr(search_index, "_run_pagefind", refuse)
    shutil.rmtree(output)
    assert index_records(pages, output, cache).pages == 2
    assert (output / ENTRY).is_file()
