"""Benchmark: site build, warm rebuild, booklet render, memory and page weight, side by side.

Usage: .venv/bin/python scripts/bench.py [--recipes 1000] [--json PATH] [--keep]
       [--only booklet|phone]   (or ``make bench``, which runs everything)

Generates N synthetic recipes (10 % with 4000 × 3000 phone photos) into a temporary copy
of the project and measures, in one run:

  (a) a cold site build with the kookboek plugin (``--no-pdf``, empty caches)
  (b) plain Material for MkDocs building the same Markdown without the plugin
  (c) the same kookboek build again with warm caches (counts image and PDF work: must be 0)
  (d) the booklet of 100 recipes with photos (three editions) against WeasyPrint alone
      rendering the same final booklet HTML (the engine's floor); then a warm rerun
  (e) peak memory of every build subprocess: its own (ru_maxrss), its largest child (the
      image pool's processes, Pagefind) and all of them at once (their PSS, sampled)
  (f) the bytes a first visit transfers for a recipe page, the overview and the week-menu
      page with a menu of seven recipes, until its shopping list is shown (Debian's
      Chromium through Playwright, phone and desktop); and a first search for "linzen" on
      the search page, counted at a server that gzips text as a host does (Pagefind's web
      worker and WebAssembly included)
  (g) the phone in the kitchen: how long cook mode takes to open on a phone CPU (Chromium
      slowed 4×), and what the service worker fetches when it is installed

Every build runs in its own subprocess, so timings and memory do not leak into each other.
It prints a table, then a PASS or MISS line per budget (``BUDGETS``), and writes JSON
(default ``.cache/bench/bench.json``). ``--only booklet``
runs only (d) on the same generated recipes (a couple of minutes instead of five);
``--only phone`` builds the site once and runs only (f) and (g).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
sys.path.insert(0, str(Path(__file__).parent))

from bench_content import copy_project, generate_recipes
from site_server import _CompressedFiles

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: The budgets of the benchmark (figures, not timed tests). A pair is (up to 1,000 recipes,
#: above that: the budget at 10,000).
BUDGETS: dict[str, float | tuple[float, float]] = {
    "warm_over_plain": 1.0,
    "cold_over_plain": 5.0,
    "peak_memory_mib": (512, 1024),
    "recipe_page_kb_gzip": 130,
    "overview_page_kb_gzip": 100,
    "first_search_kb_gzip": (150, 250),
    "overview_scripts_ready_ms": 1500,
    "cook_mode_open_ms": 100,
    # Budgets of earlier work, still held.
    "booklet_over_floor": 1.2,
    "weekmenu_page_kb_gzip": 150,
    "service_worker_install_kb": 300,
}
SMALL_SITE = 1000  # up to this many recipes, the first of a pair of budgets
SEARCHED = "linzen"
#: Generous time-outs: at 10,000 recipes a page may take long on a slowed CPU.
TIMEOUT_MS = 300_000
WEEKMENU_MEALS = 7


# -- workers: each runs in its own subprocess and prints one JSON line ---------------------


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _children_peak_mib() -> float:
    """The largest child process that ended (the pool's workers, Pagefind). The pool's
    processes are children of its fork server: it is stopped first, so that it and they
    are counted."""
    try:
        from multiprocessing import forkserver

        stop = getattr(forkserver._forkserver, "_stop", None)  # private; absent: not counted
        if stop is not None:
            stop()
    except Exception:  # a measurement: never the reason a build fails
        pass
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in children:
                found.append(int(child))
                todo.append(int(child))
    return found


def _pss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


class TreeMemory:
    """The memory of this process and all its descendants at once (their proportional set
    size, so pages the pool's processes share are counted once), sampled every 0.2 s."""

    def __init__(self) -> None:
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        if Path("/proc/self/smaps_rollup").is_file():
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _sample(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.2):
            total = sum(_pss_kib(pid) for pid in (me, *_descendants(me)))
            self.peak_kib = max(self.peak_kib, total)

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024


def _memory(tree: TreeMemory) -> dict[str, float]:
    return {
        "peak_mib": _peak_mib(),
        "children_peak_mib": _children_peak_mib(),
        "tree_peak_mib": tree.peak_mib,
    }


def worker_site(config_file: Path, strict: bool) -> dict[str, Any]:
    """One MkDocs build of ``config_file`` (with or without the kookboek plugin)."""
    os.environ["KOOKBOEK_PDF"] = "0"
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    started = time.perf_counter()
    config = load_config(str(config_file), strict=strict)
    build(config)
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {"seconds": seconds}
    plugin = config.plugins.get("kookboek")
    if plugin is not None and plugin.image_cache is not None:
        result["images_processed"] = plugin.image_cache.processed
        result["photos_hashed"] = plugin.image_cache.hashed
    if plugin is not None and plugin.site is not None:
        result["fragments_rendered"] = plugin.site.fragments.rendered
        result["fragments_reused"] = plugin.site.fragments.reused
    return result


def worker_booklet(project_dir: Path, cache_dir: Path) -> dict[str, Any]:
    """The booklet of every recipe in ``project_dir``: engine, WeasyPrint floor, warm rerun."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from kookboek.content.project import load_project
    from kookboek.images.cache import ImageCache
    from kookboek.pdf import editions
    from kookboek.pdf.booklet import BookletSpec, build_booklet
    from kookboek.pdf.build import PdfSettings, build_pdfs
    from kookboek.pdf.cache import PageCounts, PdfCache
    from kookboek.pdf.editions import (
        BOOKLET_CSS,
        PAGE_COUNTS_FILE,
        PRINT_SHOP_CSS,
        booklet_html,
        planned_pages,
        predicted_long,
        recipe_keys,
    )
    from kookboek.pdf.photos import PhotoResolver
    from kookboek.pdf.render import Renderer, stylesheet_text

    # Every WeasyPrint layout the engine does, and the time spent deciding which recipes
    # are long before the booklet's layout (estimate plus measuring document, if any).
    layouts: list[dict[str, Any]] = []
    planning: list[float] = []
    document, plan = Renderer.document, editions.plan_long_recipes

    def timed_document(self: Any, html: str, *args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        laid_out = document(self, html, *args, **kwargs)
        title = html.split("<title>", 1)[1].split("</title>", 1)[0]
        kind = "measuring" if title == editions.MEASURE_TITLE else "booklet"
        if kind == "booklet":
            kind = "print shop" if "print-shop.css" in args[1] else "reader"
        layouts.append(
            {
                "kind": kind,
                "seconds": time.perf_counter() - began,
                "pages": len(laid_out.pages),
                "recipes": html.count('<article class="recipe'),
            }
        )
        return laid_out

    def timed_plan(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        long = plan(*args, **kwargs)
        planning.append(time.perf_counter() - began)
        return long

    Renderer.document = timed_document  # type: ignore[method-assign]
    editions.plan_long_recipes = timed_plan

    project = load_project(project_dir / "content")
    from kookboek.support.resources import FONTS_DIR as fonts

    settings = PdfSettings(cache_dir=cache_dir, fonts_dir=fonts, project_name="Bench")
    images = ImageCache(cache_dir / "images")
    booklet = build_booklet(project, BookletSpec(project="Bench"))

    # The photos are shared with the site build; process them first, outside the timing.
    started = time.perf_counter()
    for dpi in (150, 300):
        booklet_html(booklet, PhotoResolver(images, dpi=dpi), frozenset(), "")
    photo_seconds = time.perf_counter() - started

    started = time.perf_counter()
    downloads = build_pdfs(project, settings)
    engine_seconds = time.perf_counter() - started
    cold_layouts, cold_planning = list(layouts), sum(planning)
    counts = PageCounts(cache_dir / "pdf" / PAGE_COUNTS_FILE)
    keys = recipe_keys(booklet, PhotoResolver(images, dpi=150), fonts)
    long_recipes = predicted_long(keys, counts)

    # The floor: WeasyPrint alone, on the final HTML of the two rendered editions.
    def floor(html: str, sheets: tuple[str, ...], tagged: bool) -> tuple[float, int]:
        began = time.perf_counter()
        font_config = FontConfiguration()
        styles = [
            CSS(
                string=stylesheet_text("fonts.css"),
                base_url=fonts.as_uri() + "/",
                font_config=font_config,
            ),
            *(CSS(string=stylesheet_text(s), font_config=font_config) for s in sheets),
        ]
        document = HTML(string=html, base_url=project.content_dir.as_uri() + "/").render(
            stylesheets=styles, font_config=font_config
        )
        pages = planned_pages(document)
        document.copy(pages).write_pdf(**({"pdf_variant": "pdf/ua-1"} if tagged else {}))
        return time.perf_counter() - began, len(pages)

    reader_html = booklet_html(booklet, PhotoResolver(images, dpi=150), long_recipes, "")
    print_html = booklet_html(booklet, PhotoResolver(images, dpi=300), long_recipes, "")
    reader_floor, pages = floor(reader_html, BOOKLET_CSS, tagged=True)
    print_floor, _ = floor(print_html, PRINT_SHOP_CSS, tagged=False)

    # A rebuild after a change: the PDFs must be rendered again, the page counts are known.
    for old in (cache_dir / "pdf").glob("receptenboek*"):
        old.unlink()
    started = time.perf_counter()
    build_pdfs(project, settings)
    changed_seconds = time.perf_counter() - started

    warm_pdfs = PdfCache(cache_dir / "pdf")
    warm_images = ImageCache(cache_dir / "images")
    started = time.perf_counter()
    build_pdfs(project, settings, images=warm_images, pdfs=warm_pdfs)
    warm_seconds = time.perf_counter() - started
    return {
        "recipes": len(project.recipes),
        "pages": pages,
        "long_recipes": len(long_recipes),
        "photo_seconds": photo_seconds,
        "engine_seconds": engine_seconds,
        "cold_layouts": cold_layouts,
        "cold_planning_seconds": cold_planning,
        "floor_seconds": reader_floor + print_floor,
        "floor_reader_seconds": reader_floor,
        "floor_print_seconds": print_floor,
        "changed_seconds": changed_seconds,
        "warm_seconds": warm_seconds,
        "warm_pdfs_rendered": warm_pdfs.stored,
        "warm_pdf_cache_hits": warm_pdfs.hits,
        "warm_images_processed": warm_images.processed,
        "files": [d.name for d in downloads],
    }


def run_worker(*args: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--worker", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"worker {args[0]} failed")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- page weight ---------------------------------------------------------------------------


LAYOUT_SHIFTS = """
window.__kbShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__kbShift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
window.__kbLcp = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__kbLcp = entry.startTime;
}).observe({ type: "largest-contentful-paint", buffered: true });
"""
TIMINGS = """(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {
    fcp_ms: fcp ? Math.round(fcp.startTime) : null,
    lcp_ms: Math.round(window.__kbLcp),
    interactive_ms: Math.round(nav.domContentLoadedEventEnd),
    load_ms: Math.round(nav.loadEventEnd),
    layout_shift: window.__kbShift,
  };
})()"""
PHONE_CPU_SLOWDOWN = 4  # Chromium's CPU throttling, roughly a cheap phone


def site_file(site: Path, url_path: str) -> Path:
    """The file a static server sends for ``url_path``."""
    page = url_path.split("?")[0]  # weekmenu/?menu=... is the file weekmenu/index.html
    path = site / page
    return path / "index.html" if page.endswith("/") or page == "" else path


def gzipped_size(site: Path, url_path: str) -> int | None:
    """What a server that compresses text would send for ``url_path`` (None: not text)."""
    path = site_file(site, url_path)
    if path.suffix not in {".html", ".css", ".js", ".json", ".xml", ".svg"} or not path.is_file():
        return None
    return len(gzip.compress(path.read_bytes(), 6))


def file_size(site: Path, url_path: str) -> int:
    """The bytes of the file behind ``url_path`` (0 when there is none)."""
    path = site_file(site, url_path)
    return path.stat().st_size if path.is_file() else 0


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def page_weight(
    site: Path, pages: dict[str, str], ready: dict[str, str] | None = None
) -> dict[str, Any]:
    """Bytes transferred on a first visit (empty cache), by resource type, per page.

    ``ready``: per page, a selector that shows the page is usable (waited for, and timed)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results: dict[str, Any] = {}
    viewports = {
        "phone": ({"width": 360, "height": 780}, 2),
        "desktop": ({"width": 1280, "height": 900}, 1),
    }
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            for label, path in pages.items():
                for device, (viewport, scale) in viewports.items():
                    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
                    context.set_default_timeout(TIMEOUT_MS)
                    page = context.new_page()
                    page.add_init_script(LAYOUT_SHIFTS)
                    seen: dict[str, tuple[str, int]] = {}

                    def finished(request: Any, seen: dict[str, tuple[str, int]] = seen) -> None:
                        # The service worker fetches what the page had (from the browser's
                        # cache): its own cost is (g), not the page's.
                        if request.service_worker is not None or request.url in seen:
                            return
                        sizes = request.sizes()
                        body = sizes["responseBodySize"]
                        if body == 0:  # a worker's script: Chromium reports no body size
                            body = file_size(site, request.url.removeprefix(base))
                        seen[request.url] = (
                            request.resource_type,
                            body + sizes["responseHeadersSize"],
                        )

                    context.on("requestfinished", finished)
                    page.goto(base + path, wait_until="networkidle")
                    usable = (ready or {}).get(label)
                    if usable:
                        page.wait_for_selector(usable)
                    page.wait_for_timeout(500)
                    by_type: dict[str, int] = {}
                    compressed = 0
                    for url, (kind, size) in seen.items():
                        by_type[kind] = by_type.get(kind, 0) + size
                        packed = gzipped_size(site, url.removeprefix(base))
                        compressed += size if packed is None else packed
                    results[f"{label}/{device}"] = {
                        "bytes": sum(by_type.values()),
                        "bytes_gzip": compressed,
                        "requests": len(seen),
                        "by_type": by_type,
                        "urls": sorted(url.removeprefix(base) for url in seen),
                        **page.evaluate(TIMINGS),
                    }
                    context.close()
                    if device == "phone":
                        # Timings again on a phone's CPU (the bytes above are complete only
                        # without throttling: a slow script can make the network look idle).
                        context = browser.new_context(viewport=viewport, device_scale_factor=scale)
                        context.set_default_timeout(TIMEOUT_MS)
                        page = context.new_page()
                        page.add_init_script(LAYOUT_SHIFTS)
                        cdp = context.new_cdp_session(page)
                        cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
                        page.goto(base + path, wait_until="load")
                        started = time.perf_counter()
                        if usable:
                            page.wait_for_selector(usable)
                        waited = time.perf_counter() - started
                        page.wait_for_timeout(1000)
                        results[f"{label}/slow-phone"] = page.evaluate(TIMINGS)
                        if usable:
                            results[f"{label}/slow-phone"]["usable_after_load_ms"] = round(
                                waited * 1000
                            )
                        context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    search_index = site / "pagefind"
    results["search_index_bytes"] = sum(
        path.stat().st_size for path in search_index.rglob("*") if path.is_file()
    )
    return results


# -- a first search ------------------------------------------------------------------------


class _CountingServer(http.server.ThreadingHTTPServer):
    """A server that remembers each answer's path and body bytes (``sent``)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.sent: list[tuple[str, int]] = []


class _CountedFiles(_CompressedFiles):
    """A host that compresses text (``scripts/site_server.py``, as ``serve-compressed``),
    counting the body bytes of every answer. Counting at the server sees what Playwright's
    page events miss: the requests of Pagefind's web worker and its WebAssembly."""

    def send_head(self) -> Any:
        body = super().send_head()
        if body is not None:
            size = (
                len(body.getvalue())
                if isinstance(body, io.BytesIO)
                else os.fstat(body.fileno()).st_size
            )
            assert isinstance(self.server, _CountingServer)
            self.server.sent.append((self.path, size))
        return body


def _search_part(path: str) -> str:
    name = path.split("?")[0].rsplit("/", 1)[-1]
    if "/pagefind/" not in path:
        return "other"
    for part, found in (
        ("worker", "worker"),
        ("wasm", "WebAssembly"),
        ("pf_meta", "metadata"),
        ("entry.json", "metadata"),
        ("pf_index", "index"),
        ("pf_fragment", "excerpts"),
        ("pf_filter", "filters"),
        (".js", "script"),
    ):
        if part in name:
            return found
    return "other"


def first_search(site: Path, query: str = SEARCHED) -> dict[str, Any]:
    """The bytes a first search for ``query`` transfers, gzipped as a host sends text: the
    search page is opened (its own bytes counted apart), then she types the word and the
    first results are shown. The service worker is kept out: its own fetches are (g)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_CountedFiles, directory=str(site))
    server = _CountingServer(("127.0.0.1", 0), handler)
    sent = server.sent
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            context = browser.new_context(
                viewport={"width": 360, "height": 780},
                device_scale_factor=2,
                service_workers="block",
            )
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            page.goto(base + "zoeken/", wait_until="networkidle")
            page_bytes, page_requests = sum(size for _, size in sent), len(sent)
            sent.clear()
            started = time.perf_counter()
            page.fill("[data-kb-search] input[name=q]", query)
            page.wait_for_function(
                """() => {
                  const s = document.querySelector("[data-kb-search-status]");
                  return s && s.textContent && !s.textContent.startsWith("Even zoeken");
                }"""
            )
            shown_ms = round((time.perf_counter() - started) * 1000)
            page.wait_for_timeout(1000)  # anything fetched after the results are shown
            status = page.text_content("[data-kb-search-status]") or ""
            results = page.locator("[data-kb-search-results] li").count()
            context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    by_part: dict[str, int] = {}
    for path, size in sent:
        part = _search_part(path)
        by_part[part] = by_part.get(part, 0) + size
    return {
        "query": query,
        "bytes_gzip": sum(size for _, size in sent),
        "requests": len(sent),
        "by_part": by_part,
        "urls": sorted(path for path, _ in sent),
        "shown_ms": shown_ms,
        "status": status,
        "results_shown": results,
        "page_bytes_gzip": page_bytes,
        "page_requests": page_requests,
    }


# -- the phone in the kitchen --------------------------------------------------------------

# From the tap on "Kookstand" to the frame that shows it: the click handler runs, then the
# next animation frame is painted (the timeout after it runs once that frame is done).
COOK_MODE_OPEN = """() => new Promise((done) => {
  const button = document.querySelector("[data-kb-cook-open]");
  const started = performance.now();
  button.click();
  requestAnimationFrame(() => setTimeout(() => {
    const dialog = document.querySelector("[data-kb-cook]");
    done({ ms: performance.now() - started, open: !!(dialog && dialog.open) });
  }, 0));
})"""


def cook_mode_open(site: Path, path: str, loads: int = 5) -> dict[str, Any]:
    """Milliseconds from the tap to cook mode on the screen, on a phone CPU (4× slower), on
    ``loads`` fresh page loads (the first opening of each: the dialog is built then)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    timings: list[float] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            for _ in range(loads):
                context = browser.new_context(
                    viewport={"width": 360, "height": 780}, device_scale_factor=2
                )
                context.set_default_timeout(TIMEOUT_MS)
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
                page.goto(base + path, wait_until="load")
                page.wait_for_selector("[data-kb-cook-open][data-kb-ready]", state="attached")
                page.wait_for_timeout(300)
                opened = page.evaluate(COOK_MODE_OPEN)
                if not opened["open"]:
                    raise SystemExit(f"cook mode did not open on {path}")
                timings.append(opened["ms"])
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    ordered = sorted(timings)
    return {"median_ms": ordered[len(ordered) // 2], "max_ms": ordered[-1], "all_ms": timings}


def service_worker_install(site: Path) -> dict[str, Any]:
    """The files the service worker fetches when it is installed, and their bytes."""
    sys.path.insert(0, str(REPO / "src"))
    from kookboek.site.offline import install_files, shell_files

    files = install_files(shell_files(site))
    sizes = {}
    for name in files:
        path = site / name
        sizes[name] = (path / "index.html" if path.is_dir() else path).stat().st_size
    packed = sum(gzipped_size(site, name) or size for name, size in sizes.items())
    return {"bytes": sum(sizes.values()), "bytes_gzip": packed, "files": sizes}


# -- the run -------------------------------------------------------------------------------


def plain_config(project: Path) -> Path:
    """The same project and theme without the kookboek plugin (recipes stay out of the nav),
    with Material's own search, as a plain Material site has it."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - kookboek\n", "  - search:\n      lang: nl\n")
    text = text.replace("strict: true", "strict: false")
    text = text.replace("site_dir: site", "site_dir: site-plain")
    target = project / "mkdocs-plain.yml"
    target.write_text(text, encoding="utf-8")
    return target


def booklet_project(project: Path, target: Path, count: int) -> Path:
    """A content folder with the first ``count`` recipes that have a photo (hard links)."""
    content = target / "content"
    (content / "recepten").mkdir(parents=True)
    for name in ("prijzen.yml", "competenties.yml"):
        shutil.copy2(project / "content" / name, content / name)
    photos = sorted((project / "content" / "recepten").glob("*.jpg"))[:count]
    for photo in photos:
        for source in (photo, photo.with_suffix(".md")):
            os.link(source, content / "recepten" / source.name)
    return target


def run(recipes: int, booklet_recipes: int, workdir: Path, only: str | None) -> dict[str, Any]:
    project = copy_project(REPO, workdir / "project")
    started = time.perf_counter()
    photo_share = 0.1
    generate_recipes(project / "content", recipes, photo_share=photo_share)
    print(f"{recipes} recepten gemaakt in {time.perf_counter() - started:.0f} s", flush=True)
    config = project / "mkdocs.yml"
    plain = plain_config(project)

    results: dict[str, Any] = {"recipes": recipes, "photo_share": photo_share}
    if only == "booklet":
        print(f"(d) boekje van {booklet_recipes} recepten met foto...", flush=True)
        booklet_dir = booklet_project(project, workdir / "booklet", booklet_recipes)
        results["booklet"] = run_worker("booklet", str(booklet_dir), str(workdir / "booklet-cache"))
        return results
    if only == "phone":
        print("(a) kookboek, koude caches...", flush=True)
        results["cold"] = run_worker("site", str(config), "1")
        phone_parts(results, project)
        return results
    print("(b) Material zonder plugin...", flush=True)
    results["plain"] = run_worker("site", str(plain), "0")
    print("(a) kookboek, koude caches...", flush=True)
    results["cold"] = run_worker("site", str(config), "1")
    print("(c) kookboek, warme caches...", flush=True)
    results["warm"] = run_worker("site", str(config), "1")
    print("(b) Material zonder plugin, nog eens...", flush=True)
    results["plain_again"] = run_worker("site", str(plain), "0")

    print(f"(d) boekje van {booklet_recipes} recepten met foto...", flush=True)
    booklet_dir = booklet_project(project, workdir / "booklet", booklet_recipes)
    results["booklet"] = run_worker("booklet", str(booklet_dir), str(workdir / "booklet-cache"))

    phone_parts(results, project)
    return results


def phone_parts(results: dict[str, Any], project: Path) -> None:
    print("(f) paginagewicht in Chromium...", flush=True)
    results["weight"] = weights(project)
    print(f"    eerste zoekopdracht naar '{SEARCHED}'...", flush=True)
    results["search"] = first_search(project / "site")
    print("(g) kookstand openen (CPU ÷4) en de service worker...", flush=True)
    with_photo = next(p.stem for p in sorted((project / "content" / "recepten").glob("*.jpg")))
    results["cook_mode"] = cook_mode_open(project / "site", f"recepten/{with_photo}/")
    results["service_worker"] = service_worker_install(project / "site")


def weights(project: Path) -> dict[str, Any]:
    """(f): a recipe page with a photo, the overview, and the week-menu page with a menu."""
    recipes = sorted((project / "content" / "recepten").glob("*.md"))
    with_photo = next(p.stem for p in sorted((project / "content" / "recepten").glob("*.jpg")))
    step = max(1, len(recipes) // WEEKMENU_MEALS)
    menu = ",".join(f"{p.stem}*4" for p in recipes[::step][:WEEKMENU_MEALS])
    weight = page_weight(
        project / "site",
        {
            "recipe": f"recepten/{with_photo}/",
            "overview": "recepten/",
            "weekmenu": f"weekmenu/?menu={menu}",
        },
        ready={"weekmenu": "[data-kb-shopping] [data-till-total-cents]"},
    )
    index = next((project / "site" / "weekmenu").glob("gegevens.*.json"))
    weight["weekmenu_export_bytes"] = index.stat().st_size
    weight["weekmenu_export_gzip"] = len(gzip.compress(index.read_bytes(), 6))
    amounts = list(index.with_suffix("").glob("*.json"))
    weight["weekmenu_recipe_files"] = len(amounts)
    weight["weekmenu_recipe_bytes"] = sum(p.stat().st_size for p in amounts) / len(amounts)
    return weight


def ratios(results: dict[str, Any]) -> dict[str, float]:
    found: dict[str, float] = {}
    if "booklet" in results:
        booklet = results["booklet"]
        found["booklet_over_floor"] = booklet["engine_seconds"] / booklet["floor_seconds"]
        found["booklet_changed_over_floor"] = booklet["changed_seconds"] / booklet["floor_seconds"]
    if "plain" in results:
        plain = min(results["plain"]["seconds"], results["plain_again"]["seconds"])
        found["cold_over_plain"] = results["cold"]["seconds"] / plain
        found["warm_over_plain"] = results["warm"]["seconds"] / plain
    return found


def booklet_rows(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    r = ratios(results)
    b = results["booklet"]
    return [
        (
            f"(d) booklet, {b['recipes']} recipes, cold",
            f"{b['engine_seconds']:.1f} s",
            f"{b['pages']} pages, {b['long_recipes']} long recipes, 3 editions",
        ),
        (
            "    WeasyPrint floor (same HTML)",
            f"{b['floor_seconds']:.1f} s",
            f"{r['booklet_over_floor']:.2f}×, budget ≤ {budget('booklet_over_floor', 0)}",
        ),
        (
            "    layouts in the cold run",
            ", ".join(
                f"{item['kind']} {item['seconds']:.1f} s" for item in b.get("cold_layouts", [])
            ),
            "",
        ),
        (
            "    long recipes planned in",
            f"{b.get('cold_planning_seconds', 0):.1f} s",
            "estimate + measuring document of "
            f"{sum(i['recipes'] for i in b.get('cold_layouts', []) if i['kind'] == 'measuring')}"
            " unsure recipes",
        ),
        (
            "    booklet after a change",
            f"{b['changed_seconds']:.1f} s",
            f"{r['booklet_changed_over_floor']:.2f}× (page counts known, PDFs rendered)",
        ),
        (
            "    booklet warm rerun",
            f"{b['warm_seconds']:.2f} s",
            f"{b['warm_pdfs_rendered']} PDFs rendered, {b['warm_images_processed']} images",
        ),
        ("    peak memory (booklet worker)", f"{b['peak_mib']:.0f} MiB", ""),
    ]


def aligned(recipes: int, rows: list[tuple[str, str, str]]) -> str:
    width = max(len(row[0]) for row in rows)
    value_width = max(len(row[1]) for row in rows)
    lines = [f"N = {recipes} recipes"]
    lines += [f"{a:<{width}}  {b_:<{value_width}}  {c}".rstrip() for a, b_, c in rows]
    return "\n".join(lines)


def kilobytes(weight: dict[str, Any], key: str) -> str:
    w = weight[key]
    return (
        f"{w['bytes'] / 1000:.0f} kB ({w['requests']} requests; "
        f"{w['bytes_gzip'] / 1000:.0f} kB gzipped)"
    )


def weekmenu_rows(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    weight = results["weight"]
    slow = weight["weekmenu/slow-phone"]
    return [
        (
            f"    week-menu page ({WEEKMENU_MEALS} meals), phone",
            kilobytes(weight, "weekmenu/phone"),
            f"budget ≤ {budget('weekmenu_page_kb_gzip', 0)} kB gzipped",
        ),
        (
            "    week-menu page, phone (CPU ÷4)",
            "",
            f"shopping list {slow['usable_after_load_ms']} ms after load "
            f"(load {slow['load_ms']} ms)",
        ),
        (
            "    week-menu data export: index",
            f"{weight['weekmenu_export_bytes'] / 1000:.0f} kB",
            f"{weight['weekmenu_export_gzip'] / 1000:.0f} kB gzipped, fetched once",
        ),
        (
            "    week-menu data export: recipes",
            f"{weight['weekmenu_recipe_files']} files",
            f"{weight['weekmenu_recipe_bytes']:.0f} bytes each, fetched for the menu's recipes",
        ),
    ]


def phone_rows(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    weight = results["weight"]
    cook = results["cook_mode"]
    worker = results["service_worker"]

    def kb(key: str) -> str:
        return kilobytes(weight, key)

    def feel(key: str) -> str:
        w = weight[key]
        return (
            f"first paint {w['fcp_ms']} ms, largest {w['lcp_ms']} ms, scripts ready "
            f"{w['interactive_ms']} ms, layout shift {w['layout_shift']:.3f}"
        )

    return [
        (
            "(f) recipe page, phone",
            kb("recipe/phone"),
            f"budget ≤ {budget('recipe_page_kb_gzip', 0)} kB gzipped",
        ),
        ("    recipe page, desktop", kb("recipe/desktop"), ""),
        ("    recipe page, phone (CPU ÷4)", "", feel("recipe/slow-phone")),
        ("    overview, phone", kb("overview/phone"), ""),
        ("    overview, phone (CPU ÷4)", "", feel("overview/slow-phone")),
        ("    overview, desktop", kb("overview/desktop"), feel("overview/desktop")),
        *weekmenu_rows(results),
        (
            "    search index (all files)",
            f"{weight['search_index_bytes'] / 1000:.0f} kB",
            "Pagefind: a search fetches only the parts it needs",
        ),
        *search_rows(results),
        (
            "(g) cook mode opens (CPU ÷4)",
            f"{cook['median_ms']:.0f} ms",
            f"median of {len(cook['all_ms'])} page loads, slowest {cook['max_ms']:.0f} ms; "
            f"budget < {budget('cook_mode_open_ms', 0)} ms",
        ),
        (
            "    service worker install",
            f"{worker['bytes'] / 1000:.0f} kB",
            f"{len(worker['files'])} files, {worker['bytes_gzip'] / 1000:.0f} kB gzipped; "
            f"budget ≤ {budget('service_worker_install_kb', 0)} kB",
        ),
    ]


def budget(key: str, recipes: int) -> float:
    """The budget ``key`` for a site of ``recipes`` recipes."""
    value = BUDGETS[key]
    if isinstance(value, tuple):
        return value[0] if recipes <= SMALL_SITE else value[1]
    return value


def peak_memory(result: dict[str, Any]) -> float:
    """A build's peak memory: the most of the build, its children and the two together."""
    keys = ("peak_mib", "children_peak_mib", "tree_peak_mib")
    return max(float(result.get(key, 0)) for key in keys)


def memory_rows(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for key, label in (("cold", "cold build"), ("warm", "warm build"), ("booklet", "booklet")):
        if key not in results:
            continue
        m = results[key]
        rows.append(
            (
                f"(e) peak memory, {label}" if not rows else f"    peak memory, {label}",
                f"{peak_memory(m):.0f} MiB",
                f"build process {m['peak_mib']:.0f} MiB, largest child "
                f"{m.get('children_peak_mib', 0):.0f} MiB, all at once "
                f"{m.get('tree_peak_mib', 0):.0f} MiB (PSS)",
            )
        )
    return rows


def search_rows(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    if "search" not in results:
        return []
    found = results["search"]
    parts = ", ".join(f"{part} {size / 1000:.0f}" for part, size in found["by_part"].items())
    return [
        (
            f"    first search for '{found['query']}', phone",
            f"{found['bytes_gzip'] / 1000:.0f} kB gzipped ({found['requests']} requests)",
            f"{parts} kB; results shown after {found['shown_ms']} ms; "
            f"the search page itself {found['page_bytes_gzip'] / 1000:.0f} kB",
        )
    ]


def verdicts(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each budget the run measured: the figure, the budget and whether it is met."""
    recipes = results["recipes"]
    r = ratios(results)
    found: list[tuple[str, str, float, str, bool]] = []  # key, what, figure, unit, strict <
    if "plain" in results:
        found.append(
            ("warm_over_plain", "warm rebuild / plain Material", r["warm_over_plain"], "×", False)
        )
        found.append(
            ("cold_over_plain", "cold build / plain Material", r["cold_over_plain"], "×", False)
        )
    builds = [results[k] for k in ("cold", "warm", "booklet") if k in results]
    if builds:
        peak = max(peak_memory(b) for b in builds)
        found.append(
            ("peak_memory_mib", "peak memory (build and its children)", peak, " MiB", False)
        )
    if "weight" in results:
        w = results["weight"]
        found.append(
            (
                "recipe_page_kb_gzip",
                "recipe page, first visit, gzipped",
                w["recipe/phone"]["bytes_gzip"] / 1000,
                " kB",
                False,
            )
        )
        found.append(
            (
                "overview_page_kb_gzip",
                "overview, first visit, gzipped",
                w["overview/phone"]["bytes_gzip"] / 1000,
                " kB",
                False,
            )
        )
        found.append(
            (
                "overview_scripts_ready_ms",
                "overview scripts ready, CPU ÷4",
                w["overview/slow-phone"]["interactive_ms"],
                " ms",
                False,
            )
        )
        found.append(
            (
                "weekmenu_page_kb_gzip",
                "week-menu page, gzipped",
                w["weekmenu/phone"]["bytes_gzip"] / 1000,
                " kB",
                False,
            )
        )
    if "search" in results:
        found.append(
            (
                "first_search_kb_gzip",
                f"first search for '{SEARCHED}', gzipped",
                results["search"]["bytes_gzip"] / 1000,
                " kB",
                False,
            )
        )
    if "cook_mode" in results:
        found.append(
            (
                "cook_mode_open_ms",
                "cook mode opens, CPU ÷4",
                results["cook_mode"]["median_ms"],
                " ms",
                True,
            )
        )
    if "service_worker" in results:
        found.append(
            (
                "service_worker_install_kb",
                "service worker install",
                results["service_worker"]["bytes"] / 1000,
                " kB",
                False,
            )
        )
    if "booklet" in results:
        found.append(
            (
                "booklet_over_floor",
                "booklet / WeasyPrint alone",
                r["booklet_over_floor"],
                "×",
                False,
            )
        )
    rows = []
    for key, what, figure, unit, strict in found:
        limit = budget(key, recipes)
        met = figure < limit if strict else figure <= limit
        rows.append(
            {
                "budget": key,
                "what": what,
                "figure": figure,
                "limit": limit,
                "unit": unit,
                "strict": strict,
                "met": met,
            }
        )
    return rows


def budget_table(results: dict[str, Any]) -> str:
    rows = verdicts(results)
    if not rows:
        return ""
    width = max(len(row["what"]) for row in rows)
    lines = [f"Budgets at N = {results['recipes']}:"]
    for row in rows:
        digits = 2 if row["unit"] == "×" else 0
        figure = f"{row['figure']:.{digits}f}{row['unit']}"
        limit = f"{'<' if row['strict'] else '≤'} {row['limit']:g}{row['unit']}"
        lines.append(
            f"{'PASS' if row['met'] else 'MISS'}  {row['what']:<{width}}  {figure:>10}  {limit}"
        )
    return "\n".join(lines)


def table(results: dict[str, Any]) -> str:
    if "booklet" not in results:  # --only phone
        return aligned(results["recipes"], phone_rows(results))
    if "plain" not in results:  # --only booklet
        return aligned(results["recipes"], booklet_rows(results))
    r = ratios(results)
    b = results["booklet"]

    rows = [
        (
            "(b) Material alone",
            f"{results['plain']['seconds']:.1f} s / {results['plain_again']['seconds']:.1f} s",
            "",
        ),
        (
            "(a) kookboek, cold caches",
            f"{results['cold']['seconds']:.1f} s",
            f"{r['cold_over_plain']:.2f}× (b), budget ≤ {budget('cold_over_plain', 0)}; "
            f"{results['cold']['images_processed']} image variants",
        ),
        (
            "(c) kookboek, warm rebuild",
            f"{results['warm']['seconds']:.1f} s",
            f"{r['warm_over_plain']:.2f}× (b), budget ≤ {budget('warm_over_plain', 0)}",
        ),
        (
            "    image / PDF work when warm",
            f"{results['warm']['images_processed']} images, {b['warm_pdfs_rendered']} PDFs",
            f"{b['warm_pdf_cache_hits']} PDF cache hits, budget 0 / 0; "
            f"{results['warm']['photos_hashed']} photos reread",
        ),
        (
            "    HTML rendered when warm",
            f"{results['warm']['fragments_rendered']} fragments",
            f"{results['warm']['fragments_reused']} reused from the cold build",
        ),
        *booklet_rows(results)[:-1],
        *memory_rows(results),
        *phone_rows(results),
    ]
    return aligned(results["recipes"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipes", type=int, default=1000, help="number of recipes (N)")
    parser.add_argument("--booklet", type=int, default=100, help="recipes in the booklet (d)")
    parser.add_argument("--json", type=Path, default=REPO / ".cache" / "bench" / "bench.json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project")
    parser.add_argument(
        "--only",
        choices=["booklet", "phone"],
        help="run only one part: booklet = (d), engine vs floor; phone = (f) and (g)",
    )
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, *rest = args.worker
        with TreeMemory() as tree:
            if kind == "site":
                result = worker_site(Path(rest[0]), strict=rest[1] == "1")
            else:
                result = worker_booklet(Path(rest[0]), Path(rest[1]))
        result.update(_memory(tree))
        print(json.dumps(result))
        return
    workdir = Path(tempfile.mkdtemp(prefix="kookboek-bench-"))
    try:
        results = run(args.recipes, args.booklet, workdir, args.only)
    finally:
        if args.keep:
            print(f"Het project staat in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    results["ratios"] = ratios(results)
    results["budgets"] = BUDGETS
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    results["verdicts"] = verdicts(results)
    print()
    print(table(results))
    print()
    print(budget_table(results))
    print(f"\nJSON: {args.json}")


if __name__ == "__main__":
    main()
