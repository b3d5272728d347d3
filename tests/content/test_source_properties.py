"""Property tests: no input file, however broken, gets anything but a Dutch content error."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kookboek.content.errors import ContentErrors
from kookboek.content.project import load_project
from kookboek.content.source import SourceError, read_markdown
from project_paths import FIXTURES

SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.dates(),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
KEYS = [
    "titel", "beschrijving", "porties", "tijd", "categorie", "competenties", "dieet",
    "allergenen", "materiaal", "foto", "foto_alt", "auteur", "groep", "datum", "ingredienten",
]  # fmt: skip
ingredient = st.fixed_dictionaries(
    {},
    optional={
        "naam": scalars, "hoeveelheid": scalars, "eenheid": st.sampled_from(["g", "stuk", "x"]),
        "prijs": scalars, "naar_smaak": scalars,
    },
)  # fmt: skip
frontmatter = st.fixed_dictionaries(
    {},
    optional={key: values for key in KEYS} | {"ingredienten": st.lists(ingredient, max_size=5)},
)


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_give_a_source_or_a_dutch_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "recept.md"
        path.write_bytes(data)
        try:
            source = read_markdown(path)
        except SourceError as exc:
            assert exc.error.path.endswith("recept.md")
            assert exc.error.message
        else:
            assert source.path == path


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_after_a_frontmatter_fence(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "recept.md"
        path.write_text("---\n" + text, encoding="utf-8")
        try:
            read_markdown(path)
        except SourceError as exc:
            assert exc.error.line >= 0


@SETTINGS
@given(frontmatter)
def test_any_frontmatter_gives_a_project_or_located_errors(data: dict[str, Any]) -> None:
    fixture = FIXTURES / "valid" / "content"
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        (content / "recepten").mkdir(parents=True)
        for name in ("prijzen.yml", "competenties.yml"):
            (content / name).write_bytes((fixture / name).read_bytes())
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (content / "recepten" / "recept.md").write_text(f"---\n{text}---\n\nTekst.\n", "utf-8")
        try:
            project = load_project(content)
        except ContentErrors as exc:
            assert exc.errors
            for error in exc.errors:
                assert error.path.endswith("recept.md")
                assert 1 <= error.line <= len(text.splitlines()) + 2
                assert error.message
        else:
            recipe = project.recipes[0]
            assert project.costs[recipe.slug].per_portion >= 0
