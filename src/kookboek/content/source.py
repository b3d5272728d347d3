"""Reading content files: bytes to YAML data plus the line of every field.

A coach must be told *where* a problem is, so the YAML is composed into nodes first
(which keep their line numbers) and only then turned into plain Python data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from kookboek.content.errors import ContentError, display_path
from kookboek.content.parse_cache import SourceCache

Location = tuple[str | int, ...]
MAX_FILE_BYTES = 1_000_000
# libyaml's loader keeps line marks too and is several times faster than the pure Python one.
_FastLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlLoader(_FastLoader):  # type: ignore[valid-type,misc]
    """The safe loader, with dates that do not exist (2026-13-45) reported at their line."""


def _construct_date(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        raise yaml.constructor.ConstructorError(
            None, None, "invalid date", node.start_mark
        ) from None


YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)
MAX_NODES = 50_000
MAX_DEPTH = 20  # a recipe needs 3 levels (recipe → ingredients → ingredient)
# Brackets are counted before parsing, even inside quoted text, so this is generous.
MAX_FLOW_NESTING = 1000
TOO_DEEP = "de gegevens zijn te diep genest (te veel haakjes of insprongen in elkaar)."


@dataclass(frozen=True)
class SourceFile:
    """The parsed frontmatter (or whole YAML file), the body and where each field stands."""

    path: Path
    display: str
    data: Any
    body: str = ""
    body_line: int = 1
    lines: Mapping[Location, int] = field(default_factory=dict)

    def line_of(self, location: Location) -> int:
        """The line of the deepest known part of ``location`` (1: the file as a whole)."""
        for end in range(len(location), 0, -1):
            line = self.lines.get(location[:end])
            if line is not None:
                return line
        return 1

    def error(
        self, location: Location, message: str, *, kind: str = "", subject: str = ""
    ) -> ContentError:
        """``kind`` and ``subject``: see ``ContentError`` (problems that are summed up)."""
        return ContentError(
            self.display, self.line_of(location), field_label(location), message, kind, subject
        )


class SourceError(Exception):
    def __init__(self, error: ContentError) -> None:
        super().__init__(str(error))
        self.error = error


def field_label(location: Location) -> str:
    """``('ingredienten', 1, 'eenheid')`` → ``ingredienten[2].eenheid`` (counting from 1)."""
    label = ""
    for part in location:
        if isinstance(part, int):
            label += f"[{part + 1}]"
        else:
            label += f".{part}" if label else part
    return label


def read_text(path: Path) -> str:
    """The file as text: UTF-8 (with or without BOM), line endings normalised."""
    return _decode(path.read_bytes(), display_path(path))


def _decode(raw: bytes, shown: str) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise SourceError(
            ContentError(
                shown,
                0,
                "",
                f"het bestand is te groot ({len(raw):,} bytes; "
                f"hoogstens {MAX_FILE_BYTES:,}).".replace(",", "."),
            )
        )
    if b"\x00" in raw:
        raise SourceError(ContentError(shown, 0, "", "dit is geen tekstbestand."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(
            ContentError(
                shown,
                line,
                "",
                "het bestand is niet in UTF-8 opgeslagen. Bewaar het opnieuw als UTF-8 "
                "(in Kladblok: Opslaan als, Codering: UTF-8).",
            )
        ) from None
    # YAML also breaks lines at NEL, LS and PS; make them plain newlines so that the line
    # numbers in messages are the ones an editor shows.
    for line_break in ("\r\n", "\r", "\x85", "\u2028", "\u2029"):
        text = text.replace(line_break, "\n")
    return text


def read_markdown(path: Path, cache: SourceCache | None = None) -> SourceFile:
    """A Markdown file with YAML frontmatter between ``---`` lines.

    With a ``cache``, a file whose bytes were parsed before is not parsed again.
    """
    shown = display_path(path)
    raw = path.read_bytes()
    if cache is None:
        return _parse_markdown(path, shown, raw)
    key = cache.key_of(raw)
    found = cache.get(key)
    if found is not None:
        return SourceFile(path, shown, *found)
    source = _parse_markdown(path, shown, raw)
    cache.put(key, (source.data, source.body, source.body_line, dict(source.lines)))
    return source


def _parse_markdown(path: Path, shown: str, raw: bytes) -> SourceFile:
    text = _decode(raw, shown)
    if not text.strip():
        raise SourceError(ContentError(shown, 1, "", "het bestand is leeg."))
    handler = YAMLHandler()
    if not handler.detect(text):
        raise SourceError(
            ContentError(
                shown,
                1,
                "",
                "de gegevens bovenaan ontbreken. Begin het bestand met een regel '---', "
                "dan de velden (titel: ...), dan weer een regel '---'.",
            )
        )
    try:
        front, body = handler.split(text)
    except ValueError:
        raise SourceError(
            ContentError(
                shown, 1, "", "de gegevens bovenaan worden niet afgesloten met een regel '---'."
            )
        ) from None
    # The frontmatter starts on line 2, right after the opening '---'.
    data, lines = _load_yaml(front, shown, first_line=2 - (1 if front.startswith("\n") else 0))
    # The line the body's first character is on (the splitter eats blank lines after '---').
    start = text.rfind(body) if body else len(text)
    body_line = text[: max(start, 0)].count("\n") + 1
    return SourceFile(path, shown, data, body, body_line, lines)


def read_yaml(path: Path) -> SourceFile:
    """A plain YAML data file such as ``prijzen.yml``."""
    shown = display_path(path)
    text = read_text(path)
    if not text.strip():
        raise SourceError(ContentError(shown, 1, "", "het bestand is leeg."))
    data, lines = _load_yaml(text, shown, first_line=1)
    return SourceFile(path, shown, data, "", 1, lines)


def _load_yaml(text: str, shown: str, first_line: int) -> tuple[Any, dict[Location, int]]:
    if _flow_nesting(text) > MAX_FLOW_NESTING:
        # libyaml recurses in C for every bracket: tens of thousands crash the process.
        raise SourceError(ContentError(shown, first_line, "", TOO_DEEP))
    try:
        node = yaml.compose(text, Loader=YamlLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "quoted scalar" in (exc.context or "") and exc.context_mark:
            mark = exc.context_mark  # where the unclosed quote opened, not where the file ends
        line = first_line + mark.line if mark else first_line
        message = _tab_problem(text, mark) or _yaml_problem(exc)
        raise SourceError(ContentError(shown, line, "", message)) from None
    except yaml.YAMLError:
        raise SourceError(ContentError(shown, first_line, "", "ongeldige YAML.")) from None
    except RecursionError:
        raise SourceError(ContentError(shown, first_line, "", TOO_DEEP)) from None
    if node is None:
        return None, {}
    if _depth(node) > MAX_DEPTH:
        raise SourceError(ContentError(shown, first_line, "", TOO_DEEP))
    if _expanded_size(node, {}) > MAX_NODES:
        raise SourceError(
            ContentError(
                shown, first_line, "", "de gegevens zijn te groot of te vaak herhaald (met & en *)."
            )
        )
    _rejoin_decimal_commas(node)
    lines: dict[Location, int] = {}
    duplicates: list[ContentError] = []
    _index_lines(node, (), first_line, lines, duplicates, shown, set())
    if duplicates:
        raise SourceError(duplicates[0])
    constructor = YamlLoader(text)
    try:
        data = constructor.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = first_line + mark.line if mark else first_line
        raise SourceError(ContentError(shown, line, "", _yaml_problem(exc))) from None
    except (ValueError, OverflowError, RecursionError):
        raise SourceError(ContentError(shown, first_line, "", "ongeldige YAML.")) from None
    finally:
        constructor.dispose()
    return data, lines


def _index_lines(
    node: yaml.Node,
    location: Location,
    first_line: int,
    lines: dict[Location, int],
    duplicates: list[ContentError],
    shown: str,
    seen: set[int],
) -> None:
    # Aliases point at nodes already seen; walking them again could explode (alias bombs).
    if id(node) in seen:
        return
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        raise SourceError(
            ContentError(shown, first_line, "", "de gegevens zijn te groot of te diep genest.")
        )
    lines.setdefault(location, first_line + node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_line = first_line + key_node.start_mark.line
            if key in keys:
                duplicates.append(
                    ContentError(shown, key_line, key, "dit veld staat twee keer in het bestand.")
                )
            keys.add(key)
            lines[(*location, key)] = key_line
            _index_lines(value_node, (*location, key), first_line, lines, duplicates, shown, seen)
            lines[(*location, key)] = key_line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*location, index), first_line, lines, duplicates, shown, seen)


def _tab_problem(text: str, mark: yaml.Mark | None) -> str | None:
    """A tab is invisible in Kladblok or TextEdit: say that it is one, and where."""
    if mark is None:
        return None
    lines = text.split("\n")
    if mark.line >= len(lines) or "\t" not in lines[mark.line]:
        return None
    column = lines[mark.line].index("\t") + 1
    return (
        f"er staat een tab op deze regel (teken {column}). Gebruik spaties, geen tabs: "
        "je ziet een tab niet in Kladblok of TextEdit. Wis de witruimte vooraan de regel en "
        "typ spaties, evenveel als op de regel erboven."
    )


_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"


def _rejoin_decimal_commas(root: yaml.Node) -> None:
    """``{naam: ui, prijs: 0,45}`` is YAML for ``prijs: 0`` and a field ``45`` without value.

    A coach meant the number 0,45: put it back together as the text ``0,45``, so that the
    field itself reports it (with "punt, geen komma") instead of a puzzling field ``45``.
    """
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            if node.flow_style:
                node.value = _rejoined(node.value)
            stack.extend(value for _, value in node.value)


def _rejoined(pairs: list[tuple[yaml.Node, yaml.Node]]) -> list[tuple[yaml.Node, yaml.Node]]:
    joined: list[tuple[yaml.Node, yaml.Node]] = []
    for key, value in pairs:
        if (
            joined
            and _is_plain(key, _INT)
            and str(key.value).isdigit()
            and _is_plain(value, _NULL)
            and value.value == ""
            and _is_plain(joined[-1][1], _INT)
            and str(joined[-1][1].value).isdigit()
        ):
            previous_key, whole = joined[-1]
            text = f"{whole.value},{key.value}"
            joined[-1] = (
                previous_key,
                yaml.ScalarNode(_STR, text, whole.start_mark, key.end_mark, style='"'),
            )
            continue
        joined.append((key, value))
    return joined


def _is_plain(node: yaml.Node, tag: str) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == tag and not node.style


def _flow_nesting(text: str) -> int:
    """How deep ``[`` and ``{`` nest, counted roughly (quotes are not skipped) but safely."""
    deepest = depth = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}" and depth:
            depth -= 1
    return deepest


def _depth(node: yaml.Node) -> int:
    """Nesting depth, iteratively (a recursive walk could itself overflow); stops past the max."""
    deepest, stack, seen = 0, [(node, 1)], set()
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in current.value for child in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in current.value)
    return deepest


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many nodes the data has once every alias is expanded (guards against alias bombs)."""
    known = memo.get(id(node))
    if known is not None:
        return known
    memo[id(node)] = MAX_NODES + 1  # a cycle counts as too big
    size = 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            size += _expanded_size(key_node, memo) + _expanded_size(value_node, memo)
            if size > MAX_NODES:
                break
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            size += _expanded_size(item, memo)
            if size > MAX_NODES:
                break
    memo[id(node)] = size
    return size


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    if "quoted scalar" in (exc.context or ""):
        return (
            "fout in de YAML-opmaak: een aanhalingsteken (\" of ') wordt niet afgesloten "
            "op deze regel."
        )
    hints = {
        "invalid date": "deze datum bestaat niet. Schrijf de datum als jaar-maand-dag, "
        "zoals 2026-10-14.",
        "mapping values are not allowed here": "een dubbele punt staat op een verkeerde plaats. "
        "Zet tekst met een dubbele punt tussen aanhalingstekens.",
        "could not find expected ':'": "er ontbreekt een dubbele punt na de naam van een veld.",
        "found character '\\t' that cannot start any token": "gebruik spaties, geen tabs.",
        "found a tab character": "gebruik spaties, geen tabs.",
        "could not determine a constructor": "een '!' vooraan een waarde heeft in YAML een "
        "speciale betekenis. Zet de tekst tussen aanhalingstekens.",
        "found undefined alias": "er staat een * die YAML niet begrijpt. Zet de tekst tussen "
        "aanhalingstekens.",
        "expected <block end>, but found '<block sequence start>'": "de insprong (spaties "
        "vooraan) klopt niet.",
    }
    for english, dutch in hints.items():
        if problem.startswith(english):
            return f"fout in de YAML-opmaak: {dutch}"
    return (
        "fout in de YAML-opmaak: controleer de insprong, de dubbele punten en de "
        f"aanhalingstekens op deze regel ({problem or 'onbekende fout'})."
    )
