"""Click in Dutch: its usage lines, headings, defaults, prompts and errors.

Click translates its texts with the standard library's ``gettext`` but ships no Dutch
catalogue, and a coach's terminal language says nothing about ours. The catalogue below is
installed into click's modules when the CLI starts; ``tests/cli/test_dutch.py`` checks that
it covers every text of the installed click, so an upgrade that adds one fails the tests.
``DutchCommand`` and ``DutchGroup`` replace the two placeholders click does not translate.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from kookboek.cli.libraries import missing_library, missing_library_message
from kookboek.support.launcher import command_name

#: click's own texts (the ``msgid`` of each ``_()`` call) in Dutch. Placeholders stay.
CATALOGUE: dict[str, str] = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze uitleg en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "default: {default}": "standaard: {default}",
    "env var: {var}": "omgevingsvariabele: {var}",
    "(dynamic)": "(wisselt)",
    "deprecated": "verouderd",
    "Aborted!": "Gestopt.",
    "Missing command.": "Welke opdracht? Kies er een uit de lijst hierboven.",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Typ '{command} {option}' voor uitleg.",
    "Missing argument": "Er ontbreekt een argument",
    "Missing option": "Er ontbreekt een optie",
    "Missing parameter": "Er ontbreekt iets",
    "Missing parameter: {param_name}": "Er ontbreekt iets: {param_name}",
    "Missing {param_type}": "Er ontbreekt een {param_type}",
    "unknown error": "onbekende fout",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "No such option {name!r}.": "De optie {name!r} bestaat niet.",
    "No such command {name!r}.": "De opdracht {name!r} bestaat niet.",
    "Could not open file {filename!r}: {message}": "Kan het bestand {filename!r} niet openen: "
    "{message}",
    "Invalid start character for option ({option})": "Een optie begint zo niet ({option})",
    "Option {name!r} does not take a value.": "Achter de optie {name!r} hoort geen waarde.",
    "Argument {name!r} takes {nargs} values.": "Het argument {name!r} vraagt {nargs} waarden.",
    "Value must be an iterable.": "Hier hoort een lijst.",
    "Do you want to continue?": "Wil je verdergaan?",
    "Confirm the action without prompting.": "Bevestig zonder te vragen.",
    "Press any key to continue...": "Druk op een toets om verder te gaan...",
    "Repeat for confirmation": "Typ het nog een keer",
    "Error: The two entered values do not match.": "De twee keer is niet hetzelfde. "
    "Probeer opnieuw.",
    "Error: invalid input": "Dat kan niet. Probeer opnieuw.",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "Choice({choices})": "Keuze({choices})",
    "{value} is not in the range {range}.": "{value} ligt niet tussen {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} is geen ja of "
    "nee. Mogelijk: {states}",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig getal.",
    "{value!r} is not a valid UUID.": "{value!r} is geen geldige code.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand, geen map.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map, geen bestand.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan niet gelezen worden.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan niet beschreven worden.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} kan niet uitgevoerd worden.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{editor}: Editing failed": "{editor}: bewerken mislukt",
    "{editor}: Editing failed: {e}": "{editor}: bewerken mislukt: {e}",
    "Windows error: {error}": "Windows-fout: {error}",
    "Unknown color {colour!r}": "Onbekende kleur {colour!r}",
    "Unknown standard stream '{name}'": "Onbekende standaardstroom '{name}'",
    "Couldn't detect Bash version, shell completion is not supported.": "De versie van Bash "
    "is niet te bepalen: aanvullen met Tab werkt hier niet.",
    "Shell completion is not supported for Bash versions older than 4.4.": "Aanvullen met Tab "
    "werkt pas vanaf Bash 4.4.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "Let op: de "
    "opdracht {name!r} verdwijnt.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "Let op: "
    "{param_type} {name!r} verdwijnt.{extra_message}",
    "Could not determine name for option with declarations {decls!r}": "Geen naam voor de "
    "optie {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?": "Geen opties, maar wel een naam ({name}).",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": "Een "
    "argument heeft precies één naam, niet {length}: {decls}.",
    "Name '{name}' defined twice": "De naam '{name}' staat er twee keer",
    "Boolean option {decl!r} cannot use the same flag for true/false.": "De optie {decl!r} "
    "kan niet dezelfde vlag hebben voor ja en nee.",
}

#: click's singular/plural texts: ``(singular, plural)`` → ``(enkelvoud, meervoud)``.
PLURAL_CATALOGUE: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Dit hoort er niet bij: {args}",
        "Dit hoort er niet bij: {args}",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Vraagt {nargs} waarden, maar er is er 1.",
        "Vraagt {nargs} waarden, maar er zijn er {len}.",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Bedoel je {possibility}?",
        "(Bedoel je een van deze: {possibilities}?)",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "Achter de optie {name!r} hoort een waarde.",
        "Achter de optie {name!r} horen {nargs} waarden.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} kan niet: kies {choice}.",
        "{value!r} kan niet: kies uit {choices}.",
    ),
    (
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ): (
        "{value!r} past niet bij de vorm {format}.",
        "{value!r} past bij geen van de vormen {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "Er zijn {len_type} waarden nodig, maar er is er {len_value}.",
        "Er zijn {len_type} waarden nodig, maar er zijn er {len_value}.",
    ),
}

#: The click modules that translate texts; each has its own ``_`` (and some ``ngettext``).
CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
    "click._termui_impl",
    "click.shell_completion",
)


def gettext(message: str) -> str:
    return CATALOGUE.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    dutch = PLURAL_CATALOGUE.get((singular, plural))
    if dutch is None:
        return singular if count == 1 else plural
    return dutch[0] if count == 1 else dutch[1]


def install() -> None:
    """Make click speak Dutch (idempotent)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


class DutchCommand(click.Command):
    """A command whose usage line says ``[OPTIES]`` instead of click's ``[OPTIONS]``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)


class DutchGroup(click.Group):
    """A group of commands in Dutch; its subcommands and subgroups are Dutch too."""

    command_class = DutchCommand
    group_class = type

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        kwargs.setdefault("subcommand_metavar", "OPDRACHT [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("prog_name", command_name())
        try:
            return super().main(*args, **kwargs)
        except OSError as error:
            library = missing_library(error)
            if library is None:
                raise
            click.echo(missing_library_message(library), err=True)
            sys.exit(2)
