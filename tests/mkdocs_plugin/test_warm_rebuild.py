"""A warm rebuild reuses parsed files and rendered HTML, and never shows anything stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kookboek.mkdocs_plugin.run import BuildFailed, build_site
from project_paths import REPO
from sample_project import copy_sample_project

pytestmark = pytest.mark.slow


def site_files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
        and path.suffix in {".html", ".json", ".xml", ".pf_fragment", ".pf_index", ".pf_meta"}
    }


def page(project: Path, path: str) -> str:
    return (project / "site" / path / "index.html").read_text(encoding="utf-8")


def test_warm_rebuild_equals_a_cold_build(tmp_path: Path) -> None:
    project = copy_sample_project(tmp_path / "project")
    build_site(project / "mkdocs.yml", pdf=False)
    cold = site_files(project / "site")
    cache = project / ".cache" / "kookboek" / "site"
    assert (cache / "fragments.json").is_file() and (cache / "parsed.pickle").is_file()
    build_site(project / "mkdocs.yml", pdf=False)
    warm = site_files(project / "site")
    assert warm.keys() == cold.keys()
    changed = [name for name in cold if warm[name] != cold[name]]
    assert changed == [], changed


def test_a_warm_rebuild_renders_no_html_again(tmp_path: Path) -> None:
    # The overview's card index is made of every recipe's card: kept like the pages' HTML.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = copy_sample_project(tmp_path / "project", "site_extra")
    build_site(project / "mkdocs.yml", pdf=False)
    config = load_config(str(project / "mkdocs.yml"))
    build(config)
    fragments = config.plugins["kookboek"].site.fragments
    assert (fragments.rendered, fragments.reused > 0) == (0, True)


def test_an_edited_recipe_shows_everywhere_after_a_warm_rebuild(tmp_path: Path) -> None:
    project = copy_sample_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    build_site(config, pdf=False)
    assert "Linzensoep" in page(project, "recepten/linzensoep")

    recipe = project / "content" / "recepten" / "linzensoep.md"
    recipe.write_text(
        recipe.read_text(encoding="utf-8")
        .replace("titel: Linzensoep", "titel: Rode linzensoep")
        .replace("{naam: rode linzen, hoeveelheid: 250", "{naam: rode linzen, hoeveelheid: 500"),
        encoding="utf-8",
    )
    build_site(config, pdf=False)
    for path in ("recepten/linzensoep", "recepten", "competenties/plannen", "soorten/soep"):
        assert "Rode linzensoep" in page(project, path), path
    assert "500 g" in page(project, "recepten/linzensoep")


def test_new_prices_change_every_cost_after_a_warm_rebuild(tmp_path: Path) -> None:
    project = copy_sample_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    build_site(config, pdf=False)
    before = page(project, "recepten/linzensoep")
    prices = project / "content" / "prijzen.yml"
    prices.write_text(
        prices.read_text(encoding="utf-8").replace("prijs: 2.20", "prijs: 4.40"), encoding="utf-8"
    )
    build_site(config, pdf=False)
    after = page(project, "recepten/linzensoep")
    assert before != after
    # 250 g of red lentils at € 2,20 per 500 g is € 1,10; at € 4,40 it is € 2,20.
    assert "€\xa01,10" in before and "€\xa02,20" in after


def test_an_edited_step_or_tip_shows_after_a_warm_rebuild(tmp_path: Path) -> None:
    # The body (steps and tips) is not in the recipe's frontmatter: it must count too.
    project = copy_sample_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    build_site(config, pdf=False)
    recipe = project / "content" / "recepten" / "linzensoep.md"
    recipe.write_text(
        recipe.read_text(encoding="utf-8") + "\n- Lekker met een snee volkorenbrood.\n",
        encoding="utf-8",
    )
    build_site(config, pdf=False)
    assert "Lekker met een snee volkorenbrood." in page(project, "recepten/linzensoep")


def test_a_warm_rebuild_compiles_no_template_and_draws_no_icon(tmp_path: Path) -> None:
    # Compiling the theme's and the engine's templates and drawing the home-screen icons
    # were fixed costs of every build; they are kept in the cache folder.
    project = copy_sample_project(tmp_path / "project")
    build_site(project / "mkdocs.yml", pdf=False)
    cache = project / ".cache" / "kookboek"
    compiled = list((cache / "templates").glob("*.cache"))
    assert len(compiled) > 10  # the theme's (base.html, partials) and the engine's
    assert (cache / "site" / "app-icons.pickle").is_file()
    icon = (project / "site" / "assets" / "images" / "icon-192.png").read_bytes()
    build_site(project / "mkdocs.yml", pdf=False)
    assert sorted((cache / "templates").glob("*.cache")) == sorted(compiled)
    assert (project / "site" / "assets" / "images" / "icon-192.png").read_bytes() == icon


def test_an_edited_theme_template_shows_after_a_warm_rebuild(tmp_path: Path) -> None:
    project = copy_sample_project(tmp_path / "project")
    shutil.copytree(REPO / "theme", project / "theme")  # a copy to edit
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(str(REPO / "theme"), "theme"), encoding="utf-8"
    )
    build_site(project / "mkdocs.yml", pdf=False)
    main = project / "theme" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8").replace(
            '<meta name="theme-color"',
            '<meta name="kb-edited" content="ja">\n  <meta name="theme-color"',
        ),
        encoding="utf-8",
    )
    build_site(project / "mkdocs.yml", pdf=False)
    assert '<meta name="kb-edited" content="ja">' in page(project, "recepten/linzensoep")


def test_photo_variants_are_linked_into_the_site_not_copied(tmp_path: Path) -> None:
    project = copy_sample_project(tmp_path / "project", "site_extra")
    build_site(project / "mkdocs.yml", pdf=False)
    variants = list((project / "site" / "fotos").rglob("*.webp"))
    assert variants
    cached = list((project / ".cache" / "kookboek" / "images").rglob("*.webp"))
    for variant in variants:
        assert variant.stat().st_nlink == 2, variant
        assert any(variant.samefile(kept) for kept in cached), variant


def test_a_photo_damaged_after_its_header_fails_the_cold_build_naming_it(
    tmp_path: Path,
) -> None:
    # Its variants are made while the pages are rendered; the damage shows only when it is
    # decoded, and still stops the build with the photo's name, before the site is swapped.
    project = copy_sample_project(tmp_path / "project", "site_extra")
    photo = project / "content" / "recepten" / "pannenkoeken.jpg"
    data = photo.read_bytes()
    photo.write_bytes(data[: len(data) // 2])
    with pytest.raises(BuildFailed) as caught:
        build_site(project / "mkdocs.yml", pdf=False)
    assert "De foto's bevatten fouten" in str(caught.value)
    assert "pannenkoeken.jpg" in str(caught.value)
    assert not (project / "site").exists()
