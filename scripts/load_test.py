#!/usr/bin/env python3
"""Load test of the contribution form: many phones sending recipes at once, on loopback only.

Starts the form (waitress, as `kookboek form` does) in a child process on 127.0.0.1 with the
project's content and a temporary inbox, lets CLIENTS simulated participants fill in, review
and send recipes with a photo for SECONDS, then checks that every accepted recipe is stored
intact and that the server's memory stayed stable. Prints requests per second and latencies.

    .venv/bin/python scripts/load_test.py                  # 50 clients, 30 s (make load-test)
    .venv/bin/python scripts/load_test.py --clients 10 --seconds 3

Exit code 0 when everything held, 1 otherwise. Nothing leaves this computer.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from http.cookies import SimpleCookie
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anything else
MAX_RSS_GROWTH = 1.5  # end RSS may be at most 1.5 × the RSS after warming up (+ 20 MB)


def serve(port: int, inbox: Path, content: Path) -> None:
    """The child process: the real app and waitress, with limits meant for one training room
    raised so that one address can play fifty phones."""
    import logging

    from waitress import serve as waitress_serve

    from kookboek.web import create_app
    from kookboek.web.server import server_options

    app = create_app(
        {
            "INBOX_DIR": inbox,
            "CONTENT_DIR": content,
            "SEND_LIMIT": (1_000_000, 3600.0),
            "POST_LIMIT": (1_000_000, 600.0),
            "MAX_INBOX_ENTRIES": 1_000_000,
        }
    )
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # a queue is the point here
    waitress_serve(app, host=HOST, port=port, **server_options(app))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def photo_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 120, 40)).save(out, "JPEG", quality=85)
    return out.getvalue()


def multipart(fields: list[tuple[str, str]], photo: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="foto"; filename="f.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n".encode()
        + photo
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Participant:
    """One phone: its own cookie, one connection, and a loop of fill in → review → send."""

    def __init__(self, port: int, number: int, competence: str, stats: Stats) -> None:
        self.port, self.number, self.competence, self.stats = port, number, competence, stats
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)

    def request(self, method: str, path: str, body: bytes | None = None, kind: str = "") -> str:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if kind:
            headers["Content-Type"] = kind
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body, headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
            self.stats.add(time.perf_counter() - started, 0)
            raise
        self.stats.add(time.perf_counter() - started, response.status)
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if response.status == 303:
            return response.getheader("Location", "")
        return text

    def submit(self, title: str, photo: bytes) -> bool:
        page = self.request("GET", "/")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        if token is None:
            return False
        fields = [
            ("csrf_token", token.group(1)),
            ("titel", title),
            ("beschrijving", "Een recept uit de laadtest."),
            ("categorie", "soep"),
            ("porties", "4"),
            ("tijd", "30"),
            ("ingredient_naam", "uien"),
            ("ingredient_hoeveelheid", "2"),
            ("ingredient_eenheid", "stuk"),
            ("ingredient_prijs", "0,50"),
            ("stap", "Snijd de uien."),
            ("competenties", self.competence),
            ("toestemming_foto", "ja"),
        ]
        body, kind = multipart(fields, photo)
        location = self.request("POST", "/", body, kind)
        if not location.startswith("/nakijken/"):
            return False
        review = self.request("GET", location)
        concept = re.search(r'name="concept" value="([0-9a-f]{32})"', review)
        if concept is None:
            return False
        data = urllib.parse.urlencode({"csrf_token": token.group(1), "concept": concept.group(1)})
        location = self.request(
            "POST", "/versturen", data.encode(), "application/x-www-form-urlencoded"
        )
        return location.endswith("/bedankt")


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.accepted: list[str] = []
        self.refused = 0

    def add(self, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1


def run_clients(
    port: int, clients: int, seconds: float, competence: str, tag: str
) -> tuple[Stats, float]:
    stats = Stats()
    photo = photo_bytes()
    deadline = time.monotonic() + seconds

    def loop(number: int) -> None:
        participant = Participant(port, number, competence, stats)
        sent = 0
        while time.monotonic() < deadline:  # bounded by time
            sent += 1
            title = f"{tag} {number}-{sent}"
            try:
                ok = participant.submit(title, photo)
            except (OSError, http.client.HTTPException):
                ok = False
            with stats.lock:
                if ok:
                    stats.accepted.append(title)
                else:
                    stats.refused += 1

    threads = [threading.Thread(target=loop, args=(n,), daemon=True) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return stats, time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def check_inbox(inbox_dir: Path, accepted: list[str]) -> list[str]:
    from PIL import Image

    from kookboek.inbox.store import Inbox, valid_id

    problems: list[str] = []
    inbox = Inbox(inbox_dir, max_entries=1_000_000)
    entries = inbox.entries()
    titles = [entry.submission.title for entry in entries]
    missing = set(accepted) - set(titles)
    if missing:
        problems.append(f"{len(missing)} geaccepteerde recepten ontbreken in het postvak")
    if len(titles) != len(set(titles)):
        problems.append("een recept staat dubbel in het postvak")
    folders = [p for p in inbox_dir.iterdir() if valid_id(p.name)]
    if len(folders) != len(entries):
        problems.append(f"{len(folders) - len(entries)} onvolledige mappen in het postvak")
    for entry in entries:
        if entry.submission.ingredients[0].name != "uien" or entry.photo is None:
            problems.append(f"inzending {entry.id} is niet volledig")
            continue
        with Image.open(entry.photo) as photo:
            photo.verify()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--serve", nargs=3, metavar=("PORT", "INBOX", "CONTENT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.serve:
        serve(int(args.serve[0]), Path(args.serve[1]), Path(args.serve[2]))
        return 0

    from kookboek.content.project import load_competences

    competence = load_competences(args.content)[0].id
    with tempfile.TemporaryDirectory(prefix="kookboek-laadtest-") as work:
        inbox_dir = Path(work) / "inzendingen"
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(port), str(inbox_dir), str(args.content)],
            stdout=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection((HOST, port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        print("De server start niet.", file=sys.stderr)
                        return 1
                    time.sleep(0.1)
            # Warm up (imports, first photo, templates) before the first memory reading.
            run_clients(port, 2, 1.0, competence, "Opwarmen")
            rss_start = rss_mb(server.pid)
            stats, elapsed = run_clients(port, args.clients, args.seconds, competence, "Laadtest")
            rss_end = rss_mb(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        problems = check_inbox(inbox_dir, stats.accepted)

    errors = sum(count for status, count in stats.statuses.items() if status == 0 or status >= 500)
    figures = {
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "requests": len(stats.latencies),
        "requests_per_second": round(len(stats.latencies) / elapsed, 1),
        "accepted_submissions": len(stats.accepted),
        "submissions_per_second": round(len(stats.accepted) / elapsed, 2),
        "p50_ms": round(percentile(stats.latencies, 0.50) * 1000),
        "p95_ms": round(percentile(stats.latencies, 0.95) * 1000),
        "max_ms": round(max(stats.latencies, default=0) * 1000),
        "statuses": {str(k): v for k, v in sorted(stats.statuses.items())},
        "rss_start_mb": round(rss_start, 1),
        "rss_end_mb": round(rss_end, 1),
    }
    if errors:
        problems.append(f"{errors} verzoeken mislukten (5xx of verbroken)")
    if stats.refused:
        problems.append(f"{stats.refused} inzendingen werden niet aanvaard")
    if not stats.accepted:
        problems.append("geen enkele inzending aanvaard")
    if rss_end > rss_start * MAX_RSS_GROWTH + 20:
        problems.append(f"het geheugen groeide van {rss_start:.0f} naar {rss_end:.0f} MB")
    if args.json:
        print(json.dumps({**figures, "problems": problems}))
    else:
        print(
            f"{args.clients} gebruikers, {elapsed:.1f} s: {figures['requests']} verzoeken "
            f"({figures['requests_per_second']}/s), {figures['accepted_submissions']} recepten "
            f"aanvaard ({figures['submissions_per_second']}/s)\n"
            f"wachttijd: mediaan {figures['p50_ms']} ms, 95e percentiel {figures['p95_ms']} ms, "
            f"hoogstens {figures['max_ms']} ms\n"
            f"geheugen van de server (RSS): {rss_start:.0f} MB na opwarmen, {rss_end:.0f} MB op "
            f"het einde\nantwoorden: {figures['statuses']}"
        )
        for problem in problems:
            print(f"PROBLEEM: {problem}")
        if not problems:
            print("Alles aanvaard is volledig opgeslagen.")
    return 1 if problems else 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main())
