"""A real waitress server on 127.0.0.1 in a thread, for browser and load tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from waitress.server import create_server


@contextmanager
def running(app: Flask, threads: int = 8) -> Iterator[str]:
    server = create_server(
        app,
        host="127.0.0.1",
        port=0,
        threads=threads,
        max_request_body_size=app.config["MAX_CONTENT_LENGTH"],
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=5)
