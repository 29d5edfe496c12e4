"""The factor table of a JE form: which row is its header, and what each column holds.

A factor table is recognised by its shape and its header words, wherever it sits:
- a header row (or two: a group row over a lowest row) naming level / points columns, or
  saying whose decision a column holds (`Proposed`, `Agreed`, `Manager's level`, `Panel
  level`), or a run of bare level numbers under a `Level` group (tick-one-level columns);
- below it, rows that start with a name and hold short values (numbers, letters, marks)
  in those columns — a descriptor grid of sentences is not a factor table;
- and something that makes it a JE table rather than any `Name | Level` list: the header
  says `factor`/`element`, or whose decision a column holds, or has points, or tick
  columns, or the names are factors of public schemes.

Columns that are neither levels nor evidence are set apart: a `Weighting`, a `Raw score`
beside a `Weighted score` (the weighted one is the points, ho_je01), and columns holding
one value on every row, which a long-format export repeats (`Job Title`, ho_je05): those
are the form's fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from roleframe.parsers.kinds.je_vocab import (
    RAW_POINTS,
    WEIGHTED_POINTS,
    ColumnKind,
    Role,
    column_kind,
    is_choice_label,
    is_level_label,
    is_scheme_factor,
    is_short_value,
    level_number,
    qualifier,
    result_label,
    role,
)
from roleframe.parsers.layout import Cell, Table

# Header rows are among the first rows of a table; a form drawn as one grid (or a PDF
# that joins flush tables) may put a dozen rows of post details above them.
_MAX_HEADER_ROWS = 20


@dataclass(slots=True)
class FactorColumns:
    """Grid columns of a factor table by what they hold (None: the table has no such column)."""

    name: int = 0
    number: int | None = None
    comparator_level: int | None = None
    comparator_score: int | None = None
    proposed_level: int | None = None
    proposed_score: int | None = None
    agreed_level: int | None = None
    agreed_score: int | None = None
    evidence: int | None = None
    # a column saying whose decision each row records (`Manager`, `Panel`)
    stage: int | None = None
    # tick-one-level columns: grid column -> the level its header names
    choices: dict[int, str] = field(default_factory=dict)
    choice_role: Role = Role.PROPOSED
    # columns headed by the form's result (`Total points`, `Grade`: a table read across)
    results: dict[str, int] = field(default_factory=dict)
    # columns that are neither levels nor evidence: weightings, a raw score beside the
    # weighted one
    ignored: list[int] = field(default_factory=list)
    # columns holding one value on every row (an export's `Job Title`): fields of the form
    fields: list[int] = field(default_factory=list)
    header_names: list[str] = field(default_factory=list)

    def level_col(self, which: Role) -> int | None:
        return {
            Role.COMPARATOR: self.comparator_level,
            Role.PROPOSED: self.proposed_level,
            Role.AGREED: self.agreed_level,
        }[which]

    def used(self) -> set[int]:
        cols = {
            self.name,
            self.number,
            self.comparator_level,
            self.comparator_score,
            self.proposed_level,
            self.proposed_score,
            self.agreed_level,
            self.agreed_score,
            self.evidence,
            self.stage,
        }
        return (
            {c for c in cols if c is not None}
            | set(self.choices)
            | set(self.results.values())
            | set(self.ignored)
            | set(self.fields)
        )


def _texts_above(grid: list[list[Cell | None]], header: int, c: int) -> tuple[str, str]:
    """The header text of column c (a blank lowest cell takes the text above it: 002's
    `Factor`) and the group text over it (cells above spanning several columns)."""
    cell = grid[header][c]
    own = cell.text if cell is not None else ""
    if not own:
        own = next((g.text for r in range(header - 1, -1, -1) if (g := grid[r][c]) and g.text), "")
    group = " ".join(
        g.text
        for r in range(header)
        if (g := grid[r][c]) is not None and g.col_span > 1 and g.row + g.row_span <= header
    )
    return own, group


# A column of the scheme's ceilings (`Maximum points`, `Max level`, `Levels available`,
# `Number of levels`) describes the scheme, not the post's evaluation (ho4_je05 beside its
# `Level awarded`; a scheme guide, nm_je_scheme_guide, has only these).
_SCHEME_CEILING = re.compile(
    r"\b(max(?:imum)?|possible|available|number of|no\.? of)\b|^\W*levels\W*$", re.I
)
# Rows named by grades (`Grade 3`, `Band 4`, `SCP 12`) are a pay structure or an audit by
# grade, not factors (nm_je_equal_pay_audit: `Grade | JE points | Women | Men`).
_GRADE_ROW = re.compile(r"^\W*(grade|band|scale|scp|spinal)\b", re.I)


def _is_levelish(own: str, group: str) -> bool:
    if _SCHEME_CEILING.search(own):
        return False
    kind = column_kind(own)
    if kind in (ColumnKind.LEVEL, ColumnKind.POINTS):
        return True
    if kind is ColumnKind.NONE and role(own) is not None and len(own.split()) <= 4:
        return True
    return is_choice_label(own) and column_kind(group) is ColumnKind.LEVEL


def _header_like(text: str) -> bool:
    return (
        column_kind(text) is not ColumnKind.NONE or role(text) is not None or is_choice_label(text)
    )


def _continues_header(table: Table, grid: list[list[Cell | None]], r: int) -> bool:
    """Row r is still header: no name of its own at the left, only header words (002's
    `| level | score | level | agreed | Commentary/evidence`, a row of `1 … 8`)."""
    if r >= table.n_rows:
        return False
    first = grid[r][0]
    if first is not None and first.row == r and first.text and not _header_like(first.text):
        return False
    own = [c for c in table.rows[r] if c.text]
    return bool(own) and all(_header_like(c.text) for c in own)


def _name_column(
    grid: list[list[Cell | None]], header: int, n_cols: int, levelish: list[int]
) -> int:
    """The factor name column: the one the header calls `Factor`, else the first column
    left of the levels whose body holds text rather than numbers (`No. | Factor | …`)."""
    for c in range(n_cols):
        own, _ = _texts_above(grid, header, c)
        if column_kind(own) is ColumnKind.NAME and c not in levelish:
            return c
    first_level = min(levelish) if levelish else n_cols
    for c in range(first_level):
        own, _ = _texts_above(grid, header, c)
        if column_kind(own) is ColumnKind.NUMBER:
            continue
        values = [
            cell.text
            for row in grid[header + 1 :]
            if (cell := row[c]) is not None and cell.col == c and cell.text
        ]
        if values and sum(1 for v in values if level_number(v) is None) * 2 >= len(values):
            return c
    return 0


def find_header(table: Table) -> int | None:
    """Index of the lowest header row of a factor table, or None if this is not one."""
    if table.n_cols < 2 or table.n_rows < 2:
        return None
    grid = table.grid()
    saw_name = False
    for r in range(min(_MAX_HEADER_ROWS, table.n_rows - 1)):
        texts = [_texts_above(grid, r, c) for c in range(table.n_cols)]
        saw_name = saw_name or any(
            column_kind(cell.text) is ColumnKind.NAME for cell in table.rows[r] if cell.text
        )
        levelish = [c for c, (own, group) in enumerate(texts) if _is_levelish(own, group)]
        if not levelish:
            continue
        if _continues_header(table, grid, r + 1):
            continue
        if _factor_body(table, grid, r, levelish, saw_name, texts):
            return r
    return None


def _factor_body(
    table: Table,
    grid: list[list[Cell | None]],
    header: int,
    levelish: list[int],
    saw_name: bool,
    texts: list[tuple[str, str]],
) -> bool:
    """Rows below the header read as factors: a name, and short values under the levels."""
    name_col = _name_column(grid, header, table.n_cols, levelish)
    if name_col in levelish:
        return False
    names: list[str] = []
    short = long = 0
    for r in range(header + 1, table.n_rows):
        name_cell = grid[r][name_col]
        if name_cell is None or name_cell.row != r or not name_cell.text:
            continue
        names.append(name_cell.text)
        for c in levelish:
            cell = grid[r][c]
            if cell is None or cell.col != c or cell.row != r:
                continue
            if is_short_value(cell.text) or any(f.kind == "checkbox" for f in cell.fields):
                short += 1
            else:
                long += 1
    if not names or long > short:
        return False
    if 2 * sum(1 for n in names if _GRADE_ROW.match(n)) > len(names):
        return False
    je_cue = (
        saw_name
        or any(role(own) is not None or role(group) is not None for own, group in texts)
        or any(column_kind(own) is ColumnKind.POINTS for own, _ in texts)
        or any(is_choice_label(own) for own, _ in texts)
        or sum(1 for n in names if is_scheme_factor(n)) >= 2
    )
    return je_cue


def header_start(table: Table, header: int) -> int:
    """First row of the factor header block: the first that names a column of the factor
    table. Rows above it are form rows of their own (u5's PDF: the post table's `Job title
    | Caretaker` rows drawn flush on top of the factor table read as one table)."""
    grid = table.grid()
    for r in range(header + 1):
        cells = [c for c in table.rows[r] if c.text]
        if r < header and _form_row(table, cells):
            continue
        if any(column_kind(c.text) is ColumnKind.NAME for c in cells) or any(
            _is_levelish(*_texts_above(grid, r, c.col)) for c in cells
        ):
            return r
    return header


def _form_row(table: Table, cells: list[Cell]) -> bool:
    """A row above a factor header that belongs to the form, not the header, even with a
    header word in it: a title across the whole width (`… PANEL SCORE SHEET`), or label /
    value pairs led by a label that names no column (`Reports to | … | Panel date | …`: a
    score sheet drawn as one grid, ho6_je03)."""
    if len(cells) == 1:
        return cells[0].col_span >= max(2, table.n_cols - 1)
    if len(cells) < 2 or _header_like(cells[0].text):
        return False
    plain = sum(1 for c in cells if not _header_like(c.text))
    return 2 * plain > len(cells)


def read_columns(table: Table, header: int) -> FactorColumns:
    """Map grid columns to what they hold from the lowest header row and the groups above.

    002: row 0 groups `Factor levels (of post identified …)` over level+score and
    `Proposed factor levels …` over level+agreed+commentary; row 1 names the columns.
    Own words decide before the group's (`agreed` under a `Proposed …` group is agreed).
    """
    grid = table.grid()
    cols = FactorColumns()
    levelish = [c for c in range(table.n_cols) if _is_levelish(*_texts_above(grid, header, c))]
    cols.name = _name_column(grid, header, table.n_cols, levelish)
    cols.header_names = [_texts_above(grid, header, c.col)[0] for c in _origins(table, header)]
    levels: list[int] = []
    points: list[int] = []
    raw_points: list[int] = []  # `Raw score` beside a `Weighted score`
    for cell in _origins(table, header):
        c = cell.col
        if c == cols.name:
            continue
        own, group = _texts_above(grid, header, c)
        kind = column_kind(own)
        which = role(own) or role(group)
        result = result_label(own)
        if result is not None and result not in cols.results:
            cols.results[result] = c
        elif is_choice_label(own) and column_kind(group) is ColumnKind.LEVEL:
            cols.choices[c] = own.strip()
            cols.choice_role = role(group) or Role.PROPOSED
        elif kind is ColumnKind.NUMBER and c < cols.name:
            cols.number = c
        elif kind is ColumnKind.WEIGHT:
            cols.ignored.append(c)
        elif kind is ColumnKind.POINTS and RAW_POINTS.search(own) and which is None:
            raw_points.append(c)
        elif kind is ColumnKind.POINTS:
            if which is not None and _score_col(cols, which) is None:
                _set_score(cols, which, c)
            else:
                points.append(c)
        elif kind is ColumnKind.LEVEL or (kind is ColumnKind.NONE and role(own) is not None):
            if which is not None and cols.level_col(which) is None:
                _set_level(cols, which, c)
            else:
                levels.append(c)
        elif kind is ColumnKind.EVIDENCE:
            cols.evidence = c
    _place_unnamed_levels(cols, levels)
    weighted = [c for c in points if WEIGHTED_POINTS.search(_texts_above(grid, header, c)[0])]
    if weighted and raw_points:
        # the weighted score is the factor's points; the raw score only leads to it
        cols.ignored.extend(raw_points)
    else:
        points = sorted(points + raw_points)
    heads = {c: _texts_above(grid, header, c)[0] for c in range(table.n_cols)}
    _place_unnamed_points(cols, points, heads)
    cols.stage = _stage_column(grid, header, table.n_cols, cols)
    cols.fields = _constant_columns(grid, header, table.n_cols, cols)
    if cols.evidence is None:
        # evidence is written after the name, never before it (an export's `Reports To`)
        rest = [
            c.col for c in _origins(table, header) if c.col not in cols.used() and c.col > cols.name
        ]
        cols.evidence = rest[-1] if rest else None
    if cols.number is None and cols.name > 0:
        cols.number = _numbers_left_of(grid, header, cols.name)
    return cols


def _origins(table: Table, header: int) -> list[Cell]:
    """The header cells of every column, left to right, once each (a group merged down
    into the lowest row counts as its column's header)."""
    grid = table.grid()
    out: list[Cell] = []
    for c in range(table.n_cols):
        cell = grid[header][c]
        if cell is not None and cell.col == c:
            out.append(cell)
    return out


def _stage_column(
    grid: list[list[Cell | None]], header: int, n_cols: int, cols: FactorColumns
) -> int | None:
    """A column whose every value says whose decision its row records, at least two
    different ones (`Manager` / `Panel` rows under one factor name)."""
    for c in range(n_cols):
        if c in cols.used():
            continue
        values = [
            cell.text
            for row in grid[header + 1 :]
            if (cell := row[c]) is not None and cell.col == c and cell.text
        ]
        roles = [role(v, alone=True) for v in values if len(v.split()) <= 3]
        if values and len(roles) == len(values) and None not in roles and len(set(roles)) >= 2:
            return c
    return None


def _constant_columns(
    grid: list[list[Cell | None]], header: int, n_cols: int, cols: FactorColumns
) -> list[int]:
    """Columns with a header and one and the same value on every factor row: a long-format
    export repeats the post's details (`Job Title`, `Directorate`) on each row, so those
    are fields of the form, not evidence."""
    out: list[int] = []
    for c in range(n_cols):
        head = grid[header][c]
        if c in cols.used() or head is None or head.col != c or not head.text:
            continue
        values = [
            cell.text
            for r, row in enumerate(grid[header + 1 :], start=header + 1)
            if (name := row[cols.name]) is not None
            and name.row == r
            and name.text
            and (cell := row[c]) is not None
        ]
        if len(values) >= 2 and values[0] and all(v == values[0] for v in values):
            out.append(c)
    return out


def _numbers_left_of(grid: list[list[Cell | None]], header: int, name_col: int) -> int | None:
    """A header-less column of row numbers before the names (`1`, `2.`, `F3`)."""
    for c in range(name_col):
        values = [
            cell.text
            for row in grid[header + 1 :]
            if (cell := row[c]) is not None and cell.col == c and cell.text
        ]
        if values and all(len(v) <= 4 and level_number(v) is not None for v in values):
            return c
    return None


def _set_level(cols: FactorColumns, which: Role, c: int) -> None:
    if which is Role.COMPARATOR:
        cols.comparator_level = c
    elif which is Role.PROPOSED:
        cols.proposed_level = c
    else:
        cols.agreed_level = c


def _score_col(cols: FactorColumns, which: Role) -> int | None:
    return {
        Role.COMPARATOR: cols.comparator_score,
        Role.PROPOSED: cols.proposed_score,
        Role.AGREED: cols.agreed_score,
    }[which]


def _set_score(cols: FactorColumns, which: Role, c: int) -> None:
    if which is Role.COMPARATOR:
        cols.comparator_score = c
    elif which is Role.PROPOSED:
        cols.proposed_score = c
    else:
        cols.agreed_score = c


def _place_unnamed_levels(cols: FactorColumns, levels: list[int]) -> None:
    """Levels with no cue: left of the proposal is the comparator's (`Current level`), a
    lone one is the proposal, right of the proposal is the agreed level."""
    for c in levels:
        before_proposal = cols.proposed_level is None or c < cols.proposed_level
        if (
            cols.comparator_level is None
            and before_proposal
            and (len(levels) > 1 or cols.proposed_level is not None)
        ):
            cols.comparator_level = c
        elif cols.proposed_level is None:
            cols.proposed_level = c
        elif cols.agreed_level is None:
            cols.agreed_level = c


def _place_unnamed_points(cols: FactorColumns, points: list[int], heads: dict[int, str]) -> None:
    """Points with no cue belong to the level column whose header says the same but for the
    level word (`Previous points` to `Previous level`, the levels side by side before the
    points: ho6_je09); else to the nearest level column on their left (`Proposed | Agreed |
    Points`: the agreed level's points); with none on the left, to the proposal."""
    by_col = {
        c: which
        for which, c in (
            (Role.COMPARATOR, cols.comparator_level),
            (Role.PROPOSED, cols.proposed_level),
            (Role.AGREED, cols.agreed_level),
        )
        if c is not None
    }
    by_qualifier = {q: which for c, which in by_col.items() if (q := qualifier(heads.get(c, "")))}
    for c in points:
        left = [lc for lc in by_col if lc < c]
        same = by_qualifier.get(qualifier(heads.get(c, "")))
        which = same or (by_col[max(left)] if left else Role.PROPOSED)
        if _score_col(cols, which) is None:
            _set_score(cols, which, c)
        else:
            free = next((w for w in Role if _score_col(cols, w) is None), None)
            if free is not None:
                _set_score(cols, free, c)


def factors_across(table: Table) -> tuple[Table, int] | None:
    """A factor table written across: read down, it is a factor table, and its first
    column says so: a `Factor` corner, or (with a blank corner, ho_je09) two or more rows
    labelled as levels, points or whose decision they hold (`Manager's level`, `Panel
    level`, `Points`). Only with those cues: any matrix would read across too."""
    first = next((c for c in table.rows[0] if c.col == 0), None) if table.rows else None
    labels = [
        c.text for row in table.rows[1:] for c in row if c.col == 0 and is_level_label(c.text)
    ]
    named = first is not None and column_kind(first.text) is ColumnKind.NAME
    if not named and not (len(labels) >= 2 and (first is None or not first.text)):
        return None
    flipped = table.transposed()
    header = find_header(flipped)
    return (flipped, header) if header is not None else None


def stacked_halves(table: Table, header: int) -> Table | None:
    """A factor table written in two (or more) blocks side by side, its header repeating
    (`Factor | Level | Points | Factor | Level | Points`, ho_je10: a one-page GLPC record),
    as one table: the blocks' body rows one under the other, under the first block's header.
    Cells keep where they sit in the file. None when the header does not repeat."""
    heads = [t.casefold() for t in table.row_texts(header)]
    n = table.n_cols
    if any(c.col_span > 1 for c in table.rows[header]):
        return None
    for k in (2, 3, 4):
        if n % k:
            continue
        w = n // k
        if any(heads[c] != heads[c % w] for c in range(n)) or not any(
            column_kind(h) is ColumnKind.NAME for h in heads[:w]
        ):
            continue
        top = [_clip(c, 0, w, c.row) for r in range(header + 1) for c in table.rows[r]]
        rows: list[list[Cell]] = [
            [c for c in top if c is not None and c.row == r] for r in range(header + 1)
        ]
        for b in range(k):
            for r in range(header + 1, table.n_rows):
                at = len(rows)
                rows.append([x for c in table.rows[r] if (x := _clip(c, b * w, w, at))])
        return Table(index=table.index, where=table.where, rows=rows, n_cols=w)
    return None


def _clip(cell: Cell, start: int, width: int, row: int) -> Cell | None:
    """The cell moved into a block of columns [start, start + width) at ``row``; None when
    it starts outside the block (a cell merged across blocks stays in the first). A block's
    rows stay together, so a span down them still covers the same cells."""
    if not start <= cell.col < start + width:
        return None
    return replace(
        cell,
        row=row,
        col=cell.col - start,
        col_span=min(cell.col_span, start + width - cell.col),
    )
