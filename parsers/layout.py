"""The layout model: what every format reader produces and every kind extractor reads.

A skills-matrix extractor does not care whether its table came from Word, Excel, a PDF or a
TSV file: readers turn each format into the same blocks (paragraphs and tables with cells),
each carrying its provenance. Plain dataclasses, not pydantic: this model is internal and
built in hot loops; only the extracted content is published.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from roleframe.schema import Format, Issue, Provenance


@dataclass(slots=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(slots=True)
class FormField:
    """A form control inside a paragraph: a check box or a text field."""

    kind: Literal["checkbox", "text", "dropdown"]
    name: str = ""
    checked: bool | None = None  # check boxes only; None = state unknown
    value: str = ""  # text fields: the shown value, cleaned ("" when only a placeholder)
    offset: int | None = None  # where in the paragraph's cleaned text the field sits


@dataclass(slots=True)
class Paragraph:
    """One paragraph (or, in text formats, one line/cell value).

    ``text`` is cleaned (see ``parsers.text.clean``) and has any bullet glyph removed; the
    glyph, when there was one, is in ``bullet``. ``bold``/``italic``/``underline`` are true
    when all visible text has that formatting; ``runs`` keep the detail (a bold lead-in run
    followed by plain text is a label inline with its statement).
    """

    text: str
    where: Provenance
    style: str | None = None  # source style name ("Heading 1", "TOC 2", "List Paragraph")
    heading_level: int | None = None  # 0 title, 1.. headings: style, outline level or font size
    list_level: int | None = None  # None: not a list item; 0.. nesting level
    bullet: str | None = None  # the marker seen: "•", "\uf0b7", "1.", "a)" ...
    label: str | None = None  # a numbering label typed by hand that became the marker (PDF)
    bold: bool = False
    italic: bool = False
    underline: bool = False
    runs: list[Run] = field(default_factory=list)
    fields: list[FormField] = field(default_factory=list)
    font_size: float | None = None  # points most visible characters have (PDF; Word cascade)

    @property
    def is_list_item(self) -> bool:
        return self.list_level is not None or self.bullet is not None

    def lead_run(self) -> Run | None:
        """The first run with visible text (where an inline bold label would be)."""
        return next((r for r in self.runs if r.text.strip()), None)


@dataclass(slots=True)
class Cell:
    """A table cell at its top-left grid position; a merged cell appears once, with spans."""

    row: int
    col: int
    where: Provenance
    paragraphs: list[Paragraph] = field(default_factory=list)
    row_span: int = 1
    col_span: int = 1
    tables: list[Table] = field(default_factory=list)  # nested tables, in order
    shaded: bool = False
    vertical_text: bool = False  # text rotated (btLr/tbRl in Word, 90 deg in Excel/PDF)
    value: object = None  # the typed value where the format has one (Excel int/float/date)

    @property
    def text(self) -> str:
        """Non-empty paragraph texts joined by newlines."""
        return "\n".join(p.text for p in self.paragraphs if p.text)

    @property
    def fields(self) -> list[FormField]:
        return [f for p in self.paragraphs for f in p.fields]


@dataclass(slots=True)
class Table:
    """A table in reading order. ``rows[r]`` lists the cells whose origin is in row r."""

    index: int
    where: Provenance
    rows: list[list[Cell]] = field(default_factory=list)
    n_cols: int = 0
    header_rows: int = 0  # leading rows the source marks as repeating headers
    continued: bool = False  # PDF: rows after the first page were joined onto this table

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    def grid(self) -> list[list[Cell | None]]:
        """Every grid position mapped to the cell covering it (merged cells repeat here)."""
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in self.rows]
        for row in self.rows:
            for cell in row:
                for r in range(cell.row, min(cell.row + cell.row_span, len(self.rows))):
                    for c in range(cell.col, min(cell.col + cell.col_span, self.n_cols)):
                        grid[r][c] = cell
        return grid

    def row_texts(self, r: int) -> list[str]:
        """Texts of row r by grid column: a merged cell's text at its origin, '' elsewhere."""
        texts = [""] * self.n_cols
        for cell in self.rows[r]:
            if cell.col < self.n_cols:
                texts[cell.col] = cell.text
        return texts

    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row

    def transposed(self) -> Table:
        """The table turned a quarter (rows become columns), each cell keeping where it sits
        in the file: for layouts written across that the extractors read down."""
        rows: list[list[Cell]] = [[] for _ in range(self.n_cols)]
        for cell in self.cells():
            rows[cell.col].append(
                dataclasses.replace(
                    cell,
                    row=cell.col,
                    col=cell.row,
                    row_span=cell.col_span,
                    col_span=cell.row_span,
                )
            )
        for row in rows:
            row.sort(key=lambda c: c.col)
        return Table(index=self.index, where=self.where, rows=rows, n_cols=self.n_rows)


Block = Paragraph | Table


@dataclass(slots=True)
class Layout:
    """A whole file as blocks in reading order, plus what sits outside the body."""

    format: Format
    blocks: list[Block] = field(default_factory=list)
    page_count: int | None = None
    sheet_names: list[str] = field(default_factory=list)
    headers: list[Paragraph] = field(default_factory=list)  # running page headers
    footers: list[Paragraph] = field(default_factory=list)  # running page footers
    # tables inside running headers/footers, as tables (their text is in headers/footers
    # too): a post's details laid out as labels over values in the page header (ho3_rp08)
    edge_tables: list[Table] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)  # core properties: title, creator…
    warnings: list[Issue] = field(default_factory=list)
    hidden_sheets: list[str] = field(default_factory=list)  # Excel: sheets not shown (still read)

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def all_text(self) -> Iterator[str]:
        """Every text in reading order, paragraphs and cells alike (for kind cues)."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block.text
            else:
                yield from _table_text(block)


def _table_text(table: Table) -> Iterator[str]:
    for cell in table.cells():
        for p in cell.paragraphs:
            yield p.text
        for nested in cell.tables:
            yield from _table_text(nested)
