from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kookboek.content.slugs import slugify, unique_slug

SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def test_examples() -> None:
    assert slugify("Stoemp met prei & spek!") == "stoemp-met-prei-spek"
    assert slugify("Crème brûlée à la maison") == "creme-brulee-a-la-maison"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("😀") == "recept"


@given(st.text())
def test_slugs_are_always_safe(text: str) -> None:
    slug = slugify(text)
    assert SAFE.match(slug), slug
    assert len(slug) <= 60
    assert "/" not in slug and ".." not in slug


@given(st.lists(st.text(max_size=20), max_size=30))
def test_unique_slugs_never_collide(titles: list[str]) -> None:
    taken: set[str] = set()
    for title in titles:
        slug = unique_slug(title, taken)
        assert slug not in taken
        assert SAFE.match(slug)
        taken.add(slug)
