"""A built site on 127.0.0.1 for the page checks in scripts/: as files, or compressed like a host.

Python's own server sends text uncompressed, which no real host does; Lighthouse would count
that against the site. ``compressed=True`` gzips HTML, CSS, JavaScript, JSON, SVG and XML.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

TEXT_TYPES = {"application/javascript", "application/json", "image/svg+xml", "application/xml"}


class _Files(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _CompressedFiles(_Files):
    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder with a slash
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        text = kind.startswith("text/") or kind in TEXT_TYPES
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (text and accepted and os.path.isfile(path)):
            return super().send_head()
        data = gzip.compress(Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(data)


@contextmanager
def serving(site_dir: Path, *, compressed: bool = False) -> Iterator[str]:
    """Serve ``site_dir`` in a thread; yields the base URL, ending in '/'."""
    handler = functools.partial(_CompressedFiles if compressed else _Files, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def site_pages(site_dir: Path) -> list[str]:
    """The URL path of every HTML page of a built site, relative to its root."""
    return [
        path.relative_to(site_dir).as_posix().removesuffix("index.html")
        for path in sorted(site_dir.rglob("*.html"))
    ]
