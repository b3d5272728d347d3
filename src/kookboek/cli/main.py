"""The ``kookboek`` command: check, build and serve the site; the form and its inbox."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kookboek.cli import dutch
from kookboek.cli.form import coach, form, inbox, set_password
from kookboek.cli.options import config_option, portfolio_option
from kookboek.cli.portfolio import portfolio, retention_option, retention_warnings
from kookboek.cli.publish import publish
from kookboek.content.errors import ContentErrors, warnings_report
from kookboek.content.project import load_project
from kookboek.support.launcher import command_name

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
dutch.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=dutch.DutchGroup, context_settings=CONTEXT)
@click.version_option(package_name="kookboek", message="kookboek %(version)s")
def main() -> None:
    """kookboek: betaalbare recepten als website, pdf-boekje en invulformulier.

    Typ een opdracht uit de lijst, bijvoorbeeld: ./kookboek check. Meer uitleg over één
    opdracht: ./kookboek check --help. Start altijd in de map van het kookboek.
    """


@main.command(short_help="Controleer alle inhoud op fouten.")
@click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path),
    default="content",
    show_default=True,
    metavar="MAP",
    help="De map met de inhoud.",
)
@portfolio_option
@retention_option
@click.option(
    "-v",
    "--uitgebreid",
    "--verbose",
    "verbose",
    is_flag=True,
    help="Toon elk probleem op zijn eigen lijn, ook als er veel van één soort zijn.",
)
def check(content_dir: Path, portfolio_dir: Path, retention: int, verbose: bool) -> None:
    """Controleer alle recepten, publicaties, tools en de prijslijst.

    Elk probleem staat op één lijn: bestand, lijnnummer, veld en wat er mis is. Alle
    problemen en waarschuwingen komen in één keer. Zijn er veel van één soort (zoals
    ingrediënten die niet in de prijslijst staan), dan staan ze samen in één zin; met -v
    zie je ze elk apart. Is alles goed, dan zie je "Alles in orde". Ook de portfolio's
    waarvan de bewaartermijn voorbij is, worden genoemd.
    """
    import datetime as dt

    expired = retention_warnings(portfolio_dir, retention, dt.date.today())
    if expired:
        click.echo("Let op, bewaartermijn voorbij:")
        for line in expired:
            click.echo(line)
    try:
        project = load_project(content_dir)
    except ContentErrors as exc:
        click.echo(exc.report(verbose=verbose, command=command_name()), err=False)
        sys.exit(1)
    if project.warnings:
        click.echo(warnings_report(project.warnings, verbose=verbose, command=command_name()))
    click.echo(project.summary())


@main.command(short_help="Maak de website en de pdf's in de map site/.")
@config_option
@click.option("--no-pdf", is_flag=True, help="Maak alleen de website, zonder pdf's (sneller).")
@click.option("-v", "--verbose", is_flag=True, help="Toon elke stap van het bouwen.")
def build(config_file: Path, no_pdf: bool, verbose: bool) -> None:
    """Controleer de inhoud en maak de website en de pdf's in de map site/.

    Bij een fout blijft de vorige versie van site/ staan.
    """
    from kookboek.mkdocs_plugin.run import BuildFailed, build_site

    _require(config_file)
    try:
        result = build_site(config_file, pdf=not no_pdf, verbose=verbose)
    except BuildFailed as exc:
        click.echo(exc.summary, err=True)
        click.echo("De website is niet bijgewerkt: de vorige versie blijft staan.", err=True)
        sys.exit(1)
    click.echo(result.summary())


@main.command(short_help="Bekijk de website op je eigen computer.")
@config_option
@click.option(
    "-a",
    "--dev-addr",
    default=None,
    metavar="IP:POORT",
    help="Adres om op te luisteren.  [standaard: 127.0.0.1:8000]",
)
@click.option("--pdf", is_flag=True, help="Maak ook de pdf's (trager).")
def serve(config_file: Path, dev_addr: str | None, pdf: bool) -> None:
    """Bekijk de website in je browser op http://127.0.0.1:8000 voor ze online gaat.

    Bewaar je een bestand, dan wordt de pagina vanzelf vernieuwd. Een fout in de inhoud
    zie je dan ook in de browser. Stoppen: Ctrl en C tegelijk.
    """
    from kookboek.mkdocs_plugin.run import serve_site

    _require(config_file)
    serve_site(config_file, dev_addr=dev_addr, pdf=pdf, echo=click.echo, command=command_name())


def _require(config_file: Path) -> None:
    if not config_file.is_file():
        click.echo(
            f"{config_file} niet gevonden. Start {command_name()} in de map van het kookboek.",
            err=True,
        )
        sys.exit(2)


# The contribution form and its inbox live in their own module.
main.add_command(form)
main.add_command(inbox)
main.add_command(set_password)
main.add_command(coach, name="begeleider")
main.add_command(publish)
main.add_command(portfolio)
