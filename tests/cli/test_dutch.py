"""Everything a coach reads from ``kookboek --help`` and click's errors is Dutch."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kookboek.cli.dutch import CATALOGUE, PLURAL_CATALOGUE
from kookboek.cli.main import main

ENGLISH = re.compile(
    r"Usage|Options|Commands|Arguments|Show this|Show the|default|TEXT|PATH|INTEGER|DIRECTORY|"
    r"FILE|ARGS|COMMAND|OPTIONS|Error|Try |No such|Missing|Invalid|\d<=x"
)


def click_texts() -> Iterator[tuple[str, ...]]:
    """The msgid of every ``_()`` and ``ngettext()`` call in the installed click."""
    for source in sorted(Path(click.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
                texts = [t for t in texts if isinstance(t, str)]
                if node.func.id == "_" and texts:
                    yield (texts[0],)
                elif node.func.id == "ngettext" and len(texts) >= 2:
                    yield (texts[0], texts[1])


def test_the_catalogue_covers_every_text_of_the_installed_click() -> None:
    found = set(click_texts())
    assert len(found) > 60  # the walk itself works
    missing = [
        text
        for text in found
        if (len(text) == 1 and text[0] not in CATALOGUE and text[0] not in {"d", "?"})
        or (len(text) == 2 and text not in PLURAL_CATALOGUE)
    ]
    assert missing == []


def commands(
    group: click.Group, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield prefix, group
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


ALL_COMMANDS = list(commands(main))


@pytest.mark.parametrize(
    ("words", "command"), ALL_COMMANDS, ids=[" ".join(words) or "-" for words, _ in ALL_COMMANDS]
)
def test_help_is_dutch_complete_and_not_cut_off(
    words: tuple[str, ...], command: click.Command
) -> None:
    result = CliRunner().invoke(main, [*words, "--help"], prog_name="./kookboek")
    assert result.exit_code == 0, result.output
    assert ENGLISH.search(result.output) is None, result.output
    assert result.output.startswith(f"Gebruik: {' '.join(('./kookboek', *words))}")
    # Short descriptions in a list are never cut off with "...".
    assert re.search(r"\w\.\.\.$", result.output, re.MULTILINE) is None, result.output
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            assert parameter.help, f"{parameter.name} heeft geen uitleg"
        elif isinstance(parameter, click.Argument):
            # Click has no help for arguments: the description explains each one.
            assert parameter.metavar and parameter.metavar in (command.help or "")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["chek"], "Fout: De opdracht 'chek' bestaat niet. Bedoel je 'check'?"),
        (["check", "--foo"], "Fout: De optie '--foo' bestaat niet."),
        (["inbox", "show"], "Fout: Er ontbreekt een argument 'NUMMER'."),
        (["form", "--port", "0"], "'0' is geen poortnummer: kies een getal van 1 tot 65535."),
        ([], "Typ een opdracht uit de lijst"),
    ],
)
def test_mistakes_on_the_command_line_are_explained_in_dutch(
    args: list[str], expected: str
) -> None:
    result = CliRunner().invoke(main, args, prog_name="./kookboek")
    assert expected in result.output
    assert ENGLISH.search(result.output) is None, result.output
