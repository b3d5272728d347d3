"""The ``kookboek`` command: check, build and serve the site."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kookboek.cli.form import form, inbox, set_password
from kookboek.content.errors import ContentErrors, warnings_report
from kookboek.content.project import load_project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="Het configuratiebestand.",
)

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT)
def main() -> None:
    """kookboek: betaalbare recepten als website, pdf-boekje en invulformulier."""


@main.command()
@click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path),
    default="content",
    show_default=True,
    help="De map met de inhoud.",
)
def check(content_dir: Path) -> None:
    """Controleer alle recepten, publicaties en tools. Stopt met code 1 bij een fout."""
    try:
        project = load_project(content_dir)
    except ContentErrors as exc:
        click.echo(exc.report(), err=False)
        sys.exit(1)
    if project.warnings:
        click.echo(warnings_report(project.warnings))
    click.echo(project.summary())


@main.command()
@config_option
@click.option("--no-pdf", is_flag=True, help="Bouw alleen de website, zonder pdf's.")
@click.option("-v", "--verbose", is_flag=True, help="Toon meer details.")
def build(config_file: Path, no_pdf: bool, verbose: bool) -> None:
    """Bouw de website (en de pdf's) in de map site/."""
    from kookboek.mkdocs_plugin.run import BuildFailed, build_site

    _require(config_file)
    try:
        site_dir = build_site(config_file, pdf=not no_pdf, verbose=verbose)
    except BuildFailed:
        # The problems themselves were shown while building.
        click.echo("\nDe website is niet bijgewerkt: de vorige versie blijft staan.", err=True)
        sys.exit(1)
    click.echo(f"Klaar: de website staat in {site_dir}/.")


@main.command()
@config_option
@click.option(
    "-a",
    "--dev-addr",
    default=None,
    metavar="IP:POORT",
    help="Adres om op te luisteren (standaard 127.0.0.1:8000).",
)
@click.option("--pdf", is_flag=True, help="Maak ook de pdf's (trager).")
def serve(config_file: Path, dev_addr: str | None, pdf: bool) -> None:
    """Bekijk de website op je computer; ze wordt vernieuwd als je iets aanpast."""
    from kookboek.mkdocs_plugin.run import serve_site

    _require(config_file)
    serve_site(config_file, dev_addr=dev_addr, pdf=pdf)


def _require(config_file: Path) -> None:
    if not config_file.is_file():
        click.echo(f"{config_file} niet gevonden. Start dit commando in de projectmap.", err=True)
        sys.exit(2)


# The contribution form and its inbox live in their own module.
main.add_command(form)
main.add_command(inbox)
main.add_command(set_password)
