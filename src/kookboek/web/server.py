"""Serving the form with waitress, and telling a training room how to reach it."""

from __future__ import annotations

import io
import socket
from collections.abc import Callable
from typing import Any

import segno
import waitress
from flask import Flask

ALL_ADDRESSES = {"0.0.0.0", "::", ""}


def lan_address() -> str | None:
    """This computer's address on the local network (no packet leaves the machine)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a documentation address; UDP connect sends nothing
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") else address


def announce(host: str, port: int, echo: Callable[[str], None], proxy: str | None = None) -> None:
    if proxy:
        echo(f"Het formulier draait op http://{host}:{port}/, achter de https-proxy op {proxy}.")
        echo("Open het formulier en /beheer/ via het https-adres van de server.")
        echo("Stoppen: Ctrl en C tegelijk.")
        return
    if host in ALL_ADDRESSES:
        address = lan_address()
        if address is None:
            echo("Geen netwerk gevonden: het formulier werkt alleen op deze computer.")
            address = "127.0.0.1"
        url = f"http://{address}:{port}/"
        echo(f"Het formulier staat open voor het netwerk van dit lokaal: {url}")
        echo("Scan deze code met de camera van je gsm:\n")
        drawing = io.StringIO()
        segno.make(url, error="m").terminal(out=drawing, compact=True)
        echo(drawing.getvalue())
    else:
        echo(f"Het formulier draait op http://{host}:{port}/ (alleen op deze computer).")
    echo(f"Beheer: http://{host if host not in ALL_ADDRESSES else '127.0.0.1'}:{port}/beheer/")
    echo("Stoppen: Ctrl en C tegelijk.")


# Waitress's own limit sits above the app's, so that the app answers an oversized post (in
# Dutch, with the form as she filled it in) and waitress's English plain-text error never shows.
WAITRESS_MARGIN_BYTES = 1024 * 1024


# What the HTTPS proxy tells about a request: the phone's address and whether it was HTTPS.
PROXY_HEADERS = "x-forwarded-for x-forwarded-proto"


def server_options(app: Flask, threads: int = 8) -> dict[str, Any]:
    """The waitress settings for ``app``: the same for ``kookboek form`` and the tests.

    With ``TRUSTED_PROXY`` set, waitress believes X-Forwarded-For and X-Forwarded-Proto from
    that one address (the last hop only), so the rate limits count each phone and the app
    knows a request came over HTTPS. From any other peer, and without a proxy, every proxy
    header is removed before the app sees the request.
    """
    options: dict[str, Any] = {
        "threads": threads,
        "max_request_body_size": app.config["MAX_CONTENT_LENGTH"] + WAITRESS_MARGIN_BYTES,
        "ident": "kookboek",
        "clear_untrusted_proxy_headers": True,
    }
    proxy = app.config.get("TRUSTED_PROXY")
    if proxy:
        options.update(
            trusted_proxy=str(proxy), trusted_proxy_headers=PROXY_HEADERS, trusted_proxy_count=1
        )
    return options


def serve(app: Flask, host: str, port: int, threads: int = 8) -> None:
    waitress.serve(app, host=host, port=port, **server_options(app, threads))
