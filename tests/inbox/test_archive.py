"""``inbox export`` / ``inbox import``: one zip file with every waiting submission."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from form_helpers import jpeg_with_gps, sample_submission, send
from kookboek.images.intake import process_photo
from kookboek.inbox.archive import (
    MANIFEST,
    ArchiveProblem,
    export_inbox,
    import_inbox,
)
from kookboek.inbox.store import (
    DATA_FILE,
    PASSWORD_FILE,
    PHOTO_FILE,
    SESSION_KEY_FILE,
    Inbox,
)
from kookboek.inbox.submission import Submission


def submission(title: str = "Linzensoep") -> Submission:
    return sample_submission(title)


@pytest.fixture(scope="module")
def photos() -> list[bytes]:
    return [process_photo(jpeg_with_gps((800 + 100 * n, 600))) for n in range(2)]


@pytest.fixture
def full_inbox(tmp_path: Path, photos: list[bytes]) -> Inbox:
    """Three waiting submissions (two with a photo), a draft, a password hash and a key."""
    inbox = Inbox(tmp_path / "bron")
    send(inbox, submission("Linzensoep"), photos[0])
    send(inbox, submission("Stoemp"), None)
    send(inbox, submission("Pompoensoep"), photos[1])
    inbox.save_draft(submission("Nog niet verstuurd"), photos[0])
    inbox.session_key()
    inbox.password_file.write_text("scrypt:geheim", encoding="utf-8")
    return inbox


@pytest.fixture
def archive(full_inbox: Inbox, tmp_path: Path) -> Path:
    target = tmp_path / "postvak.zip"
    export_inbox(full_inbox, target)
    return target


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes: what an import may or may not change."""
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_export_then_import_into_an_empty_inbox_gives_the_same_entries(
    full_inbox: Inbox, archive: Path, tmp_path: Path
) -> None:
    summary = export_inbox(full_inbox, archive)
    assert (summary.entries, summary.photos) == (3, 2)
    assert archive.stat().st_mode & 0o077 == 0  # participants' names: the owner's only

    target = Inbox(tmp_path / "doel")
    result = import_inbox(target, archive)

    originals = full_inbox.entries()
    restored = target.entries()
    assert sorted(result.restored) == sorted(e.id for e in originals) and result.skipped == []
    assert [(e.id, e.submission, e.received) for e in restored] == [
        (e.id, e.submission, e.received) for e in originals
    ]
    for original, copy in zip(originals, restored, strict=True):
        assert (copy.folder / DATA_FILE).read_bytes() == (original.folder / DATA_FILE).read_bytes()
        if original.photo is None:
            assert copy.photo is None
        else:
            assert copy.photo is not None
            assert copy.photo.read_bytes() == original.photo.read_bytes()


def test_no_draft_no_password_hash_and_no_session_key_leave_the_inbox(archive: Path) -> None:
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        manifest = json.loads(opened.read(MANIFEST))
        assert not [n for n in names if PASSWORD_FILE in n or SESSION_KEY_FILE in n]
        assert b"scrypt:geheim" not in archive.read_bytes()
        assert not [n for n in names if "concepten" in n]
        titles = [json.loads(opened.read(n))["inzending"]["title"] for n in names if DATA_FILE in n]
    assert sorted(titles) == ["Linzensoep", "Pompoensoep", "Stoemp"]
    for item in manifest["inzendingen"]:
        for name, fingerprint in item["bestanden"].items():
            with zipfile.ZipFile(archive) as opened:
                data = opened.read(f"{item['id']}/{name}")
            assert fingerprint == {"sha256": hashlib.sha256(data).hexdigest(), "grootte": len(data)}


def test_an_entry_already_in_the_inbox_is_skipped_not_overwritten(
    full_inbox: Inbox, archive: Path, tmp_path: Path
) -> None:
    target = Inbox(tmp_path / "doel")
    import_inbox(target, archive)
    kept = target.entries()[0]
    target.replace(kept.id, submission("Verbeterd door de begeleider"))
    before = snapshot(target.root)

    again = import_inbox(target, archive)

    assert again.restored == [] and sorted(again.skipped) == sorted(
        e.id for e in full_inbox.entries()
    )
    assert snapshot(target.root) == before
    assert target.get(kept.id).submission.title == "Verbeterd door de begeleider"


def test_an_export_of_an_empty_inbox_imports_as_nothing(tmp_path: Path) -> None:
    target = tmp_path / "leeg.zip"
    assert export_inbox(Inbox(tmp_path / "er-is-niets"), target).entries == 0
    result = import_inbox(Inbox(tmp_path / "doel"), target)
    assert result.restored == result.skipped == []


def test_an_archive_too_large_for_the_inbox_is_refused_whole(archive: Path, tmp_path: Path) -> None:
    target = Inbox(tmp_path / "doel", max_entries=2)
    with pytest.raises(ArchiveProblem, match="hoogstens 2 inzendingen"):
        import_inbox(target, archive)
    assert snapshot(target.root) == {}


# -- damaged archives -------------------------------------------------------------------------


def members_of(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as opened:
        return {name: opened.read(name) for name in opened.namelist()}


def rezip(members: dict[str, bytes], target: Path, link: str | None = None) -> Path:
    """A zip of ``members`` (in this order); ``link`` is added as a symlink member."""
    with zipfile.ZipFile(target, "w") as out:
        for name, data in members.items():
            out.writestr(name, data)
        if link is not None:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            out.writestr(info, "/etc/passwd")
    return target


def manifest_of(members: dict[str, bytes]) -> dict[str, object]:
    found: dict[str, object] = json.loads(members[MANIFEST])
    return found


def photo_member(members: dict[str, bytes]) -> str:
    return next(n for n in members if n.endswith(PHOTO_FILE))


def data_member(members: dict[str, bytes]) -> str:
    return next(n for n in members if n.endswith(DATA_FILE))


def truncated(archive: Path, target: Path) -> Path:
    data = archive.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def cut_at_the_end(archive: Path, target: Path) -> Path:
    target.write_bytes(archive.read_bytes()[:-30])
    return target


def byte_flipped_in_a_photo(archive: Path, target: Path) -> Path:
    members = members_of(archive)
    photo = members[photo_member(members)]
    data = bytearray(archive.read_bytes())
    at = data.index(photo) + len(photo) // 2  # photos are stored uncompressed
    data[at] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


def other_photo_same_manifest(archive: Path, target: Path) -> Path:
    members = members_of(archive)
    members[photo_member(members)] = process_photo(jpeg_with_gps((500, 400)))
    return rezip(members, target)


def wrong_checksum_in_the_manifest(archive: Path, target: Path) -> Path:
    members = members_of(archive)
    manifest = manifest_of(members)
    entry = manifest["inzendingen"][0]  # type: ignore[index]
    entry["bestanden"][DATA_FILE]["sha256"] = "0" * 64
    members[MANIFEST] = json.dumps(manifest).encode()
    return rezip(members, target)


def path_traversal(archive: Path, target: Path) -> Path:
    members = members_of(archive)
    members["../../etc/kookboek.txt"] = b"boe"
    return rezip(members, target)


def absolute_path(archive: Path, target: Path) -> Path:
    members = members_of(archive)
    members["/tmp/kookboek-absoluut.txt"] = b"boe"
    return rezip(members, target)


def symlink(archive: Path, target: Path) -> Path:
    members = members_of(archive)
    return rezip(members, target, link=photo_member(members).replace(PHOTO_FILE, "x") + "link")


def symlink_as_photo(archive: Path, target: Path) -> Path:
    members = members_of(archive)
    name = photo_member(members)
    del members[name]
    return rezip(members, target, link=name)


def unknown_version(archive: Path, target: Path) -> Path:
    members = members_of(archive)
    manifest = manifest_of(members)
    manifest["versie"] = 2
    members[MANIFEST] = json.dumps(manifest).encode()
    return rezip(members, target)


def without_manifest(archive: Path, target: Path) -> Path:
    members = members_of(archive)
    del members[MANIFEST]
    return rezip(members, target)


def file_not_in_the_manifest(archive: Path, target: Path) -> Path:
    members = members_of(archive)
    members[f"{'a' * 32}/{DATA_FILE}"] = members[data_member(members)]
    return rezip(members, target)


def missing_file(archive: Path, target: Path) -> Path:
    members = members_of(archive)
    del members[photo_member(members)]
    return rezip(members, target)


def damaged_submission(archive: Path, target: Path) -> Path:
    members = members_of(archive)
    name = data_member(members)
    members[name] = b'{"versie": 1, "ontvangen": "gisteren", "inzending": {}}'
    manifest = manifest_of(members)
    for item in manifest["inzendingen"]:  # type: ignore[attr-defined]
        if name.startswith(item["id"]):
            item["bestanden"][DATA_FILE] = {
                "sha256": hashlib.sha256(members[name]).hexdigest(),
                "grootte": len(members[name]),
            }
    members[MANIFEST] = json.dumps(manifest).encode()
    return rezip(members, target)


def not_a_photo(archive: Path, target: Path) -> Path:
    members = members_of(archive)
    name = photo_member(members)
    members[name] = b"\xff\xd8<script>alert(1)</script>"
    manifest = manifest_of(members)
    for item in manifest["inzendingen"]:  # type: ignore[attr-defined]
        if name.startswith(item["id"]):
            item["bestanden"][PHOTO_FILE] = {
                "sha256": hashlib.sha256(members[name]).hexdigest(),
                "grootte": len(members[name]),
            }
    members[MANIFEST] = json.dumps(manifest).encode()
    return rezip(members, target)


def not_a_zip(archive: Path, target: Path) -> Path:
    target.write_text("Dit is een boodschappenlijstje.\n", encoding="utf-8")
    return target


DAMAGES: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "truncated": (truncated, "onvolledig of beschadigd"),
    "cut at the end": (cut_at_the_end, "onvolledig of beschadigd"),
    "a byte flipped in a photo": (byte_flipped_in_a_photo, "beschadigd of onvolledig"),
    "another photo, same manifest": (other_photo_same_manifest, "controlesom klopt niet"),
    "a wrong checksum in the manifest": (wrong_checksum_in_the_manifest, "controlesom klopt niet"),
    "path traversal": (path_traversal, "buiten het postvak"),
    "an absolute path": (absolute_path, "buiten het postvak"),
    "a symlink": (symlink, "snelkoppeling (symlink)"),
    "a symlink as the photo": (symlink_as_photo, "snelkoppeling (symlink)"),
    "an unknown version": (unknown_version, "versie 2; dit kookboek kent alleen versie 1"),
    "no manifest": (without_manifest, "inhoudsopgave postvak.json ontbreekt"),
    "a file not in the manifest": (file_not_in_the_manifest, "staat niet in de inhoudsopgave"),
    "a file missing": (missing_file, "staat in de inhoudsopgave maar ontbreekt"),
    "a damaged submission": (damaged_submission, "geen leesbare inzending"),
    "a photo that is no photo": (not_a_photo, "geen foto die we kunnen openen"),
    "not a zip file": (not_a_zip, "geen zip-bestand"),
}


@pytest.mark.parametrize("damage", DAMAGES, ids=list(DAMAGES))
def test_a_damaged_archive_is_refused_whole_and_nothing_is_written(
    damage: str, full_inbox: Inbox, archive: Path, tmp_path: Path
) -> None:
    make, explanation = DAMAGES[damage]
    damaged = make(archive, tmp_path / "beschadigd.zip")
    target = Inbox(tmp_path / "doel")
    send(target, submission("Stond er al"), None)  # an inbox in use: it must stay as it is
    before = snapshot(target.root)

    with pytest.raises(ArchiveProblem) as refused:
        import_inbox(target, damaged)

    message = str(refused.value)
    assert explanation in message, message
    assert message.startswith(f"{damaged} is niet teruggezet: er is niets in het postvak gezet.")
    assert snapshot(target.root) == before
    assert not (tmp_path / "etc").exists() and not Path("/tmp/kookboek-absoluut.txt").exists()
    # The archive was fine before the damage: the same import of the original works.
    assert len(import_inbox(target, archive).restored) == len(full_inbox.entries())


def test_every_problem_of_an_archive_is_named_at_once(archive: Path, tmp_path: Path) -> None:
    members = members_of(archive)
    members["../boven.txt"] = b"x"
    members["ook-niet.txt"] = b"x"
    damaged = rezip(members, tmp_path / "twee.zip", link="link")
    with pytest.raises(ArchiveProblem) as refused:
        import_inbox(Inbox(tmp_path / "doel"), damaged)
    assert len(refused.value.problems) == 3, refused.value.problems


def test_a_zip_bomb_is_not_unpacked(archive: Path, tmp_path: Path) -> None:
    members = members_of(archive)
    name = photo_member(members)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for member, data in members.items():
            out.writestr(member, b"\0" * (30 * 1024 * 1024) if member == name else data)
    bomb = tmp_path / "bom.zip"
    bomb.write_bytes(buffer.getvalue())
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(ArchiveProblem, match="te groot voor een inzending"):
        import_inbox(Inbox(tmp_path / "doel"), bomb)
