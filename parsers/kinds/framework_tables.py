"""Tables as frameworks are read: nested tables opened out, spacer rows and columns gone.

Word frameworks come boxed in ways that hide their grid: a form scanned into a table keeps
narrow empty columns and rows between the real ones (ho6_cf02, ho6_pf02), and a level or
band table may sit inside a cell of an outer table (ho6_cf04, ho6_pf04). The PDF reader
already opens a nested table out into rows of its outer table; ``tidy_layout`` does the
same for Word and drops the empty spacers in both, so the framework readers see one plain
grid. Every cell keeps its ``where``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from roleframe.parsers.layout import Block, Cell, Layout, Table
from roleframe.schema.enums import Format

# Formats whose tables are drawn on a page (spreadsheets and delimited text keep their
# blank rows: they separate a sheet's blocks).
_PAGE_FORMATS = (Format.DOCX, Format.PDF)


def tidy_layout(layout: Layout) -> Layout:
    """The layout with every body table tidied (nested tables opened out, spacers dropped);
    the same object when nothing changes."""
    if layout.format not in _PAGE_FORMATS:
        return layout
    blocks: list[Block] = []
    for block in layout.blocks:
        if not isinstance(block, Table):
            blocks.append(block)
            continue
        table = tidy_table(block)
        last = blocks[-1] if blocks else None
        if isinstance(last, Table) and (joined := _continued(last, table)) is not None:
            blocks[-1] = joined
            continue
        blocks.append(table)
    if len(blocks) == len(layout.blocks) and all(
        new is old for new, old in zip(blocks, layout.blocks, strict=True)
    ):
        return layout
    return dataclasses.replace(layout, blocks=blocks)


def _continued(before: Table, table: Table) -> Table | None:
    """``table`` as the rest of ``before`` when it is the top of the next PDF page and,
    without its empty edge columns, has ``before``'s columns (ho6_cf04 PDF: a nested
    table's last row carried over, drawn with the outer table's borders around it)."""
    first = next(iter(table.cells()), None)
    last = next((c for row in reversed(before.rows) for c in row), None)
    if (
        first is None
        or last is None
        or first.where.page is None
        or last.where.page is None
        or first.where.page != last.where.page + 1
    ):
        return None
    grid = table.grid()
    filled = [c for c in range(table.n_cols) if any(not _empty(row[c]) for row in grid)]
    if not filled or filled[-1] - filled[0] + 1 != before.n_cols or len(filled) == table.n_cols:
        return None
    lo, base = filled[0], before.n_rows
    rows = [list(r) for r in before.rows]
    for row in table.rows:
        kept = [c for c in row if lo <= c.col < lo + before.n_cols and not _empty(c)]
        rows.append(
            [dataclasses.replace(c, row=c.row + base, col=c.col - lo, col_span=1) for c in kept]
        )
    return dataclasses.replace(before, rows=rows, continued=True)


def tidy_table(table: Table) -> Table:
    # spacers again after: a name's block may open with an empty row (ho6_cf04 PDF)
    return without_spacers(lead_column_as_rows(without_spacers(opened_out(table))))


def _empty(cell: Cell | None) -> bool:
    return cell is None or (not cell.text.strip() and not cell.tables and not cell.fields)


# --- nested tables --------------------------------------------------------------------------


def opened_out(table: Table) -> Table:
    """Rows whose cells hold a nested table become one row per nested row: the nested
    table's columns replace its host column, the row's other cells merge down the new
    rows, and the other rows' cells in the host column merge across the new columns.
    Left as it is when the nested tables sit in different columns or in merged cells."""
    hosts: dict[int, Cell] = {}  # outer row -> the cell holding its nested table
    for r, row in enumerate(table.rows):
        held = [c for c in row if c.tables]
        if not held:
            continue
        if len(held) > 1 or held[0].row_span > 1 or held[0].col_span > 1:
            return table
        hosts[r] = held[0]
    if not hosts or len({c.col for c in hosts.values()}) > 1:
        return table
    host_col = next(iter(hosts.values())).col
    inner = {r: _stacked([opened_out(t) for t in c.tables]) for r, c in hosts.items()}
    if any(t.n_rows == 0 for t in inner.values()):
        return table
    grid = table.grid()
    if any(c is not None and (c.row != r or c.row_span > 1) for r in hosts for c in grid[r]):
        return table  # a cell merged down over a host row: no safe way to stretch it
    width = max(t.n_cols for t in inner.values())
    extra = width - 1

    def shifted(cell: Cell, row: int, row_span: int) -> Cell:
        col, span = cell.col, cell.col_span
        if col > host_col:
            col += extra
        elif col + span > host_col:
            span += extra  # covers the host column: covers all the new ones
        return dataclasses.replace(cell, row=row, col=col, row_span=row_span, col_span=span)

    rows: list[list[Cell]] = []
    for r, row in enumerate(table.rows):
        base = len(rows)
        if r not in hosts:
            rows.append([shifted(c, base, c.row_span) for c in row])
            continue
        nested = inner[r]
        host = hosts[r]
        lead = 1 if host.text.strip() else 0  # the host's own lines, a row above
        height = lead + nested.n_rows
        new_rows: list[list[Cell]] = [[] for _ in range(height)]
        for cell in row:
            if cell is host:
                continue
            new_rows[0].append(shifted(cell, base, height))
        if lead:
            new_rows[0].append(
                dataclasses.replace(host, row=base, col=host_col, col_span=width, tables=[])
            )
        for i, nested_row in enumerate(nested.rows):
            for cell in nested_row:
                span = cell.col_span
                if cell.col + span == nested.n_cols:
                    span += width - nested.n_cols  # the last column fills the width
                new_rows[lead + i].append(
                    dataclasses.replace(
                        cell, row=base + lead + i, col=host_col + cell.col, col_span=span
                    )
                )
        rows.extend(new_rows)
    for new_row in rows:
        new_row.sort(key=lambda c: c.col)
    return Table(
        index=table.index,
        where=table.where,
        rows=rows,
        n_cols=table.n_cols + extra,
        header_rows=table.header_rows,
        continued=table.continued,
    )


def _stacked(tables: list[Table]) -> Table:
    """Several nested tables in one cell, one under the other."""
    if len(tables) == 1:
        return tables[0]
    rows: list[list[Cell]] = []
    for t in tables:
        base = len(rows)
        rows.extend([dataclasses.replace(c, row=base + c.row) for c in row] for row in t.rows)
    first = tables[0]
    return Table(
        index=first.index,
        where=first.where,
        rows=rows,
        n_cols=max(t.n_cols for t in tables),
    )


# --- spacer rows and columns ----------------------------------------------------------------


def without_spacers(table: Table) -> Table:
    """The table without its spacer rows and columns: those where every cell is empty or
    merged into a neighbour that stays. A table whose spacers are only at its edges, or
    that has none, is returned as it is."""
    grid = table.grid()
    if not grid or table.n_cols == 0:
        return table
    keep_rows = _kept(
        [[grid[r][c] for c in range(table.n_cols)] for r in range(len(grid))],
        lambda cell: (cell.row, cell.row + cell.row_span),
    )
    keep_cols = _kept(
        [[grid[r][c] for r in range(len(grid))] for c in range(table.n_cols)],
        lambda cell: (cell.col, cell.col + cell.col_span),
    )
    if len(keep_rows) == len(grid) and len(keep_cols) == table.n_cols:
        return table
    if not keep_rows or not keep_cols:
        return table
    row_at = {r: i for i, r in enumerate(keep_rows)}
    col_at = {c: i for i, c in enumerate(keep_cols)}
    rows: list[list[Cell]] = [[] for _ in keep_rows]
    for cell in table.cells():
        covered_rows = [row_at[r] for r in range(cell.row, cell.row + cell.row_span) if r in row_at]
        covered_cols = [col_at[c] for c in range(cell.col, cell.col + cell.col_span) if c in col_at]
        if not covered_rows or not covered_cols:
            continue  # an empty cell in a spacer
        rows[covered_rows[0]].append(
            dataclasses.replace(
                cell,
                row=covered_rows[0],
                col=covered_cols[0],
                row_span=len(covered_rows),
                col_span=len(covered_cols),
            )
        )
    for row in rows:
        row.sort(key=lambda c: c.col)
    header = sum(1 for r in keep_rows if r < table.header_rows)
    return Table(
        index=table.index,
        where=table.where,
        rows=rows,
        n_cols=len(keep_cols),
        header_rows=header,
        continued=table.continued,
    )


Extent = Callable[[Cell], tuple[int, int]]


def _kept(lines: list[list[Cell | None]], span: Extent) -> list[int]:
    """Indexes of the lines (rows or columns) that carry something of their own. A line is
    a spacer when each of its cells is empty or spans into a line that is kept; a line
    between two kept lines only (never one at an edge) is dropped."""
    own = [
        i
        for i, line in enumerate(lines)
        if any(not _empty(c) and _span_len(c, span) == 1 for c in line)
    ]
    kept = set(own)
    for i, line in enumerate(lines):
        if i in kept:
            continue
        for cell in line:
            if _empty(cell):
                continue
            assert cell is not None
            first, end = span(cell)
            if not any(j in kept for j in range(first, end) if j != i):
                kept.add(i)  # the only line this merged cell would keep
                break
    if not kept:
        return list(range(len(lines)))
    lo, hi = min(kept), max(kept)
    # only interior spacers go: leading and trailing empty lines are the reader's business
    return [i for i in range(len(lines)) if i in kept or i < lo or i > hi]


def _span_len(cell: Cell | None, span: Extent) -> int:
    assert cell is not None
    first, end = span(cell)
    return end - first


# --- a name merged down beside its block --------------------------------------------------


def lead_column_as_rows(table: Table) -> Table:
    """A first column whose every cell is merged down beside a block of rows (a
    competency's name beside its level rows, a band beside its category rows: what a
    nested table opens out to) becomes a full-width row over its block, as frameworks
    print a title row over the rows it heads. Full-width rows stay as they are; a table
    with a column header over the first column (`Competency | Level | Indicator`) is a
    long table and is left alone."""
    if table.n_cols < 3:
        return table
    lead = [c for c in table.cells() if c.col == 0]
    blocks = [c for c in lead if c.col_span < table.n_cols]
    if len(blocks) < 2 or any(c.row_span < 2 or c.col_span > 1 for c in blocks):
        return table
    rows: list[list[Cell]] = []
    for row in table.rows:
        base = len(rows)
        own = [c for c in row if c.col == 0]
        rest = [c for c in row if c.col > 0]
        if own and own[0].col_span < table.n_cols:
            head = own[0]
            rows.append(
                [dataclasses.replace(head, row=base, col_span=table.n_cols - 1, row_span=1)]
            )
            base += 1
        elif own:
            rows.append([dataclasses.replace(own[0], row=base, col_span=table.n_cols - 1)])
            continue
        if rest:
            rows.append([dataclasses.replace(c, row=base, col=c.col - 1) for c in rest])
    return Table(
        index=table.index,
        where=table.where,
        rows=rows,
        n_cols=table.n_cols - 1,
        header_rows=0,
        continued=table.continued,
    )
