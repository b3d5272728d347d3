"""The benchmark's content generator (scripts/bench_content.py) makes valid, priced recipes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from PIL import Image

from kookboek.content.project import load_project
from project_paths import REPO


def load_generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "bench_content", REPO / "scripts" / "bench_content.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_content", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_generated_recipes_validate_and_have_phone_photos(tmp_path: Path) -> None:
    generator = load_generator()
    project = generator.copy_project(REPO, tmp_path / "project")
    made = generator.generate_recipes(project / "content", 6, photo_share=0.5)
    loaded = load_project(project / "content")
    assert sorted(r.slug for r in loaded.recipes) == sorted(m.slug for m in made)
    assert all(loaded.costs[m.slug].per_portion > 0 for m in made)
    photos = [m.photo for m in made if m.photo is not None]
    assert len(photos) == 3
    with Image.open(photos[0]) as photo:
        assert photo.size == (4000, 3000) and photo.format == "JPEG"
    assert len({p.read_bytes() for p in photos}) == 3  # every photo hashes differently
