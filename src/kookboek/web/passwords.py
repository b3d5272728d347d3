"""The moderation password: only its hash is stored, never a default."""

from __future__ import annotations

import os
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

ENV_VARIABLE = "KOOKBOEK_BEHEER_WACHTWOORD_HASH"
MIN_LENGTH = 10


class PasswordProblem(ValueError):
    """A password that may not be used; the message is Dutch."""


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise PasswordProblem(f"Het wachtwoord moet minstens {MIN_LENGTH} tekens lang zijn.")
    return generate_password_hash(password, method="scrypt")


def write_password_file(path: Path, password: str) -> None:
    hashed = hash_password(password)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(hashed + "\n")


def configured_hash(configured: str | None, password_file: Path) -> str | None:
    """The hash from the app config, the environment or the password file (in that order)."""
    for candidate in (configured, os.environ.get(ENV_VARIABLE)):
        if candidate and candidate.strip():
            return candidate.strip()
    try:
        stored = password_file.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return stored or None


def verify(password_hash: str, password: str) -> bool:
    try:
        return check_password_hash(password_hash, password)
    except (ValueError, TypeError):
        return False
