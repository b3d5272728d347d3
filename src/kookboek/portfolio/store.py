"""The portfolio folder: one JSON file per participant, written atomically, readable only by
the account that runs kookboek. Erasing a participant is deleting her one file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from kookboek.portfolio.models import Portfolio
from kookboek.support.files import write_atomic

DEFAULT_DIR = Path("portfolio")
RETENTION_MONTHS = 12


class UnknownParticipant(LookupError):
    """No portfolio under this name; the message is Dutch."""


class PortfolioProblem(ValueError):
    """A portfolio cannot be stored or read; the message is Dutch."""


def name_key(name: str) -> str:
    """Names are compared without case and extra spaces: 'fatima ' is Fatima."""
    return " ".join(name.casefold().split())


def new_id() -> str:
    return secrets.token_hex(6)


@dataclass(frozen=True)
class Expired:
    """A portfolio kept past its retention period."""

    name: str
    last_activity: dt.date
    ends_on: dt.date


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class PortfolioStore:
    def __init__(self, folder: Path, retention_months: int = RETENTION_MONTHS) -> None:
        self.folder = folder
        self.retention_months = retention_months

    def path_of(self, name: str) -> Path:
        # A hash, not the name: the file name tells nothing about her.
        digest = hashlib.sha256(name_key(name).encode()).hexdigest()[:24]
        return self.folder / f"{digest}.json"

    def key_of(self, name: str) -> str:
        """Her key in addresses on /beheer: the name of her file, which tells nothing."""
        return self.path_of(name).stem

    def by_key(self, key: str) -> Portfolio:
        if not re.fullmatch(r"[0-9a-f]{24}", key) or not (self.folder / f"{key}.json").is_file():
            raise UnknownParticipant("Dit portfolio bestaat niet (meer).")
        return self._read(self.folder / f"{key}.json")

    def exists(self, name: str) -> bool:
        return self.path_of(name).is_file()

    def get(self, name: str) -> Portfolio:
        path = self.path_of(name)
        if not path.is_file():
            raise UnknownParticipant(f"Er is geen portfolio van '{name}'.")
        return self._read(path)

    def all(self) -> list[Portfolio]:
        return sorted(self._each(), key=lambda p: name_key(p.name))

    def _each(self) -> Iterator[Portfolio]:
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.json"):
            yield self._read(path)

    def _read(self, path: Path) -> Portfolio:
        try:
            return Portfolio.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, ValidationError) as exc:
            raise PortfolioProblem(f"{path} kan niet gelezen worden: {exc}") from None

    def save(self, portfolio: Portfolio) -> None:
        data = portfolio.model_dump(mode="json", by_alias=True, exclude_none=True)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(self.path_of(portfolio.name), text.encode(), mode=0o600)

    def add(self, portfolio: Portfolio) -> None:
        """A new participant; refused when the name is taken (also with other capitals)."""
        if self.exists(portfolio.name):
            raise PortfolioProblem(
                f"Er is al een portfolio van '{portfolio.name}'. Kies een andere naam of een "
                "bijnaam (bijvoorbeeld met de eerste letter van de groep erbij)."
            )
        self.save(portfolio)

    def delete(self, name: str) -> None:
        """Everything kept about her: her file, and any half-written copy of it."""
        path = self.path_of(name)
        if not path.is_file():
            raise UnknownParticipant(f"Er is geen portfolio van '{name}'.")
        path.unlink()
        for leftover in self.folder.glob(f".{path.name}.*"):
            leftover.unlink(missing_ok=True)

    def retention_ends(self, portfolio: Portfolio) -> tuple[dt.date, dt.date]:
        """(her last activity, the day her data should be deleted)."""
        last = portfolio.last_session or portfolio.consent_on
        return last, add_months(last, self.retention_months)

    def expired(self, today: dt.date) -> list[Expired]:
        found = []
        for portfolio in self.all():
            last, ends = self.retention_ends(portfolio)
            if ends <= today:
                found.append(Expired(portfolio.name, last, ends))
        return found
