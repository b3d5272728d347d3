"""``kookboek portfolio ...``: the participants' private portfolios from the terminal.

The same work is done on /beheer in the browser; these commands read the attendance
spreadsheet, and make a PDF, an export or an erasure when no browser is at hand.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from kookboek.cli.dutch import DutchGroup
from kookboek.cli.options import WholeNumber, content_option, portfolio_option
from kookboek.content.errors import ContentErrors
from kookboek.content.project import Project, load_competences, load_project, load_tasks
from kookboek.portfolio.models import Portfolio
from kookboek.portfolio.store import (
    RETENTION_MONTHS,
    PortfolioProblem,
    PortfolioStore,
    UnknownParticipant,
)
from kookboek.support.files import write_atomic
from kookboek.support.launcher import command_name

retention_option = click.option(
    "--bewaartermijn",
    "retention",
    type=WholeNumber("maanden", 1, 120, "geen aantal maanden"),
    default=RETENTION_MONTHS,
    show_default=True,
    metavar="MAANDEN",
    help="Hoe lang na haar laatste kookmoment haar gegevens bewaard blijven.",
)
output_option = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    metavar="BESTAND",
    help="Het bestand dat gemaakt wordt.",
)
name_argument = click.argument("name", metavar="NAAM")


@click.group(cls=DutchGroup, short_help="Het portfolio 'Wat ik kan' van elke deelnemer.")
def portfolio() -> None:
    """Het portfolio 'Wat ik kan': wat elke deelnemer deed tijdens het koken.

    Alles staat in de map portfolio/, niet op de website en niet in git. Hetzelfde kan op
    de beheerpagina /beheer van het formulier.
    """


@portfolio.command("importeer", short_help="Lees de aanwezigheidslijst (een CSV-bestand) in.")
@click.argument("csv_file", metavar="BESTAND", type=click.Path(path_type=Path, dir_okay=False))
@portfolio_option
@content_option
def import_file(csv_file: Path, portfolio_dir: Path, content_dir: Path) -> None:
    """Lees de aanwezigheidslijst BESTAND in (CSV, met komma's of puntkomma's).

    Kolommen: datum,deelnemer,recept,competenties,observatie,toestemming. Recept: de naam
    van het receptbestand (zonder .md) of gewone tekst. Competenties: de ids uit
    competenties.yml, gescheiden door spaties. Toestemming: de datum waarop ze toestemming
    gaf voor haar portfolio (één keer per deelnemer). Is één regel fout, dan wordt niets
    ingelezen. Observaties uit het bestand komen pas in haar pdf als je ze met haar besproken
    hebt (op /beheer).
    """
    from kookboek.portfolio.importing import ImportProblems, import_csv

    if not csv_file.is_file():
        click.echo(f"{csv_file} bestaat niet.", err=True)
        sys.exit(2)
    project = _project(content_dir)
    try:
        summary = import_csv(
            csv_file,
            PortfolioStore(portfolio_dir),
            {c.id for c in project.competences},
            {r.slug: r.title for r in project.recipes},
        )
    except ImportProblems as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
    click.echo(
        f"Ingelezen: {summary.sessions} keer aanwezig, {summary.observations} observatie(s)"
        + (
            f", {len(summary.new_participants)} nieuwe deelnemer(s)"
            if summary.new_participants
            else ""
        )
        + "."
    )
    if summary.skipped:
        click.echo(f"{summary.skipped} regel(s) stonden er al in en zijn overgeslagen.")
    if summary.observations:
        click.echo(
            "Bespreek de observaties met elke deelnemer en vink ze aan op /beheer: pas dan "
            "komen ze in haar pdf."
        )


@portfolio.command("lijst", short_help="Toon de deelnemers met een portfolio.")
@portfolio_option
@retention_option
def list_participants(portfolio_dir: Path, retention: int) -> None:
    """Toon elke deelnemer: groep, aantal kookmomenten en tot wanneer haar gegevens blijven."""
    store = PortfolioStore(portfolio_dir, retention)
    portfolios = _all(store)
    if not portfolios:
        click.echo("Er zijn nog geen portfolio's.")
        return
    for item in portfolios:
        _, ends = store.retention_ends(item)
        click.echo(
            f"{item.name}  ({item.group or 'geen groep'}, {len(item.sessions)} kookmoment(en), "
            f"bewaren tot {ends:%d-%m-%Y})"
        )


@portfolio.command("pdf", short_help="Maak haar pdf 'Wat ik kan'.")
@name_argument
@output_option
@portfolio_option
@content_option
def make_pdf(name: str, output: Path, portfolio_dir: Path, content_dir: Path) -> None:
    """Maak de pdf 'Wat ik kan' van NAAM: per competentie wat ze deed, met de recepten en de
    observaties die ze goedkeurde. Geef de pdf aan haar; bewaar er geen kopie van."""
    from kookboek.pdf.render import RenderError
    from kookboek.portfolio.document import portfolio_pdf

    found = _get(PortfolioStore(portfolio_dir), name)
    project = _project(content_dir)
    try:
        data = portfolio_pdf(found, project, dt.date.today())
    except RenderError as exc:
        click.echo(f"De pdf kon niet gemaakt worden: {exc}", err=True)
        sys.exit(1)
    write_atomic(output, data, mode=0o600)
    click.echo(f"De pdf van {found.name} staat in {output}.")


@portfolio.command("export", short_help="Alles wat over haar bewaard is, in één bestand.")
@name_argument
@output_option
@portfolio_option
@content_option
def export(name: str, output: Path, portfolio_dir: Path, content_dir: Path) -> None:
    """Bewaar alles wat het kookboek over NAAM bewaart in één JSON-bestand: haar recht op
    inzage en om haar gegevens mee te nemen. Met de ESCO-adressen van haar competenties."""
    from kookboek.portfolio.export import export_json

    found = _get(PortfolioStore(portfolio_dir), name)
    try:
        competences = load_competences(content_dir)
        tasks = load_tasks(content_dir)
    except ContentErrors as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
    write_atomic(output, export_json(found, competences, tasks, dt.date.today()), mode=0o600)
    click.echo(f"Alles over {found.name} staat in {output}.")


@portfolio.command("verwijder", short_help="Verwijder alles over haar, voorgoed.")
@name_argument
@portfolio_option
@click.option("--ja", "confirmed", is_flag=True, help="Niet meer vragen of het zeker is.")
def delete(name: str, portfolio_dir: Path, confirmed: bool) -> None:
    """Verwijder het portfolio van NAAM voorgoed: kookmomenten, observaties en de datum van
    haar toestemming. Haar gepubliceerde recepten blijven staan (daarvoor gaf ze apart
    toestemming). Gooi ook de pdf's weg die je van haar maakte."""
    store = PortfolioStore(portfolio_dir)
    found = _get(store, name)
    if not confirmed and not click.confirm(
        f"Alles over {found.name} voorgoed verwijderen?", default=False
    ):
        click.echo("Niets verwijderd.")
        return
    store.delete(found.name)
    click.echo(
        f"Het portfolio van {found.name} is verwijderd. Gooi ook de pdf's en exports weg die "
        "je van haar maakte, en vraag de IT-partner om haar uit de reservekopieën te halen."
    )


def _project(content_dir: Path) -> Project:
    try:
        return load_project(content_dir)
    except ContentErrors as exc:
        click.echo(exc.report(), err=True)
        click.echo(f"Los eerst deze problemen op (zie {command_name()} check).", err=True)
        sys.exit(1)


def _all(store: PortfolioStore) -> list[Portfolio]:
    try:
        return store.all()
    except PortfolioProblem as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)


def _get(store: PortfolioStore, name: str) -> Portfolio:
    try:
        return store.get(name)
    except UnknownParticipant as exc:
        click.echo(f"{exc} Bekijk de namen met: {command_name()} portfolio lijst", err=True)
        sys.exit(1)
    except PortfolioProblem as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)


def retention_warnings(portfolio_dir: Path, retention: int, today: dt.date) -> list[str]:
    """For ``check``: whose data has passed the retention period."""
    store = PortfolioStore(portfolio_dir, retention)
    try:
        expired = store.expired(today)
    except PortfolioProblem as exc:
        return [str(exc)]
    return [
        f"portfolio van {item.name}: haar laatste kookmoment was op {item.last_activity:%d-%m-%Y}; "
        f"de bewaartermijn liep af op {item.ends_on:%d-%m-%Y}. Verwijder het met: "
        f"{command_name()} portfolio verwijder {item.name}"
        for item in expired
    ]
