"""A published recipe file opened in the moderation editor, and saved back in place.

The editor is the form of the contribution flow (``inbox.submission``): the file's fields
become a ``RawSubmission``, what the coach saves is checked by ``parse_submission`` and the
approval checks (``inbox.writer.publication_problems``), exactly as for a new recipe.

Saving changes only what changed. The frontmatter is read and written with ruamel.yaml's
round-trip mode, so comments, key order, quoting and flow lists of a hand-written file stay;
a field is touched only when its value is different. Fields the form does not show
(``dieet``, ``materiaal``, ``groep``, ``datum``, ...) are left alone. The body is kept as it
is unless the steps or tips changed; then only the list under ``## Bereiding`` and the
``## Tips`` section are written again, a step that was not changed keeps its own Markdown,
and a changed one is escaped as any contributed text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kookboek.content.vocabulary import Allergen
from kookboek.inbox.submission import TO_TASTE, RawIngredient, RawSubmission, Submission
from kookboek.inbox.writer import escape_markdown, frontmatter
from kookboek.pricing.money import format_amount

_STEP = re.compile(r"^\s{0,3}\d+[.)]\s+(.*)$")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_SECTION = re.compile(r"^##\s+(.*?)\s*#*\s*$")
STEPS_HEADING = "Bereiding"
TIPS_HEADING = "Tips"


class RecipeFileProblem(ValueError):
    """The file cannot be opened in the editor; the message is Dutch."""


@dataclass(frozen=True)
class EditableRecipe:
    """A recipe file as the editor shows it."""

    raw: RawSubmission
    allergens: tuple[str, ...] | None
    photo: str | None
    date: dt.date
    steps_markdown: tuple[str, ...]
    tips_markdown: tuple[str, ...]


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line that was one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def split(text: str) -> tuple[str, str]:
    """Frontmatter text and body of a Markdown file with ``---`` frontmatter."""
    if not text.startswith("---"):
        raise RecipeFileProblem("Dit bestand begint niet met --- (de gegevens van het recept).")
    end = re.search(r"^---[ \t]*$", text[3:], re.MULTILINE)
    if end is None:
        raise RecipeFileProblem("De gegevens bovenaan het bestand sluiten niet af met ---.")
    head_end = 3 + end.start()
    return text[3:head_end].lstrip("\n"), text[3 + end.end() :]


def _load(front: str) -> CommentedMap:
    try:
        data = _yaml().load(front)
    except Exception as exc:  # ruamel raises many kinds; the file is only not editable
        raise RecipeFileProblem(f"De gegevens bovenaan zijn geen geldige YAML: {exc}") from None
    if not isinstance(data, CommentedMap):
        raise RecipeFileProblem("De gegevens bovenaan zijn geen lijst van velden.")
    return data


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float | int | Decimal) and not isinstance(value, bool):
        try:
            return format_amount(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    return str(value)


def read(text: str) -> EditableRecipe:
    """The file's fields as the editor's form shows them."""
    front, body = split(text)
    data = _load(front)
    steps, tips = _steps_and_tips(body)
    ingredients = []
    for item in data.get("ingredienten") or []:
        if not isinstance(item, dict):
            continue
        to_taste = bool(item.get("naar_smaak"))
        ingredients.append(
            RawIngredient(
                name=_text(item.get("naam")),
                amount="" if to_taste else _text(item.get("hoeveelheid")),
                unit=TO_TASTE if to_taste else _text(item.get("eenheid")),
                price=_text(item.get("prijs")),
            )
        )
    author = _text(data.get("auteur"))
    photo = _text(data.get("foto")) or None
    raw = RawSubmission(
        title=_text(data.get("titel")),
        description=_text(data.get("beschrijving")),
        category=_text(data.get("categorie")),
        portions=_text(data.get("porties")),
        minutes=_text(data.get("tijd")),
        ingredients=ingredients,
        steps=[_plain(step) for step in steps],
        tips="\n".join(_plain(tip) for tip in tips),
        competences=[str(c) for c in data.get("competenties") or []],
        author=author,
        publish_name=bool(author),
        publish_photo=photo is not None,
        photo_alt=_text(data.get("foto_alt")),
    )
    stated = data.get("allergenen")
    date = data.get("datum")
    return EditableRecipe(
        raw=raw,
        allergens=tuple(str(a) for a in stated) if isinstance(stated, list) else None,
        photo=photo,
        date=date if isinstance(date, dt.date) else dt.date.today(),
        steps_markdown=tuple(steps),
        tips_markdown=tuple(tips),
    )


def _plain(markdown: str) -> str:
    """A step as the coach edits it: the backslash escapes the writer added taken out."""
    return (
        re.sub(r"\\([\\`*_\[\]{}!#>+\-.=|])", r"\1", markdown)
        .replace("&lt;", "<")
        .replace("&amp;", "&")
    )


def _sections(body: str) -> list[tuple[str | None, list[str]]]:
    """The body as (heading, lines) pairs; the lines before the first heading come first."""
    found: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in body.splitlines():
        match = _SECTION.match(line)
        if match:
            found.append((match.group(1), [line]))
        else:
            found[-1][1].append(line)
    return found


def _items(lines: Sequence[str], pattern: re.Pattern[str]) -> list[str]:
    items: list[str] = []
    for line in lines[1:]:
        match = pattern.match(line)
        if match:
            items.append(match.group(1).strip())
        elif line.strip() and items and line.startswith((" ", "\t")):
            items[-1] += " " + line.strip()  # a continuation line of the item before
    return items


def _steps_and_tips(body: str) -> tuple[list[str], list[str]]:
    steps: list[str] = []
    tips: list[str] = []
    for heading, lines in _sections(body):
        if heading == STEPS_HEADING:
            steps = _items(lines, _STEP)
        elif heading == TIPS_HEADING:
            tips = _items(lines, _BULLET) or [line.strip() for line in lines[1:] if line.strip()]
    return steps, tips


def updated(
    text: str,
    submission: Submission,
    allergens: Sequence[Allergen] | None,
    photo_name: str | None,
) -> str:
    """``text`` with the edited fields of ``submission`` written in; the rest untouched."""
    front, body = split(text)
    data = _load(front)
    before = read(text)
    wanted = frontmatter(submission, photo_name, allergens)
    wanted.pop("datum", None)  # the recipe keeps its own date
    for key in ("foto", "foto_alt", "auteur"):
        if key not in wanted and key in data:
            del data[key]
    if allergens is None:
        wanted.pop("allergenen", None)
    for key, value in wanted.items():
        _set(data, key, value)
    out = io.StringIO()
    _yaml().dump(data, out)
    new_body = body
    if list(submission.steps) != before.raw.steps or submission.tips != before.raw.tips:
        new_body = _new_body(body, submission, before)
    return f"---\n{out.getvalue()}---{new_body}"


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, dict) and isinstance(new, dict):
        return set(map(str, old)) == set(map(str, new)) and all(_same(old[k], new[k]) for k in old)
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    if isinstance(old, int | float | Decimal) and isinstance(new, int | float | Decimal):
        return Decimal(str(old)) == Decimal(str(new))
    return str(old) == str(new) if old is not None and new is not None else old is new


def _set(data: CommentedMap, key: str, value: Any) -> None:
    old = data.get(key)
    if key in data and _same(old, value):
        return
    if not isinstance(value, list):
        data[key] = value
        return
    items = [_flow_map(v) if isinstance(v, dict) else v for v in value]
    if isinstance(old, CommentedSeq):
        # Changed in place: the list keeps its style and comments, unchanged items their own.
        for index, item in enumerate(items):
            if index >= len(old):
                old.append(item)
            elif not _same(old[index], value[index]):
                old[index] = item
        del old[len(items) :]
        return
    seq = CommentedSeq(items)
    if key in {"competenties", "allergenen"}:
        seq.fa.set_flow_style()
    data[key] = seq


def _flow_map(value: dict[str, Any]) -> CommentedMap:
    mapping = CommentedMap(value)
    mapping.fa.set_flow_style()
    return mapping


def _new_body(body: str, submission: Submission, before: EditableRecipe) -> str:
    kept_steps = dict(zip(before.raw.steps, before.steps_markdown, strict=False))
    tips_lines = [t for t in submission.tips.splitlines() if t.strip()]
    kept_tips = dict(zip(before.raw.tips.splitlines(), before.tips_markdown, strict=False))
    step_lines = [
        f"{n}. {kept_steps.get(step) or escape_markdown(step)}"
        for n, step in enumerate(submission.steps, 1)
    ]
    tip_lines = [f"- {kept_tips.get(tip) or escape_markdown(tip)}" for tip in tips_lines]
    sections = _sections(body)
    out: list[str] = []
    wrote_tips = False
    for heading, lines in sections:
        if heading == STEPS_HEADING:
            out += [lines[0], "", *step_lines, ""]
        elif heading == TIPS_HEADING:
            wrote_tips = True
            if tip_lines:
                out += [lines[0], "", *tip_lines, ""]
        else:
            out += lines
    if not any(h == STEPS_HEADING for h, _ in sections):
        out += ["", f"## {STEPS_HEADING}", "", *step_lines, ""]
    if tip_lines and not wrote_tips:
        out += [f"## {TIPS_HEADING}", "", *tip_lines, ""]
    text = "\n".join(out).rstrip("\n") + "\n"
    return text if text.startswith("\n") else "\n" + text
