"""Real servers on 127.0.0.1 in a thread: the form app (waitress) and a built site."""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from waitress import wasyncore
from waitress.server import create_server

from kookboek.web.server import server_options


@contextmanager
def running(app: Flask, threads: int = 8) -> Iterator[str]:
    """The app behind waitress, as ``kookboek form`` serves it; yields its base URL."""
    server = create_server(app, host="127.0.0.1", port=0, **server_options(app, threads))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        # Closed from the server's own thread: closing its sockets from here while it waits
        # in select() raced with it (EBADF in the server thread). With nothing left to watch,
        # its loop ends by itself.
        server.task_dispatcher.shutdown()
        try:
            server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        except OSError:
            # The trigger was closed already (its loop dropped it after an error of its
            # own): nothing wakes the loop any more, so its sockets are closed from here.
            wasyncore.close_all(server._map)
        thread.join(timeout=5)
        assert not thread.is_alive(), "the test server did not stop"


def free_port() -> int:
    """A port nothing listens on now, for a server started in another process."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, requested: list[str] | None = None, **kwargs: Any) -> None:
        self.requested = requested
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        if self.requested is not None:
            self.requested.append(self.path)
        return super().send_head()


@contextmanager
def serving(
    site_dir: Path, sub_path: str = "", requested: list[str] | None = None
) -> Iterator[str]:
    """A static web server for ``site_dir``, at ``/<sub_path>/`` when given (as a site
    published under a sub-path); yields the site's base URL, ending in '/'. ``requested``
    collects the path of every request that reached the server."""
    root = site_dir
    if sub_path:
        root = site_dir.parent / f".www-{site_dir.name}"
        root.mkdir(exist_ok=True)
        link = root / sub_path
        if not link.exists():
            link.symlink_to(site_dir.resolve(), target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(root), requested=requested)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        yield base + (f"{sub_path}/" if sub_path else "")
    finally:
        server.shutdown()
        server.server_close()
