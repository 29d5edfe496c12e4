"""PDF text geometry: characters -> glyphs -> lines -> paragraphs.

pdfplumber gives loose characters with positions. A Word document's paragraphs, bullets and
bold labels have to be rebuilt from geometry alone:

* every character is mapped into a *reading frame* (``u`` along the text, ``v`` down the
  lines) from its text matrix, so rotated table headers (000 skills matrix: vertical header
  cells read naively as ``wal gnisuoH``) go through the same line and paragraph code as
  upright text;
* lines are grouped into paragraphs by cues Word/LibreOffice leave behind: extra space
  after a paragraph, a bullet glyph, an indent change, a font-size change, and a line that
  ends short although the next line's first word would have fitted (a hard break);
* formatting comes from font names (``…-Bold``, ``…-Italic``/``Oblique``) and from thin
  horizontal strokes under the text (underline), kept as runs so an inline bold lead-in
  label stays visible.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from roleframe.parsers.layout import FormField, Paragraph, Run
from roleframe.parsers.text import clean

if TYPE_CHECKING:
    from spellchecker import WordFrequency
from roleframe.schema import Provenance

# Glyphs that mark a list item when they open a line (Symbol-font bullet U+F0B7 from Word
# numbering, OpenSymbol/Liberation bullets, check marks in 003's competency framework).
LINE_BULLETS = frozenset(
    "•·\uf0b7\uf0a7\uf0d8\uf076\uf0fc\u25aa\u25cf\u25e6\u2023\u2043\u2219○■□▪➢➤✓✔"
)
# A numbering label ("1.", "a)", "iv.") counts as a list marker only when a tab-like gap
# follows it, the way Word lays out automatic numbering.
_NUMBER_LABEL = re.compile(
    r"^\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)]$|^\d{1,2}(?:\.\d{1,2})+\.?$"
)
# words that cannot end a sentence: a line ending in one carries on after a page break
_JOINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "that",
        "which",
        "who",
        "whose",
        "including",
        "into",
        "such",
        "than",
        "e.g.",
        "i.e.",
        "etc",
        "&",
    ]
)
_LEADER_PAGE = re.compile(r"\s*(?:\.\s*){4,}(\d{1,4})\s*$")
_LEADER_DOTS = re.compile(r"\s*(?:\.\s*){4,}")
_NO_BREAK_BEFORE = frozenset(":;!?,.)]}»”’%")
_RUN_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f]+")
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC = re.compile(r"italic|oblique", re.IGNORECASE)


@dataclass(slots=True)
class Glyph:
    """One character in its reading frame: ``u`` runs along the text, ``v`` down the lines."""

    u0: float
    u1: float
    v0: float
    v1: float
    text: str
    size: float
    bold: bool
    italic: bool
    upright: bool
    x: float  # page coordinates of the centre, for assigning glyphs to table cells
    y: float
    underline: bool = False
    field: FormField | None = None  # a check box drawn on the page, placed like a character
    rot: int = 0  # text direction in degrees counter-clockwise (90: bottom to top)

    @property
    def vc(self) -> float:
        return (self.v0 + self.v1) / 2

    def __reduce__(self) -> tuple[type[Glyph], tuple[object, ...]]:
        """Pickle as the constructor's arguments: page workers ship every glyph of their
        pages, and a slotted dataclass's default state round trip runs Python per field."""
        return (
            type(self),
            (
                self.u0,
                self.u1,
                self.v0,
                self.v1,
                self.text,
                self.size,
                self.bold,
                self.italic,
                self.upright,
                self.x,
                self.y,
                self.underline,
                self.field,
                self.rot,
            ),
        )


def glyphs_from_chars(chars: Iterable[dict]) -> list[Glyph]:
    """Turn pdfplumber chars into glyphs in their own reading frame (``turned_glyph``).

    The PDFium engine builds its glyphs in its character pass, with the same arithmetic
    (``pdf_pdfium``); this is the reference engine's way from pdfplumber's char dicts.
    """
    out: list[Glyph] = []
    append = out.append
    styles: dict[str, tuple[bool, bool]] = {}  # font name -> (bold, italic)
    last_top = last_bottom = cy = math.nan
    for ch in chars:
        text = ch["text"]
        font = ch.get("fontname") or ""
        style = styles.get(font)
        if style is None:
            style = styles[font] = font_style(font)
        bold, italic = style
        x0, x1, top, bottom = ch["x0"], ch["x1"], ch["top"], ch["bottom"]
        cx = (x0 + x1) / 2
        if top is not last_top or bottom is not last_bottom:
            # glyphs of one line share their top and bottom: one centre for them all
            cy, last_top, last_bottom = (top + bottom) / 2, top, bottom
        if ch.get("upright", True):
            append(Glyph(x0, x1, top, bottom, text, ch["size"], bold, italic, True, cx, cy))
            continue
        a, b = ch["matrix"][0], ch["matrix"][1]
        append(turned_glyph(text, x0, x1, top, bottom, a, b, bold, italic, cx, cy))
    return out


def font_style(font: str) -> tuple[bool, bool]:
    """(bold, italic) from a font's name: ``…-Bold``, ``…-BoldItalic``, ``…Oblique``."""
    return bool(_BOLD.search(font)), bool(_ITALIC.search(font))


def turned_glyph(
    text: str,
    x0: float,
    x1: float,
    top: float,
    bottom: float,
    a: float,
    b: float,
    bold: bool,
    italic: bool,
    cx: float,
    cy: float,
) -> Glyph:
    """A glyph whose text matrix turns it, in its own reading frame.

    The frame comes from the text matrix direction (a, b): ``u = a*x - b*t`` and
    ``v = b*x + a*t`` with ``t`` the top-down page coordinate, so upright text keeps
    (x, top), bottom-to-top text (matrix 0 1 -1 0) reads with growing height and its lines
    advance to the right, top-to-bottom text the other way round.
    """
    scale = math.hypot(a, b) or 1.0
    da, db = a / scale, b / scale
    us = (da * x0 - db * top, da * x1 - db * top, da * x0 - db * bottom, da * x1 - db * bottom)
    vs = (db * x0 + da * top, db * x1 + da * top, db * x0 + da * bottom, db * x1 + da * bottom)
    # pdfminer reports a rotated char's "size" as its advance; its extent across the
    # line is the size an upright char reports
    v0, v1 = min(vs), max(vs)
    g = Glyph(min(us), max(us), v0, v1, text, v1 - v0, bold, italic, False, cx, cy)
    g.rot = round(math.degrees(math.atan2(db, da))) % 360
    return g


@dataclass(slots=True)
class Line:
    """Glyphs on one text line, in reading order."""

    glyphs: list[Glyph]
    page: int
    u0: float = 0.0
    u1: float = 0.0
    v0: float = 0.0
    v1: float = 0.0
    size: float = 0.0
    text: str = ""  # raw text with spaces inserted at gaps (not cleaned)
    bullet: str | None = None
    body_u0: float = 0.0  # where the text starts after a bullet / number label
    first_word: float = 0.0  # width of the first word (after the bullet)
    marker_glyphs: int = 0  # glyphs of the bullet / number label at the line start
    items: list[tuple[str, Glyph | None]] = field(default_factory=list)
    label: str | None = None  # a numbering label typed by hand, as printed (`7.1`)

    @property
    def baseline(self) -> float:
        return self.v1

    def __reduce__(self) -> tuple[type[Line], tuple[object, ...]]:
        """Pickle as the constructor's arguments (see ``Glyph.__reduce__``)."""
        return (
            type(self),
            (
                self.glyphs,
                self.page,
                self.u0,
                self.u1,
                self.v0,
                self.v1,
                self.size,
                self.text,
                self.bullet,
                self.body_u0,
                self.first_word,
                self.marker_glyphs,
                self.items,
                self.label,
            ),
        )

    @property
    def rot(self) -> int:
        return self.glyphs[0].rot

    @property
    def bold(self) -> bool:
        return all(g.bold for g in self.glyphs if g.text.strip())


def build_lines(glyphs: Sequence[Glyph], page: int) -> list[Line]:
    """Cluster glyphs into lines (by vertical centre) and lay each line out left to right."""
    if not glyphs:
        return []
    # sort by (vertical centre, u0); the centre is ``Glyph.vc``, computed once here
    ordered = [((g.v0 + g.v1) / 2, g.u0, i, g) for i, g in enumerate(glyphs)]
    ordered.sort()
    groups: list[list[Glyph]] = []
    first = ordered[0]
    current: list[Glyph] = [first[3]]
    anchor = first[0]
    tol = max(first[3].size, 1.0) * 0.45
    for vc, _, _, g in ordered[1:]:
        if vc - anchor <= tol:
            current.append(g)
        else:
            groups.append(current)
            current = [g]
            anchor = vc
            tol = max(g.size, 1.0) * 0.45
    groups.append(current)
    return [_make_line(sorted(gs, key=_U0), page) for gs in groups]


_U0 = operator.attrgetter("u0")  # a sort key in C: lines sort every glyph of the page


def split_line(line: Line, gap: float, marker: int = 0) -> list[Line]:
    """Split a line where the horizontal gap between glyphs is at least ``gap`` points;
    never right after its first ``marker`` visible glyphs (a list marker and its text)."""
    parts: list[list[Glyph]] = [[]]
    prev: Glyph | None = None
    seen = 0  # visible glyphs so far
    for g in line.glyphs:
        if prev is not None and g.u0 - prev.u1 >= gap and g.text.strip() and seen != marker:
            parts.append([])
        seen += bool(g.text.strip())
        if g.text.strip() or parts[-1]:
            parts[-1].append(g)
            prev = g if g.text.strip() else prev
    return [_make_line(p, line.page) for p in parts if any(g.text.strip() for g in p)]


# presentation-form ligatures a font's ToUnicode maps to one code point (Chromium's print
# to PDF: 'Oﬃcer' in ho7_rp03_web_page_print.pdf, 'staﬀ' in ho7_cf02_web_page_cards.pdf)
# read as their letters, as a reader types them
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}


def _make_line(gs: list[Glyph], page: int) -> Line:
    items: list[tuple[str, Glyph | None]] = []
    append = items.append
    spelt = _LIGATURES.get  # per glyph: held in a local
    sizes: dict[float, int] = {}  # rounded size -> visible glyphs (first seen wins ties)
    size = key = math.nan  # the last visible glyph's size, and that size rounded
    p_text: str | None = None  # the previous glyph kept: text, u0, u1, size
    p_u0 = p_u1 = p_size = 0.0
    u0 = u1 = v0 = v1 = math.nan  # extents: the visible glyphs across, all up and down
    for g in gs:
        text, g_u0, g_size = g.text, g.u0, g.size
        visible = text.strip()
        if visible or g.field is not None:
            u0 = g_u0 if not u0 <= g_u0 else u0
            u1 = g.u1 if not u1 >= g.u1 else u1
        v0 = g.v0 if not v0 <= g.v0 else v0
        v1 = g.v1 if not v1 >= g.v1 else v1
        if p_text is not None:
            # overprinted duplicates (fake bold) would double every letter
            if text == p_text and abs(g_u0 - p_u0) < 0.05 * g_size and text != " ":
                continue
            larger = g_size if g_size >= p_size else p_size
            if g_u0 - p_u1 > 0.18 * larger and p_text != " " and text != " ":
                append((" ", None))
        append((spelt(text, text), g))
        if visible:
            if g_size != size:
                size, key = g_size, round(g_size, 1)
            sizes[key] = sizes.get(key, 0) + 1
        p_text, p_u0, p_u1, p_size = text, g_u0, g.u1, g_size
    line = Line(
        glyphs=gs,
        page=page,
        u0=gs[0].u0 if u0 != u0 else u0,
        u1=gs[-1].u1 if u1 != u1 else u1,
        v0=v0,
        v1=v1,
        size=max(sizes, key=sizes.__getitem__) if sizes else gs[0].size,
        items=items,
    )
    line.text = "".join([t for t, _ in items])
    _find_marker(line)
    return line


def _find_marker(line: Line) -> None:
    """Detect a leading bullet glyph or numbering label and where the text after it starts."""
    vis = [g for g in line.glyphs if g.text.strip()]
    line.body_u0 = line.u0
    if not vis:
        return
    first = vis[0]
    start = 0
    if _unmapped_bullet(vis):
        # a symbol glyph the font does not map to text (`(cid:127)`, reportlab's Helvetica
        # bullet in rpf13) set apart before the text at a line start: a bullet
        line.bullet = "•"
        start = 1
    elif first.text in LINE_BULLETS and len(vis) > 1:
        # a glyph alone on its line is the value, as in the Word reader: person
        # specifications tick Essential/Desirable columns (✓, Wingdings U+F0FC, even •)
        line.bullet = first.text
        start = 1
    else:
        # a number label followed by a tab-like gap: "1.<tab>Text", "(a)<tab>Text",
        # "7.1<tab>Text" (foreign ho_rp02, ho_rp06: numbering typed by hand)
        label = []
        for i, g in enumerate(vis[:6]):
            label.append(g.text)
            nxt = vis[i + 1] if i + 1 < len(vis) else None
            if nxt is None:
                break
            if nxt.u0 - g.u1 > 0.5 * g.size:
                word = "".join(label)
                # `7.1` ends in no mark: only a tab-wide gap tells it from `1.5 days`
                wide = word[-1] in ".)" or nxt.u0 - g.u1 > 0.9 * g.size
                if wide and _NUMBER_LABEL.match(word):
                    # the Word reader names numbering by its pattern ("%1." -> "#.")
                    line.bullet = "#" + (word[-1] if word[-1] in ".)" else "")
                    line.label = word
                    start = i + 1
                break
    _measure_body(line, vis, start)


_UNMAPPED = re.compile(r"^\(cid:\d+\)$")


def _unmapped_bullet(vis: list[Glyph]) -> bool:
    if len(vis) < 2 or not _UNMAPPED.match(vis[0].text):
        return False
    return vis[1].u0 - vis[0].u1 > 0.5 * vis[1].size


def _measure_body(line: Line, vis: list[Glyph], start: int) -> None:
    """Where the text after the first ``start`` (marker) glyphs begins, and its first word."""
    line.marker_glyphs = start
    rest = vis[start:]
    if not rest:
        return
    line.body_u0 = rest[0].u0
    end = rest[0].u1
    in_word = True
    for a, b in pairwise(rest):
        if b.u0 - a.u1 > 0.18 * b.size:
            # line breaking never puts a lone closing mark at a line start ("panel :" in
            # 002 moves as one), so it counts with the first word
            if b.text not in _NO_BREAK_BEFORE:
                break
            in_word = False
        elif not in_word and b.text not in _NO_BREAK_BEFORE:
            break
        end = b.u1
    line.first_word = end - rest[0].u0


def mark_flush_numbers(lines: Sequence[Line]) -> None:
    """Numbering labels set flush against their text are list markers too.

    LibreOffice sets a label wider than the list's gap (`10.` where `9.` fitted) with next
    to no space before the text, but the text still starts at the indent the list's
    earlier items use (rpf04's 24 numbered duties). A line whose label is followed by text
    starting where an earlier numbered line at the same left edge and size started its
    text gets the same marker. ``lines`` are one flow in reading order (pages follow on).
    """
    indents: dict[tuple[int, float], float] = {}
    for line in lines:
        key = (round(line.u0), line.size)
        if line.bullet is not None:
            if line.bullet.startswith("#"):
                indents[key] = line.body_u0
            continue
        body = indents.get(key)
        if body is None:
            continue
        vis = [g for g in line.glyphs if g.text.strip()]
        for i, g in enumerate(vis[:5]):
            if g.text not in ".)":
                continue
            word = "".join(x.text for x in vis[: i + 1])
            nxt = vis[i + 1] if i + 1 < len(vis) else None
            if nxt is not None and _NUMBER_LABEL.match(word) and abs(nxt.u0 - body) <= 1.0:
                line.bullet = "#" + word[-1]
                _measure_body(line, vis, i + 1)
            break


def typical_pitch(lines: Sequence[Line]) -> dict[float, float]:
    """Baseline-to-baseline distance of wrapped lines, per font size, learnt from the file.

    The smallest common pitch for a size is the tight one (lines of one paragraph); larger
    pitches carry paragraph spacing. Defaults to 1.15 em (Arial/Liberation Sans metrics).
    """
    seen: dict[float, Counter[float]] = {}
    for a, b in pairwise(lines):
        if a.page != b.page or a.size != b.size:
            continue
        if b.u0 >= a.u1 or a.u0 >= b.u1:
            continue  # side by side (a label column beside its values): no wrap between them
        pitch = round(b.baseline - a.baseline, 1)
        if 0.95 * a.size <= pitch <= 1.6 * a.size:
            seen.setdefault(a.size, Counter())[pitch] += 1
    out: dict[float, float] = {}
    for size, counts in seen.items():
        if max(counts.values()) >= 3:
            # a pitch seen once beside a well-attested one is a stray (single-spaced footer
            # lines under a body set at 1.08 lines, ho3_rp03), not the document's wrap
            counts = Counter({p: n for p, n in counts.items() if n > 1})
        lowest = min(counts)
        # the tight pitch: the most frequent pitch within 8% of the smallest one
        near = {p: n for p, n in counts.items() if p <= lowest * 1.08}
        out[size] = max(near, key=lambda p: (near[p], -p))
    return out


@dataclass(slots=True)
class ParaDraft:
    """Lines that make one paragraph, before they become a layout ``Paragraph``."""

    lines: list[Line]
    edge: float | None = None  # the container's hard right edge (a ruled cell's text edge)
    words: frozenset[str] | None = None  # the document's whole words (see ``whole_words``)
    origin: float = 0.0  # where its text column starts past the page's first (list indents)

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def last(self) -> Line:
        return self.lines[-1]


def group_paragraphs(
    lines: Sequence[Line],
    right: float,
    pitches: dict[float, float],
    edge: float | None = None,
    words: frozenset[str] | None = None,
) -> list[ParaDraft]:
    """Split consecutive lines (one container: a cell or a page body) into paragraphs.

    ``edge`` is the container's known right boundary (a ruled cell's box less its padding),
    where a word too long for the column is broken (see ``broken_word``, which also reads
    the document's ``words``).
    """
    paras: list[ParaDraft] = []
    for line in lines:
        if paras and continues(paras[-1], line, right, pitches):
            paras[-1].lines.append(line)
        else:
            paras.append(ParaDraft([line], edge, words))
    return paras


_TYPED_NUMBER = re.compile(r"^\s*(\d{1,2})[.)]\s")


def _next_number(first: str, text: str) -> bool:
    """`2. Monitor …` under a paragraph that began `1. Manage …`: the next number of a typed
    list starts the next item, however full the line before it (a browser's ordered list
    printed to PDF, ho7_rp03)."""
    m, n = _TYPED_NUMBER.match(first), _TYPED_NUMBER.match(text)
    return m is not None and n is not None and int(n.group(1)) == int(m.group(1)) + 1


def continues(
    para: ParaDraft, line: Line, right: float, pitches: dict[float, float], same_page: bool = True
) -> bool:
    """Whether ``line`` wraps on from ``para`` rather than starting a new paragraph."""
    prev = para.last
    if line.bullet is not None:
        return False
    if not line.text.strip() or not prev.text.strip():
        return False
    if abs(line.size - prev.size) > 0.6:
        return False
    if _next_number(para.first.text, line.text):
        return False
    # a wholly bold line then a plain one (or the reverse) is a label/title paragraph and its
    # text, not one paragraph: 003-style "Working Together" over its description; an inline
    # bold lead-in shares its first line with plain text and is not affected
    first_bold = next((g.bold for g in line.glyphs if g.text.strip()), False)
    if prev.bold != line.bold and prev.bold != first_bold:
        return False
    if same_page:
        tight = pitches.get(prev.size, prev.size * 1.15)
        pitch = line.baseline - prev.baseline
        if pitch > tight + max(1.2, 0.12 * prev.size) or pitch < 0.5 * prev.size:
            return False
    else:
        # across a page break: a line that ends a sentence ends the paragraph (002 evidence)
        if prev.text.rstrip().endswith((".", "!", "?")):
            return False
        # 004 statements have no full stop: a capitalised line after a page break starts a
        # new paragraph unless the line before stopped mid-phrase ("… to the" + "Council")
        nxt = line.text.lstrip()[:1]
        words = prev.text.split()
        tail = words[-1].lower() if words else ""
        if not (nxt.islower() or nxt.isdigit() or nxt in "(,;:–-") and not (
            tail in _JOINERS or tail.endswith((",", "-", "–", "&", "/"))
        ):
            return False
    # continuation lines align with the paragraph's text: under the text after a bullet
    # (hanging indent) or under the bullet; after a first-line indent (leading spaces in 002
    # evidence cells) they return to the left
    if len(para.lines) > 1:
        if abs(line.u0 - para.lines[1].u0) > 3.0:
            return False
    else:
        first = para.first
        aligned = (
            abs(line.u0 - first.body_u0) <= 3.0
            or abs(line.u0 - first.u0) <= 3.0
            or abs(line.u0 - _after_number(first)) <= 3.0
        )
        if not aligned and not (first.bullet is None and line.u0 < first.u0):
            return False
    # a hard break: the next line's first word would have fitted after the previous line
    room = right - prev.u1
    space = 0.28 * prev.size
    return not room > line.first_word + space + max(2.0, 0.3 * prev.size)


def _after_number(line: Line) -> float:
    """Where the text after a typed number label starts (`4.2.1  Experience of …`, set off
    by a space or a gap, not read as a list marker): a hanging indent puts the paragraph's
    next lines there (ho7_rp04's outline). NaN when the line opens with no number label."""
    if line.bullet is not None:
        return math.nan
    label: list[str] = []
    seen_space = False
    for text, g in line.items:  # a gap between glyphs is an item (" ", None) of its own
        if not text.strip():
            seen_space = bool(label)
            continue
        if seen_space and g is not None:
            return g.u0 if _NUMBER_LABEL.match("".join(label)) else math.nan
        label.append(text)
        if len(label) > 8:
            break
    return math.nan


def hyphen_join(before: str, after: str) -> str:
    """Join two wrapped lines: ``hard-`` + ``to-reach`` -> ``hard-to-reach`` (004 pdf); a
    line broken right after a slash with no space glyph (``Programming/`` + ``software``,
    ho_sm01's pdf) goes on without a space too."""
    b = before.rstrip()
    a = after.lstrip()
    if len(b) >= 2 and b[-1] == "-" and b[-2].isalpha() and a[:1].isalnum():
        return ""
    if len(before) >= 2 and before[-1] == "/" and before[-2].isalnum() and a[:1].isalnum():
        return ""
    # `Children'` + `s activities` (ho4_sm07's pdf): a narrow column broken after an
    # apostrophe with no space glyph; the tail is a contraction's or possessive's letters
    if (
        len(before) >= 2
        and before[-1] in "'’"
        and before[-2].isalpha()
        and _APOSTROPHE_TAIL.match(a)
    ):
        return ""
    return " "


_APOSTROPHE_TAIL = re.compile(r"^(?:s|t|d|m|ll|re|ve)\b", re.I)


def broken_word(
    prev: Line, line: Line, edge: float | None, words: frozenset[str] | None = None
) -> bool:
    """Whether ``line`` starts with the rest of a word broken at the end of ``prev``.

    LibreOffice breaks a word that is wider than a narrow table column wherever the column
    ends, with no hyphen ("Unde" / "rstan" / "ding"). Geometry tells it from an ordinary
    wrap: no space glyph ends ``prev`` although one would have fitted (LibreOffice keeps one
    at a word-boundary wrap, so callers pass ``edge`` only for text that carries space
    glyphs), the next character would not have fitted before the edge, and the joined word
    is wider than the column.

    Where even a space would not have fitted, LibreOffice writes no space glyph at a word
    boundary either ("Band" / "4" in the v10 matrix PDF), and a word may overflow the
    measured edge by less than a glyph: geometry cannot tell. Words can (``_word_piece``):
    the pieces join into a word while one of them is none ("coordina" / "tion",
    "Weight" / "s" in the skills_matrix corpus's PDFs), or the line ends in letters that
    are no word in English nor anywhere else in the document (``words``, from
    ``whole_words``); "Uses the case" / "management" and "Highway" / "inspections" stay apart.
    """
    if edge is None or not prev.glyphs:
        return False
    last = prev.glyphs[-1]
    nxt = next((g for g in line.glyphs if g.text.strip()), None)
    if nxt is None or not last.text.isalnum() or not nxt.text.isalnum():
        return False
    room = edge - last.u1
    if room >= (nxt.u1 - nxt.u0) + 1.0:
        return False
    start = last.u0
    for text, g in reversed(prev.items):
        if g is None or not text.strip():
            break
        start = g.u0
    joined = (last.u1 - start) + line.first_word
    column = edge - line.u0
    # a space is 0.25-0.35 em wide: room for the widest is room for any. LibreOffice drops
    # the space glyph of a wrap whose space would overflow the edge by a little (ho_sm11's
    # `Reader` / `development` in DejaVu Serif Bold): a narrower room is left to the words
    # where the document's words are known
    wide = room >= 0.36 * last.size or words is None
    if room >= 0.3 * last.size and wide and joined > column + 1.0:
        return True
    return words is not None and joined > column - 1.0 and _word_piece(prev, line, words)


_PUNCT = "\"'“”‘’()[]{},.;:!?*†‡§–—-/"


def _word_piece(prev: Line, line: Line, words: frozenset[str]) -> bool:
    """``prev`` ends in a piece of a word and ``line`` goes on with the rest of it, in lower
    case: the pieces make a word and are not both words, or the first is no word at all."""
    tail = prev.text.split()[-1].strip(_PUNCT) if prev.text.split() else ""
    head = line.text.split()[0] if line.text.split() else ""
    rest = _LEADING_WORD.match(head)
    if (
        len(tail) < 2
        or not tail.isalpha()
        or tail.isupper()  # an acronym (`IT` / `systems`) is a word of its own
        or rest is None
        or not head[:1].islower()
    ):
        return False
    joined = tail + rest.group()
    if _is_word(joined, words) and not (_is_word(tail, words) and _is_word(rest.group(), words)):
        return True
    if len(rest.group()) == 1 and head == rest.group() and rest.group() not in _ONE_LETTER_WORDS:
        return True  # a lone letter that is no word ends a word (`Grad` / `d`, ho_sm09's pdf)
    if (
        len(prev.text.split()) > 1
        and not _is_word(joined, words)
        and len(rest.group()) >= 3
        and rest.group().casefold() in words
    ):
        # the line ends in a word begun after a space, the next starts with a word written
        # whole in the document and the pieces make none: an ordinary wrap in a language the
        # dictionary does not know (Welsh `o mewn` / `tîm`, ho_sm09's pdf). A piece alone on
        # its line is the middle of a longer word (`Com` / `munic` / `ation skills`,
        # narrow_columns.pdf), whatever its rest makes.
        return False
    return not _is_word(tail, words)


# One-letter words (English, Welsh): a lone letter on a line may be a word of its own.
_ONE_LETTER_WORDS = frozenset("aiouy")


_LEADING_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _is_word(text: str, words: frozenset[str]) -> bool:
    """A word of three letters or more (the dictionary holds stray one- and two-letter
    tokens) written whole in the document, or in the English dictionary."""
    key = text.casefold()
    return len(key) >= 3 and (key in words or key in _english())


@functools.cache
def _english() -> WordFrequency:
    """pyspellchecker's English word list, loaded once, only when a break is ambiguous."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1).word_frequency


def whole_words(lines: Iterable[Line]) -> frozenset[str]:
    """Words a space follows on their line, case folded: complete at their end wherever
    they stand (a word broken at a cell's edge ends its line with no space after it)."""
    out: set[str] = set()
    for ln in lines:
        tokens = ln.text.split()
        ended = tokens if ln.text.endswith(" ") else tokens[:-1]
        out.update(t.strip(_PUNCT).casefold() for t in ended)
    out.discard("")
    return frozenset(out)


def make_paragraph(
    draft: ParaDraft, where: Provenance, fields_out: list[FormField] | None = None
) -> Paragraph:
    """Build the layout paragraph: cleaned text, bullet stripped, formatting runs, fields.

    Glyph texts go straight into runs of one style (bold, italic, underline); a space the
    line put between glyphs, and a separator between lines, takes the style of the piece
    before it, and white space joins whatever run it follows.
    """
    parts: list[list[str]] = []  # each run's pieces, joined once
    styles: list[tuple[bool, bool, bool]] = []
    fields: list[FormField] = []
    bullet = draft.first.bullet
    last: tuple[bool, bool, bool] = (False, False, False)  # the last piece's style
    for li, line in enumerate(draft.lines):
        items = line.items
        if li == 0 and bullet is not None:
            items = _drop_marker(items, line.marker_glyphs)
        if li > 0:
            # hyphen_join reads the last two letters before and the first one after
            sep = hyphen_join(_tail(parts), _head(items))
            if sep and broken_word(draft.lines[li - 1], line, draft.edge, draft.words):
                sep = ""
            if sep:
                if parts and (styles[-1] == last or not sep.strip()):
                    parts[-1].append(sep)
                else:
                    parts.append([sep])
                    styles.append(last)
        for text, g in items:
            if g is None:
                style = last
            elif g.field is not None:
                fields.append(g.field)
                continue
            else:
                style = (g.bold, g.italic, g.underline)
            if parts and (styles[-1] == style or not text.strip()):
                parts[-1].append(text)  # the same style, or spaces: they join the run before
            else:
                parts.append([text])
                styles.append(style)
            last = style
    runs = [Run("".join(p), *style) for p, style in zip(parts, styles, strict=True)]
    raw = "".join(r.text for r in runs)
    text = clean(raw)
    if _LEADER_PAGE.search(text):
        # a TOC line: Word draws the dot leader as a tab leader, the PDF as dots (003)
        text = _LEADER_PAGE.sub(r" \1", text)
        for r in runs:
            r.text = _LEADER_PAGE.sub(r" \1", r.text) if _LEADER_PAGE.search(r.text) else r.text
            r.text = _LEADER_DOTS.sub(" ", r.text)
    # leading/trailing whitespace-only differences are not formatting
    for r in runs:
        r.text = _RUN_SPACES.sub(" ", r.text)
    runs = [r for r in runs if r.text]
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()
        runs = [r for r in runs if r.text]
    visible = [r for r in runs if r.text.strip()]
    sizes: Counter[float] = Counter()
    for line in draft.lines:
        sizes[line.size] += len(line.glyphs)
    para = Paragraph(
        text=text,
        where=where,
        bullet=bullet,
        label=draft.first.label if bullet is not None else None,
        list_level=0 if bullet is not None else None,
        bold=bool(visible) and all(r.bold for r in visible),
        italic=bool(visible) and all(r.italic for r in visible),
        underline=bool(visible) and all(r.underline for r in visible),
        runs=runs,
        fields=fields,
        font_size=sizes.most_common(1)[0][0] if sizes else None,
    )
    if fields_out is not None:
        fields_out.extend(fields)
    return para


def _tail(parts: list[list[str]]) -> str:
    """The end of the runs' text, long enough to hold its last two non-space letters."""
    tail = ""
    for run in reversed(parts):
        for piece in reversed(run):
            tail = piece + tail
            if len(tail.rstrip()) >= 2:
                return tail
    return tail


def _head(items: list[tuple[str, Glyph | None]]) -> str:
    """The start of the items' text up to its first non-space letter."""
    head = ""
    for text, _ in items:
        head += text
        if head.strip():
            break
    return head


def _drop_marker(
    items: list[tuple[str, Glyph | None]], n_glyphs: int
) -> list[tuple[str, Glyph | None]]:
    """Remove the leading bullet/number label (and the gap after it) from a line's items."""

    def blank(item: tuple[str, Glyph | None]) -> bool:
        return not item[0].strip() and (item[1] is None or item[1].field is None)

    out = list(items)
    while out and blank(out[0]):
        out.pop(0)
    taken = 0
    while out and taken < n_glyphs:
        if out.pop(0)[0].strip():
            taken += 1
    while out and blank(out[0]):
        out.pop(0)
    return out


def assign_list_levels(paras: Sequence[Paragraph], indents: Sequence[float]) -> None:
    """Nesting level of bulleted paragraphs from the distinct bullet indents in a container."""
    marks = sorted({round(x / 4) for p, x in zip(paras, indents, strict=True) if p.bullet})
    for p, x in zip(paras, indents, strict=True):
        if p.bullet is not None:
            p.list_level = marks.index(round(x / 4))
