"""Terminal commands: ``kookboek form``, ``kookboek inbox ...``, ``kookboek beheer-wachtwoord``.

Flask is imported only inside ``form``, so the inbox commands work without the web stack.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kookboek.content.errors import ContentErrors
from kookboek.content.models import Competence, PriceList
from kookboek.content.project import load_competences, load_prices
from kookboek.content.vocabulary import CATEGORY_NAMES
from kookboek.images.decode import ImageProblem
from kookboek.inbox.preview import preview
from kookboek.inbox.store import Inbox, InboxEntry, UnknownEntry
from kookboek.inbox.writer import ApprovalError, publication_problems, write_recipe
from kookboek.pricing.money import format_money
from kookboek.site.templating import quantity

inbox_option = click.option(
    "--inbox",
    "inbox_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="inzendingen",
    show_default=True,
    help="De map met de inzendingen (buiten content/).",
)
content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="content",
    show_default=True,
    help="De map met de inhoud.",
)


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Adres om op te luisteren; 0.0.0.0 laat telefoons in het lokaal verbinden.",
)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@inbox_option
@content_option
def form(host: str, port: int, inbox_dir: Path, content_dir: Path) -> None:
    """Start het invulformulier voor recepten (en de beheerpagina /beheer)."""
    from kookboek.web import create_app
    from kookboek.web.server import announce, serve

    if not content_dir.is_dir():
        click.echo(f"De map {content_dir} bestaat niet. Start dit in de projectmap.", err=True)
        sys.exit(2)
    app = create_app({"INBOX_DIR": inbox_dir, "CONTENT_DIR": content_dir})
    announce(host, port, click.echo)
    serve(app, host, port)


@click.group()
def inbox() -> None:
    """Bekijk, keur goed of weiger de ingestuurde recepten."""


@inbox.command("list")
@inbox_option
def list_entries(inbox_dir: Path) -> None:
    """Toon alle inzendingen die wachten."""
    entries = Inbox(inbox_dir).entries()
    if not entries:
        click.echo("Er zijn geen inzendingen.")
        return
    for entry in entries:
        who = entry.submission.author or "zonder naam"
        photo = "met foto" if entry.photo else "zonder foto"
        click.echo(
            f"{entry.id}  {entry.received_local:%d-%m-%Y %H:%M}  {entry.submission.title}  "
            f"({who}, {photo})"
        )
    click.echo(f"{len(entries)} inzending(en).")


@inbox.command()
@click.argument("entry_id")
@inbox_option
@content_option
def show(entry_id: str, inbox_dir: Path, content_dir: Path) -> None:
    """Toon één inzending, met de kostprijs per portie."""
    entry = _entry(inbox_dir, entry_id)
    prices, competences = _kitchen(content_dir)
    s = entry.submission
    shown = preview(s, prices, competences, None)
    click.echo(f"{s.title}\n{s.description}\n")
    click.echo(
        f"Soort: {CATEGORY_NAMES[s.category]}   Porties: {s.portions}   Tijd: {s.minutes} min"
    )
    click.echo(f"Competenties: {', '.join(s.competences)}")
    click.echo(
        f"Voornaam: {s.author or '-'} ({'mag' if s.published_author else 'mag niet'} gepubliceerd)"
        f"   Foto: {'geen' if not entry.photo else 'mag' if s.publish_photo else 'mag niet'}"
    )
    click.echo("\nIngrediënten:")
    for line in shown.cost.lines:
        cost = format_money(line.cost) if line.cost is not None else "-"
        click.echo(f"  {quantity(line.ingredient):>16}  {line.ingredient.name:<30} {cost}")
    click.echo(
        f"\nKost per portie: {format_money(shown.cost.per_portion)} "
        f"(totaal {format_money(shown.cost.total)})"
    )
    click.echo("\nBereiding:")
    for number, step in enumerate(s.steps, 1):
        click.echo(f"  {number}. {step}")
    if s.tips:
        click.echo(f"\nTips:\n  {s.tips}")
    problems = publication_problems(s, prices, competences)
    if problems:
        click.echo("\nEerst aanpassen, dan goedkeuren:")
        for problem in problems:
            click.echo(f"  - {problem}")


@inbox.command()
@click.argument("entry_id")
@inbox_option
@content_option
def approve(entry_id: str, inbox_dir: Path, content_dir: Path) -> None:
    """Keur goed: schrijf content/recepten/<naam>.md (en de foto) en verwijder de inzending."""
    box = Inbox(inbox_dir)
    entry = _entry(inbox_dir, entry_id)
    prices, competences = _kitchen(content_dir)
    photo = entry.photo.read_bytes() if entry.photo else None
    try:
        written = write_recipe(entry.submission, content_dir, prices, competences, photo)
    except (ApprovalError, ImageProblem) as exc:
        click.echo("Nog niet goedgekeurd. Eerst aanpassen:", err=True)
        for problem in getattr(exc, "problems", [str(exc)]):
            click.echo(f"  - {problem}", err=True)
        sys.exit(1)
    box.delete(entry.id)
    click.echo(f"Goedgekeurd: {written.path}" + (f" en {written.photo}" if written.photo else ""))
    click.echo("Maak de website opnieuw met: make site")


@inbox.command()
@click.argument("entry_id")
@inbox_option
@click.option("--ja", "confirmed", is_flag=True, help="Niet meer vragen of het zeker is.")
def reject(entry_id: str, inbox_dir: Path, confirmed: bool) -> None:
    """Weiger: verwijder de inzending voorgoed."""
    entry = _entry(inbox_dir, entry_id)
    if not confirmed and not click.confirm(
        f"'{entry.submission.title}' voorgoed verwijderen?", default=False
    ):
        click.echo("Niets verwijderd.")
        return
    Inbox(inbox_dir).delete(entry.id)
    click.echo("De inzending is verwijderd.")


@click.command("beheer-wachtwoord")
@inbox_option
@click.password_option(
    "--wachtwoord",
    prompt="Nieuw wachtwoord voor /beheer",
    confirmation_prompt="Typ het nog een keer",
    help="Het nieuwe wachtwoord (anders wordt het gevraagd).",
)
def set_password(inbox_dir: Path, wachtwoord: str) -> None:
    """Kies het wachtwoord van de beheerpagina. Alleen de hash wordt bewaard."""
    from kookboek.web.passwords import PasswordProblem, write_password_file

    box = Inbox(inbox_dir)
    try:
        write_password_file(box.password_file, wachtwoord)
    except PasswordProblem as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"Het wachtwoord is ingesteld (bewaard als hash in {box.password_file}).")


def _entry(inbox_dir: Path, entry_id: str) -> InboxEntry:
    try:
        return Inbox(inbox_dir).get(entry_id)
    except UnknownEntry as exc:
        click.echo(f"{exc} Bekijk de lijst met: kookboek inbox list", err=True)
        sys.exit(1)


def _kitchen(content_dir: Path) -> tuple[PriceList, tuple[Competence, ...]]:
    try:
        return load_prices(content_dir), load_competences(content_dir)
    except ContentErrors as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
