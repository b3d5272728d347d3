"""schema.org JSON-LD: durations, steps, escaping."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kookboek.content.project import load_project
from kookboek.site.structured_data import (
    iso_duration,
    item_list_json_ld,
    json_ld_script,
    json_ld_to_head,
    recipe_json_ld,
    steps,
)


@pytest.mark.parametrize(
    ("minutes", "expected"), [(40, "PT40M"), (60, "PT1H"), (90, "PT1H30M"), (5, "PT5M")]
)
def test_iso_duration(minutes: int, expected: str) -> None:
    assert iso_duration(minutes) == expected


def test_steps_come_from_the_bereiding_section_only() -> None:
    body = (
        "## Bereiding\n\n1. Snij de **uien**.\n2. Kook ze\n   10 minuten.\n\n"
        "## Tips\n\n1. Geen stap.\n"
    )
    assert steps(body) == ["Snij de uien.", "Kook ze 10 minuten."]


def test_script_cannot_close_early_and_json_round_trips() -> None:
    data = {"name": "</script><script>alert(1)</script> & \u2028"}
    html = str(json_ld_script(data))
    assert html.count("</script>") == 1 and html.endswith("</script>")
    inner = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', html, re.S)
    assert inner is not None
    assert json.loads(inner.group(1)) == data


def test_recipe_without_author_is_credited_to_the_publisher(valid_content: Path) -> None:
    project = load_project(valid_content)
    recipe = next(r for r in project.recipes if r.slug == "pannenkoeken")
    data = recipe_json_ld(
        recipe,
        project.costs[recipe.slug],
        page_url="https://example.org/recepten/pannenkoeken/",
        image_urls=[],
        competence_names=["Samenwerken"],
        publisher="Testkookboek",
    )
    assert data["author"] == {"@type": "Organization", "name": "Testkookboek"}
    assert "image" not in data
    assert data["recipeIngredient"][1] == "3 stuks eieren"
    assert data["estimatedCost"]["value"] == float(project.costs[recipe.slug].total)


def test_item_list_positions() -> None:
    data = item_list_json_ld([("A", "https://x/a/"), ("B", "https://x/b/")])
    assert [i["position"] for i in data["itemListElement"]] == [1, 2]
    assert data["numberOfItems"] == 2


def test_json_ld_moves_from_the_body_into_the_head() -> None:
    script = json_ld_script({"@type": "Recipe", "name": "Soep </script> <b>"})
    body = f"<body><main>{script}<p>a</p>{script}</main></body>"
    page = f"<html><head><title>x</title></head>{body}</html>"
    moved = json_ld_to_head(page)
    head, body = moved.split("</head>")
    assert head.count('type="application/ld+json"') == 2 and "ld+json" not in body
    assert body == "<body><main><p>a</p></main></body></html>"
    assert json_ld_to_head("<html><head></head><body><p>a</p></body></html>") == (
        "<html><head></head><body><p>a</p></body></html>"
    )
