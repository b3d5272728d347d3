"""The site without data: a service worker of our own and the page it shows offline.

``service-worker.js`` (from ``templates/service-worker.js``) sits at the site root, so its
scope is the whole site wherever it is published (a sub-path too). On its first visit it
stores the *shell*: the offline page and the stylesheets, font and script it needs, read
from the built page itself. Then it keeps every page the visitor opens (network first,
the stored copy when there is no network), the photos of the recipes she opened, and the
PDFs she opened. Offline, another page leads to the offline page, which lists what is there.

The worker's version is a hash of its own text and of every file of the shell: a build
that changes any of them replaces the stored shell, and the pages she kept are fetched
again for the new version (or kept as they were while she is offline).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from kookboek.content.project import RECIPES_DIR
from kookboek.search.index import CARDS_DIR, SEARCH_DIR
from kookboek.site.pages import PAGES_FOLDER, SiteContext
from kookboek.site.templating import render
from kookboek.support.files import write_atomic
from kookboek.support.hashing import inputs_key

OFFLINE_SOURCE = "offline.md"  # the generated page, at offline/
OFFLINE_URL = "offline/"
OFFLINE_SCRIPT = "assets/javascripts/offline.js"  # lists what is kept, on the offline page
SERVICE_WORKER = "service-worker.js"
CACHE_PREFIX = "kookboek-"


def render_offline_page(site: SiteContext, root: str) -> str:
    return render("site/offline.html", **site.common(root))


class _ShellParser(HTMLParser):
    """The files a page loads before it can be shown: stylesheets, scripts, the preloaded
    font and the icon."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        rel = (found.get("rel") or "").split()
        if tag == "script" and found.get("src"):
            self.urls.append(found["src"] or "")
        elif tag == "link" and ({"stylesheet", "icon"} & set(rel) or "preload" in rel):
            self.urls.append(found.get("href") or "")


def shell_files(site_dir: Path) -> list[str]:
    """What the service worker stores when it is installed, as paths from the site root:
    the offline page first, then everything it loads from this site."""
    page = site_dir / OFFLINE_URL / "index.html"
    parser = _ShellParser()
    parser.feed(page.read_text(encoding="utf-8"))
    found = [OFFLINE_URL]
    for url in parser.urls:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # another host, or data: — nothing to store
        path = urljoin("/" + OFFLINE_URL, parts.path).lstrip("/")
        if (site_dir / PurePosixPath(path)).is_file() and path not in found:
            found.append(path)
    return found


def install_files(shell: list[str]) -> list[str]:
    """What the installation fetches: what the offline page needs to be read (itself, its
    stylesheets, font and icon, and the script that lists what is kept). The other scripts
    every page loads are stored when a page uses them, mostly from the browser's own cache:
    the installation stays small on a prepaid data plan."""
    return [path for path in shell if not path.endswith(".js") or path == OFFLINE_SCRIPT]


def service_worker(site_dir: Path, live: bool = False) -> str:
    """The text of the service worker for the site built in ``site_dir``; its version
    changes with any file of the shell, also those stored only when used.

    ``live``: for ``kookboek serve``, where stylesheets and scripts change while she looks:
    they come from the network first too (stored copies only without network)."""
    shell = shell_files(site_dir)
    contents: list[str | bytes] = [_script("", shell, live)]
    for path in shell:
        file = site_dir / PurePosixPath(path)
        contents.append(path)
        contents.append((file / "index.html" if file.is_dir() else file).read_bytes())
    return _script(inputs_key(contents)[:16], shell, live)


def _script(version: str, shell: list[str], live: bool) -> str:
    return render(
        "site/service-worker.js",
        version=version,
        live=live,
        shell=install_files(shell),
        cache_prefix=CACHE_PREFIX,
        offline_url=OFFLINE_URL,
        recipes=f"{RECIPES_DIR}/",
        search_dirs=[SEARCH_DIR, CARDS_DIR],
        pages_folder=PAGES_FOLDER,
    )


def write_service_worker(site_dir: Path, live: bool = False) -> None:
    """Write ``service-worker.js`` at the root of a built site (after every page)."""
    write_atomic(site_dir / SERVICE_WORKER, service_worker(site_dir, live).encode("utf-8"))
