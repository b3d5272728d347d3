"""Killing the form server with SIGKILL in the middle of submissions loses nothing accepted."""

from __future__ import annotations

import http.client
import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from test_concurrent_submissions import multipart

from form_helpers import csrf_token, form_fields, jpeg_with_gps
from kookboek.inbox.store import Inbox, valid_id
from live_server import free_port

KOOKBOEK = Path(sys.executable).with_name("kookboek")
SENDERS = 6


def send(base: str, title: str) -> bool:
    """One participant: form, review, send. True when the thank-you page came back."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    token = csrf_token(opener.open(base + "/", timeout=10).read().decode())
    body, content_type = multipart(
        {"csrf_token": token, **form_fields(titel=title)}, jpeg_with_gps((1200, 900))
    )
    request = urllib.request.Request(base + "/", body, {"Content-Type": content_type})
    review = opener.open(request, timeout=10).read().decode()
    concept = re.search(r'name="concept" value="([0-9a-f]{32})"', review)
    assert concept, "no review step"
    data = urllib.parse.urlencode({"csrf_token": token, "concept": concept.group(1)}).encode()
    with opener.open(base + "/versturen", data, timeout=10) as sent:
        return sent.url.endswith("/bedankt")


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, "the form server stopped"
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("the form server did not start")


@pytest.mark.slow
def test_sigkill_during_submissions_loses_nothing_accepted(
    valid_content: Path, tmp_path: Path
) -> None:
    inbox_dir = tmp_path / "inzendingen"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [str(KOOKBOEK), "form", "--port", str(port), "--inbox", str(inbox_dir)]
    server = subprocess.Popen(
        [*command, "--content", str(valid_content)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    accepted: list[str] = []
    failed: list[str] = []
    stop = threading.Event()

    def participant(number: int) -> None:
        # The server allows 10 sent recipes per address per hour: stay below that.
        for attempt in range(1, 3):
            if stop.is_set():
                return
            title = f"Recept {number}-{attempt}"
            try:
                if send(base, title):
                    accepted.append(title)
            except (OSError, http.client.HTTPException, AssertionError):
                failed.append(title)  # the server died under this participant
                return

    try:
        wait_until_up(base, server)
        threads = [threading.Thread(target=participant, args=(n,)) for n in range(SENDERS)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(accepted) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(server.pid, signal.SIGKILL)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        server.kill()
        server.wait(timeout=10)

    assert len(accepted) >= 3, "the server was killed before anything was accepted"
    assert failed, "the server was not killed in the middle of submissions"
    inbox = Inbox(inbox_dir)
    entries = inbox.entries()
    titles = [entry.submission.title for entry in entries]
    assert set(accepted) <= set(titles)  # nothing accepted is lost
    assert len(titles) == len(set(titles))
    # A folder holding data is a complete entry; a kill may leave an empty reserved folder
    # (cleaned up later by Inbox.remove_leftovers), which is never listed.
    complete = [p for p in inbox_dir.iterdir() if valid_id(p.name) and any(p.iterdir())]
    assert len(complete) == len(entries) == len(inbox)
    for entry in entries:
        loaded = inbox.get(entry.id)
        assert loaded.submission == entry.submission
        assert loaded.photo is not None and loaded.photo.read_bytes().startswith(b"\xff\xd8")
    listing = subprocess.run(
        [str(KOOKBOEK), "inbox", "list", "--inbox", str(inbox_dir)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listing.returncode == 0 and "Traceback" not in listing.stderr
    print(f"\nkilled with {len(accepted)} accepted, {len(failed)} cut off, {len(entries)} stored")
