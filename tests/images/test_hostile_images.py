"""Hostile and unusual images: refused with a clear Dutch message, or converted safely.

The same corpus goes through the form's intake, a recipe photo in content (validation and a
real build) and, in tests/web/test_hostile_uploads.py, an upload through the form.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from PIL import Image

from hostile_images import CONVERTED, REFUSED, corpus, html_page, jpeg
from kookboek.content.errors import ContentErrors
from kookboek.content.project import load_project
from kookboek.images.decode import ImageProblem
from kookboek.images.intake import process_photo

CORPUS = corpus()
DUTCH_REASONS = (
    "de foto is te groot (te veel pixels).",
    "dit bestand is geen foto die we kunnen openen.",
    "het bestand is leeg.",
    "de foto is te lang of te breed.",
)
# Decoded only when the site is built: the header looks fine, the pixels are missing.
TRUNCATED = {"afgebroken-jpeg", "afgebroken-png"}


def recipe_with_photo(content: Path, name: str, photo: bytes, suffix: str = ".jpg") -> str:
    (content / "recepten" / f"{name}{suffix}").write_bytes(photo)
    text = (content / "recepten" / "pannenkoeken.md").read_text(encoding="utf-8")
    text = text.replace("titel: Pannenkoeken", f"titel: Foto {name}\nfoto: {name}{suffix}")
    text = text.replace("materiaal:", "foto_alt: Een foto\nmateriaal:")
    (content / "recepten" / f"{name}.md").write_text(text, encoding="utf-8")
    return f"{name}{suffix}"


@pytest.mark.parametrize("name", REFUSED)
def test_the_form_refuses_hostile_images_quickly_in_dutch(name: str) -> None:
    data, _ = CORPUS[name]
    started = time.perf_counter()
    with pytest.raises(ImageProblem) as caught:
        process_photo(data)
    assert time.perf_counter() - started < 2
    assert str(caught.value).startswith(DUTCH_REASONS), caught.value


@pytest.mark.parametrize("name", CONVERTED)
def test_the_form_converts_unusual_images_to_a_clean_jpeg(name: str) -> None:
    data, colour = CORPUS[name]
    assert colour is not None
    started = time.perf_counter()
    out = process_photo(data)
    assert time.perf_counter() - started < 2
    assert out.startswith(b"\xff\xd8") and out.endswith(b"\xff\xd9")  # nothing appended
    assert b"<html" not in out and b"PK\x03\x04" not in out
    with Image.open(io.BytesIO(out)) as photo:
        assert photo.format == "JPEG" and photo.mode == "RGB" and not photo.getexif()
        assert getattr(photo, "n_frames", 1) == 1
        centre = photo.getpixel((photo.width // 2, photo.height // 2))
    assert isinstance(centre, tuple)
    assert all(abs(got - want) <= 8 for got, want in zip(centre, colour, strict=True)), centre


def test_content_photos_are_checked_and_named_before_building(valid_content: Path) -> None:
    expected = {}
    for name in REFUSED:
        if name not in TRUNCATED:
            expected[name] = recipe_with_photo(valid_content, name, CORPUS[name][0])
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned=1</script></svg>'
    expected["svg-met-script"] = recipe_with_photo(valid_content, "svg-met-script", svg, ".svg")
    started = time.perf_counter()
    with pytest.raises(ContentErrors) as caught:
        load_project(valid_content)
    assert time.perf_counter() - started < 10
    found = {Path(e.path).stem: f"{e.line}: {e.field}: {e.message}" for e in caught.value}
    assert set(found) == set(expected)
    for name, photo in expected.items():
        assert found[name].startswith(f"3: foto: '{photo}': "), found[name]
        reason = found[name].removeprefix(f"3: foto: '{photo}': ")
        assert reason.startswith(
            (
                *DUTCH_REASONS,
                "de tekening (SVG) bevat code of een verwijzing naar een ander bestand (<script>)",
            )
        )


@pytest.mark.slow
def test_a_truncated_photo_stops_the_build_with_its_name(valid_project: Path) -> None:
    from kookboek.mkdocs_plugin.run import BuildFailed, build_site

    for name in sorted(TRUNCATED):
        recipe_with_photo(valid_project / "content", name, CORPUS[name][0])
    with pytest.raises(BuildFailed) as caught:
        build_site(valid_project / "mkdocs.yml", pdf=False)
    report = str(caught.value)
    for name in TRUNCATED:
        assert f"content/recepten/{name}.jpg: dit bestand is geen foto" in report, report
    assert "Traceback" not in report


@pytest.mark.slow
def test_unusual_photos_in_content_are_published_only_as_clean_variants(
    valid_project: Path,
) -> None:
    from kookboek.mkdocs_plugin.run import build_site

    content = valid_project / "content"
    for name in CONVERTED:
        recipe_with_photo(content, name, CORPUS[name][0])
    recipe_with_photo(content, "gewone-foto", jpeg() + html_page())
    site = build_site(valid_project / "mkdocs.yml", pdf=False).site_dir
    published = sorted((site / "fotos").iterdir())
    for name in [*CONVERTED, "gewone-foto"]:
        assert not (site / "recepten" / f"{name}.jpg").exists()  # never the original
        variants = [p for p in published if p.name.startswith(f"{name}-")]
        assert {p.suffix for p in variants} == {".jpg", ".webp"}, name
        for variant in variants:
            data = variant.read_bytes()
            assert b"<html" not in data and b"<script" not in data, variant.name
            with Image.open(variant) as image:
                assert image.format in {"JPEG", "WEBP"} and getattr(image, "n_frames", 1) == 1
