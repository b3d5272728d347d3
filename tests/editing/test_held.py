"""A Word file kept while the coach corrects the fields."""

from __future__ import annotations

import os
import time
from pathlib import Path

from kookboek.editing.held import KEEP_SECONDS, HeldFiles


def test_a_held_file_comes_back_by_its_token_only(tmp_path: Path) -> None:
    held = HeldFiles(tmp_path / ".documenten")
    token = held.hold("Verslag.docx", b"PK inhoud")
    assert held.get(token) == ("Verslag.docx", b"PK inhoud")
    assert (tmp_path / ".documenten" / f"{token}.bestand").stat().st_mode & 0o777 == 0o600
    for forged in ("", "../../etc/passwd", token.upper(), token[:-1]):
        assert held.get(forged) is None
    held.release(token)
    assert held.get(token) is None and list((tmp_path / ".documenten").iterdir()) == []


def test_files_older_than_a_day_are_removed(tmp_path: Path) -> None:
    held = HeldFiles(tmp_path)
    old = held.hold("oud.docx", b"oud")
    past = time.time() - KEEP_SECONDS - 60
    for path in tmp_path.iterdir():
        os.utime(path, (past, past))
    new = held.hold("nieuw.docx", b"nieuw")
    assert held.get(old) is None and held.get(new) == ("nieuw.docx", b"nieuw")
