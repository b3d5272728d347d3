"""The moderation inbox: one folder per submission, outside ``content/``.

Every folder gets a random name and is written completely under a temporary name first, then
renamed into place, so a reader never sees half a submission and no submission can overwrite
another. Drafts (sent to the review step, not yet confirmed) live in ``.concepten/`` and are
moved into the inbox with one rename when the participant confirms.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from kookboek.inbox.submission import Submission
from kookboek.support.files import write_atomic

DATA_FILE = "inzending.json"
PHOTO_FILE = "foto.jpg"
DRAFTS_DIR = ".concepten"
PASSWORD_FILE = ".beheer-wachtwoord"
SESSION_KEY_FILE = ".sessiesleutel"
SESSION_KEY_BYTES = 32
DRAFT_LIFETIME = dt.timedelta(days=1)
LEFTOVER_AGE = dt.timedelta(hours=1)
MAX_ENTRIES = 500
_ENTRY_ID = re.compile(r"^[0-9a-f]{32}$")
FORMAT_VERSION = 1


class InboxError(Exception):
    """A problem with the inbox; the message is Dutch."""


class UnknownEntry(InboxError):
    pass


class InboxFull(InboxError):
    pass


@dataclass(frozen=True)
class InboxEntry:
    id: str
    submission: Submission
    received: dt.datetime
    folder: Path

    @property
    def received_local(self) -> dt.datetime:
        return self.received.astimezone()

    @property
    def photo(self) -> Path | None:
        path = self.folder / PHOTO_FILE
        return path if path.is_file() else None


def new_id() -> str:
    return secrets.token_hex(16)


def valid_id(entry_id: str) -> bool:
    return bool(_ENTRY_ID.fullmatch(entry_id))


class Inbox:
    def __init__(self, root: Path, max_entries: int = MAX_ENTRIES) -> None:
        self.root = root
        self.max_entries = max_entries

    @property
    def drafts(self) -> Path:
        return self.root / DRAFTS_DIR

    @property
    def password_file(self) -> Path:
        return self.root / PASSWORD_FILE

    @property
    def session_key_file(self) -> Path:
        return self.root / SESSION_KEY_FILE

    def session_key(self) -> bytes:
        """The key that signs the form's cookies and CSRF tokens: made once, kept next to the
        inbox and reused, so a restart of the form does not turn every page open on a phone
        into an expired one. Only its owner can read the file."""
        path = self.session_key_file
        for _ in range(3):
            try:
                key = path.read_bytes()
            except FileNotFoundError:
                key = b""
            if len(key) >= SESSION_KEY_BYTES:
                if path.stat().st_mode & 0o077:
                    path.chmod(0o600)  # copied back from a backup with looser rights
                return key
            # Two processes starting at once: the first one's key wins (replace=False), the
            # second reads it on the next round. A damaged (short) file is replaced.
            write_atomic(
                path, secrets.token_bytes(SESSION_KEY_BYTES), replace=bool(key), mode=0o600
            )
        raise InboxError(f"Kon de sleutel in {path} niet lezen of schrijven.")

    # -- writing --------------------------------------------------------------------------

    def save_draft(self, submission: Submission, photo: bytes | None, token: str = "") -> str:
        """Store a submission waiting for the participant's confirmation; returns its token.

        Given the ``token`` of a draft that is still there, that draft is updated instead (a
        new photo replaces its photo, ``None`` keeps it), so a recipe keeps one review address
        however often it is changed, and Back never leads to a page that is gone.
        """
        self._remove_old_drafts()
        if valid_id(token):
            try:
                folder = self._folder(self.drafts, token)
            except UnknownEntry:
                pass
            else:
                if photo is not None:
                    write_atomic(folder / PHOTO_FILE, photo)
                write_atomic(folder / DATA_FILE, _serialise(submission, dt.datetime.now(dt.UTC)))
                return token
        self.drafts.mkdir(parents=True, exist_ok=True)
        staged = self._write_folder(self.drafts, submission, photo)
        return self._rename_to_new_id(staged, self.drafts)

    def draft(self, token: str) -> InboxEntry:
        return self._read(self._folder(self.drafts, token), token)

    def draft_photo(self, token: str) -> bytes | None:
        photo = self.draft(token).photo
        return photo.read_bytes() if photo else None

    def discard_draft(self, token: str) -> None:
        if valid_id(token):
            shutil.rmtree(self.drafts / token, ignore_errors=True)

    def send_draft(self, token: str) -> str:
        """Move a draft into the inbox (one rename); ``UnknownEntry`` if already sent."""
        folder = self._folder(self.drafts, token)
        self._check_room()
        return self._move_in(folder)

    def replace(self, entry_id: str, submission: Submission) -> None:
        """Save a coach's corrections; the received time and photo stay."""
        entry = self.get(entry_id)
        write_atomic(entry.folder / DATA_FILE, _serialise(submission, entry.received))

    def restore(self, entry_id: str, data: bytes, photo: bytes | None) -> bool:
        """Put an entry back from a backup under its own id, ``data`` being its
        ``inzending.json`` as stored. Returns False, and writes nothing, when the inbox holds
        that id already: nothing in the inbox is ever overwritten."""
        if not valid_id(entry_id):
            raise UnknownEntry("Deze inzending bestaat niet.")
        target = self.root / entry_id
        if target.exists():
            return False
        staged = self._stage(self.root, data, photo)
        try:
            target.mkdir()  # exclusive, as in _rename_to_new_id
        except FileExistsError:
            shutil.rmtree(staged)
            return False
        os.rename(staged, target)
        return True

    def delete(self, entry_id: str) -> None:
        folder = self._folder(self.root, entry_id)
        # Rename first so a half-deleted folder is never listed.
        trash = self.root / f".weg-{new_id()}"
        folder.rename(trash)
        shutil.rmtree(trash)

    # -- reading --------------------------------------------------------------------------

    def entries(self) -> list[InboxEntry]:
        if not self.root.is_dir():
            return []
        found = []
        for folder in self.root.iterdir():
            if valid_id(folder.name) and (folder / DATA_FILE).is_file():
                try:
                    found.append(self._read(folder, folder.name))
                except UnknownEntry:
                    continue
        return sorted(found, key=lambda e: e.received)

    def get(self, entry_id: str) -> InboxEntry:
        return self._read(self._folder(self.root, entry_id), entry_id)

    def __len__(self) -> int:
        if not self.root.is_dir():
            return 0
        return sum(1 for p in self.root.iterdir() if valid_id(p.name) and (p / DATA_FILE).is_file())

    # -- internals ------------------------------------------------------------------------

    def _folder(self, parent: Path, entry_id: str) -> Path:
        if not valid_id(entry_id):
            raise UnknownEntry("Deze inzending bestaat niet.")
        folder = parent / entry_id
        if not (folder / DATA_FILE).is_file():
            raise UnknownEntry("Deze inzending bestaat niet (meer).")
        return folder

    def _read(self, folder: Path, entry_id: str) -> InboxEntry:
        try:
            submission, received = parse_entry_data((folder / DATA_FILE).read_bytes())
        except FileNotFoundError:
            raise UnknownEntry("Deze inzending bestaat niet (meer).") from None
        except ValueError:
            raise UnknownEntry(f"De inzending {entry_id} is beschadigd.") from None
        return InboxEntry(entry_id, submission, received, folder)

    def _write_folder(self, parent: Path, submission: Submission, photo: bytes | None) -> Path:
        return self._stage(parent, _serialise(submission, dt.datetime.now(dt.UTC)), photo)

    def _stage(self, parent: Path, data: bytes, photo: bytes | None) -> Path:
        parent.mkdir(parents=True, exist_ok=True)
        staged = parent / f".nieuw-{new_id()}"
        staged.mkdir(mode=0o700)
        if photo is not None:
            (staged / PHOTO_FILE).write_bytes(photo)
        (staged / DATA_FILE).write_bytes(data)
        return staged

    def _move_in(self, folder: Path) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        return self._rename_to_new_id(folder, self.root)

    def _rename_to_new_id(self, folder: Path, parent: Path) -> str:
        for _ in range(5):
            entry_id = new_id()
            target = parent / entry_id
            try:
                # mkdir is exclusive; renaming a folder onto the empty one we made is atomic
                # and cannot replace a folder that holds another submission.
                target.mkdir()
            except FileExistsError:
                continue
            try:
                os.rename(folder, target)
            except FileNotFoundError:
                target.rmdir()
                raise UnknownEntry("Dit recept is al verstuurd.") from None
            return entry_id
        raise InboxError("Kon geen vrije naam vinden in het postvak.")

    def _check_room(self) -> None:
        if len(self) >= self.max_entries:
            raise InboxFull(
                "Het postvak is vol. Vraag je begeleider om eerst de inzendingen na te kijken."
            )

    def _remove_old_drafts(self) -> None:
        if self.drafts.is_dir():
            limit = time.time() - DRAFT_LIFETIME.total_seconds()
            for folder in self.drafts.iterdir():
                _remove_if_older(folder, limit)
        self.remove_leftovers()

    def remove_leftovers(self) -> None:
        """Remove what a killed process left behind: half-written folders (``.nieuw-*``)
        and the empty folder reserved for a rename that never happened. Only old ones: a
        fresh one may belong to a submission being written right now."""
        if not self.root.is_dir():
            return
        limit = time.time() - LEFTOVER_AGE.total_seconds()
        for parent in (self.root, self.drafts):
            if not parent.is_dir():
                continue
            for folder in parent.iterdir():
                unfinished = folder.name.startswith(".nieuw-")
                reserved = valid_id(folder.name) and not (folder / DATA_FILE).exists()
                if unfinished or reserved:
                    _remove_if_older(folder, limit)


def _remove_if_older(folder: Path, limit: float) -> None:
    try:
        if folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)
    except FileNotFoundError:
        pass


def parse_entry_data(data: bytes) -> tuple[Submission, dt.datetime]:
    """The submission and the time it was received, from an ``inzending.json``;
    ``ValueError`` when it is damaged."""
    try:
        parsed = json.loads(data.decode("utf-8"))
        submission = Submission.model_validate(parsed["inzending"])
        received = dt.datetime.fromisoformat(parsed["ontvangen"])
    except (ValueError, KeyError, TypeError, ValidationError) as exc:
        raise ValueError(str(exc)) from None
    if received.tzinfo is None:
        raise ValueError("the received time has no time zone")
    return submission, received


def _serialise(submission: Submission, received: dt.datetime) -> bytes:
    data = {
        "versie": FORMAT_VERSION,
        "ontvangen": received.isoformat(),
        "inzending": submission.model_dump(mode="json"),
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
