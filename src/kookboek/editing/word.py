"""A Word file (.docx) turned into the site's safe Markdown, with its pictures.

A .docx is a zip archive: before mammoth reads it, its size, its number of members, their
unpacked size and their compression ratio are checked (a zip bomb is refused unread), and
mammoth never opens a file or address the document links to. Its HTML is then rewritten
as Markdown by hand: only headings, paragraphs, bold and italic, lists, tables, links and
pictures survive, every character of text is escaped, so nothing the document holds can
reach a page as HTML. The pictures are decoded and re-encoded as clean JPEGs
(``images/decode.py``) under names made here.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

MAX_WORD_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200  # unpacked / packed, per member: a zip bomb packs far tighter
MAX_PICTURES = 60
MAX_PICTURE_BYTES = 15 * 1024 * 1024
PICTURE_WIDTH = 1600


class WordProblem(ValueError):
    """A .docx that cannot be taken in; the message is Dutch, for the coach."""


@dataclass
class Converted:
    """The document's text as Markdown, its pictures (file name → JPEG bytes), and what
    was left out (Dutch, for the coach)."""

    markdown: str
    pictures: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def check_archive(data: bytes) -> None:
    """Refuse, unread, what is not a plausible Word file."""
    if len(data) > MAX_WORD_BYTES:
        raise WordProblem(
            f"Dit bestand is te groot (hoogstens {MAX_WORD_BYTES // (1024 * 1024)} MB). "
            "Maak de foto's in Word kleiner (Afbeeldingen comprimeren) en probeer opnieuw."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        raise WordProblem(
            "Dit is geen Word-bestand (.docx) dat we kunnen lezen. Bewaar het in Word "
            "als 'Word-document (.docx)' en probeer opnieuw."
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise WordProblem("Dit Word-bestand bestaat uit te veel delen om te lezen.")
        total = 0
        for member in members:
            total += member.file_size
            ratio = member.file_size / max(member.compress_size, 1)
            if member.flag_bits & 0x1:
                raise WordProblem("Dit Word-bestand is beveiligd met een wachtwoord.")
            if total > MAX_UNPACKED_BYTES or (member.file_size > 1024 * 1024 and ratio > MAX_RATIO):
                raise WordProblem("Dit Word-bestand is uitgepakt veel te groot om te lezen.")
        if "word/document.xml" not in {m.filename for m in members}:
            raise WordProblem(
                "Dit is geen Word-document (.docx). Bewaar het in Word als "
                "'Word-document (.docx)' en probeer opnieuw."
            )


def word_to_markdown(data: bytes, picture_prefix: str) -> Converted:
    """The .docx ``data`` as Markdown; its pictures named ``<picture_prefix>-<n>.jpg``."""
    check_archive(data)
    import mammoth  # imported only when a Word file is read

    from kookboek.images.decode import ImageProblem, encode, open_photo, resized

    converted = Converted("")
    count = 0

    def picture(image: Any) -> dict[str, str]:
        nonlocal count
        count += 1
        if count > MAX_PICTURES:
            converted.notes.append(f"Afbeelding {count} is weggelaten: hoogstens {MAX_PICTURES}.")
            return {}
        with image.open() as stream:
            raw = stream.read(MAX_PICTURE_BYTES + 1)
        if len(raw) > MAX_PICTURE_BYTES:
            converted.notes.append(f"Afbeelding {count} is weggelaten: ze is te groot.")
            return {}
        try:
            clean = encode(resized(open_photo(raw), PICTURE_WIDTH), "jpeg")
        except ImageProblem:
            converted.notes.append(
                f"Afbeelding {count} is weggelaten: we kunnen ze niet openen "
                "(gebruik een foto of tekening als JPEG of PNG)."
            )
            return {}
        number = len(converted.pictures) + 1
        name = f"{picture_prefix}-{number}.jpg"
        converted.pictures[name] = clean
        alt = " ".join((image.alt_text or "").split())[:300]
        if not alt:
            # Every picture of a PDF needs a description (the PDFs are tagged, PDF/UA).
            alt = f"Afbeelding {number} uit het document"
            converted.notes.append(
                f"Afbeelding {number} heeft geen beschrijving. Geef ze er een in Word "
                "(rechtsklik op de afbeelding, 'Alternatieve tekst bewerken') en vervang "
                "het document, zodat wie de afbeelding niet ziet weet wat erop staat."
            )
        return {"src": name, "alt": alt}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            convert_image=mammoth.images.img_element(picture),
            external_file_access=False,
        )
    except (KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise WordProblem(
            "Dit Word-bestand kunnen we niet lezen. Open het in Word, bewaar het opnieuw als "
            "'Word-document (.docx)' en probeer nog eens."
        ) from exc
    if any("external" in message.message for message in result.messages):
        converted.notes.append(
            "Een afbeelding die aan een ander bestand gekoppeld is, is weggelaten. Voeg ze "
            "in Word in het document zelf in (Invoegen, Afbeeldingen) en vervang het document."
        )
    converted.markdown = html_to_markdown(result.value)
    return converted


# -- mammoth's HTML → Markdown ----------------------------------------------------------------


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    VOID = frozenset({"img", "br", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre", "hr"}
)
# Escaped wherever they stand: they would start emphasis, code, a link, an image, a table
# cell or an escape.
_ALWAYS = re.compile(r"([\\`*_\[\]|])")
# Escaped at the start of a line: a heading, a quote, a list item or a numbered one.
_LINE_START = re.compile(r"^(\s*)(?:([#>+\-])|(\d+)\.)")


def _escape(text: str) -> str:
    return _ALWAYS.sub(r"\\\1", text).replace("&", "&amp;").replace("<", "&lt;")


def _escape_line_start(line: str) -> str:
    def escaped(found: re.Match[str]) -> str:
        if found.group(2):
            return f"{found.group(1)}\\{found.group(2)}"
        return f"{found.group(1)}{found.group(3)}\\."

    return _LINE_START.sub(escaped, line)


def html_to_markdown(html: str) -> str:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    blocks = _blocks(builder.root.children, heading_shift=1)
    return "\n\n".join(b for b in blocks if b.strip()) + "\n"


def _blocks(children: list[_Node | str], heading_shift: int) -> list[str]:
    """Block-level Markdown of ``children``; loose inline content becomes a paragraph."""
    out: list[str] = []
    loose: list[_Node | str] = []

    def flush() -> None:
        text = _paragraph(loose)
        if text:
            out.append(text)
        loose.clear()

    for child in children:
        if isinstance(child, _Node) and child.tag in BLOCKS:
            flush()
            out.extend(_block(child, heading_shift))
        elif isinstance(child, _Node) and child.tag not in _INLINE and child.tag != "img":
            flush()
            out.extend(_blocks(child.children, heading_shift))
        else:
            loose.append(child)
    flush()
    return out


_INLINE = frozenset({"strong", "b", "em", "i", "a", "span", "sup", "sub", "s", "u", "br", "code"})


def _block(node: _Node, heading_shift: int) -> list[str]:
    tag = node.tag
    if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
        text = _inline(node.children, in_table=True)
        level = min(int(tag[1]) + heading_shift, 6)
        return [f"{'#' * level} {text}"] if text else []
    if tag in {"ul", "ol"}:
        return ["\n".join(_list(node, ""))]
    if tag == "table":
        return [_table(node)]
    if tag == "hr":
        return ["***"]
    if tag == "p":
        return [_paragraph(node.children)]
    return _blocks(node.children, heading_shift)  # blockquote, pre: their text


def _paragraph(children: list[_Node | str]) -> str:
    text = _inline(children, in_table=False)
    lines = [_escape_line_start(line.strip()) for line in text.split("\n")]
    return "  \n".join(line for line in lines if line)


def _list(node: _Node, indent: str) -> list[str]:
    lines: list[str] = []
    number = 0
    for item in node.children:
        if not isinstance(item, _Node) or item.tag != "li":
            continue
        number += 1
        marker = f"{number}. " if node.tag == "ol" else "- "
        inline = [c for c in item.children if not (isinstance(c, _Node) and c.tag in BLOCKS)]
        text = " ".join(_inline(inline, in_table=True).split())
        lines.append(f"{indent}{marker}{_escape_line_start(text) if text else ''}".rstrip())
        for child in item.children:
            if isinstance(child, _Node) and child.tag in {"ul", "ol"}:
                lines.extend(_list(child, indent + "    "))
            elif isinstance(child, _Node) and child.tag in BLOCKS:
                nested = " ".join(_inline(child.children, in_table=True).split())
                if nested:
                    lines.append(f"{indent}    {_escape_line_start(nested)}")
    return lines


def _rows(node: _Node) -> list[list[str]]:
    rows: list[list[str]] = []
    for child in node.children:
        if not isinstance(child, _Node):
            continue
        if child.tag == "tr":
            cells = [c for c in child.children if isinstance(c, _Node) and c.tag in {"td", "th"}]
            row: list[str] = []
            for cell in cells:
                row.append(" ".join(_inline(_flatten(cell), in_table=True).split()))
                span = cell.attrs.get("colspan", "1")
                row.extend([""] * (min(int(span), 20) - 1 if span.isdigit() else 0))
            rows.append(row)
        elif child.tag in {"thead", "tbody", "tfoot"}:
            rows.extend(_rows(child))
    return rows


def _flatten(node: _Node) -> list[_Node | str]:
    """A cell's content as one line: its paragraphs and lists run together."""
    out: list[_Node | str] = []
    for child in node.children:
        if isinstance(child, _Node) and child.tag not in _INLINE and child.tag != "img":
            out.extend(_flatten(child))
            out.append(" ")
        else:
            out.append(child)
    return out


def _table(node: _Node) -> str:
    rows = [r for r in _rows(node) if any(r)]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def _inline(children: list[_Node | str], in_table: bool) -> str:
    parts: list[str] = []
    for child in children:
        if isinstance(child, str):
            parts.append(_escape(re.sub(r"\s+", " ", child)))
            continue
        tag = child.tag
        if tag == "br":
            parts.append(" " if in_table else "\n")
        elif tag == "img":
            src = child.attrs.get("src", "")
            if re.fullmatch(r"[a-z0-9-]+\.jpg", src):
                alt = _escape(" ".join(child.attrs.get("alt", "").split()))
                parts.append(f"![{alt}]({src})")
        elif tag in {"strong", "b", "em", "i"}:
            inner = _inline(child.children, in_table)
            mark = "**" if tag in {"strong", "b"} else "*"
            stripped = inner.strip()
            if stripped:
                lead = inner[: len(inner) - len(inner.lstrip())]
                trail = inner[len(inner.rstrip()) :]
                parts.append(f"{lead}{mark}{stripped}{mark}{trail}")
            else:
                parts.append(inner)
        elif tag == "a":
            inner = _inline(child.children, in_table)
            href = child.attrs.get("href", "")
            if re.match(r"(https?://|mailto:)[^\s()<>]+$", href) and inner.strip():
                parts.append(f"[{inner}]({href})")
            else:
                parts.append(inner)
        else:
            parts.append(_inline(child.children, in_table))
    return "".join(parts)
