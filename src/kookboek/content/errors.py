"""Content errors: every problem found in the content, with file, line and field."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Kinds of problem that come in numbers (one per recipe line) and are summed up in one
#: sentence when there are many of them; the full list is there with ``check -v``.
NOT_PRICED = "niet-in-prijslijst"
ALLERGENS_UNKNOWN = "allergenen-onbekend"
ALLERGENS_UNCHECKED = "allergenen-niet-na-te-kijken"
#: From this many problems of one kind on, they are summed up.
SUM_UP_FROM = 5
#: The names a summary shows; the rest are counted.
NAMES_SHOWN = 8


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one content file, reported to a coach in Dutch.

    ``kind`` and ``subject`` (an ingredient's name) let many problems of one kind be summed up
    in one sentence; they take no part in comparing problems.
    """

    path: str
    line: int
    field: str
    message: str
    kind: str = dataclasses.field(default="", compare=False)
    subject: str = dataclasses.field(default="", compare=False)

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        if self.field:
            return f"{location}: {self.field}: {self.message}"
        return f"{location}: {self.message}"


class ContentErrors(Exception):
    """Raised when content cannot be published; carries every problem found in one run,
    and the warnings of that run (which alone would not stop it)."""

    def __init__(
        self, errors: Iterable[ContentError], warnings: Iterable[ContentError] = ()
    ) -> None:
        self.errors = sorted(errors)
        self.warnings = sorted(warnings)
        super().__init__(self.report())

    def __iter__(self) -> Iterator[ContentError]:
        return iter(self.errors)

    def report(self, *, verbose: bool = False, command: str = "kookboek") -> str:
        """Every problem, then the warnings; many of one kind summed up unless ``verbose``."""
        lines = problem_lines(self.errors, verbose=verbose)
        if self.warnings:
            lines.append(warnings_report(self.warnings, verbose=verbose, command=""))
        if not verbose and (summed_up(self.errors) or summed_up(self.warnings)):
            lines.append(full_list_hint(command))
        lines.append(problem_summary(len(self.errors)))
        return "\n".join(lines)


def warnings_report(
    warnings: Sequence[ContentError], *, verbose: bool = False, command: str = "kookboek"
) -> str:
    """Warnings for the coach: the site can be made, but something should be looked at.

    ``command``: the hint where the full list is, when some were summed up ("": no hint).
    """
    word = "waarschuwing" if len(warnings) == 1 else "waarschuwingen"
    lines = [f"Let op, {len(warnings)} {word} (de website kan wel gemaakt worden):"]
    lines += problem_lines(warnings, verbose=verbose)
    if command and not verbose and summed_up(warnings):
        lines.append(full_list_hint(command))
    return "\n".join(lines)


def problem_lines(problems: Sequence[ContentError], *, verbose: bool = False) -> list[str]:
    """One line per problem (``file:line: veld: uitleg``); unless ``verbose``, the kinds with
    many problems in one sentence each instead, after the others."""
    grouped = {} if verbose else _groups(problems)
    lines = [str(problem) for problem in problems if problem.kind not in grouped]
    lines += [_sum_up(kind, members) for kind, members in grouped.items()]
    return lines


def summed_up(problems: Sequence[ContentError]) -> bool:
    return bool(_groups(problems))


def full_list_hint(command: str) -> str:
    return f"Elk bestand met het lijnnummer zie je met: {command} check -v"


def _groups(problems: Sequence[ContentError]) -> dict[str, list[ContentError]]:
    kinds: dict[str, list[ContentError]] = {}
    for problem in problems:
        if problem.kind in _SUMMARIES:
            kinds.setdefault(problem.kind, []).append(problem)
    return {kind: members for kind, members in kinds.items() if len(members) >= SUM_UP_FROM}


# kind → (one ingredient, several ingredients, what to do). {names}: the ingredients' names.
_SUMMARIES = {
    NOT_PRICED: (
        "1 ingrediënt staat niet in prijzen.yml: {names}",
        "{count} ingrediënten staan niet in prijzen.yml: {names}",
        "Zet ze in prijzen.yml (naam, prijs, hoeveelheid, eenheid, allergenen), of geef in het "
        "recept de betaalde 'prijs'.",
    ),
    ALLERGENS_UNKNOWN: (
        "Van 1 ingrediënt zijn de allergenen niet bekend: {names}",
        "Van {count} ingrediënten zijn de allergenen niet bekend: {names}",
        "Zet ze in prijzen.yml met 'allergenen: [...]' (of 'allergenen: []' als er geen van de "
        "14 in zit), of schrijf bovenaan het recept zelf welke allergenen erin zitten.",
    ),
    ALLERGENS_UNCHECKED: (
        "Van 1 ingrediënt zijn de allergenen niet bekend: {names}",
        "Van {count} ingrediënten zijn de allergenen niet bekend: {names}",
        "Zo kan niet nagekeken worden of 'allergenen' bovenaan die recepten klopt. Zet ze in "
        "prijzen.yml met 'allergenen: [...]' (of 'allergenen: []' als er geen van de 14 in zit).",
    ),
}


def _sum_up(kind: str, members: Sequence[ContentError]) -> str:
    one, several, advice = _SUMMARIES[kind]
    names = sorted({m.subject for m in members if m.subject}, key=str.casefold)
    shown = ", ".join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += f" en nog {len(names) - NAMES_SHOWN} andere"
    files = len({m.path for m in members})
    where = "1 recept" if files == 1 else f"{files} recepten"
    sentence = (one if len(names) == 1 else several).format(count=len(names), names=shown)
    return f"{sentence} ({len(members)} keer, in {where}). {advice}"


def problem_summary(count: int) -> str:
    word = "probleem" if count == 1 else "problemen"
    return f"{count} {word} gevonden. Pas de bestanden aan en probeer opnieuw."


def display_path(path: Path) -> str:
    """A path as a coach recognises it: relative to the working folder when possible."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
