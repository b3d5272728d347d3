"""Coaches' own accounts for /beheer: a name and a password hash each, in one small file.

The file lives next to the old shared password (``.beheer-wachtwoord``) in the inbox folder:
outside ``content/``, outside git and outside ``inbox export``. Only its owner can read it.
While it holds no account the shared password keeps working; from the first account on only
the accounts log in.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from kookboek.support.files import write_atomic
from kookboek.web.passwords import PasswordProblem, hash_password, verify

ACCOUNTS_FILE = ".begeleiders.json"
MAX_NAME_LENGTH = 40
_NAME = re.compile(r"^[^\W\d_]+(?:[ '.-][^\W\d_]+)*\.?$")


class AccountProblem(ValueError):
    """A name or password that cannot be used; the message is Dutch."""


@dataclass(frozen=True)
class Account:
    name: str
    password_hash: str


def clean_name(name: str) -> str:
    """The name as it is stored and shown: spaces tidied, checked."""
    tidy = " ".join(name.split())
    if not tidy:
        raise AccountProblem("Vul een naam in.")
    if len(tidy) > MAX_NAME_LENGTH:
        raise AccountProblem(f"Een naam is hoogstens {MAX_NAME_LENGTH} tekens lang.")
    if not _NAME.match(tidy):
        raise AccountProblem(
            "Een naam bestaat uit letters, eventueel met een spatie, koppelteken of punt "
            "(bijvoorbeeld Els of Anne-Marie V.)."
        )
    return tidy


@functools.cache
def _dummy_hash() -> str:
    """A hash to check against when the name is unknown, so that a wrong name takes as long
    as a wrong password and the time does not tell which names exist."""
    return hash_password("onbekende-naam-geen-wachtwoord")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class Accounts:
    """The accounts file. Every call reads it again: a colleague added on the command line
    or on another page counts at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def all(self) -> list[Account]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise AccountProblem(f"Kon {self.path} niet lezen: {exc}.") from None
        return [
            Account(str(item["naam"]), str(item["hash"]))
            for item in data.get("begeleiders", [])
            if isinstance(item, dict) and "naam" in item and "hash" in item
        ]

    def names(self) -> list[str]:
        return sorted((a.name for a in self.all()), key=str.casefold)

    def exist(self) -> bool:
        return bool(self.all())

    def find(self, name: str) -> Account | None:
        wanted = _key(name)
        return next((a for a in self.all() if _key(a.name) == wanted), None)

    def add(self, name: str, password: str) -> Account:
        """A new account; an existing name is refused (remove it first, or change its
        password with :meth:`set_password`)."""
        tidy = clean_name(name)
        try:
            account = Account(tidy, hash_password(password))
        except PasswordProblem as exc:
            raise AccountProblem(str(exc)) from None
        with self._lock:
            accounts = self.all()
            if any(_key(a.name) == _key(tidy) for a in accounts):
                raise AccountProblem(f"Er is al een begeleider met de naam {tidy}.")
            self._write([*accounts, account])
        return account

    def set_password(self, name: str, password: str) -> None:
        try:
            hashed = hash_password(password)
        except PasswordProblem as exc:
            raise AccountProblem(str(exc)) from None
        with self._lock:
            accounts = self.all()
            if not any(_key(a.name) == _key(name) for a in accounts):
                raise AccountProblem(f"Er is geen begeleider met de naam {name}.")
            self._write(
                [Account(a.name, hashed) if _key(a.name) == _key(name) else a for a in accounts]
            )

    def remove(self, name: str) -> None:
        with self._lock:
            accounts = self.all()
            kept = [a for a in accounts if _key(a.name) != _key(name)]
            if len(kept) == len(accounts):
                raise AccountProblem(f"Er is geen begeleider met de naam {name}.")
            self._write(kept)

    def check(self, name: str, password: str) -> Account | None:
        """The account when name and password match, else None (in about the same time)."""
        account = self.find(name) if name.strip() else None
        matches = verify(account.password_hash if account else _dummy_hash(), password)
        return account if account and matches else None

    def _write(self, accounts: list[Account]) -> None:
        data = {"begeleiders": [{"naam": a.name, "hash": a.password_hash} for a in accounts]}
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        write_atomic(self.path, text.encode("utf-8"), mode=0o600)
