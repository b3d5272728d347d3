"""Invisible characters that make text look different from what it is.

Bidirectional embedding, override and isolate controls (U+202A..U+202E, U+2066..U+2069) can
show a title backwards or move part of it elsewhere on the line ("Trojan Source"). Nobody needs
them in a Dutch recipe, so a content file that holds one is refused with the line it is on,
and the form removes them. Right-to-left *marks* (U+200E, U+200F) stay allowed: they only help
Arabic or Hebrew words sit right in a sentence.
"""

from __future__ import annotations

import re
from typing import Any

from kookboek.content.errors import ContentError
from kookboek.content.source import Location, SourceFile

# Markdown parses nested lists and quotes recursively and opening brackets in quadratic time:
# thousands of them take minutes or crash the build. Real recipes stay far below these.
MAX_BODY_NESTING = 30
MAX_BRACKETS_PER_PARAGRAPH = 300
_LINE_MARKERS = re.compile(r"(?:[-*+>]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_REMOVE_BIDI = str.maketrans(dict.fromkeys(map(ord, BIDI_CONTROLS)))
_ANY_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")


def bidi_controls(text: str) -> list[str]:
    """The bidirectional controls in ``text``, each once, in order of appearance."""
    if _ANY_BIDI.search(text) is None:  # nearly always: no need to look at every character
        return []
    return list(dict.fromkeys(ch for ch in text if ch in BIDI_CONTROLS))


def without_bidi_controls(text: str) -> str:
    return text.translate(_REMOVE_BIDI)


def bidi_message(found: list[str]) -> str:
    codes = ", ".join(f"\\u{ord(ch):04x}" for ch in found)
    return (
        f"bevat een onzichtbaar teken dat de leesrichting omdraait ({codes}). Zo kan de tekst "
        "er op de website anders uitzien dan hij is. Typ de tekst opnieuw, zonder te kopiëren "
        "en plakken."
    )


def text_problems(source: SourceFile) -> list[ContentError]:
    """Hidden direction controls in any field, and a body too deeply nested to render."""
    return [*hidden_text_problems(source), *body_structure_problems(source)]


def body_structure_problems(source: SourceFile) -> list[ContentError]:
    problems: list[ContentError] = []
    paragraph_start, brackets = source.body_line, 0
    for offset, text in enumerate(source.body.split("\n")):
        number = source.body_line + offset
        if not text.strip():
            paragraph_start, brackets = number + 1, 0
            continue
        brackets += text.count("[")
        if brackets > MAX_BRACKETS_PER_PARAGRAPH:
            problems.append(
                ContentError(
                    source.display,
                    paragraph_start,
                    "tekst",
                    f"deze alinea heeft te veel haakjes [ (meer dan "
                    f"{MAX_BRACKETS_PER_PARAGRAPH}). Haal er een deel weg.",
                )
            )
            brackets = -len(source.body)  # one message per paragraph
        if _nesting(text) > MAX_BODY_NESTING:
            problems.append(
                ContentError(
                    source.display,
                    number,
                    "tekst",
                    "te veel lijstjes of citaten in elkaar (meer dan "
                    f"{MAX_BODY_NESTING}). Maak de tekst eenvoudiger.",
                )
            )
            break
    return problems


def _nesting(line: str) -> int:
    """List and quote markers at the start of ``line``, plus its indentation in pairs of spaces."""
    rest = line.expandtabs(4)
    indent = len(rest) - len(rest.lstrip(" "))
    rest, markers = rest.lstrip(" "), 0
    while match := _LINE_MARKERS.match(rest):
        markers += 1
        rest = rest[match.end() :]
    return markers + indent // 2


def hidden_text_problems(source: SourceFile) -> list[ContentError]:
    """One error per field (and per body line) that holds a bidirectional control."""
    problems: list[ContentError] = []
    for location, text in _strings(source.data, ()):
        found = bidi_controls(text)
        if found:
            problems.append(source.error(location, bidi_message(found)))
    for offset, text in enumerate(source.body.split("\n")):
        found = bidi_controls(text)
        if found:
            number = source.body_line + offset
            problems.append(ContentError(source.display, number, "tekst", bidi_message(found)))
    return problems


def _strings(data: Any, location: Location) -> list[tuple[Location, str]]:
    """Every text value and key in the YAML data with its location."""
    found: list[tuple[Location, str]] = []
    stack: list[tuple[Location, Any]] = [(location, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            found.append((where, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    found.append(((*where, key), key))
                stack.append(((*where, str(key)), item))
        elif isinstance(value, list):
            stack.extend(((*where, index), item) for index, item in enumerate(value))
    return found
