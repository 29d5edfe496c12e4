"""A factor listing printed as text lines: an HR system's report set in a fixed-width font.

Such a report has no table: a column-heading line (`FAC  FACTOR DESCRIPTION  LEVEL
POINTS`), a rule of dashes, then one line per factor (`01  KNOWLEDGE   4   94`) whose last
words are the values of the columns the heading line names after the factor's name. The
cues are structural: the heading line's words (a factor/element word, then only level,
points and whose-decision words), and body lines ending in as many short values. A PDF of
the same report may come out as a two-column table whose rows are these lines, so a table
row joined left to right is read as a line too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from roleframe.parsers.kinds.je_factors import Unit, close_unit, fill_unit, has_level
from roleframe.parsers.kinds.je_fields import slot_of
from roleframe.parsers.kinds.je_vocab import (
    ColumnKind,
    column_kind,
    is_short_value,
    result_label,
    role,
    split_numbering,
)
from roleframe.parsers.layout import Block, Cell, Paragraph, Table
from roleframe.schema import Provenance
from roleframe.schema.je_form import LevelValue

# A rule under the heading line, or left at a line's end by a PDF (`13 … 1 13 ------`).
_RULE = re.compile(r"^[-=_.~*]{2,}$")
_MAX_VALUE_CHARS = 5


@dataclass(frozen=True, slots=True)
class Heading:
    """A listing's heading line: whether a number column comes before the names (`FAC`,
    `NO`), and the value columns after them."""

    numbered: bool
    columns: list[str]


def heading_columns(text: str) -> Heading | None:
    """The value columns a listing's heading line names after the factor name (`LEVEL`,
    `POINTS`, `AGREED LEVEL`), or None when the line is no such heading: it needs a factor
    or element word, and after it nothing but level, points and decision words."""
    words = text.split()
    if not 2 <= len(words) <= 12:
        return None
    named = [i for i, w in enumerate(words) if column_kind(w) is ColumnKind.NAME]
    if not named or named[0] > 1:
        return None
    columns: list[str] = []
    prefix: list[str] = []
    for word in words[named[-1] + 1 :]:
        kind = column_kind(word)
        if kind in (ColumnKind.LEVEL, ColumnKind.POINTS):
            columns.append(" ".join([*prefix, word]))
            prefix = []
        elif role(word, alone=True) is not None:
            prefix.append(word)
        elif not columns and kind in (ColumnKind.EVIDENCE, ColumnKind.NONE):
            continue  # `FACTOR DESCRIPTION`, `FACTOR NAME`: still the name's heading
        else:
            return None
    if prefix or len(columns) < 2:
        return None  # `Factor levels` is a heading of prose, not of columns
    return Heading(numbered=named[0] == 1, columns=columns)


# A factor's number or code in a listing's first column (`01`, `F3`, `12.`).
_CODE = re.compile(r"^[A-Za-z]?(\d{1,3})[.)]?$")


def _values(words: list[str], n: int) -> bool:
    return all(len(w) <= _MAX_VALUE_CHARS and is_short_value(w) for w in words[-n:])


def listing_unit(text: str, where: Provenance, heading: Heading) -> Unit | None:
    """One body line of a listing as a factor unit (its name, number and values), or None
    when the line is not one (a total, a sentence, too few values)."""
    words = text.split()
    while words and _RULE.match(words[-1]):
        words.pop()
    columns = heading.columns
    code = _CODE.match(words[0]) if heading.numbered and words else None
    if code is not None:
        words = words[1:]
    n = len(columns)
    if len(words) < n + 1 or not _values(words, n):
        return None
    name_text = " ".join(words[:-n])
    if not re.search(r"[^\W\d_]{2,}", name_text) or result_label(name_text) is not None:
        return None
    name, number = split_numbering(name_text)
    if code is not None:
        number = int(code.group(1))
    unit = Unit(name, number, where)
    pending: list[LevelValue] = []
    for label, value in zip(columns, words[-n:], strict=True):
        cell = Cell(row=0, col=0, where=where, paragraphs=[Paragraph(text=value, where=where)])
        fill_unit(unit, label, [cell], pending)
    unit = close_unit(unit, pending)
    return unit if has_level(unit) else None


def is_rule(text: str) -> bool:
    return bool(text) and all(_RULE.match(w) for w in text.split())


def row_line(table: Table, r: int) -> tuple[str, Provenance] | None:
    """A table row's cells joined left to right as one line (a PDF's rows of a listing)."""
    cells = sorted((c for c in table.rows[r] if c.text), key=lambda c: c.col)
    if not cells:
        return None
    text = " ".join(" ".join(c.text.split()) for c in cells)
    first = cells[0]
    return text, first.paragraphs[0].where if first.paragraphs else first.where


@dataclass(slots=True)
class Listing:
    """A listing being read: its heading and the units read so far."""

    heading: Heading
    units: list[Unit] = field(default_factory=list)

    def take(self, text: str, where: Provenance) -> bool:
        """Read one line; False when it ends the listing (rules are skipped)."""
        if is_rule(text):
            return True
        unit = listing_unit(text, where, self.heading)
        if unit is None:
            return False
        self.units.append(unit)
        return True


def table_listing(table: Table, listing: Listing | None) -> tuple[Listing | None, int]:
    """Read a table whose rows are a listing's lines (a PDF of a fixed-width report):
    its heading row starts one, or rows continue ``listing``. Returns the listing and the
    first row it did not read (0 when the table is none of it)."""
    r = 0
    if listing is None:
        first = row_line(table, 0) if table.rows else None
        heading = heading_columns(first[0]) if first is not None else None
        filled = sum(1 for c in table.rows[0] if c.text) if table.rows else 0
        if heading is None or filled > len(heading.columns):
            # a real factor table names each column in a cell of its own
            return None, 0
        listing, r = Listing(heading), 1
    while r < table.n_rows:
        line = row_line(table, r)
        if line is not None and not listing.take(*line):
            break
        r += 1
    return listing, r


def count_units(blocks: list[Block]) -> int:
    """How many factor lines the listings among these blocks hold (for the kind score)."""
    count = 0
    listing: Listing | None = None
    for block in blocks:
        if isinstance(block, Table):
            listing, stop = table_listing(block, listing)
            if listing is not None:
                count += len(listing.units)
                listing = Listing(listing.heading) if stop == block.n_rows else None
            continue
        if listing is not None and listing.take(block.text, block.where):
            continue
        if listing is not None:
            count += len(listing.units)
        heading = heading_columns(block.text)
        listing = Listing(heading) if heading is not None else None
    return count + (len(listing.units) if listing is not None else 0)


# A dot leader between a label and its colon (`Section . . . . :`), the way a fixed-width
# report aligns its fields.
_LEADER = re.compile(r"\s(?:\.\s?){2,}:")
_MAX_LABEL_WORDS = 5


def leader_lines(p: Paragraph) -> list[Paragraph]:
    """The paragraph split before each dot-leader label after the first: a PDF joined
    `Directorate . . : Finance and Customer Services` and `Section . . : Payroll` into one
    line (ho6_je01). The second label is the shortest run of words before its leader that
    names a known field (`Section`, not `Services Section`), else its last word."""
    leaders = list(_LEADER.finditer(p.text))
    if len(leaders) < 2:
        return [p]
    cuts: list[int] = []
    for prev, leader in pairwise(leaders):
        between = p.text[prev.end() : leader.start()]
        starts = [m.start() for m in re.finditer(r"\S+", between)]
        if len(starts) < 2:
            return [p]  # no value between the two labels
        options = starts[1:][-_MAX_LABEL_WORDS:]
        known = [
            k
            for k in options
            if slot_of(label := between[k:].strip()) is not None or result_label(label)
        ]
        cuts.append(prev.end() + (known[-1] if known else options[-1]))
    parts = [p.text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(p.text)], strict=True)]
    return [Paragraph(text=part, where=p.where) for part in parts if part]
