"""A backup of the inbox in one zip file: ``kookboek inbox export`` and ``inbox import``.

The archive holds, for every waiting submission, its ``inzending.json`` and ``foto.jpg``
exactly as stored, under ``<id>/``, and a manifest ``postvak.json`` naming every file with its
size and SHA-256. Drafts, the session key and the /beheer password hash are never in it.

Importing checks the whole archive before writing anything: a truncated file, a wrong
checksum, a name outside the entry folders, a link, a file the manifest does not name, a
damaged submission or photo, or an unknown version refuses the archive as a whole. What
passes is restored under its own id; an id the inbox holds already is skipped, never
overwritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from kookboek.inbox.store import (
    DATA_FILE,
    PHOTO_FILE,
    Inbox,
    InboxError,
    parse_entry_data,
    valid_id,
)
from kookboek.support.files import write_atomic

MANIFEST = "postvak.json"
ARCHIVE_KIND = "kookboek-postvak"
ARCHIVE_VERSION = 1
# A stored photo is a JPEG of at most 1600 pixels wide (some hundred kB) and a submission a few
# kB: anything far larger is not from an inbox (a zip bomb announces a small file size).
MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 20_000
ENTRY_FILES = (DATA_FILE, PHOTO_FILE)
_ENTRY_MEMBER = re.compile(r"^[0-9a-f]{32}/(" + "|".join(map(re.escape, ENTRY_FILES)) + r")$")
_COMPRESSIONS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


class ArchiveProblem(InboxError):
    """An archive that is refused as a whole; ``problems`` are Dutch sentences."""

    def __init__(self, source: Path, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(
            f"{source} is niet teruggezet: er is niets in het postvak gezet.\n"
            + "\n".join(f"  - {problem}" for problem in problems)
        )


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    entries: int
    photos: int


@dataclass(frozen=True)
class ImportSummary:
    restored: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _ArchivedEntry:
    id: str
    data: bytes
    photo: bytes | None


def export_inbox(inbox: Inbox, target: Path) -> ExportSummary:
    """Write every waiting submission, with its photo, to the zip file ``target`` (replaced
    at once when it exists; readable by its owner only: it holds participants' names)."""
    members: dict[str, bytes] = {}
    listed = []
    for entry in inbox.entries():
        try:
            files = {DATA_FILE: (entry.folder / DATA_FILE).read_bytes()}
            if entry.photo is not None:
                files[PHOTO_FILE] = entry.photo.read_bytes()
        except FileNotFoundError:
            continue  # approved or rejected while the backup was being made
        listed.append({"id": entry.id, "bestanden": {n: _fingerprint(b) for n, b in files.items()}})
        members.update({f"{entry.id}/{name}": data for name, data in files.items()})
    manifest = {
        "soort": ARCHIVE_KIND,
        "versie": ARCHIVE_VERSION,
        "gemaakt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "inzendingen": listed,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _add(archive, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode())
        for name, data in members.items():
            _add(archive, name, data)
    write_atomic(target, buffer.getvalue(), mode=0o600)
    photos = sum(1 for name in members if name.endswith("/" + PHOTO_FILE))
    return ExportSummary(target, len(listed), photos)


def import_inbox(inbox: Inbox, source: Path) -> ImportSummary:
    """Restore the submissions of an archive made by ``export_inbox``. The whole archive is
    checked first (``ArchiveProblem``, nothing written); entries whose id is in the inbox
    already are skipped."""
    entries = read_archive(source)
    new = [entry for entry in entries if not (inbox.root / entry.id).exists()]
    if len(inbox) + len(new) > inbox.max_entries:
        raise ArchiveProblem(
            source,
            [
                f"het postvak kan hoogstens {inbox.max_entries} inzendingen bewaren; met deze "
                f"{len(new)} erbij zouden het er {len(inbox) + len(new)} zijn. Keur eerst "
                "inzendingen goed of weiger ze."
            ],
        )
    restored, skipped = [], []
    for entry in entries:
        if inbox.restore(entry.id, entry.data, entry.photo):
            restored.append(entry.id)
        else:
            skipped.append(entry.id)
    return ImportSummary(restored, skipped)


def read_archive(source: Path) -> list[_ArchivedEntry]:
    """Every entry of the archive, checked; ``ArchiveProblem`` listing every problem found."""
    try:
        archive = zipfile.ZipFile(source)
    except FileNotFoundError:
        raise ArchiveProblem(source, ["dit bestand bestaat niet."]) from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ArchiveProblem(
            source,
            [
                "dit is geen zip-bestand, of het is onvolledig of beschadigd (bijvoorbeeld "
                "niet helemaal gekopieerd)."
            ],
        ) from None
    with archive:
        problems: list[str] = []
        infos = _checked_members(archive, problems)
        manifest = _manifest(archive, infos, problems) if not problems else None
        if manifest is None:
            raise ArchiveProblem(source, problems)
        entries = _entries(archive, infos, manifest, problems)
    if problems:
        raise ArchiveProblem(source, problems)
    return entries


def _checked_members(archive: zipfile.ZipFile, problems: list[str]) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        problems.append(f"het bevat meer dan {MAX_MEMBERS} bestanden.")
        return {}
    found: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        shown = json.dumps(name, ensure_ascii=True)
        mode = info.external_attr >> 16
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name):
            problems.append(f"{shown} zou buiten het postvak terechtkomen.")
        elif stat.S_ISLNK(mode):
            problems.append(f"{shown} is een snelkoppeling (symlink), geen gewoon bestand.")
        elif name in found:
            problems.append(f"{shown} staat er twee keer in.")
        elif name != MANIFEST and not _ENTRY_MEMBER.match(name):
            problems.append(f"{shown} hoort niet in een kopie van het postvak.")
        # Zip tools that keep no Unix file type write 0: a plain file as well.
        elif stat.S_IFMT(mode) not in {0, stat.S_IFREG} or info.is_dir():
            problems.append(f"{shown} is geen gewoon bestand.")
        elif info.flag_bits & 0x1:
            problems.append(f"{shown} is versleuteld.")
        elif info.compress_type not in _COMPRESSIONS:
            problems.append(f"{shown} is op een onbekende manier ingepakt.")
        elif info.file_size > MAX_MEMBER_BYTES:
            problems.append(f"{shown} is te groot voor een inzending.")
        else:
            found[name] = info
    return found


def _manifest(
    archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], problems: list[str]
) -> dict[str, dict[str, tuple[str, int]]] | None:
    """The manifest as {entry id: {file name: (sha256, size)}}, or None with the problem."""
    if MANIFEST not in infos:
        problems.append(
            f"de inhoudsopgave {MANIFEST} ontbreekt: dit is geen kopie van het postvak."
        )
        return None
    raw = _read(archive, infos[MANIFEST], problems)
    try:
        manifest = json.loads(raw.decode("utf-8")) if raw is not None else None
    except ValueError:
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("soort") != ARCHIVE_KIND:
        if raw is not None:
            problems.append(f"de inhoudsopgave {MANIFEST} is beschadigd.")
        return None
    version = manifest.get("versie")
    if version != ARCHIVE_VERSION:
        problems.append(
            f"deze kopie heeft versie {json.dumps(version)}; dit kookboek kent alleen versie "
            f"{ARCHIVE_VERSION}. Werk het kookboek bij (of maak de kopie opnieuw) en probeer "
            "opnieuw."
        )
        return None
    listed: dict[str, dict[str, tuple[str, int]]] = {}
    try:
        for item in manifest["inzendingen"]:
            entry_id = item["id"]
            files = {
                str(name): (str(value["sha256"]), int(value["grootte"]))
                for name, value in item["bestanden"].items()
            }
            if (
                not isinstance(entry_id, str)
                or not valid_id(entry_id)
                or entry_id in listed
                or DATA_FILE not in files
                or not set(files) <= set(ENTRY_FILES)
            ):
                raise ValueError(entry_id)
            listed[entry_id] = files
    except (KeyError, TypeError, ValueError, AttributeError):
        problems.append(f"de inhoudsopgave {MANIFEST} is beschadigd.")
        return None
    return listed


def _entries(
    archive: zipfile.ZipFile,
    infos: dict[str, zipfile.ZipInfo],
    manifest: dict[str, dict[str, tuple[str, int]]],
    problems: list[str],
) -> list[_ArchivedEntry]:
    named = {f"{entry_id}/{name}" for entry_id, files in manifest.items() for name in files}
    present = set(infos) - {MANIFEST}
    for name in sorted(named - present):
        problems.append(f"{name} staat in de inhoudsopgave maar ontbreekt.")
    for name in sorted(present - named):
        problems.append(f"{name} staat niet in de inhoudsopgave.")
    entries = []
    for entry_id, files in manifest.items():
        contents: dict[str, bytes] = {}
        for name, (checksum, size) in files.items():
            member = f"{entry_id}/{name}"
            if member not in infos:
                continue
            data = _read(archive, infos[member], problems)
            if data is None:
                continue
            if len(data) != size or hashlib.sha256(data).hexdigest() != checksum:
                problems.append(f"{member} is veranderd of beschadigd (de controlesom klopt niet).")
                continue
            contents[name] = data
        if DATA_FILE not in contents:
            continue
        try:
            parse_entry_data(contents[DATA_FILE])
        except ValueError:
            problems.append(f"{entry_id}/{DATA_FILE} is geen leesbare inzending.")
            continue
        photo = contents.get(PHOTO_FILE)
        if photo is not None and not _is_jpeg_photo(photo):
            problems.append(f"{entry_id}/{PHOTO_FILE} is geen foto die we kunnen openen.")
            continue
        entries.append(_ArchivedEntry(entry_id, contents[DATA_FILE], photo))
    return entries


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, problems: list[str]) -> bytes | None:
    """A member's bytes (at most ``MAX_MEMBER_BYTES``, whatever its header says), or None
    with the problem when it cannot be read whole (a damaged or truncated archive)."""
    try:
        with archive.open(info) as member:
            data = member.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError):
        problems.append(f"{info.filename} is beschadigd of onvolledig.")
        return None
    if len(data) > MAX_MEMBER_BYTES:
        problems.append(f"{info.filename} is te groot voor een inzending.")
        return None
    return data


def _is_jpeg_photo(data: bytes) -> bool:
    """A JPEG that decodes whole (the inbox stores only JPEGs it made itself)."""
    from kookboek.images.decode import ImageProblem, open_photo  # Pillow only when needed

    if not data.startswith(b"\xff\xd8"):
        return False
    try:
        open_photo(data)
    except ImageProblem:
        return False
    return True


def _fingerprint(data: bytes) -> dict[str, object]:
    return {"sha256": hashlib.sha256(data).hexdigest(), "grootte": len(data)}


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=dt.datetime.now().timetuple()[:6])
    info.external_attr = (stat.S_IFREG | 0o600) << 16
    # JPEG photos do not shrink any further: stored as they are.
    info.compress_type = zipfile.ZIP_STORED if name.endswith(PHOTO_FILE) else zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
