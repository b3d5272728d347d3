"""A document file kept while the coach corrects the form's fields.

A browser never fills a file field in again: after a problem with, say, the year, she
would have to find her Word file once more. The file she sent is kept under a random token
(the form carries it) for a day, readable by its owner only, and removed once saved.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path

from kookboek.support.files import write_atomic

KEEP_SECONDS = 24 * 3600
_TOKEN = re.compile(r"[0-9a-f]{32}")


class HeldFiles:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def hold(self, name: str, data: bytes) -> str:
        """Keep ``data`` (sent as ``name``); returns the token for the form."""
        self._expire()
        token = secrets.token_hex(16)
        write_atomic(self.folder / f"{token}.bestand", data, mode=0o600)
        write_atomic(
            self.folder / f"{token}.json", json.dumps({"naam": name[:200]}).encode(), mode=0o600
        )
        return token

    def get(self, token: str) -> tuple[str, bytes] | None:
        """The file held under ``token`` (its name and bytes), or None."""
        if not _TOKEN.fullmatch(token):
            return None
        try:
            name = json.loads((self.folder / f"{token}.json").read_text(encoding="utf-8"))["naam"]
            return str(name), (self.folder / f"{token}.bestand").read_bytes()
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def release(self, token: str) -> None:
        if _TOKEN.fullmatch(token):
            for suffix in (".bestand", ".json"):
                (self.folder / f"{token}{suffix}").unlink(missing_ok=True)

    def _expire(self) -> None:
        if not self.folder.is_dir():
            return
        limit = time.time() - KEEP_SECONDS
        for path in self.folder.iterdir():
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                continue
