from __future__ import annotations

import http.cookiejar
import re
import time
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from flask import Flask
from PIL import Image

from form_helpers import csrf_token, form_fields, jpeg_with_gps
from kookboek.inbox.store import Inbox
from live_server import running

SENDERS = 20


def multipart(fields: dict[str, object], photo: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            header = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            parts.append(f"{header}{item}\r\n".encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="foto"; filename="f.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n".encode()
        + photo
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def send_one(base: str, number: int) -> int:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    token = csrf_token(opener.open(base + "/", timeout=30).read().decode())
    body, content_type = multipart(
        {"csrf_token": token, **form_fields(titel=f"Recept nummer {number}", porties=str(number))},
        jpeg_with_gps((800 + number, 600)),
    )
    request = urllib.request.Request(base + "/", body, {"Content-Type": content_type})
    review = opener.open(request, timeout=30).read().decode()
    concept = re.search(r'name="concept" value="([0-9a-f]{32})"', review)
    assert concept, "no review step"
    data = urllib.parse.urlencode({"csrf_token": token, "concept": concept.group(1)}).encode()
    with opener.open(base + "/versturen", data, timeout=30) as sent:
        assert sent.url.endswith("/bedankt")
        return sent.status


def test_twenty_phones_sending_at_once_all_arrive_intact(make_app: Callable[..., Flask]) -> None:
    app = make_app(SEND_LIMIT=(100, 3600), POST_LIMIT=(100, 600))
    with running(app) as base, ThreadPoolExecutor(max_workers=SENDERS) as pool:
        started = time.monotonic()
        statuses = list(pool.map(lambda n: send_one(base, n), range(1, SENDERS + 1)))
        elapsed = time.monotonic() - started
    assert statuses == [200] * SENDERS
    entries = Inbox(app.config["INBOX_DIR"]).entries()
    assert sorted(e.submission.title for e in entries) == sorted(
        f"Recept nummer {n}" for n in range(1, SENDERS + 1)
    )
    for entry in entries:
        number = int(entry.submission.title.rsplit(" ", 1)[1])
        assert entry.submission.portions == number  # each folder holds its own data
        assert entry.photo is not None
        with Image.open(entry.photo) as photo:
            assert photo.width == 800 + number and not photo.getexif()
    assert elapsed < 60, f"20 submissions took {elapsed:.1f} s"
    print(f"\n{SENDERS} concurrent submissions (form, review, send) in {elapsed:.2f} s")
