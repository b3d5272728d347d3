"""The form on a server: ``kookboek form --proxy`` behind a real Caddy with ``deploy/Caddyfile``.

Caddy runs with its own internal CA (``local_certs``, the same as ``tls internal`` on every
site) on unprivileged ports of this computer, with no admin endpoint and its data under a
temporary folder: no ACME, nothing from the network, nothing added to the system's trust
store (``skip_install_trust``). The clients check Caddy's certificate against that CA's root.
"""

from __future__ import annotations

import http.cookiejar
import io
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from test_concurrent_submissions import multipart

from form_helpers import (
    Phone,
    answer_the_first_screens,
    csrf_token,
    fill_field,
    form_fields,
    go_to_screen_of,
    has_gps,
    jpeg_with_gps,
    send_form,
)
from kookboek.inbox.store import Inbox
from kookboek.web.passwords import write_password_file
from live_server import free_port
from project_paths import REPO
from sample_project import copy_sample_project

KOOKBOEK = Path(sys.executable).with_name("kookboek")
CADDYFILE = REPO / "deploy" / "Caddyfile"
# The two things in deploy/Caddyfile that differ per server: the form's public address and
# where `kookboek form` listens (the port of deploy/kookboek-formulier.service).
EXAMPLE_ADDRESS = "formulier.voorbeeld.be"
FORM_UPSTREAM = "127.0.0.1:5000"
PASSWORD = "soep-is-lekker-42"
LOGIN_LIMIT = 10  # password attempts per address per 10 minutes (web/__init__.py)


@dataclass(frozen=True)
class Server:
    base: str  # https://localhost:<port>
    plain_port: int  # Caddy's plain-HTTP port
    inbox: Inbox
    trusted: ssl.SSLContext  # trusts Caddy's internal root only
    logs: Path

    def log_text(self) -> str:
        return log_text(self.logs)


def log_text(logs: Path) -> str:
    """The end of each process's output, for a failure message."""
    return "\n".join(
        f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in sorted(logs.glob("*.log"))
    )


def lines_with(text: str, needle: str) -> list[str]:
    return [
        line for line in text.splitlines() if needle in line and not line.lstrip().startswith("#")
    ]


def wait_for(
    ready: Callable[[], object], what: str, processes: list[subprocess.Popen[bytes]], logs: Path
) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            pytest.fail(f"{what}: a process stopped\n{log_text(logs)}")
        try:
            if ready():
                return
        except (OSError, ssl.SSLError):
            pass
        time.sleep(0.1)
    pytest.fail(f"{what} did not happen within 30 s\n{log_text(logs)}")


def https_answers(port: int, context: ssl.SSLContext) -> bool:
    with (
        socket.create_connection(("127.0.0.1", port), timeout=2) as sock,
        context.wrap_socket(sock, server_hostname="localhost"),
    ):
        return True


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    caddy = shutil.which("caddy")
    if caddy is None:
        pytest.fail("Caddy ontbreekt: apt-get install caddy (.ci/run installeert het zelf).")
    root = tmp_path_factory.mktemp("caddy")
    logs = root / "logs"
    logs.mkdir()
    project = copy_sample_project(root / "project")
    inbox = Inbox(project / "inzendingen")
    write_password_file(inbox.password_file, PASSWORD)
    form_port, plain_port, https_port = free_port(), free_port(), free_port()

    text = CADDYFILE.read_text(encoding="utf-8")
    assert len(lines_with(text, EXAMPLE_ADDRESS)) == 1, "one site address in deploy/Caddyfile"
    assert len(lines_with(text, FORM_UPSTREAM)) == 1, "one upstream in deploy/Caddyfile"
    site = root / "Caddyfile.site"
    site.write_text(
        text.replace(EXAMPLE_ADDRESS, f"localhost:{https_port}").replace(
            FORM_UPSTREAM, f"127.0.0.1:{form_port}"
        ),
        encoding="utf-8",
    )
    config = root / "Caddyfile"
    config.write_text(
        "{\n"
        "\tadmin off\n"
        f"\thttp_port {plain_port}\n"
        f"\thttps_port {https_port}\n"
        "\tlocal_certs\n"
        "\tskip_install_trust\n"
        "}\n"
        f"import {site}\n",
        encoding="utf-8",
    )
    caddy_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(root),
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CONFIG_HOME": str(root / "config"),
    }
    processes: list[subprocess.Popen[bytes]] = []
    with (logs / "form.log").open("wb") as form_log, (logs / "caddy.log").open("wb") as caddy_log:
        try:
            processes.append(
                subprocess.Popen(
                    [str(KOOKBOEK), "form", "--port", str(form_port), "--proxy", "127.0.0.1"],
                    cwd=project,
                    stdout=form_log,
                    stderr=subprocess.STDOUT,
                )
            )
            processes.append(
                subprocess.Popen(
                    [caddy, "run", "--config", str(config), "--adapter", "caddyfile"],
                    cwd=root,
                    env=caddy_env,
                    stdout=caddy_log,
                    stderr=subprocess.STDOUT,
                )
            )
            wait_for(
                lambda: urllib.request.urlopen(f"http://127.0.0.1:{form_port}/", timeout=2),
                "kookboek form answering",
                processes,
                logs,
            )
            ca = root / "data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
            wait_for(ca.is_file, "Caddy's internal CA", processes, logs)
            trusted = ssl.create_default_context(cafile=str(ca))
            wait_for(
                lambda: https_answers(https_port, trusted), "Caddy serving HTTPS", processes, logs
            )
            yield Server(f"https://localhost:{https_port}", plain_port, inbox, trusted, logs)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


def browser_like(server: Server) -> urllib.request.OpenerDirector:
    """A client with cookies that checks the certificate and sends the Referer a browser
    sends under ``Referrer-Policy: same-origin`` (flask-wtf checks it over HTTPS)."""

    class Referer(urllib.request.BaseHandler):
        def https_request(self, request: urllib.request.Request) -> urllib.request.Request:
            request.add_unredirected_header("Referer", request.full_url)
            return request

    return urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=server.trusted),
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
        Referer(),
    )


@pytest.mark.slow
def test_a_phone_sends_a_recipe_with_a_photo_over_https_through_caddy(server: Server) -> None:
    phone = browser_like(server)
    with phone.open(server.base + "/", timeout=30) as first:
        page = first.read().decode()
        # The form knows it is served over HTTPS (told by Caddy, its trusted proxy).
        assert first.headers["Strict-Transport-Security"] == "max-age=31536000"
        cookie = first.headers["Set-Cookie"]
        assert cookie and "Secure" in cookie and "HttpOnly" in cookie, server.log_text()
    token = csrf_token(page)
    photo = jpeg_with_gps((2400, 1800))
    body, content_type = multipart(
        {"csrf_token": token, **form_fields(titel="Soep over https")}, photo
    )
    request = urllib.request.Request(server.base + "/", body, {"Content-Type": content_type})
    with phone.open(request, timeout=30) as answer:
        review = answer.read().decode()
        assert urllib.parse.urlsplit(answer.url).path.startswith("/nakijken/"), review
    concept = re.search(r'name="concept" value="([0-9a-f]{32})"', review)
    assert concept, review
    data = urllib.parse.urlencode({"csrf_token": token, "concept": concept.group(1)}).encode()
    with phone.open(server.base + "/versturen", data, timeout=30) as sent:
        assert sent.url == server.base + "/bedankt"
        assert "Dank je wel" in sent.read().decode()

    [entry] = [e for e in server.inbox.entries() if e.submission.title == "Soep over https"]
    assert entry.submission.author == "Samira" and entry.submission.publish_photo
    assert entry.photo is not None
    stored = entry.photo.read_bytes()
    assert not has_gps(stored)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (1600, 1200)


@pytest.mark.slow
def test_the_certificate_is_caddys_own_and_plain_http_goes_to_https(server: Server) -> None:
    # Without Caddy's root the certificate is not trusted: this really is TLS from Caddy's CA.
    with pytest.raises(urllib.error.URLError) as untrusted:
        urllib.request.urlopen(server.base + "/", timeout=10, context=ssl.create_default_context())
    assert isinstance(untrusted.value.reason, ssl.SSLCertVerificationError)
    connection = socket.create_connection(("127.0.0.1", server.plain_port), timeout=10)
    connection.sendall(b"GET /beheer/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    answer = b""
    while chunk := connection.recv(4096):
        answer += chunk
    connection.close()
    status_line, _, rest = answer.decode("latin-1").partition("\r\n")
    assert status_line.split()[1] in {"301", "308"}, answer
    assert re.search(r"(?im)^location: https://localhost[:/]", rest), answer


@pytest.mark.slow
def test_caddy_gives_the_form_each_phones_own_address_not_what_a_phone_claims(
    server: Server,
) -> None:
    def phone(source: str, claims: str) -> Phone:
        return Phone(server.base, source=source, context=server.trusted, forwarded_for=claims)

    # Two phones, seen by Caddy as 127.0.0.2 and 127.0.0.3, each claiming to be someone else.
    first = phone("127.0.0.2", "198.51.100.1")
    assert [first.log_in("fout wachtwoord") for _ in range(LOGIN_LIMIT)] == [401] * LOGIN_LIMIT
    assert first.log_in("fout wachtwoord") == 429
    # The same phone claiming yet another address is still itself: the claim is not believed.
    assert phone("127.0.0.2", "198.51.100.99").log_in(PASSWORD) == 429
    # The other phone has a limit of its own, and logs in over HTTPS.
    second = phone("127.0.0.3", "198.51.100.1")
    assert second.log_in("fout wachtwoord") == 401
    assert second.log_in(PASSWORD) == 303
    status, headers, page = second.request("GET", "/beheer/")
    assert status == 200 and "Alle inzendingen" in page
    assert headers["Strict-Transport-Security"] and "Secure" in (second.set_cookie or "")


@pytest.mark.slow
@pytest.mark.browser
def test_a_browser_sends_a_recipe_and_a_coach_logs_in_over_https(
    server: Server, chromium: Any, tmp_path: Path
) -> None:
    photo = tmp_path / "IMG_20261014.jpg"
    photo.write_bytes(jpeg_with_gps((1200, 900)))
    # The certificate chain is checked by the tests above; Chromium has its own trust store.
    context = chromium.new_context(ignore_https_errors=True, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(server.base + "/")
    # Screen by screen, each checked by the form over HTTPS (POST /controleren).
    checked: list[int] = []
    page.on(
        "response", lambda r: checked.append(r.status) if r.url.endswith("/controleren") else None
    )
    answer_the_first_screens(page, "Stoemp uit de browser", "Stevige stoemp.")
    fill_field(page, "#ingredient-1-naam", "uien")
    page.fill("#ingredient-1-hoeveelheid", "2")
    page.select_option("#ingredient-1-eenheid", "stuk")
    fill_field(page, "#stap-1", "Kook alles gaar.")
    go_to_screen_of(page, "input[name=competenties]")
    page.check("input[name=competenties][value=rekenen]")
    go_to_screen_of(page, "#foto")
    page.set_input_files("#foto", str(photo))
    send_form(page)
    assert checked and set(checked) == {200}
    assert page.inner_text("h1") == "Kijk je recept na"
    page.click("button:has-text('Ja, versturen')")
    assert "Dank je wel" in page.inner_text("h1")
    assert [e for e in server.inbox.entries() if e.submission.title == "Stoemp uit de browser"]

    page.goto(server.base + "/beheer/")
    page.fill("#wachtwoord", PASSWORD)
    page.click("button:has-text('Aanmelden')")
    assert "Stoemp uit de browser" in page.inner_text("main")
    [session] = [c for c in context.cookies() if c["name"] == "kookboek"]
    assert session["secure"] and session["httpOnly"]
    context.close()
