"""How tall each recipe of a booklet is, estimated from its HTML without laying it out.

A long recipe (more than one A5 page) must start on a left page, and that has to be known
before the booklet is laid out. The page counts of recipes laid out before are cached
(:class:`kookboek.pdf.cache.PageCounts`); for the others this module estimates the
recipe's natural height: the text of every part is broken into lines with the advance
widths and kerning of the booklet's own font files (rounded as HarfBuzz does for Pango),
and the parts are stacked with the sizes, line heights and margins of
``pdf/templates/booklet.css``. Only recipes clearly below or above one page are decided
this way (:func:`classify`); the rest are laid out for real.

The estimate only saves time: the booklet is always checked against the real layout, and
a wrong guess costs a second layout pass, never a wrong booklet. If ``booklet.css`` or the
recipe markup in ``booklet.html`` changes, change the constants below with it; the tests
compare the estimate with WeasyPrint's layout.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

MM_PER_PT = 25.4 / 72
PX_PER_PT = 96 / 72
PX_PER_MM = 96 / 25.4
PANGO_SCALE = 1024  # Pango units per CSS px

# booklet.css: A5 (148 × 210 mm), page margins 13 mm top, 14 mm bottom, 12 + 16 mm sides.
PAGE_WIDTH_MM = 148 - 12 - 16
PAGE_HEIGHT_MM = 210 - 13 - 14

# Recipes estimated within this share of a page from the one-page limit are laid out to
# know for sure. On the project's 34 recipes and 1122 of the benchmark's, the estimate
# equals WeasyPrint's height; the band (5.5 mm, one and a half lines of ingredients) is for
# what it does not model exactly: unusual Markdown, characters from a fallback font.
UNSURE_BAND = 0.03

# The booklet's font files: (weight, italic) -> files tried in order (unicode ranges).
FONT_STYLES: dict[tuple[int, bool], tuple[str, ...]] = {
    (400, False): (
        "atkinson-hyperlegible-latin-400-normal.woff2",
        "atkinson-hyperlegible-latin-ext-400-normal.woff2",
    ),
    (400, True): (
        "atkinson-hyperlegible-latin-400-italic.woff2",
        "atkinson-hyperlegible-latin-ext-400-normal.woff2",
    ),
    (700, False): (
        "atkinson-hyperlegible-latin-700-normal.woff2",
        "atkinson-hyperlegible-latin-ext-700-normal.woff2",
    ),
    (700, True): (
        "atkinson-hyperlegible-latin-700-italic.woff2",
        "atkinson-hyperlegible-latin-ext-700-normal.woff2",
    ),
}
UNKNOWN_CHAR_EM = 0.6  # a character none of the files has (drawn by a fallback font)


@dataclass(frozen=True)
class ClassKerning:
    """Kerning by glyph classes (OpenType pair positioning, format 2), by code point."""

    first: dict[int, int]  # the first character's class, for the characters it covers
    second: dict[int, int]  # the second character's class (0 for any other)
    values: list[list[float]]  # em, per first and second class

    def get(self, left: int, right: int) -> float | None:
        first = self.first.get(left)
        if first is None:
            return None
        return self.values[first][self.second.get(right, 0)]


@dataclass(frozen=True)
class Kerning:
    """The pair adjustments of a font's ``kern`` feature, in em, by code point."""

    pairs: dict[tuple[int, int], float] = field(default_factory=dict)  # single pairs
    covered: frozenset[int] = frozenset()  # first characters that have single pairs
    classes: tuple[ClassKerning, ...] = ()

    def get(self, left: int, right: int) -> float:
        # Like a shaper: the first subtable that has the pair decides.
        if left in self.covered:
            found = self.pairs.get((left, right))
            if found is not None:
                return found
        for table in self.classes:
            value = table.get(left, right)
            if value is not None:
                return value
        return 0.0


@dataclass(frozen=True)
class Font:
    """Advance widths in em, per character, and the kerning of one weight and style."""

    widths: dict[int, float]
    kerning: Kerning = Kerning()

    def advance(self, char: str, size: int) -> int:
        """The advance of ``char`` in Pango units at ``size`` (Pango units per em)."""
        return _scaled(self.widths.get(ord(char), UNKNOWN_CHAR_EM), size)

    def kern(self, left: str, right: str, size: int) -> int:
        return _scaled(self.kerning.get(ord(left), ord(right)), size)

    def width(self, text: str, size: int) -> int:
        total = sum(self.advance(char, size) for char in text)
        return total + sum(self.kern(a, b, size) for a, b in itertools.pairwise(text))


def _scaled(em: float, size: int) -> int:
    # Like HarfBuzz, every glyph's advance and kerning is rounded to whole units.
    return math.floor(em * size + 0.5)


def pango_size(size_pt: float) -> int:
    """A font size in Pango units (1/1024 CSS px), as WeasyPrint hands it to Pango."""
    return int(size_pt * PX_PER_PT * PANGO_SCALE)


def units_to_mm(units: float) -> float:
    return units / PANGO_SCALE / PX_PER_MM


def mm_to_units(mm: float) -> float:
    # A hair more: a width measured with width_mm() must hold that same text.
    return mm * PX_PER_MM * PANGO_SCALE + 1e-6


@cache
def load_font(fonts_dir: Path, weight: int, italic: bool) -> Font:
    widths: dict[int, float] = {}
    kerning: Kerning | None = None
    for name in FONT_STYLES[(weight, italic)]:
        font = TTFont(fonts_dir / name)
        per_em = float(font["head"].unitsPerEm)
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap()
        for code, glyph in cmap.items():
            widths.setdefault(code, metrics[glyph][0] / per_em)
        if kerning is None:  # the main file's kerning; the others hold rare characters
            kerning = _kerning(font, cmap, per_em)
        font.close()
    return Font(widths, kerning or Kerning())


def _kerning(font: Any, cmap: dict[int, str], per_em: float) -> Kerning:
    """The ``kern`` feature's pair adjustments (x advance) of ``font``, by code point."""
    codes: dict[str, list[int]] = {}
    for code, glyph in cmap.items():
        codes.setdefault(glyph, []).append(code)
    pairs: dict[tuple[int, int], float] = {}
    covered: set[int] = set()
    classes: list[ClassKerning] = []
    if "GPOS" not in font:
        return Kerning()
    table = font["GPOS"].table
    lookups = {
        index
        for record in table.FeatureList.FeatureRecord
        if record.FeatureTag == "kern"
        for index in record.Feature.LookupListIndex
    }
    for index in sorted(lookups):
        lookup = table.LookupList.Lookup[index]
        if lookup.LookupType != 2:
            continue
        for sub in lookup.SubTable:
            if sub.Format == 1:
                for first, pair_set in zip(sub.Coverage.glyphs, sub.PairSet, strict=True):
                    for record in pair_set.PairValueRecord:
                        value = getattr(record.Value1, "XAdvance", 0) / per_em
                        for left in codes.get(first, ()):
                            covered.add(left)
                            for right in codes.get(record.SecondGlyph, ()):
                                pairs.setdefault((left, right), value)
            elif sub.Format == 2:
                first_classes = sub.ClassDef1.classDefs
                first = {
                    code: first_classes.get(glyph, 0)
                    for glyph in sub.Coverage.glyphs
                    for code in codes.get(glyph, ())
                }
                second = {
                    code: cls
                    for glyph, cls in sub.ClassDef2.classDefs.items()
                    for code in codes.get(glyph, ())
                }
                values = [
                    [getattr(c2.Value1, "XAdvance", 0) / per_em for c2 in c1.Class2Record]
                    for c1 in sub.Class1Record
                ]
                classes.append(ClassKerning(first, second, values))
    return Kerning(pairs, frozenset(covered), tuple(classes))


@dataclass(frozen=True)
class Style:
    size_pt: float
    line_height: float  # a multiple of the font size, as in the CSS
    weight: int = 400
    italic: bool = False

    @property
    def line_mm(self) -> float:
        return self.size_pt * self.line_height * MM_PER_PT


# -- the recipe's HTML as a small tree ------------------------------------------------------


@dataclass
class Node:
    tag: str
    classes: frozenset[str] = frozenset()
    children: list[Node | str] = field(default_factory=list)
    ident: str = ""
    start: int = 0  # offsets of the element in the document's source
    end: int = 0
    source: str = ""  # a recipe article's own HTML, cut from the document

    def find(self, css_class: str) -> Node | None:
        for child in self.children:
            if isinstance(child, Node):
                if css_class in child.classes:
                    return child
                found = child.find(css_class)
                if found is not None:
                    return found
        return None

    def elements(self) -> Iterator[Node]:
        return (child for child in self.children if isinstance(child, Node))

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


VOID = frozenset({"img", "br", "hr", "meta", "link", "input", "wbr", "source"})


class _RecipeParser(HTMLParser):
    """Collects every ``<article class="recipe">`` of a booklet as a :class:`Node` tree."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", source))]
        self.articles: list[Node] = []
        self.stack: list[Node] = []

    def source_offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = frozenset((values.get("class") or "").split())
        node = Node(tag, classes, ident=values.get("id") or "", start=self.source_offset())
        if self.stack:
            self.stack[-1].children.append(node)
        elif tag == "article" and "recipe" in classes:
            self.articles.append(node)
        else:
            return
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        # The booklet's HTML is generated and well formed: close up to the matching tag.
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].tag == tag:
                for node in self.stack[depth:]:
                    node.end = self.source_offset() + len(f"</{tag}>")
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.stack[-1].children.append(data)


def recipe_articles(html: str) -> dict[str, Node]:
    """Every recipe article of a booklet's HTML by its element id (``recept-<slug>``)."""
    parser = _RecipeParser(html)
    parser.feed(html)
    parser.close()
    for article in parser.articles:
        article.source = html[article.start : article.end]
    return {article.ident: article for article in parser.articles}


# -- breaking text into lines --------------------------------------------------------------

Run = tuple[str, int, bool]  # text, weight, italic
BREAK_AFTER = frozenset("-‐–—/")  # WeasyPrint (Pango) may also break after these


class Typesetter:
    """Counts the lines a run of text takes at a given width, like a greedy line breaker."""

    def __init__(self, fonts_dir: Path) -> None:
        self.fonts = {key: load_font(fonts_dir, *key) for key in FONT_STYLES}

    def width_mm(self, runs: Sequence[Run], size_pt: float) -> float:
        size = pango_size(size_pt)
        units = sum(self.fonts[(weight, italic)].width(text, size) for text, weight, italic in runs)
        return units_to_mm(units)

    def lines(
        self, runs: Sequence[Run], size_pt: float, width_mm: float, first_mm: float | None = None
    ) -> int:
        """Lines needed for ``runs``; ``first_mm`` is a narrower first line (beside a float)."""
        pieces = self._pieces(runs, size_pt)
        if not pieces:
            return 0
        width, first = mm_to_units(width_mm), None if first_mm is None else mm_to_units(first_mm)
        lines, used, space = 1, 0, 0
        room = width if first is None else first
        for piece, after in pieces:
            if used and used + space + piece > room:
                lines += 1
                used, room = 0, width
            elif used:
                used += space
            elif lines == 1 and first is not None and piece > room:
                lines += 1  # nothing fits beside the float: the text starts below it
                room = width
            used += piece
            space = after
        return lines

    def _pieces(self, runs: Sequence[Run], size_pt: float) -> list[tuple[int, int]]:
        """(width of an unbreakable piece, width of the space after it), in Pango units."""
        size = pango_size(size_pt)
        pieces: list[tuple[int, int]] = []
        word = 0
        pending_space = False
        for text, weight, italic in runs:
            font = self.fonts[(weight, italic)]
            space = font.advance(" ", size)
            previous = ""
            for char in text:
                if previous:  # kerning with the character before, in the same run
                    kern = font.kern(previous, char, size)
                    if word or not pieces:
                        word += kern
                    else:
                        pieces[-1] = (pieces[-1][0], pieces[-1][1] + kern)
                previous = char
                if char.isspace() and char != "\u00a0":
                    if word:
                        pieces.append((word, space))
                        word = 0
                    elif pieces and not pending_space:
                        pieces[-1] = (pieces[-1][0], space)
                    pending_space = True
                    continue
                pending_space = False
                word += font.advance(char, size)
                if char in BREAK_AFTER:
                    pieces.append((word, 0))
                    word = 0
        if word:
            pieces.append((word, 0))
        return pieces


def runs_of(node: Node | str, weight: int = 400, italic: bool = False) -> list[Run]:
    """The text of ``node`` in runs of one weight and style (``strong``, ``em``, ...)."""
    if isinstance(node, str):
        return [(node, weight, italic)]
    if node.tag in {"strong", "b", "th"} or "ingredients__qty" in node.classes:
        weight = 700
    if node.tag in {"em", "i", "cite"}:
        italic = True
    runs: list[Run] = []
    for child in node.children:
        if isinstance(child, Node) and child.tag == "br":
            runs.append(("\n", weight, italic))
        else:
            runs.extend(runs_of(child, weight, italic))
    return runs


# -- stacking the parts ----------------------------------------------------------------------

# booklet.css, per part: font size (pt) and line height.
TITLE = Style(16, 1.15, 700)  # .recipe__title (h2), margin 0 0 1mm
LEAD = Style(9.5, 1.35, 400, True)  # .recipe__lead, margin 0 0 2.5mm
TOP = Style(8.5, 1.25)  # .recipe__top: cost, facts and photo in a grid
COST_VALUE = Style(15, 1.1, 700)
SECTION = Style(10.5, 1.15, 700)  # .recipe__section (h3), margin 2.5mm 0 1mm
INGREDIENT = Style(8.5, 1.25)  # .ingredients li
BODY = Style(9, 1.28)  # .recipe__body

TOP_COLUMNS_MM = (27.0, PAGE_WIDTH_MM - 27 - 36 - 2 * 3, 36.0)  # 27mm 1fr 36mm, gap 3mm
PHOTO_HEIGHT_MM = 27.0
COST_PADDING_MM = (1.5, 2.0)  # vertical, horizontal; plus a 1.2 mm left border
COST_BORDER_MM = 1.2
FACTS_GAP_MM = (0.4, 1.5)  # row gap, column gap
INGREDIENT_COLUMN_MM = (PAGE_WIDTH_MM - 5) / 2  # two flex columns, gap 5mm
INGREDIENT_EXTRA_MM = 2 * 0.45 + 0.2  # padding above and below, border below
INGREDIENT_COST_GAP_MM = 1.5  # margin-left of the floated cost
LIST_INDENT_MM = 5.0  # .recipe__body ol, ul: padding-left 5mm

# .recipe__body: (font size, line height, weight, margin-top, margin-bottom) per element.
BODY_BLOCKS: dict[str, tuple[Style, float, float]] = {
    "h1": (Style(9 * 2, 1.15, 700), 9 * 2 * 0.67 * MM_PER_PT, 9 * 2 * 0.67 * MM_PER_PT),
    "h2": (Style(10.5, 1.15, 700), 2.5, 1.0),
    "h3": (Style(10, 1.15, 700), 2.0, 1.0),
    "h4": (Style(9, 1.28, 700), 9 * 1.33 * MM_PER_PT, 9 * 1.33 * MM_PER_PT),
    "h5": (Style(9 * 0.83, 1.28, 700), 9 * 0.83 * 1.67 * MM_PER_PT, 9 * 0.83 * 1.67 * MM_PER_PT),
    "h6": (Style(9 * 0.67, 1.28, 700), 9 * 0.67 * 2.33 * MM_PER_PT, 9 * 0.67 * 2.33 * MM_PER_PT),
    "p": (BODY, 0.0, 1.5),
    "li": (BODY, 0.0, 0.4),
    "pre": (BODY, 9 * MM_PER_PT, 9 * MM_PER_PT),
    "blockquote": (BODY, 9 * MM_PER_PT, 9 * MM_PER_PT),
}
BLOCK_TAGS = frozenset({*BODY_BLOCKS, "ol", "ul", "div", "hr", "table", "dl"})


class _Stack:
    """Block boxes one below the other, adjoining vertical margins collapsed (all >= 0)."""

    def __init__(self) -> None:
        self.height = 0.0
        self.margin = 0.0  # the margin run not yet added

    def add_margin(self, margin: float) -> None:
        self.margin = max(self.margin, margin)

    def add_content(self, height: float) -> None:
        if height > 0:
            self.height += self.margin + height
            self.margin = 0.0

    def total(self) -> float:
        return self.height + self.margin  # the end marker sits below the last margin


class Estimator:
    def __init__(self, fonts_dir: Path) -> None:
        self.type = Typesetter(fonts_dir)

    def text_height(self, node: Node | str, style: Style, width_mm: float) -> float:
        runs = runs_of(node, style.weight, style.italic)
        lines = 0
        for line in _split_hard_breaks(runs):
            lines += self.type.lines(line, style.size_pt, width_mm)
        return lines * style.line_mm

    def recipe_height(self, article: Node) -> float:
        """The natural height in mm of one recipe article, from its top to its end marker."""
        stack = _Stack()
        for part in article.elements():
            if "recipe__head" in part.classes:
                title, lead = part.find("recipe__title"), part.find("recipe__lead")
                if title is not None:
                    stack.add_content(self.text_height(title, TITLE, PAGE_WIDTH_MM))
                    stack.add_margin(1.0)
                if lead is not None:
                    stack.add_content(self.text_height(lead, LEAD, PAGE_WIDTH_MM))
                    stack.add_margin(2.5)
            elif "recipe__top" in part.classes:
                stack.add_content(self.top_height(part))
                stack.add_margin(1.0)
            elif "recipe__section" in part.classes:
                stack.add_margin(2.5)
                stack.add_content(self.text_height(part, SECTION, PAGE_WIDTH_MM))
                stack.add_margin(1.0)
            elif "ingredients" in part.classes:
                stack.add_content(self.ingredients_height(part))
            elif "recipe__body" in part.classes:
                self.body(part, stack, PAGE_WIDTH_MM)
        return stack.total()

    def top_height(self, top: Node) -> float:
        cost_width, facts_width, _ = TOP_COLUMNS_MM
        heights = [0.0]
        cost = top.find("recipe__cost")
        if cost is not None:
            inner = cost_width - 2 * COST_PADDING_MM[1] - COST_BORDER_MM
            height = 2 * COST_PADDING_MM[0]
            for part in cost.elements():
                style = COST_VALUE if "recipe__cost-value" in part.classes else TOP
                height += self.text_height(part, style, inner)
            heights.append(height)
        facts = top.find("recipe__facts")
        if facts is not None:
            heights.append(self.facts_height(facts, facts_width))
        if top.find("recipe__photo") is not None:
            heights.append(PHOTO_HEIGHT_MM)
        return max(heights)

    def facts_height(self, facts: Node, width_mm: float) -> float:
        """A two-column grid: the terms as wide as the widest, the rest for the values."""
        terms = [node for node in facts.elements() if node.tag == "dt"]
        values = [node for node in facts.elements() if node.tag == "dd"]
        if not terms:
            return 0.0
        term_width = max(self.type.width_mm(runs_of(t, 700), TOP.size_pt) for t in terms)
        value_width = width_mm - term_width - FACTS_GAP_MM[1]
        rows = [
            max(
                self.text_height(term, Style(TOP.size_pt, TOP.line_height, 700), term_width),
                self.text_height(value, TOP, value_width),
            )
            for term, value in zip(terms, values, strict=False)
        ]
        return sum(rows) + FACTS_GAP_MM[0] * (len(rows) - 1)

    def ingredients_height(self, ingredients: Node) -> float:
        columns = [0.0]
        for column in ingredients.elements():
            height = 0.0
            for item in column.elements():
                cost = item.find("ingredients__cost")
                rest = Node("span", children=[c for c in item.children if c is not cost])
                first = None
                if cost is not None:
                    cost_width = self.type.width_mm(runs_of(cost), INGREDIENT.size_pt)
                    first = INGREDIENT_COLUMN_MM - cost_width - INGREDIENT_COST_GAP_MM
                lines = self.type.lines(
                    runs_of(rest), INGREDIENT.size_pt, INGREDIENT_COLUMN_MM, first
                )
                height += max(lines, 1) * INGREDIENT.line_mm + INGREDIENT_EXTRA_MM
            columns.append(height)
        return max(columns)

    def body(self, node: Node, stack: _Stack, width_mm: float) -> None:
        """Markdown's blocks (headings, paragraphs, lists) stacked into ``stack``."""
        inline: list[Node | str] = []

        def flush() -> None:
            if any(isinstance(c, Node) or c.strip() for c in inline):
                stack.add_content(self.text_height(Node("span", children=inline), BODY, width_mm))
            inline.clear()

        for child in node.children:
            if isinstance(child, str) or child.tag not in BLOCK_TAGS:
                inline.append(child)
                continue
            flush()
            tag = child.tag
            if tag in {"ol", "ul", "dl"}:
                self.body(child, stack, width_mm - LIST_INDENT_MM)
            elif tag == "hr":
                stack.add_margin(0.5 * 9 * MM_PER_PT)
                stack.add_content(0.3)
                stack.add_margin(0.5 * 9 * MM_PER_PT)
            elif tag in {"li", "blockquote", "div", "table"}:
                style, top, bottom = BODY_BLOCKS.get(tag, (BODY, 0.0, 0.0))
                indent = 2 * 40 * 25.4 / 96 if tag == "blockquote" else 0.0
                stack.add_margin(top)
                self.body(child, stack, width_mm - indent)
                stack.add_margin(bottom)
            else:
                style, top, bottom = BODY_BLOCKS.get(tag, (BODY, 0.0, 0.0))
                stack.add_margin(top)
                stack.add_content(self.text_height(child, style, width_mm))
                stack.add_margin(bottom)
        flush()


def _split_hard_breaks(runs: list[Run]) -> Iterator[list[Run]]:
    """The runs between ``<br>`` line breaks (marked by a lone newline run)."""
    line: list[Run] = []
    for run in runs:
        if run[0] == "\n":
            yield line
            line = []
        else:
            line.append(run)
    yield line


@dataclass(frozen=True)
class Guess:
    short: frozenset[str]  # surely one page
    long: frozenset[str]  # surely more than one page
    unsure: frozenset[str]  # too close to call: lay them out to know


def classify(heights: dict[str, float], band: float | None = None) -> Guess:
    """Sorts estimated heights (mm) into surely short, surely long and unsure."""
    band = UNSURE_BAND if band is None else band
    low, high = PAGE_HEIGHT_MM * (1 - band), PAGE_HEIGHT_MM * (1 + band)
    ordered = sorted(heights, key=heights.__getitem__)
    values = [heights[key] for key in ordered]
    first_unsure = bisect.bisect_left(values, low)
    first_long = bisect.bisect_right(values, high)
    return Guess(
        short=frozenset(ordered[:first_unsure]),
        long=frozenset(ordered[first_long:]),
        unsure=frozenset(ordered[first_unsure:first_long]),
    )
