"""Terminal commands: ``kookboek form``, ``kookboek inbox ...``, ``kookboek beheer-wachtwoord``.

Flask is imported only inside ``form``, so the inbox commands work without the web stack.
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path

import click

from kookboek.cli.dutch import DutchCommand, DutchGroup
from kookboek.cli.options import WholeNumber, content_option, inbox_option, portfolio_option
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
from kookboek.support.launcher import command_name

PORT = WholeNumber("poort", 1, 65535, "geen poortnummer")


class _Address(click.ParamType[str, object]):
    """An IP address (IPv4 or IPv6), written the way waitress compares it."""

    name = "adres"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        try:
            return str(ipaddress.ip_address(str(value).strip()))
        except ValueError:
            self.fail(
                f"{value!r} is geen IP-adres. Geef het adres van de proxy, "
                "bijvoorbeeld 127.0.0.1 als Caddy op dezelfde computer draait.",
                param,
                ctx,
            )


ADDRESS = _Address()


@click.command(cls=DutchCommand, short_help="Start het invulformulier voor de deelnemers.")
@click.option(
    "--lesruimte",
    "training_room",
    is_flag=True,
    help="Open het formulier voor de telefoons op het wifi van de lesruimte "
    "(hetzelfde als --host 0.0.0.0).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="ADRES",
    help="Adres om op te luisteren. 127.0.0.1: alleen deze computer.",
)
@click.option(
    "--port",
    default=5000,
    show_default=True,
    type=PORT,
    metavar="POORT",
    help="Het poortnummer in het adres van het formulier.",
)
@click.option(
    "--proxy",
    type=ADDRESS,
    metavar="ADRES",
    help="Het IP-adres van de https-proxy (bijvoorbeeld Caddy) vóór het formulier, meestal "
    "127.0.0.1. Alleen van dat adres gelooft het formulier welk toestel iets stuurt "
    "(X-Forwarded-For) en of dat via https ging (X-Forwarded-Proto).",
)
@inbox_option
@content_option
@portfolio_option
def form(
    training_room: bool,
    host: str,
    port: int,
    proxy: str | None,
    inbox_dir: Path,
    content_dir: Path,
    portfolio_dir: Path,
) -> None:
    """Start het invulformulier voor recepten, met de beheerpagina /beheer.

    Zonder opties werkt het formulier alleen op deze computer. Met --lesruimte kunnen de
    telefoons op hetzelfde wifi-netwerk het openen: de terminal toont het adres en een
    QR-code. Op een server staat het achter een https-proxy: geef dan --proxy.
    Stoppen: Ctrl en C tegelijk.
    """
    from kookboek.web import create_app
    from kookboek.web.server import announce, serve

    if training_room:
        host = "0.0.0.0"
    if not content_dir.is_dir():
        click.echo(
            f"De map {content_dir} bestaat niet. Start dit in de map van het kookboek.", err=True
        )
        sys.exit(2)
    app = create_app(
        {
            "INBOX_DIR": inbox_dir,
            "CONTENT_DIR": content_dir,
            "PORTFOLIO_DIR": portfolio_dir,
            "TRUSTED_PROXY": proxy,
        }
    )
    announce(host, port, click.echo, proxy)
    serve(app, host, port)


@click.group(cls=DutchGroup, short_help="Bekijk de ingestuurde recepten in de terminal.")
def inbox() -> None:
    """Bekijk, keur goed of weiger de ingestuurde recepten in de terminal.

    Dit kan ook in de browser, op de beheerpagina /beheer van het formulier.
    """


@inbox.command("list", short_help="Toon de inzendingen die wachten.")
@inbox_option
def list_entries(inbox_dir: Path) -> None:
    """Toon alle inzendingen die wachten: nummer, datum, titel en naam."""
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


@inbox.command(short_help="Toon één inzending met de prijs per portie.")
@click.argument("entry_id", metavar="NUMMER")
@inbox_option
@content_option
def show(entry_id: str, inbox_dir: Path, content_dir: Path) -> None:
    """Toon één inzending, met de kostprijs per portie en wat nog aangepast moet worden.

    NUMMER is het nummer van de inzending: de eerste kolom van 'inbox list'.
    """
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


@inbox.command(short_help="Keur goed: bewaar de inzending als recept.")
@click.argument("entry_id", metavar="NUMMER")
@inbox_option
@content_option
def approve(entry_id: str, inbox_dir: Path, content_dir: Path) -> None:
    """Keur goed: schrijf content/recepten/<naam>.md (en de foto) en verwijder de inzending.

    Het recept staat op de website na de volgende keer bouwen. NUMMER is het nummer van de
    inzending: de eerste kolom van 'inbox list'.
    """
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
    click.echo(f"Maak de website opnieuw met: {command_name()} build")


@inbox.command(short_help="Weiger: verwijder de inzending voorgoed.")
@click.argument("entry_id", metavar="NUMMER")
@inbox_option
@click.option("--ja", "confirmed", is_flag=True, help="Niet meer vragen of het zeker is.")
def reject(entry_id: str, inbox_dir: Path, confirmed: bool) -> None:
    """Weiger: verwijder de inzending voorgoed, met de foto.

    NUMMER is het nummer van de inzending: de eerste kolom van 'inbox list'.
    """
    entry = _entry(inbox_dir, entry_id)
    if not confirmed and not click.confirm(
        f"'{entry.submission.title}' voorgoed verwijderen?", default=False
    ):
        click.echo("Niets verwijderd.")
        return
    Inbox(inbox_dir).delete(entry.id)
    click.echo("De inzending is verwijderd.")


archive_argument = click.argument(
    "archive", metavar="BESTAND", type=click.Path(path_type=Path, dir_okay=False)
)


@inbox.command("export", short_help="Bewaar alle inzendingen met hun foto's in één bestand.")
@archive_argument
@inbox_option
def export_entries(archive: Path, inbox_dir: Path) -> None:
    """Bewaar alle inzendingen die wachten, met hun foto's, in één zip-bestand BESTAND.

    Zo maak je een reservekopie, of breng je de inzendingen naar een andere computer
    (daar zet je ze terug met 'inbox import'). Bestaat BESTAND al, dan wordt het vervangen.
    Er gaan geen wachtwoord en geen sleutel mee: niet de hash van het wachtwoord van
    /beheer (.beheer-wachtwoord) en niet de sleutel van het formulier (.sessiesleutel).
    Ook recepten die een deelnemer nog niet verstuurd heeft, gaan niet mee.
    """
    from kookboek.inbox.archive import export_inbox

    try:
        summary = export_inbox(Inbox(inbox_dir), archive)
    except OSError as exc:
        click.echo(f"Kon {archive} niet schrijven: {exc.strerror or exc}.", err=True)
        sys.exit(1)
    if summary.entries == 0:
        click.echo(f"Er wachten geen inzendingen. {archive} is een lege reservekopie.")
        return
    click.echo(
        f"{summary.entries} inzending(en), waarvan {summary.photos} met foto, bewaard in {archive}."
    )
    click.echo(f"Terugzetten: {command_name()} inbox import {archive}")


@inbox.command("import", short_help="Zet inzendingen terug uit een bestand van 'inbox export'.")
@archive_argument
@inbox_option
def import_entries(archive: Path, inbox_dir: Path) -> None:
    """Zet de inzendingen uit BESTAND (gemaakt met 'inbox export') terug in het postvak.

    Eerst wordt het hele bestand nagekeken. Is het onvolledig of beschadigd, dan wordt
    niets teruggezet. Een inzending die al in het postvak staat, wordt niet overschreven:
    die wordt overgeslagen. Het wachtwoord van /beheer zit niet in BESTAND: kies er een
    met 'beheer-wachtwoord' als deze computer er nog geen heeft.
    """
    from kookboek.inbox.archive import ArchiveProblem, import_inbox

    try:
        summary = import_inbox(Inbox(inbox_dir), archive)
    except ArchiveProblem as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    if not summary.restored and not summary.skipped:
        click.echo(f"Er staan geen inzendingen in {archive}: er is niets teruggezet.")
        return
    click.echo(f"{len(summary.restored)} inzending(en) teruggezet in {inbox_dir}.")
    if summary.skipped:
        click.echo(
            f"{len(summary.skipped)} inzending(en) stonden er al en zijn overgeslagen "
            "(niet overschreven):"
        )
        for entry_id in summary.skipped:
            click.echo(f"  {entry_id}")
    if summary.restored:
        click.echo(f"Bekijk ze met: {command_name()} inbox list")


@click.command("beheer-wachtwoord", cls=DutchCommand, short_help="Kies het wachtwoord van /beheer.")
@inbox_option
def set_password(inbox_dir: Path) -> None:
    """Kies het wachtwoord van de beheerpagina /beheer.

    Het kookboek bewaart alleen een versleutelde vorm (een hash) in de map met de
    inzendingen. Een nieuw wachtwoord vervangt het oude.
    """
    from kookboek.web.passwords import PasswordProblem, write_password_file

    box = Inbox(inbox_dir)
    password = _ask_password_twice()
    try:
        write_password_file(box.password_file, password)
    except PasswordProblem as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"Het wachtwoord is ingesteld. De hash staat in {box.password_file}.")


@click.group(cls=DutchGroup, short_help="Accounts van de begeleiders voor /beheer.")
def coach() -> None:
    """Maak, toon of verwijder de accounts waarmee begeleiders zich aanmelden op /beheer.

    Elke begeleider meldt zich aan met haar naam en haar eigen wachtwoord. Bij elke wijziging
    wordt bewaard wie ze deed. Collega's toevoegen kan daarna ook op /beheer, bij Begeleiders.
    """


@coach.command("toevoegen", short_help="Maak een account voor een begeleider.")
@click.argument("name", metavar="NAAM")
@inbox_option
def add_coach(name: str, inbox_dir: Path) -> None:
    """Maak een account voor de begeleider NAAM: het wachtwoord wordt twee keer gevraagd.

    NAAM is een voornaam, eventueel met de eerste letter van de familienaam (zet hem tussen
    aanhalingstekens als er een spatie in staat). Het kookboek bewaart alleen een hash van het
    wachtwoord, in de map met de inzendingen. Vanaf het eerste account werkt het gedeelde
    wachtwoord van beheer-wachtwoord niet meer.
    """
    from kookboek.web.accounts import ACCOUNTS_FILE, AccountProblem, Accounts, clean_name

    try:
        name = clean_name(name)
    except AccountProblem as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    accounts = Accounts(inbox_dir / ACCOUNTS_FILE)
    if accounts.find(name):
        click.echo(f"Er is al een begeleider met de naam {name}.", err=True)
        sys.exit(1)
    password = _new_password()
    try:
        accounts.add(name, password)
    except AccountProblem as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"{name} kan zich nu aanmelden op /beheer met haar of zijn naam en wachtwoord.")


@coach.command("verwijderen", short_help="Verwijder het account van een begeleider.")
@click.argument("name", metavar="NAAM")
@inbox_option
def remove_coach(name: str, inbox_dir: Path) -> None:
    """Verwijder het account van NAAM: zij of hij kan zich niet meer aanmelden.

    Wat ze al veranderde, blijft in de geschiedenis staan met haar naam.
    """
    from kookboek.web.accounts import ACCOUNTS_FILE, AccountProblem, Accounts

    try:
        Accounts(inbox_dir / ACCOUNTS_FILE).remove(name)
    except AccountProblem as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"Het account van {name} is verwijderd.")


@coach.command("lijst", short_help="Toon wie een account heeft.")
@inbox_option
def list_coaches(inbox_dir: Path) -> None:
    """Toon de namen van de begeleiders met een account."""
    from kookboek.web.accounts import ACCOUNTS_FILE, Accounts

    names = Accounts(inbox_dir / ACCOUNTS_FILE).names()
    if not names:
        click.echo(
            "Er zijn nog geen accounts. Maak er een met: "
            f"{command_name()} begeleider toevoegen NAAM"
        )
        return
    for name in names:
        click.echo(name)


def _new_password() -> str:
    """A new password: asked twice on a terminal; from standard input otherwise (the first
    line, and the second must be the same when there is one)."""
    from kookboek.web.passwords import MIN_LENGTH

    if not sys.stdin.isatty():
        lines = sys.stdin.read().splitlines()
        password = lines[0] if lines else ""
        if len(password) < MIN_LENGTH:
            click.echo(f"Het wachtwoord moet minstens {MIN_LENGTH} tekens lang zijn.", err=True)
            sys.exit(1)
        if len(lines) > 1 and lines[1] != password:
            click.echo("De twee wachtwoorden zijn niet hetzelfde.", err=True)
            sys.exit(1)
        return password
    return _ask_password_twice()


def _ask_password_twice() -> str:
    """Ask for a new password at the prompt until it is long enough and typed twice alike."""
    from kookboek.web.passwords import MIN_LENGTH

    click.echo(
        f"Kies een wachtwoord van minstens {MIN_LENGTH} tekens, bijvoorbeeld drie of vier "
        "woorden na elkaar. Wat je typt, zie je niet op het scherm."
    )
    while True:
        password = click.prompt("Nieuw wachtwoord", hide_input=True, prompt_suffix=": ")
        if len(password) < MIN_LENGTH:
            click.echo(
                f"Dat zijn {len(password)} tekens. Het moeten er minstens {MIN_LENGTH} zijn. "
                "Probeer opnieuw."
            )
            continue
        again = click.prompt("Typ het nog een keer", hide_input=True, prompt_suffix=": ")
        if again == password:
            return password
        click.echo("De twee keer is niet hetzelfde. Begin opnieuw.")


def _entry(inbox_dir: Path, entry_id: str) -> InboxEntry:
    try:
        return Inbox(inbox_dir).get(entry_id)
    except UnknownEntry as exc:
        click.echo(f"{exc} Bekijk de lijst met: {command_name()} inbox list", err=True)
        sys.exit(1)


def _kitchen(content_dir: Path) -> tuple[PriceList, tuple[Competence, ...]]:
    try:
        return load_prices(content_dir), load_competences(content_dir)
    except ContentErrors as exc:
        click.echo(exc.report(), err=True)
        sys.exit(1)
