"""Helpers shared by the form tests: valid form data and photos with metadata."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

from PIL import Image

from kookboek.inbox.store import DRAFTS_DIR, SESSION_KEY_FILE, Inbox
from kookboek.inbox.submission import RawIngredient, RawSubmission, Submission

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
