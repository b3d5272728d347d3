"""Offline: the service worker the build writes, what it stores, and the site without
network in a real Chromium (served under a sub-path, as when published)."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kookboek.site.offline import (
    install_files,
    service_worker,
    shell_files,
    write_service_worker,
)
from live_server import serving
from sample_project import build_fixture_site

pytestmark = pytest.mark.slow

INSTALL_BUDGET = 300_000  # bytes the first installation may fetch
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
CACHED = """async () => {
  const found = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    found[name] = (await cache.keys()).map(r => new URL(r.url).pathname);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = build_fixture_site(tmp_path_factory.mktemp("offline")) / "site"
    (built / "downloads").mkdir(exist_ok=True)
    (built / "downloads" / "receptenboek.pdf").write_bytes(TINY_PDF)
    return built


def installed(script: str) -> list[str]:
    match = re.search(r"const SHELL_FILES = (\[.*?\]);", script)
    assert match, "no SHELL_FILES in the service worker"
    files: list[str] = json.loads(match.group(1))
    return files


def version(script: str) -> str:
    match = re.search(r'const VERSION = "([0-9a-f]+)";', script)
    assert match, "no VERSION in the service worker"
    return match.group(1)


def test_the_build_writes_a_service_worker_at_the_site_root(site: Path) -> None:
    script = (site / "service-worker.js").read_text(encoding="utf-8")
    files = installed(script)
    assert files[0] == "offline/"
    assert "assets/stylesheets/kookboek.css" in files
    assert "assets/javascripts/offline.js" in files
    assert any(re.fullmatch(r"assets/stylesheets/main\.\w+\.min\.css", f) for f in files)
    assert all((site / f).exists() for f in files)
    assert "http" not in "".join(files)  # nothing from another host
    # Every page registers it; the offline page is a page of the site, not in its search.
    assert "assets/javascripts/offline.js" in (site / "index.html").read_text(encoding="utf-8")
    offline = (site / "offline" / "index.html").read_text(encoding="utf-8")
    assert "Je bent offline" in offline and "data-kb-offline-list" in offline
    fragments = [
        gzip.decompress(f.read_bytes()).decode("utf-8")
        for f in (site / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    assert fragments and not any('"url":"/offline/"' in f for f in fragments)


def test_the_first_installation_fetches_at_most_300_kb(site: Path) -> None:
    files = installed((site / "service-worker.js").read_text(encoding="utf-8"))
    sizes = {
        f: (site / f / "index.html" if (site / f).is_dir() else site / f).stat().st_size
        for f in files
    }
    total = sum(sizes.values())
    print(f"\nservice worker installation: {total} bytes in {len(files)} files: {sizes}")
    assert total <= INSTALL_BUDGET
    # The scripts a page needs are in the version, but stored when a page uses them.
    assert "assets/javascripts/kookboek.js" in shell_files(site)
    assert "assets/javascripts/kookboek.js" not in install_files(shell_files(site))


def test_the_version_changes_with_any_file_of_the_shell(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    before = version(service_worker(copy))
    assert version(service_worker(copy)) == before  # the same build: the same version
    script = copy / "assets" / "javascripts" / "kookboek.js"  # stored only when used
    script.write_text(script.read_text(encoding="utf-8") + "\n// changed\n", encoding="utf-8")
    changed = version(service_worker(copy))
    assert changed != before
    stylesheet = copy / "assets" / "stylesheets" / "kookboek.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert version(service_worker(copy)) not in {before, changed}


def test_while_serving_stylesheets_and_scripts_come_from_the_network_first(site: Path) -> None:
    built = service_worker(site)
    live = service_worker(site, live=True)
    assert "const LIVE = false;" in built and "const LIVE = true;" in live
    assert version(live) != version(built)  # a switch between the two replaces the caches
    assert "LIVE ? networkFirst(request, SHELL) : cacheFirst(request, SHELL, true)" in built


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serving(site, sub_path="kookboek") as url:
        # Material navigates instantly only to the addresses in the list it reads
        # (navigatie/sitemap.xml; recipes through kookboek.js), which name site_url: here,
        # the address the site is served at.
        sitemap = site / "navigatie" / "sitemap.xml"
        text = sitemap.read_text(encoding="utf-8")
        sitemap.write_text(text.replace("https://example.org/kookboek/", url), encoding="utf-8")
        yield url


@pytest.fixture
def phone(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="nl-BE")
    yield context
    context.close()


def wait_until_kept(page: Any, path: str) -> None:
    """Until the service worker has kept ``path``, or an address that starts with it (it
    does so in the background)."""
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15_000)
    for _ in range(150):
        kept = page.evaluate(CACHED)
        if any(p.startswith(path) for paths in kept.values() for p in paths):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{path} was not kept: {kept}")


@pytest.mark.browser
def test_a_recipe_opened_online_opens_offline_and_another_page_shows_the_offline_page(
    phone: Any, base_url: str
) -> None:
    page = phone.new_page()
    page.goto(base_url + "recepten/pannenkoeken/")  # the first page: before the worker
    wait_until_kept(page, "/kookboek/recepten/pannenkoeken/")
    photo = page.evaluate("document.querySelector('.kb-photo img').currentSrc")
    wait_until_kept(page, photo.replace(base_url, "/kookboek/"))
    wait_until_kept(page, "/kookboek/assets/javascripts/kookstand.js")
    cached = page.evaluate(CACHED)
    [shell] = [name for name in cached if name.startswith("kookboek-shell-")]
    installed_files = installed(
        page.evaluate("fetch('../../service-worker.js').then(r => r.text())")
    )
    assert {f"/kookboek/{f}" for f in installed_files} <= set(cached[shell])

    phone.set_offline(True)
    page.reload()
    assert page.inner_text("h1") == "Pannenkoeken"
    page.wait_for_function("document.querySelector('.kb-photo img').naturalWidth > 0")
    assert page.is_visible("[data-kb-cook-open]")  # cooking offline: its script is kept
    page.click("[data-kb-cook-open]")
    assert page.text_content("[data-kb-cook-where]") == "Stap 1 van 3"
    page.keyboard.press("Escape")

    page.goto(base_url + "recepten/linzensoep/")  # never opened
    assert page.url == base_url + "offline/"
    assert page.inner_text("h1") == "Je bent offline"
    page.wait_for_selector("[data-kb-offline-list] a")
    links = page.eval_on_selector_all(
        "[data-kb-offline-list] a", "as => as.map(a => [a.textContent, a.href])"
    )
    assert links == [["Pannenkoeken", base_url + "recepten/pannenkoeken/"]]
    page.click("[data-kb-offline-list] a")
    page.wait_for_url(base_url + "recepten/pannenkoeken/")
    assert page.inner_text("h1") == "Pannenkoeken"


@pytest.mark.browser
def test_a_pdf_opened_online_is_there_offline(phone: Any, base_url: str) -> None:
    page = phone.new_page()
    page.goto(base_url + "downloads/")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15_000)
    fetched = (
        "fetch('../downloads/receptenboek.pdf').then(r => r.arrayBuffer()).then(b => b.byteLength)"
    )
    assert page.evaluate(fetched) == len(TINY_PDF)
    wait_until_kept(page, "/kookboek/downloads/receptenboek.pdf")
    phone.set_offline(True)
    assert page.evaluate(fetched) == len(TINY_PDF)
    page.goto(base_url + "offline/")
    page.wait_for_selector("[data-kb-offline-list] a")
    titles = page.eval_on_selector_all(
        "[data-kb-offline-list] h2", "hs => hs.map(h => h.textContent)"
    )
    assert "Pdf's" in titles


@pytest.mark.browser
def test_a_first_visit_to_a_recipe_does_not_download_the_whole_sitemap(
    phone: Any, base_url: str
) -> None:
    # sitemap.xml names every recipe: at ten thousand recipes it weighs more than the page.
    # Material reads only its short list (navigatie/sitemap.xml) and a modified click is
    # left to the browser; a plain one on a recipe link is swapped in by Material.
    page = phone.new_page()
    fetched: list[str] = []
    phone.on("request", lambda request: fetched.append(request.url))
    page.goto(base_url + "recepten/")
    page.wait_for_load_state("networkidle")
    sitemaps = {url.removeprefix(base_url) for url in fetched if url.endswith("sitemap.xml")}
    assert sitemaps == {"navigatie/sitemap.xml"}
    page.evaluate("window.__samePage = true")
    page.click("[data-kb-card] a[href*='linzensoep']")
    page.wait_for_url("**/recepten/linzensoep/")
    page.wait_for_selector("[data-kb-cook-open][data-kb-ready]")
    assert page.evaluate("window.__samePage === true")  # swapped in, not loaded again
    page.go_back()
    page.wait_for_url("**/recepten/")
    page.wait_for_selector("[data-kb-card] a[href*='linzensoep']")
    assert page.evaluate("window.__samePage === true")
    with phone.expect_page() as opened:
        page.click("[data-kb-card] a[href*='linzensoep']", modifiers=["Shift"])
    opened.value.close()  # a new window, as the browser does it
    assert page.url == base_url + "recepten/"


@pytest.mark.browser
def test_instant_navigation_and_search_still_work_with_the_service_worker(
    phone: Any, base_url: str
) -> None:
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15_000)
    page.evaluate("window.__samePage = true")
    page.click(".md-tabs a:text-is('Recepten')")
    page.wait_for_url("**/recepten/")
    page.wait_for_selector("[data-kb-filters][data-kb-ready]")
    assert page.evaluate("window.__samePage === true")  # swapped in, not loaded again
    page.click("[data-kb-card] a[href*='linzensoep']")
    page.wait_for_url("**/recepten/linzensoep/")
    # Material changes the address first, then the page: until the recipe is shown.
    page.wait_for_selector("[data-kb-cook-open][data-kb-ready]")
    assert page.evaluate("window.__samePage === true")
    # Material runs a new page's inline scripts again: JSON-LD there was a SyntaxError.
    assert errors == []
    # The search, with the service worker in between; offline, a search she made before
    # still works: the parts of the index it fetched were kept.
    page.click(".md-tabs a:text-is('Zoeken')")
    page.wait_for_url("**/zoeken/")
    page.fill("#kb-zoekterm", "olijfolie")
    found = page.locator(".kb-search__result a", has_text="Linzensoep")
    found.wait_for(timeout=15_000)
    page.wait_for_timeout(500)  # the worker stores what it fetched
    page.context.set_offline(True)
    page.reload()
    found.wait_for(timeout=15_000)
    page.context.set_offline(False)
    assert errors == []


@pytest.mark.browser
def test_a_choice_made_online_on_the_overview_works_offline(phone: Any, base_url: str) -> None:
    page = phone.new_page()
    page.goto(base_url + "recepten/")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15_000)
    page.goto(base_url + "recepten/?soort=soep")  # now through the worker
    page.wait_for_selector("[data-kb-cards]:not([aria-busy])", state="attached")
    assert page.text_content("[data-kb-count]") == "1 recept"
    wait_until_kept(page, "/kookboek/pagefind-kaarten/fragment/")
    page.wait_for_timeout(500)  # the worker stores the last of what it fetched
    page.context.set_offline(True)
    try:
        page.reload()
        page.wait_for_selector("[data-kb-cards]:not([aria-busy])", state="attached")
        assert page.text_content("[data-kb-count]") == "1 recept"
        titles = page.eval_on_selector_all(".kb-card__title", "els => els.map(e => e.textContent)")
        assert titles == ["Linzensoep"]
    finally:
        page.context.set_offline(False)


@pytest.mark.browser
def test_a_new_build_replaces_the_cache_and_keeps_what_she_opened(
    chromium: Any, site: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    fetched_by_worker: list[str] = []
    answered: dict[str, int] = {}  # what the worker fetched: address → status
    context.on(
        "request",
        lambda r: fetched_by_worker.append(r.url) if r.service_worker is not None else None,
    )
    context.on(
        "response",
        lambda r: (
            answered.__setitem__(r.url, r.status) if r.request.service_worker is not None else None
        ),
    )
    try:
        with serving(copy, sub_path="kookboek") as url:
            page = context.new_page()
            page.goto(url + "recepten/pannenkoeken/")
            wait_until_kept(page, "/kookboek/recepten/pannenkoeken/")
            page.evaluate("fetch('../../downloads/receptenboek.pdf').then(r => r.arrayBuffer())")
            wait_until_kept(page, "/kookboek/downloads/receptenboek.pdf")
            wait_until_kept(page, "/kookboek/fotos/pannenkoeken-")
            cached = page.evaluate(CACHED)
            before = set(cached)
            [photo] = [p for ps in cached.values() for p in ps if p.startswith("/kookboek/fotos/")]

            stylesheet = copy / "assets" / "stylesheets" / "kookboek.css"  # a new build
            stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            # ... in which the coach replaced the photo (a better one, or consent withdrawn).
            replaced = copy / photo.removeprefix("/kookboek/")
            new_photo = replaced.read_bytes() + b"\0" * 100
            replaced.write_bytes(new_photo)
            os.utime(replaced, (time.time() + 5, time.time() + 5))
            write_service_worker(copy)
            fetched_by_worker.clear()
            answered.clear()
            page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
            for _ in range(100):
                now = page.evaluate(CACHED)
                if not set(now) & before and len(now) == 2:
                    break
                page.wait_for_timeout(100)
            else:
                raise AssertionError(f"the old caches stayed: {now}")
            [kept] = [paths for name, paths in now.items() if "-bewaard-" in name]
            assert "/kookboek/recepten/pannenkoeken/" in kept
            assert "/kookboek/downloads/receptenboek.pdf" in kept
            [shell] = [paths for name, paths in now.items() if "-shell-" in name]
            assert "/kookboek/assets/stylesheets/kookboek.css" in shell
            # The page is fetched again for the new build; the PDF is only asked whether it
            # changed (304, no body); the replaced photo comes anew.
            assert url + "recepten/pannenkoeken/" in fetched_by_worker
            assert answered[url + "downloads/receptenboek.pdf"] == 304
            assert answered[url + photo.removeprefix("/kookboek/")] == 200
            assert photo in kept
            size = page.evaluate(
                "u => caches.match(u).then(r => r.arrayBuffer()).then(b => b.byteLength)",
                url + photo.removeprefix("/kookboek/"),
            )
            assert size == len(new_photo)
    finally:
        context.close()
