"""Content errors: every problem found in the content, with file, line and field."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one content file, reported to a coach in Dutch."""

    path: str
    line: int
    field: str
    message: str

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

    def report(self) -> str:
        lines = [str(error) for error in self.errors]
        if self.warnings:
            lines.append(warnings_report(self.warnings))
        lines.append(problem_summary(len(self.errors)))
        return "\n".join(lines)


def warnings_report(warnings: Sequence[ContentError]) -> str:
    """Warnings for the coach: the site can be made, but something should be looked at."""
    word = "waarschuwing" if len(warnings) == 1 else "waarschuwingen"
    lines = [f"Let op, {len(warnings)} {word} (de website kan wel gemaakt worden):"]
    lines += [str(warning) for warning in warnings]
    return "\n".join(lines)


def problem_summary(count: int) -> str:
    word = "probleem" if count == 1 else "problemen"
    return f"{count} {word} gevonden. Pas de bestanden aan en probeer opnieuw."


def display_path(path: Path) -> str:
    """A path as a coach recognises it: relative to the working folder when possible."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
