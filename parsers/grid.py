"""A 2-D grid of cell values (a CSV/TSV file, a worksheet) into layout blocks.

Text tables and worksheets have no notion of "table" or "paragraph": the author types a title
in A1, leaves a blank row, types a header and rows of values, leaves a blank row, types a
footnote. This module recovers those blocks from the grid alone, the same way for every grid
format, so the kind extractors see Word-like paragraphs and tables:

* a row with one non-empty cell is a paragraph (title, intro sentence, footnote), unless it
  sits between table rows (the seed's `Economic development and regeneration` descriptor row
  has a name and nothing else, in the middle of its table) or right under a table, right of
  its first column (a last row whose label cell is left blank);
* consecutive rows with two or more non-empty cells form a table; a blank row ends it
  (except one right under a lone header row: worksheets leave one for air);
* each table is trimmed to the columns it uses (the seed's descriptor block ends in 4 empty
  tab fields, the second block in 3: both become 4-column tables).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from roleframe.parsers.layout import Block, Cell, Paragraph, Run, Table
from roleframe.parsers.limits import Limits
from roleframe.parsers.safety import limit_exceeded
from roleframe.parsers.text import clean, split_bullet
from roleframe.schema import Provenance


@dataclass(slots=True)
class GridCell:
    """One non-empty (or merged) cell of a source grid, before it is placed in a block."""

    text: str  # as written; may hold line breaks (Excel Alt+Enter), cleaned per line later
    where: Provenance  # source coordinates only (line, or sheet + cell); table coords added here
    value: object = None  # the typed value where the format has one (Excel int/float/date)
    row_span: int = 1
    col_span: int = 1
    vertical_text: bool = False
    bold: bool = False
    italic: bool = False
    underline: bool = False
    font_size: float | None = None


@dataclass(slots=True)
class GridRow:
    """A source row: its cells by 0-based column, plus how many fields the source line had.

    ``fields`` matters for text: a title line has one field, a table row with a single
    filled cell still has as many fields as its neighbours (tabs or commas keep their place).
    Worksheets have no such count (None).
    """

    cells: dict[int, GridCell] = field(default_factory=dict)
    fields: int | None = None
    _filled: list[int] | None = None

    def filled(self) -> list[int]:
        """Columns whose cell has visible text, in order (computed once: rows are final)."""
        if self._filled is None:
            self._filled = sorted(c for c, cell in self.cells.items() if clean(cell.text))
        return self._filled


def _lines(text: str) -> list[str]:
    return [clean(line) for line in text.splitlines() if clean(line)]


def _paragraph(
    cell: GridCell, where: Provenance, text: str | None = None, *, in_list: bool = False
) -> Paragraph:
    """A paragraph from a cell (``text``: one of its lines, already cleaned). A line of a
    multi-line cell that opens with a bullet glyph is a list item, glyph split off like
    the Word reader does (cf10 workbook: `• Keeps passwords secure.` lines in one cell)."""
    text = clean(cell.text) if text is None else text
    bullet = None
    if in_list:
        glyph, rest = split_bullet(text)
        if glyph is not None and rest:
            bullet, text = glyph, rest
    return Paragraph(
        text=text,
        where=where,
        bullet=bullet,
        bold=cell.bold,
        italic=cell.italic,
        underline=cell.underline,
        runs=[Run(text, cell.bold, cell.italic, cell.underline)] if text else [],
        font_size=cell.font_size,
    )


def _carried(rows: list[GridRow]) -> list[int]:
    """Per row, how many of its columns a filled cell merged down from a row above covers."""
    carried = [0] * len(rows)
    for i, row in enumerate(rows):
        for cell in row.cells.values():
            if cell.row_span > 1 and clean(cell.text):
                for k in range(i + 1, min(i + cell.row_span, len(rows))):
                    carried[k] += cell.col_span
    return carried


def _is_table_row(
    rows: list[GridRow], i: int, in_table: bool, carried: int, first_column: int | None = None
) -> bool:
    """Whether row i belongs to a table (see the module docstring for the rules)."""
    row = rows[i]
    filled = row.filled()
    if len(filled) + (carried if in_table else 0) >= 2:
        return True
    if len(filled) != 1 or not in_table:
        return False
    # One filled cell directly under a table row: still a table row when the next row is one
    # (a name with empty values mid-table), or when a text line kept its field count.
    if row.fields is not None and row.fields >= 2:
        return True
    if first_column is not None and filled[0] > first_column:
        # Right of the table's first column, under the table: a continuation row whose
        # label cell is left blank (ho_pf03's last criterion); titles and notes are typed
        # in the first column.
        return True
    nxt = rows[i + 1] if i + 1 < len(rows) else None
    return nxt is not None and len(nxt.filled()) >= 2


def _spacer_under_header(rows: list[GridRow], i: int, run: list[GridRow]) -> bool:
    """A blank row between a header row and its body does not end the table.

    Worksheets often leave one empty row under a header for air; a header alone is no table.
    Only a lone row of three or more cells counts as a header (a `Service: | Housing` pair
    above a table stays apart), and only when the row after the blank one is a table row.
    """
    if len(run) != 1 or len(run[0].filled()) < 3 or rows[i].filled():
        return False
    nxt = rows[i + 1] if i + 1 < len(rows) else None
    return nxt is not None and len(nxt.filled()) >= 2


def grid_to_blocks(
    rows: list[GridRow], first_table_index: int, limits: Limits, sheet: str | None = None
) -> list[Block]:
    """Split a grid into paragraphs and tables, in row order.

    ``first_table_index`` numbers the tables in document order across sheets; ``sheet`` names
    the worksheet in error messages.
    """
    if len(rows) > limits.max_rows:
        where = f" on sheet {sheet!r}" if sheet else ""
        raise limit_exceeded(
            "max_rows",
            len(rows),
            limits.max_rows,
            f"The table has {len(rows):,} rows{where}; the limit is {limits.max_rows:,} "
            "(max_rows).",
        )
    blocks: list[Block] = []
    run: list[GridRow] = []
    table_index = first_table_index

    def flush() -> None:
        nonlocal table_index
        if run:
            blocks.append(_table(run, table_index, limits))
            table_index += 1
            run.clear()

    carried = _carried(rows)
    for i, row in enumerate(rows):
        first_column = min((r.filled()[0] for r in run if r.filled()), default=None)
        if _is_table_row(rows, i, bool(run), carried[i], first_column):
            run.append(row)
            continue
        if _spacer_under_header(rows, i, run):
            continue
        flush()
        filled = row.filled()
        if filled:  # exactly one filled cell: a paragraph
            cell = row.cells[filled[0]]
            blocks.append(_paragraph(cell, cell.where))
    flush()
    return blocks


def _table(rows: list[GridRow], index: int, limits: Limits) -> Table:
    """Build one table from consecutive rows, trimmed to the columns it uses."""
    used = [c for row in rows for c in row.filled()]
    first, last = min(used), max(used)
    # A merged cell keeps its whole span inside the table even where only its origin is filled.
    for row in rows:
        for c, cell in row.cells.items():
            if clean(cell.text) and c + cell.col_span - 1 > last:
                last = c + cell.col_span - 1
    n_cols = last - first + 1
    if n_cols > limits.max_cols:
        raise limit_exceeded(
            "max_cols",
            n_cols,
            limits.max_cols,
            f"A table has {n_cols:,} columns; the limit is {limits.max_cols:,} (max_cols).",
        )
    table_where = _table_where(rows[0], first, index)
    table = Table(index=index, where=table_where, n_cols=n_cols)
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        cells: list[Cell] = []
        for c in range(n_cols):
            if (r, c) in covered:
                continue
            source = row.cells.get(first + c)
            row_span = min(source.row_span, len(rows) - r) if source else 1
            col_span = min(source.col_span, n_cols - c) if source else 1
            for dr in range(row_span):
                for dc in range(col_span):
                    if dr or dc:
                        covered.add((r + dr, c + dc))
            if source is None:
                where = _at(_empty_where(row, first + c, table_where), table=index, row=r, column=c)
                cells.append(Cell(row=r, col=c, where=where))
                continue
            where = _at(source.where, table=index, row=r, column=c)
            lines = _lines(source.text)
            paragraphs = [
                _paragraph(source, _at(where, paragraph=k), line, in_list=len(lines) > 1)
                for k, line in enumerate(lines)
            ]
            cells.append(
                Cell(
                    row=r,
                    col=c,
                    where=where,
                    paragraphs=paragraphs,
                    row_span=row_span,
                    col_span=col_span,
                    vertical_text=source.vertical_text,
                    value=source.value,
                )
            )
        table.rows.append(cells)
    return table


def _at(base: Provenance, **coords: int | str) -> Provenance:
    """``base`` with table coordinates added (one call per cell and per cell paragraph)."""
    fields: dict[str, Any] = {
        "page": base.page,
        "sheet": base.sheet,
        "cell": base.cell,
        "line": base.line,
        "table": base.table,
        "row": base.row,
        "column": base.column,
        "paragraph": base.paragraph,
    }
    fields.update(coords)
    return Provenance(**fields)


def _table_where(first_row: GridRow, first_col: int, index: int) -> Provenance:
    """A table's provenance: its first source line, or its sheet and top-left cell."""
    cell = first_row.cells.get(first_col) or next(iter(first_row.cells.values()))
    return cell.where.with_(table=index)


def _empty_where(row: GridRow, col: int, table_where: Provenance) -> Provenance:
    """Provenance of a position the source left empty: same line, or the cell ref it would have."""
    any_cell = next(iter(row.cells.values()), None)
    if any_cell is None:
        return table_where
    base = any_cell.where
    if base.cell is not None:
        return base.with_(cell=f"{column_letter(col)}{_row_number(base.cell)}")
    return base


def column_letter(col: int) -> str:
    """0-based column index to Excel letters: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _row_number(ref: str) -> int:
    return int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ$").replace("$", ""))
