from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from form_helpers import entry_folders, sample_submission, send
from kookboek.inbox.store import (
    DATA_FILE,
    PHOTO_FILE,
    SESSION_KEY_BYTES,
    SESSION_KEY_FILE,
    Inbox,
    InboxFull,
    UnknownEntry,
    new_id,
)
from kookboek.inbox.submission import Submission


def submission(title: str = "Linzensoep") -> Submission:
    return sample_submission(title)


def test_a_submission_is_stored_in_its_own_random_folder(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path / "inzendingen")
    first = send(inbox, submission("Een"), b"photo")
    second = send(inbox, submission("Twee"), None)
    assert first != second and len(first) == 32
    assert sorted(p.name for p in entry_folders(inbox.root)) == sorted([first, second])
    assert (inbox.root / first / PHOTO_FILE).read_bytes() == b"photo"
    data = json.loads((inbox.root / first / DATA_FILE).read_text(encoding="utf-8"))
    assert data["inzending"]["title"] == "Een"
    assert [e.submission.title for e in inbox.entries()] == ["Een", "Twee"]
    assert inbox.get(second).photo is None


def test_a_draft_is_moved_in_with_one_rename_and_only_once(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path)
    token = inbox.save_draft(submission(), b"photo")
    assert inbox.entries() == []  # drafts are not in the inbox yet
    entry_id = inbox.send_draft(token)
    assert inbox.get(entry_id).submission.title == "Linzensoep"
    with pytest.raises(UnknownEntry):
        inbox.send_draft(token)
    assert len(inbox.entries()) == 1


def test_half_written_folders_are_never_listed(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path)
    (tmp_path / ".nieuw-0123").mkdir()
    (tmp_path / ("a" * 32)).mkdir()  # no data file yet
    assert inbox.entries() == []


@pytest.mark.parametrize("entry_id", ["../content", "..", "a" * 31, "A" * 32, "/etc/passwd", ""])
def test_ids_that_are_not_ours_are_refused(tmp_path: Path, entry_id: str) -> None:
    inbox = Inbox(tmp_path / "inbox")
    with pytest.raises(UnknownEntry):
        inbox.get(entry_id)
    with pytest.raises(UnknownEntry):
        inbox.delete(entry_id)


def test_reject_deletes_and_replace_keeps_the_photo(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path)
    entry_id = send(inbox, submission(), b"photo")
    inbox.replace(entry_id, submission("Betere naam"))
    assert inbox.get(entry_id).submission.title == "Betere naam"
    assert inbox.get(entry_id).photo is not None
    inbox.delete(entry_id)
    assert entry_folders(tmp_path) == []


def test_a_full_inbox_refuses_more(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path, max_entries=2)
    send(inbox, submission(), None)
    send(inbox, submission(), None)
    with pytest.raises(InboxFull, match="vol"):
        send(inbox, submission(), None)


def test_leftovers_of_a_killed_server_are_removed_once_old(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path)
    half_written = tmp_path / f".nieuw-{new_id()}"
    half_written.mkdir()
    (half_written / DATA_FILE).write_text("{", encoding="utf-8")
    reserved = tmp_path / new_id()  # the empty folder a rename was going to fill
    reserved.mkdir()
    fresh = tmp_path / new_id()
    fresh.mkdir()
    two_hours_ago = time.time() - 7200
    for folder in (half_written, reserved):
        os.utime(folder, (two_hours_ago, two_hours_ago))
    assert len(inbox) == 0 and inbox.entries() == []
    inbox.remove_leftovers()
    assert not half_written.exists() and not reserved.exists()
    assert fresh.exists()  # may belong to a submission being written right now


def test_the_session_key_is_made_once_private_and_reused(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path / "inzendingen")
    key = inbox.session_key()
    assert len(key) == SESSION_KEY_BYTES
    assert inbox.session_key_file.stat().st_mode & 0o777 == 0o600
    assert Inbox(inbox.root).session_key() == key  # the next start reads the same key
    assert [p.name for p in inbox.root.iterdir()] == [SESSION_KEY_FILE]  # no temporary left
    inbox.session_key_file.chmod(0o644)  # for example copied back from a backup
    assert inbox.session_key() == key
    assert inbox.session_key_file.stat().st_mode & 0o777 == 0o600
    inbox.session_key_file.write_bytes(b"kort")  # damaged
    repaired = inbox.session_key()
    assert len(repaired) == SESSION_KEY_BYTES and repaired != key
    assert inbox.session_key_file.read_bytes() == repaired


def test_changing_a_draft_keeps_its_token_and_its_photo(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path / "inzendingen")
    token = inbox.save_draft(submission("Een"), b"photo")
    assert inbox.save_draft(submission("Twee"), None, token=token) == token
    assert inbox.draft(token).submission.title == "Twee"
    assert inbox.draft_photo(token) == b"photo"
    assert inbox.save_draft(submission("Drie"), b"other", token=token) == token
    assert inbox.draft_photo(token) == b"other"
    gone = new_id()  # a token of a draft that was sent or expired: a new draft
    fresh = inbox.save_draft(submission("Vier"), None, token=gone)
    assert fresh not in {gone, token} and inbox.draft(fresh).submission.title == "Vier"
