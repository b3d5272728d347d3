"""Publications, draaiboeken and beleidsaanbevelingen added or replaced from the browser.

The text comes from a Word file (``word.py``) or a Markdown file; the fields of the kind's
schema (``Publication``, ``Playbook``, ``PolicyRecommendation``) come from the form. The
new file (and its pictures, next to it) is checked with every rule of ``kookboek check``
before it is saved through ``save_content_change``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kookboek.content.errors import ContentError, ContentErrors, display_path
from kookboek.content.models import Playbook, PolicyRecommendation, Publication
from kookboek.content.project import (
    PLAYBOOKS_DIR,
    PUBLICATIONS_DIR,
    RECOMMENDATIONS_DIR,
    Project,
    content_files,
)
from kookboek.content.slugs import slugify, unique_slug
from kookboek.content.source import SourceError, read_markdown
from kookboek.editing.changes import (
    ChangedMeanwhile,
    ContentChange,
    save_content_change,
    version_of,
)
from kookboek.editing.overlay import check_with_changes, load_current
from kookboek.editing.word import WordProblem, word_to_markdown

MAX_MARKDOWN_BYTES = 1024 * 1024
PLAIN_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
PICTURE_NAME = re.compile(r"(?P<slug>[a-z0-9-]+)-afbeelding-\d+\.jpg")


@dataclass(frozen=True)
class Field:
    """A frontmatter field as the form asks it."""

    key: str
    label: str
    help: str = ""
    required: bool = True
    kind: str = "text"  # text, long (a textarea), number, list (one per line or comma)
    example: str = ""  # a number's example, for its message


COMMON = (
    Field("titel", "Titel"),
    Field("samenvatting", "Samenvatting", "Twee of drie zinnen: waarover gaat het?", kind="long"),
    Field("jaar", "Jaar", "Het jaar van verschijnen, zoals 2026.", kind="number", example="2026"),
    Field("project", "Project", "Het project dat het maakte."),
    Field(
        "partners",
        "Partners",
        "Eén per regel of gescheiden door komma's.",
        required=False,
        kind="list",
    ),
    Field("regio", "Regio", required=False),
)


@dataclass(frozen=True)
class DocumentKind:
    key: str
    label: str
    plural: str
    new_label: str  # "Nieuwe publicatie", "Nieuw draaiboek"
    folder: str
    model: type[Publication]
    fields: tuple[Field, ...]


KINDS: dict[str, DocumentKind] = {
    kind.key: kind
    for kind in (
        DocumentKind(
            "publicatie",
            "Publicatie",
            "Publicaties",
            "Nieuwe publicatie",
            PUBLICATIONS_DIR,
            Publication,
            COMMON,
        ),
        DocumentKind(
            "draaiboek",
            "Draaiboek",
            "Draaiboeken",
            "Nieuw draaiboek",
            PLAYBOOKS_DIR,
            Playbook,
            (
                *COMMON,
                Field("doelgroep", "Voor wie", "Bijvoorbeeld: begeleiders van een kookgroep."),
                Field("duur", "Duur", "Bijvoorbeeld: 10 weken, 3 uur per week."),
                Field(
                    "materiaal",
                    "Materiaal",
                    "Eén per regel of gescheiden door komma's.",
                    required=False,
                    kind="list",
                ),
            ),
        ),
        DocumentKind(
            "beleidsaanbeveling",
            "Beleidsaanbeveling",
            "Beleidsaanbevelingen",
            "Nieuwe beleidsaanbeveling",
            RECOMMENDATIONS_DIR,
            PolicyRecommendation,
            (
                *COMMON,
                Field(
                    "nummer", "Nummer", "Elke aanbeveling heeft een eigen nummer.", kind="number"
                ),
                Field(
                    "adressaten",
                    "Voor wie is de aanbeveling",
                    "Bijvoorbeeld: VDAB, OCMW. Eén per regel of gescheiden door komma's.",
                    kind="list",
                ),
            ),
        ),
    )
}


@dataclass
class RawDocument:
    """The document form as posted (every value as typed, to show again on a problem)."""

    kind: str = "publicatie"
    values: dict[str, str] = field(default_factory=dict)
    #: the slug of the document it replaces ('' for a new one) and that file's version
    replaces: str = ""
    version: str = ""
    file_name: str = ""
    file_data: bytes = b""


class DocumentProblems(Exception):
    """Field → a Dutch message (``bestand`` for the uploaded file, ``algemeen`` for the rest)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class SavedDocument:
    kind: DocumentKind
    slug: str
    title: str
    path: Path
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ListedDocument:
    slug: str
    title: str


def listed_documents(content_dir: Path) -> dict[str, list[ListedDocument]]:
    """Every document by kind, sorted by title, as ``/beheer`` lists them (read leniently:
    a file with a problem is listed by its name, so it can be replaced)."""
    listed: dict[str, list[ListedDocument]] = {}
    for kind in KINDS.values():
        found = []
        for path in content_files(content_dir / kind.folder):
            title = path.stem
            try:
                data = read_markdown(path).data
            except SourceError:
                data = None
            if isinstance(data, dict) and isinstance(data.get("titel"), str):
                title = data["titel"]
            found.append(ListedDocument(path.stem, title))
        listed[kind.key] = sorted(found, key=lambda d: d.title.casefold())
    return listed


def document_values(content_dir: Path, kind: DocumentKind, slug: str) -> dict[str, str] | None:
    """A document's fields as the form shows them (to replace it); None when it is gone."""
    path = content_dir / kind.folder / f"{slug}.md"
    if not PLAIN_SLUG.fullmatch(slug) or not path.is_file():
        return None
    try:
        data = read_markdown(path).data
    except SourceError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        key: "\n".join(str(v) for v in value) if isinstance(value, list) else str(value)
        for key, value in data.items()
        if value is not None
    }


def frontmatter_of(kind: DocumentKind, values: Mapping[str, str]) -> dict[str, Any]:
    """The form's values as frontmatter: numbers as numbers, lists as lists, empty left out.
    Whether they are right is judged by the content rules, as for any file."""
    data: dict[str, Any] = {}
    for item in kind.fields:
        typed = values.get(item.key, "").strip()
        if item.kind == "list":
            parts = [" ".join(p.split()) for p in re.split(r"[,\n]", typed)]
            if any(parts):
                data[item.key] = [p for p in parts if p]
            elif item.required:
                data[item.key] = []
        elif item.kind == "long":
            if typed:
                data[item.key] = " ".join(typed.split())
        elif typed:
            data[item.key] = int(typed) if item.kind == "number" and typed.isdigit() else typed
    return data


def document_text(frontmatter: Mapping[str, Any], body: str) -> str:
    head = yaml.safe_dump(dict(frontmatter), allow_unicode=True, sort_keys=False, width=4096)
    return f"---\n{head}---\n\n{body.strip()}\n"


def _body_of_markdown(data: bytes) -> str:
    if len(data) > MAX_MARKDOWN_BYTES:
        raise DocumentProblems({"bestand": "Dit Markdown-bestand is te groot (hoogstens 1 MB)."})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentProblems(
            {
                "bestand": "Dit bestand is geen tekst in UTF-8. "
                "Bewaar het als UTF-8 en probeer opnieuw."
            }
        ) from None
    text = text.replace("\r\n", "\n")
    # Its own frontmatter, if any, is replaced by the form's fields.
    found = re.match(r"---\n.*?\n---\n", text, re.DOTALL)
    return text[found.end() :] if found else text


def prepare_document(
    content_dir: Path, raw: RawDocument, taken_slugs: set[str]
) -> tuple[DocumentKind, str, list[ContentChange], list[str]]:
    """The files to write for ``raw``: the document and its pictures (and the old pictures
    of a replaced document removed); with the slug and notes for the coach."""
    kind = KINDS.get(raw.kind)
    if kind is None:
        raise DocumentProblems({"soort": "Kies wat voor document het is."})
    errors: dict[str, str] = {}
    title = _title(raw)
    if raw.replaces:
        slug = raw.replaces
        if (
            not PLAIN_SLUG.fullmatch(slug)
            or not (content_dir / kind.folder / f"{slug}.md").is_file()
        ):
            raise DocumentProblems(
                {"algemeen": "Het document dat je wilde vervangen bestaat niet meer."}
            )
    else:
        slug = unique_slug(title, taken_slugs) if slugify(title) else ""
    for item in kind.fields:
        typed = raw.values.get(item.key, "").strip()
        if item.required and not typed:
            errors[item.key] = f"Vul '{item.label}' in."
        elif item.kind == "number" and typed and not typed.isdigit():
            errors[item.key] = f"Schrijf '{item.label}' in cijfers, zoals {item.example}."
    name = raw.file_name.lower()
    if not raw.file_data:
        errors["bestand"] = "Kies het Word-bestand (.docx) of Markdown-bestand (.md)."
    elif name.endswith((".doc", ".odt", ".rtf", ".pdf")):
        errors["bestand"] = (
            "Dit soort bestand kunnen we niet lezen. Open het in Word en kies Bestand, "
            "Opslaan als, 'Word-document (.docx)'. Kies dan dat bestand."
        )
    elif not name.endswith((".docx", ".md", ".markdown", ".txt")):
        errors["bestand"] = "Kies een Word-bestand (.docx) of een Markdown-bestand (.md)."
    if errors:
        raise DocumentProblems(errors)
    notes: list[str] = []
    pictures: dict[str, bytes] = {}
    try:
        if name.endswith(".docx"):
            converted = word_to_markdown(raw.file_data, f"{slug}-afbeelding")
            body, pictures, notes = converted.markdown, converted.pictures, converted.notes
        else:
            body = _body_of_markdown(raw.file_data)
    except WordProblem as exc:
        raise DocumentProblems({"bestand": str(exc)}) from None
    folder = content_dir / kind.folder
    changes = [
        ContentChange(
            f"{kind.folder}/{slug}.md",
            document_text(frontmatter_of(kind, raw.values), body).encode("utf-8"),
        ),
        *(ContentChange(f"{kind.folder}/{n}", data) for n, data in pictures.items()),
    ]
    if folder.is_dir():
        for old in folder.glob(f"{slug}-afbeelding-*.jpg"):
            found = PICTURE_NAME.fullmatch(old.name)
            if found and found.group("slug") == slug and old.name not in pictures:
                changes.append(ContentChange(f"{kind.folder}/{old.name}", None))
    return kind, slug, changes, notes


def save_document(
    content_dir: Path,
    raw: RawDocument,
    taken_slugs: set[str],
    author: str | None = None,
    workspace: Path | None = None,
) -> SavedDocument:
    """Check and save ``raw``; ``DocumentProblems`` (at their fields) or ``ChangedMeanwhile``.
    ``workspace``: see ``check_with_changes``."""
    kind, slug, changes, notes = prepare_document(content_dir, raw, taken_slugs)
    relative = f"{kind.folder}/{slug}.md"
    if raw.replaces and version_of(content_dir / relative) != raw.version:
        raise ChangedMeanwhile([relative])
    earlier: set[tuple[str, str, str]] = set()
    try:
        load_current(content_dir, workspace)
    except ContentErrors as exc:
        earlier = {_key(e) for e in exc.errors}
    try:
        project = check_with_changes(content_dir, changes, workspace)
    except ContentErrors as exc:
        new = [e for e in exc.errors if _key(e) not in earlier]
        if new:
            raise DocumentProblems(_at_fields(new, kind, relative, content_dir)) from None
        # Only problems the content had already: the document itself is fine.
        return _save(content_dir, raw, kind, slug, changes, notes, title=_title(raw), author=author)
    saved = next(d for d in _all(project) if d.slug == slug and isinstance(d, kind.model))
    return _save(content_dir, raw, kind, slug, changes, notes, title=saved.title, author=author)


def _title(raw: RawDocument) -> str:
    return " ".join(raw.values.get("titel", "").split())


def _key(error: ContentError) -> tuple[str, str, str]:
    return (error.path, error.field, error.message)


def _save(
    content_dir: Path,
    raw: RawDocument,
    kind: DocumentKind,
    slug: str,
    changes: list[ContentChange],
    notes: list[str],
    *,
    title: str,
    author: str | None = None,
) -> SavedDocument:
    relative = f"{kind.folder}/{slug}.md"
    verb = "vervangen" if raw.replaces else "toegevoegd"
    save_content_change(
        content_dir,
        changes,
        f"{kind.label} '{title}' {verb}.",
        expected_versions={relative: raw.version if raw.replaces else ""},
        author=author,
    )
    return SavedDocument(kind, slug, title, content_dir / relative, tuple(notes))


def _all(project: Project) -> list[Publication]:
    return [*project.publications, *project.playbooks, *project.recommendations]


def _at_fields(
    problems: list[ContentError], kind: DocumentKind, relative: str, content_dir: Path
) -> dict[str, str]:
    """The new file's problems at the form's fields; any other problem under 'algemeen'."""
    shown = display_path(content_dir / relative)
    keys = {f.key for f in kind.fields}
    errors: dict[str, str] = {}
    others: list[str] = []
    for error in problems:
        top = re.split(r"[.\[ ]", error.field, maxsplit=1)[0] if error.field else ""
        about_it = error.path == shown or shown in error.message
        if about_it and top in keys:
            errors.setdefault(top, _sentence(error.message))
        elif error.path == shown:
            errors.setdefault("bestand", f"In de tekst: {_sentence(error.message)}")
        else:
            others.append(str(error))
    if others:
        errors["algemeen"] = " ".join(others)
    return errors


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]
