"""Helpers shared by the form tests: valid form data and photos with metadata."""

from __future__ import annotations

import datetime as dt
import html
import http.client
import io
import re
import socket
import ssl
import urllib.parse
from pathlib import Path
from typing import Any

from PIL import Image

from kookboek.inbox.store import DRAFTS_DIR, SESSION_KEY_FILE, Inbox
from kookboek.inbox.submission import (
    RawIngredient,
    RawSubmission,
    Submission,
    parse_submission,
)

GPS_IFD = 0x8825


def jpeg_with_gps(size: tuple[int, int] = (640, 480)) -> bytes:
    """A JPEG carrying GPS coordinates and a camera make in its EXIF."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 2.0, 3.0), 3: "E", 4: (4.0, 5.0, 6.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def has_gps(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        return bool(image.getexif().get_ifd(GPS_IFD))


def form_fields(**changes: object) -> dict[str, object]:
    """A complete, valid form post (field names as in the HTML form)."""
    fields: dict[str, object] = {
        "titel": "Stoemp met prei",
        "beschrijving": "Stevige stoemp voor koude dagen.",
        "categorie": "hoofdgerecht",
        "porties": "4",
        "tijd": "35",
        "ingredient_naam": ["uien", "prei", "zout"],
        "ingredient_hoeveelheid": ["2", "1,5", ""],
        "ingredient_eenheid": ["stuk", "stuk", "naar-smaak"],
        "ingredient_prijs": ["", "1,20", ""],
        "stap": ["Schil de aardappelen.", "Kook alles gaar.", ""],
        "tips": "Lekker met mosterd.",
        "competenties": ["plannen", "rekenen"],
        "voornaam": "Samira",
        "toestemming_naam": "ja",
        "toestemming_foto": "ja",
    }
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def sample_raw_submission(steps: tuple[str, ...] = ("Kook.",), **changes: object) -> RawSubmission:
    """A complete submission as typed in the form; ``changes`` override single fields."""
    raw = RawSubmission(
        title="Stoemp met prei",
        description="Stevig.",
        category="hoofdgerecht",
        portions="4",
        minutes="35",
        ingredients=[
            RawIngredient("uien", "2", "stuk", ""),
            RawIngredient("prei", "1", "stuk", "1,20"),
        ],
        steps=list(steps),
        competences=["plannen"],
        author="Samira",
        publish_name=True,
        publish_photo=True,
    )
    for key, value in changes.items():
        setattr(raw, key, value)
    return raw


def sample_submission(title: str = "Stoemp met prei", **changes: object) -> Submission:
    """``sample_raw_submission`` as the form accepts it (checked, dated 14 October 2026)."""
    raw = sample_raw_submission(title=title, **changes)
    return parse_submission(raw, {"plannen"}, today=dt.date(2026, 10, 14))


def preview_document(page: str) -> str:
    """The recipe preview's own document, as the browser reads it from the frame's srcdoc."""
    match = re.search(r'<iframe[^>]* srcdoc="([^"]*)"', page)
    assert match, "no preview frame on the page"
    return html.unescape(match.group(1))


def send(inbox: Inbox, submission: Submission, photo: bytes | None = None) -> str:
    """A submission in the inbox as the form puts it there: a draft, then sent; its id."""
    return inbox.send_draft(inbox.save_draft(submission, photo))


def entry_folders(root: Path) -> list[Path]:
    """What the inbox holds besides the participants' drafts (kept in their own folder) and
    the form's session key."""
    drafts = [p for p in root.iterdir() if p.name == DRAFTS_DIR and not any(p.iterdir())]
    return [p for p in root.iterdir() if p not in drafts and p.name != SESSION_KEY_FILE]


def phone_photo(size: tuple[int, int] = (4000, 3000)) -> bytes:
    """A JPEG about as large as a 12-megapixel phone photo (some MB): colour shapes on a
    gradient with sensor-like noise, which a JPEG cannot squeeze away."""
    from PIL import ImageDraw

    width, height = size
    gradient = Image.linear_gradient("L").resize(size)
    image = Image.merge(
        "RGB",
        (
            gradient,
            gradient.rotate(90).resize(size),
            Image.radial_gradient("L").resize(size),
        ),
    )
    draw = ImageDraw.Draw(image)
    for i in range(40):
        x, y = i * 97 % width, i * 61 % height
        draw.ellipse(
            (x, y, x + width // 10, y + height // 10), fill=(i * 53 % 255, i * 29 % 255, 90)
        )
    noisy = Image.blend(image, Image.effect_noise(size, 30).convert("RGB"), 0.25)
    out = io.BytesIO()
    noisy.save(out, "JPEG", quality=92)
    return out.getvalue()


class Phone:
    """One client with its own session cookie, talking HTTP(S) to a running form server.

    ``forwarded_for`` and ``forwarded_proto`` are sent as X-Forwarded-For and
    X-Forwarded-Proto (what a proxy says, or what a client pretends); ``source`` is the local
    address to connect from and ``context`` makes it HTTPS (with ``server_name`` for the
    certificate and the Host header).
    """

    def __init__(
        self,
        base: str,
        *,
        forwarded_for: str | None = None,
        forwarded_proto: str | None = None,
        source: str | None = None,
        context: ssl.SSLContext | None = None,
        server_name: str = "localhost",
    ) -> None:
        parsed = urllib.parse.urlsplit(base)
        self.address = (parsed.hostname or "127.0.0.1", parsed.port or 80)
        self.forwarded_for = forwarded_for
        self.forwarded_proto = forwarded_proto
        self.source = source
        self.context = context
        self.server_name = server_name
        self.cookie: str | None = None
        self.set_cookie: str | None = None  # the whole last Set-Cookie header, attributes too

    @property
    def origin(self) -> str:
        """The origin the app sees in the Host header, for the Referer a browser sends."""
        scheme = "https" if self.context or self.forwarded_proto == "https" else "http"
        host = self.server_name if self.context else self.address[0]
        return f"{scheme}://{host}:{self.address[1]}"

    def request(
        self, method: str, path: str, fields: dict[str, object] | None = None
    ) -> tuple[int, http.client.HTTPMessage, str]:
        headers = {"Referer": self.origin + path}
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        if self.forwarded_proto:
            headers["X-Forwarded-Proto"] = self.forwarded_proto
        if self.cookie:
            headers["Cookie"] = self.cookie
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        sock = socket.create_connection(
            self.address, timeout=30, source_address=(self.source, 0) if self.source else None
        )
        connection: http.client.HTTPConnection
        if self.context:
            sock = self.context.wrap_socket(sock, server_hostname=self.server_name)
            connection = http.client.HTTPSConnection(self.server_name, self.address[1])
            headers["Host"] = f"{self.server_name}:{self.address[1]}"
        else:
            connection = http.client.HTTPConnection(*self.address)
        connection.sock = sock
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        cookie = response.headers.get("Set-Cookie")
        if cookie:
            self.set_cookie = cookie
            self.cookie = cookie.split(";")[0]
        return response.status, response.headers, text

    def log_in(self, password: str) -> int:
        """Open the login page and send ``password``; the status of the answer."""
        status, _, page = self.request("GET", "/beheer/aanmelden")
        assert status == 200, page
        token = csrf_token(page)
        status, _, _ = self.request(
            "POST", "/beheer/aanmelden", {"csrf_token": token, "wachtwoord": password}
        )
        return status


# The form in a browser with scripts is shown one question at a time (form.js): these walk
# its screens with Terug and Verder, as she does, to the screen of a field.
_SCREEN_OF = """selector => {
  const names = [];
  for (const section of document.querySelectorAll("[data-scherm]")) {
    if (!names.includes(section.dataset.scherm)) names.push(section.dataset.scherm);
  }
  const field = document.querySelector(selector);
  const section = field && field.closest("[data-scherm]");
  return section ? names.indexOf(section.dataset.scherm) : names.length - 1;
}"""


def screen_number(page: Any) -> int | None:
    """The screen shown now, from 0; None when the form is one page (no scripts)."""
    shown = page.get_attribute("form.formulier", "data-scherm-nu")
    return None if shown is None else int(shown)


def go_to_screen_of(page: Any, selector: str) -> None:
    """Terug or Verder until the screen with ``selector`` is shown (the send button: the
    last screen). Fails when a screen's check keeps her where she is."""
    target = page.evaluate(_SCREEN_OF, selector)
    for _ in range(20):
        current = screen_number(page)
        if current is None or current == target:
            return
        page.click("[data-verder]" if current < target else "[data-terug]")
        page.wait_for_function(
            "([n, message]) => document.querySelector('form.formulier')"
            ".getAttribute('data-scherm-nu') !== n || document.querySelector(message)",
            arg=[str(current), ".vraag:not([hidden]) p.fout"],
        )
        if screen_number(page) == current:
            messages = page.locator(".vraag:not([hidden]) p.fout").all_inner_texts()
            raise AssertionError(f"screen {current + 1} did not let her on: {messages}")
    raise AssertionError(f"never reached the screen of {selector}")


def fill_field(page: Any, selector: str, value: str) -> None:
    go_to_screen_of(page, selector)
    page.fill(selector, value)


def answer_the_first_screens(page: Any, title: str, description: str) -> None:
    """Name, description, a main dish, 4 portions in 30 minutes: screens 1-4, as she does."""
    fill_field(page, "#titel", title)
    fill_field(page, "#beschrijving", description)
    go_to_screen_of(page, "input[name=categorie]")
    page.check("input[name=categorie][value=hoofdgerecht]")
    fill_field(page, "#porties", "4")
    page.fill("#tijd", "30")


def send_form(page: Any) -> None:
    """To the last screen, then "Bekijk mijn recept"."""
    go_to_screen_of(page, "button[type=submit]")
    page.click("button:has-text('Bekijk mijn recept')")


# The wizard's nine screens (form.js), by their headings, and what she answers on each.
SCREENS = [
    "Hoe heet je recept?",
    "Vertel in één zin wat het is",
    "Wat voor gerecht is het?",
    "Hoeveel porties? Hoe lang duurt het?",
    "Wat heb je nodig?",
    "Hoe maak je het?",
    "Wat heb je geoefend?",
    "Een foto van je gerecht (niet verplicht)",
    "Je voornaam (niet verplicht)",
]


def row(page: Any, field: str, more: str) -> str:
    """``field``, after "+ Nog een ..." when the script keeps its row hidden until asked."""
    if not page.is_visible(field):
        page.click(f"button:has-text('{more}')")
    return field


def fill_screen(page: Any, number: int, photo: Path | None) -> None:
    """The answers of one screen (1-9), as tests/web/test_form_wizard_browser.py gives them to
    the wizard and to the one-page form; the photo only when given."""
    if number == 1:
        page.fill("#titel", "Wortelstoemp van Amina")
    elif number == 2:
        page.fill("#beschrijving", "Zachte stoemp met wortel.")
    elif number == 3:
        page.check("input[name=categorie][value=hoofdgerecht]")
    elif number == 4:
        page.fill("#porties", "4")
        page.fill("#tijd", "30")
    elif number == 5:
        page.fill("#ingredient-1-naam", "uien")
        page.fill("#ingredient-1-hoeveelheid", "2")
        page.select_option("#ingredient-1-eenheid", "stuk")
        page.fill(row(page, "#ingredient-2-naam", "Nog een ingrediënt"), "wortelen")
        page.fill("#ingredient-2-hoeveelheid", "1")
        page.select_option("#ingredient-2-eenheid", "kg")
        page.fill("#ingredient-2-prijs", "1,10")
        page.fill(row(page, "#ingredient-3-naam", "Nog een ingrediënt"), "zout")
        page.select_option("#ingredient-3-eenheid", "naar-smaak")
    elif number == 6:
        page.fill("#stap-1", "Kook de wortelen en de uien gaar.")
        page.fill(row(page, "#stap-2", "Nog een stap"), "Stamp alles fijn.")
        page.fill("#tips", "Lekker met mosterd.")
    elif number == 7:
        page.check("input[name=competenties][value=rekenen]")
        page.check("input[name=competenties][value=samenwerken]")
    elif number == 8 and photo is not None:
        page.set_input_files("#foto", str(photo))
    elif number == 9:
        page.fill("#voornaam", "Amina")
        page.check("input[name=toestemming_naam]")
        page.check("input[name=toestemming_foto]")


#: Two coaches with their own accounts, as on a project with colleagues.
COACH_PASSWORDS = {"Els": "els-haar-eigen-wachtwoord", "Sofie": "sofie-haar-wachtwoord"}


def coaches(app: Any) -> dict[str, Any]:
    """Els and Sofie, each logged in to /beheer with her own account in her own client."""
    from kookboek.web.accounts import ACCOUNTS_FILE, Accounts

    accounts = Accounts(Path(app.config["INBOX_DIR"]) / ACCOUNTS_FILE)
    clients = {}
    for name, password in COACH_PASSWORDS.items():
        accounts.add(name, password)
        client = app.test_client()
        token = csrf_token(client.get("/beheer/aanmelden").get_data(as_text=True))
        data = {"csrf_token": token, "naam": name, "wachtwoord": password}
        assert client.post("/beheer/aanmelden", data=data).status_code == 303
        clients[name] = client
    return clients
