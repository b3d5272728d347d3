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
  (e) peak memory (ru_maxrss) of every build subprocess
  (f) the bytes a first visit transfers for a recipe page, the overview and the week-menu
      page with a menu of seven recipes, until its shopping list is shown (Debian's
      Chromium through Playwright, phone and desktop)
  (g) the phone in the kitchen: how long cook mode takes to open on a phone CPU (Chromium
      slowed 4×), and what the service worker fetches when it is installed

Every build runs in its own subprocess, so timings and memory do not leak into each other.
It prints a table and writes JSON (default ``.cache/bench/bench.json``). ``--only booklet``
runs only (d) on the same generated recipes (a couple of minutes instead of five);
``--only phone`` builds the site once and runs only (f) and (g).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
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

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BUDGETS = {
    "warm_over_plain": 1.25,
    "booklet_over_floor": 1.2,
    "peak_memory_mib": 1024,
    "recipe_page_kb": 500,
    "weekmenu_page_kb_gzip": 150,
    "cook_mode_open_ms": 100,
    "service_worker_install_kb": 300,
}
WEEKMENU_MEALS = 7


# -- workers: each runs in its own subprocess and prints one JSON line ---------------------


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
    result: dict[str, Any] = {"seconds": seconds, "peak_mib": _peak_mib()}
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
        "peak_mib": _peak_mib(),
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
            f"{r['booklet_over_floor']:.2f}×, budget ≤ {BUDGETS['booklet_over_floor']}",
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
            f"budget ≤ {BUDGETS['weekmenu_page_kb_gzip']} kB gzipped",
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
        ("(f) recipe page, phone", kb("recipe/phone"), f"budget ≤ {BUDGETS['recipe_page_kb']} kB"),
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
        (
            "(g) cook mode opens (CPU ÷4)",
            f"{cook['median_ms']:.0f} ms",
            f"median of {len(cook['all_ms'])} page loads, slowest {cook['max_ms']:.0f} ms; "
            f"budget < {BUDGETS['cook_mode_open_ms']} ms",
        ),
        (
            "    service worker install",
            f"{worker['bytes'] / 1000:.0f} kB",
            f"{len(worker['files'])} files, {worker['bytes_gzip'] / 1000:.0f} kB gzipped; "
            f"budget ≤ {BUDGETS['service_worker_install_kb']} kB",
        ),
    ]


def table(results: dict[str, Any]) -> str:
    if "booklet" not in results:  # --only phone
        return aligned(results["recipes"], phone_rows(results))
    if "plain" not in results:  # --only booklet
        return aligned(results["recipes"], booklet_rows(results))
    r = ratios(results)
    peak = max(results[k]["peak_mib"] for k in ("plain", "cold", "warm", "booklet"))
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
            f"{r['cold_over_plain']:.2f}× (b); "
            f"{results['cold']['images_processed']} image variants",
        ),
        (
            "(c) kookboek, warm rebuild",
            f"{results['warm']['seconds']:.1f} s",
            f"{r['warm_over_plain']:.2f}× (b), budget ≤ {BUDGETS['warm_over_plain']}",
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
        (
            "(e) peak memory (max of builds)",
            f"{peak:.0f} MiB",
            f"budget ≤ {BUDGETS['peak_memory_mib']} MiB",
        ),
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
        if kind == "site":
            result = worker_site(Path(rest[0]), strict=rest[1] == "1")
        else:
            result = worker_booklet(Path(rest[0]), Path(rest[1]))
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
    print()
    print(table(results))
    print(f"\nJSON: {args.json}")


if __name__ == "__main__":
    main()
