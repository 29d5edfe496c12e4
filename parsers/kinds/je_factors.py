"""Factors of a JE form: rows of a factor table, or one small table per factor, merged
into one list where a summary repeats them.

Three layouts give factors:
- a factor table (``je_columns``): one row per factor, the name in its column (after any
  `No.` column), levels/points in theirs, or a tick in one of the level columns;
- a factor *unit*: a heading or a merged row naming the factor, then a small table of
  labelled values, either across (`Proposed | Agreed | Points` over one row of values) or
  down (`Level claimed | 4`, `Level awarded | 4`, `Points | 80`, `Supporting information
  | …`);
- a summary table at the end that repeats the factors, often under short names
  (`Knowledge` for `Knowledge and Skills Required by the Job`) or by number: its values
  fill what the factor lacks, it adds no factor twice.

A factor table's total row closes its factors: labelled rows after it are fields of the
result, not factors (a Hay record's `Profile | P3` under `Total job size`, ho_je03).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from roleframe.parsers.kinds.base import SurfaceName
from roleframe.parsers.kinds.formcues import cell_paragraphs, has_word, statements
from roleframe.parsers.kinds.je_columns import FactorColumns
from roleframe.parsers.kinds.je_vocab import (
    CHECKED_MARKS,
    LEVEL_AND_POINTS,
    ColumnKind,
    Role,
    column_kind,
    fold,
    hay_code,
    is_evidence_label,
    is_level_label,
    is_short_value,
    level_code,
    level_number,
    result_label,
    role,
    roman_level,
    short_form_of,
    split_numbering,
    word_level,
)
from roleframe.parsers.layout import Cell, Paragraph, Table
from roleframe.schema import IssueCode, Provenance
from roleframe.schema.issues import Issue, warning
from roleframe.schema.je_form import Factor, LevelValue
from roleframe.schema.role_profile import Statement

LEVEL_FIELDS = (
    "comparator_level",
    "comparator_score",
    "proposed_level",
    "proposed_score",
    "agreed_level",
    "agreed_score",
)
_LEVEL_SLOT = {
    Role.COMPARATOR: "comparator_level",
    Role.PROPOSED: "proposed_level",
    Role.AGREED: "agreed_level",
}
_SCORE_SLOT = {
    Role.COMPARATOR: "comparator_score",
    Role.PROPOSED: "proposed_score",
    Role.AGREED: "agreed_score",
}
_SIGN_OFF = re.compile(r"^(date|signed|signature|name)\b", re.I)
_SUBTOTAL = re.compile(r"^\W*sub\W?total", re.I)


# ---------------------------------------------------------------- values


def level_value(cell: Cell | None) -> LevelValue | None:
    """A level or points cell: its text, the number in it, or the letter it is."""
    if cell is None:
        return None
    raw = cell.text
    # a Hay evaluation (`F III 3`) is one code: its digits are no level
    roman = (roman_level(raw) or word_level(raw)) if raw else None
    code = hay_code(raw) if raw and roman is None else None
    value = roman if roman is not None else level_number(raw) if raw and code is None else None
    if code is None and raw and value is None:
        code = level_code(raw)
    paras = [p for p in cell.paragraphs if p.text]
    return LevelValue(
        raw=raw, value=value, code=code, where=paras[0].where if paras else cell.where
    )


def _given(level: LevelValue | None) -> bool:
    return level is not None and (level.value is not None or level.code is not None)


def _filled(old: LevelValue | None, new: LevelValue | None) -> LevelValue | None:
    """The level that holds a value, preferring the one already read."""
    if _given(old):
        return old
    return new if new is not None and (_given(new) or old is None) else old


def is_checked(cell: Cell) -> bool:
    """A ticked check box (form field or glyph) or a mark (`X`, `✓`) alone in the cell."""
    if any(f.kind == "checkbox" and f.checked for f in cell.fields):
        return True
    text = cell.text.strip()
    return len(text) == 1 and text in CHECKED_MARKS


# ---------------------------------------------------------------- the factor list


@dataclass(slots=True)
class _Entry:
    factor: Factor
    number: int | None
    repeated: bool = False  # a single factor was merged into it by its name's form


@dataclass(slots=True)
class FactorList:
    """Factors in form order; a table that repeats them (a summary) merges into them."""

    entries: list[_Entry] = field(default_factory=list)
    names: list[SurfaceName] = field(default_factory=list)

    @property
    def factors(self) -> list[Factor]:
        return [e.factor for e in self.entries]

    def __bool__(self) -> bool:
        return bool(self.entries)

    def add(self, rows: list[tuple[Factor, int | None]]) -> list[int]:
        """Add one table's factors; returns each row's index in the list."""
        matches = self._match(rows)
        out: list[int] = []
        for (factor, number), i in zip(rows, matches, strict=True):
            if i is None:
                self.entries.append(_Entry(factor, number))
                self.names.append(SurfaceName(factor.name, "factors", factor.where))
                out.append(len(self.entries) - 1)
            else:
                self._merge(i, factor, number)
                out.append(i)
        return out

    def append_evidence(self, i: int, evidence: list[Statement]) -> None:
        old = self.entries[i].factor
        self.entries[i].factor = old.model_copy(update={"evidence": [*old.evidence, *evidence]})

    def update(self, i: int, update: dict[str, object]) -> None:
        self.entries[i].factor = self.entries[i].factor.model_copy(update=update)

    def _merge(self, i: int, new: Factor, number: int | None) -> None:
        entry = self.entries[i]
        old = entry.factor
        update: dict[str, object] = {
            k: _filled(getattr(old, k), getattr(new, k)) for k in LEVEL_FIELDS
        }
        update["evidence"] = [*old.evidence, *new.evidence]
        if old.number is None and number is not None:
            update["number"] = number
        entry.factor = old.model_copy(update=update)
        if entry.number is None:
            entry.number = number

    def _match(self, rows: list[tuple[Factor, int | None]]) -> list[int | None]:
        """Which known factor each row repeats, if any.

        The same name (folded) is always the same factor (002's comparator and proposal
        listed apart). A table of several rows most of which repeat known factors is a
        summary: its other rows are matched by number, by short form (`Knowledge` for
        the long official name) and, when the counts agree, by position.
        """
        known = {fold(e.factor.name): i for i, e in enumerate(self.entries)}
        matches: list[int | None] = [known.get(fold(f.name)) for f, _ in rows]
        if not self.entries or len(rows) < 2:
            return matches if len(rows) != 1 or matches[0] is not None else [self._one(rows[0])]
        taken = {i for i in matches if i is not None}
        for k, (factor, number) in enumerate(rows):
            if matches[k] is None:
                i = self._by_number_or_form(factor, number, taken)
                if i is not None:
                    matches[k] = i
                    taken.add(i)
        found = sum(1 for i in matches if i is not None)
        if found * 2 < len(rows):
            # not a summary: only exact names repeat
            return [known.get(fold(f.name)) for f, _ in rows]
        if len(rows) == len(self.entries):
            free = iter(i for i in range(len(self.entries)) if i not in taken)
            matches = [i if i is not None else next(free, None) for i in matches]
        return matches

    def _one(self, row: tuple[Factor, int | None]) -> int | None:
        """A single factor (a unit under its heading) repeats a known one when the numbers
        agree and one name is a short form of the other, or when it is the short or long
        form of exactly one known factor not yet repeated so (a summary that came first)."""
        factor, number = row
        forms = [
            i
            for i, e in enumerate(self.entries)
            if short_form_of(factor.name, e.factor.name)
            or short_form_of(e.factor.name, factor.name)
        ]
        if number is not None:
            same = [i for i in forms if self.entries[i].number == number]
            if same:
                return same[0]
        if len(forms) == 1 and not self.entries[forms[0]].repeated:
            self.entries[forms[0]].repeated = True
            return forms[0]
        return None

    def _by_number_or_form(self, factor: Factor, number: int | None, taken: set[int]) -> int | None:
        free = [i for i in range(len(self.entries)) if i not in taken]
        if number is not None:
            same = [i for i in free if self.entries[i].number == number]
            if len(same) == 1:
                return same[0]
        forms = [
            i
            for i in free
            if short_form_of(factor.name, self.entries[i].factor.name)
            or short_form_of(self.entries[i].factor.name, factor.name)
        ]
        return forms[0] if len(forms) == 1 else None

    def warnings(self) -> list[Issue]:
        return [
            warning(
                IssueCode.EMPTY_FIELD,
                f"Factor {f.name!r} has no proposed level.",
                f.proposed_level.where,
                field="proposed_level",
            )
            for f in self.factors
            if f.proposed_level is not None and not _given(f.proposed_level)
        ]


# ---------------------------------------------------------------- factor tables


@dataclass(slots=True)
class Totals:
    """Total and grade rows met while reading factors: (table, row, label cell, the cells
    to look in first), or a `Label: value` line written in the row's one cell."""

    rows: dict[str, tuple[Table, int, Cell, list[Cell]]] = field(default_factory=dict)
    lines: list[Paragraph] = field(default_factory=list)
    # labelled rows after the total row that are no result (a Hay record's `Profile`)
    fields: list[tuple[Cell, list[Cell]]] = field(default_factory=list)
    # a column headed `Total` / `Grade` (a table read across): its header and value cells
    columns: dict[str, tuple[Cell, Cell]] = field(default_factory=dict)


def read_grid(
    table: Table, header: int, cols: FactorColumns, factors: FactorList, totals: Totals
) -> None:
    """Read the body rows of a factor table into ``factors``; total/grade rows into ``totals``."""
    grid = table.grid()
    header_texts = [table.row_texts(r) for r in range(header + 1)]
    rows: list[tuple[Factor, int | None]] = []
    pending: list[tuple[int, list[Statement]]] = []  # evidence rows for the row before
    continued: list[tuple[int, int, Cell]] = []  # (row index in `rows`, table row, name cell)
    closed = False  # the total row closes the factors: rows after it are no factors
    for r in range(header + 1, table.n_rows):
        row = grid[r]
        if table.row_texts(r) in header_texts:  # a header row repeated after a page break
            continue
        name_cell = row[cols.name] if cols.name < len(row) else None
        lead = _lead_cell(row, cols.name)
        result = result_label(lead.text) if lead is not None else None
        if lead is not None and result is not None:
            paras = [p for p in lead.paragraphs if p.text]
            if _LINE.match(lead.paragraphs[0].text if lead.paragraphs else ""):
                totals.lines.extend(paras)  # `Grade: 7`
            elif (
                len(paras) == 2
                and paras[0].text.rstrip().endswith((":", ";"))
                and not any(c.text for c in _row_origins(row, r) if c is not lead)
            ):
                # `Grade:` over `G8` in the one cell (a line set in the name column of a
                # table drawn without rules, ho4_je09): one `Label: value` line
                totals.lines.append(replace(paras[0], text=f"{paras[0].text} {paras[1].text}"))
            elif pairs := _result_pairs(_row_origins(row, r)):
                for key, label, value in pairs:
                    totals.rows.setdefault(key, (table, r, label, [value]))
            else:
                totals.rows[result] = (table, r, lead, _prefer(cols, row))
            closed = closed or (result == "total" and not _SUBTOTAL.match(lead.text))
            continue
        if closed and lead is not None and lead.text:
            filled = [c for c in _row_origins(row, r) if c is not lead and c.text]
            if filled:
                totals.fields.append((lead, filled))
            continue
        ev_cell = row[cols.evidence] if cols.evidence is not None else None
        evidence = statements(cell_paragraphs(ev_cell)) if ev_cell is not None else []
        if name_cell is not None and name_cell.row != r and (rows or factors):
            # the name cell is merged down from the row above (vMerge): this row continues
            # that factor, e.g. its evidence in a cell spanning the level columns
            continued.append((len(rows) - 1, r, name_cell))
            continue
        name = name_cell.text if name_cell is not None else ""
        if not name or _is_group_row(table, row, r):
            # a factor's evidence continued in a row of its own (a page break in a PDF)
            if not name and evidence:
                pending.append((len(rows) - 1, evidence))
            continue
        if _SIGN_OFF.match(name) and not any(_given(level_value(row[c])) for c in _levels(cols)):
            continue
        assert name_cell is not None
        text, number = split_numbering(name_text(name_cell))
        definition = name_definition(name_cell)
        if cols.number is not None and (num_cell := row[cols.number]) is not None:
            number = level_number(num_cell.text) if num_cell.text else number
        where = name_cell.paragraphs[0].where if name_cell.paragraphs else name_cell.where
        values = _row_values(row, r, cols)
        rows.append(
            (
                Factor(
                    name=text,
                    number=number,
                    comparator_level=values["comparator_level"],
                    comparator_score=values["comparator_score"],
                    proposed_score=values["proposed_score"],
                    proposed_level=values["proposed_level"],
                    agreed_level=values["agreed_level"],
                    agreed_score=values["agreed_score"],
                    evidence=evidence,
                    definition=statements(definition),
                    where=where,
                ),
                number,
            )
        )
    for key, col in cols.results.items():
        filled = [
            cell
            for r, row in enumerate(grid[header + 1 :], start=header + 1)
            if (cell := row[col]) is not None and cell.row == r and cell.text
        ]
        head = grid[header][col]
        if filled and head is not None:
            totals.columns[key] = (head, filled[-1])
    first = len(factors.entries)
    placed = factors.add(rows) if rows else []

    def index(k: int) -> int | None:
        if k >= 0:
            return placed[k]
        return first - 1 if first else None  # rows before this table's first factor

    for k, ev in pending:
        if (i := index(k)) is not None:
            factors.append_evidence(i, ev)
    for k, r, name_cell in continued:
        if (i := index(k)) is not None:
            _continue_factor(factors, i, grid[r], r, cols, name_cell)


def _name_split(cell: Cell) -> int:
    """How many of a name cell's paragraphs are the name: all, unless the first is set
    apart from a definition below it (bold over plain, or a short title over sentences:
    `Knowledge` / `The knowledge, skills and experience the job needs.`)."""
    paras = [p for p in cell.paragraphs if p.text]
    if len(paras) < 2:
        return len(paras)
    first, rest = paras[0], paras[1:]
    if first.bold and not all(p.bold for p in rest):
        return 1
    titled = len(first.text.split()) <= 8 and not first.text.rstrip().endswith(".")
    if titled and all(p.text.rstrip().endswith((".", ":", ";")) for p in rest):
        return 1
    return len(paras)


def name_text(cell: Cell) -> str:
    """A factor's name as written in its cell (a wrapped name joined, a definition left out)."""
    paras = [p.text for p in cell.paragraphs if p.text]
    return " ".join(paras[: _name_split(cell)])


def name_definition(cell: Cell) -> list[Paragraph]:
    """The definition printed under a factor's name in its cell, if any."""
    paras = [p for p in cell.paragraphs if p.text]
    return paras[_name_split(cell) :]


def _at(row: list[Cell | None], col: int | None, r: int) -> Cell | None:
    """The cell at a column of row r, when it starts in row r (not merged down into it)."""
    if col is None or col >= len(row):
        return None
    cell = row[col]
    return cell if cell is not None and cell.row <= r else None


def _levels(cols: FactorColumns) -> list[int]:
    return [c for k in LEVEL_FIELDS if (c := getattr(cols, k)) is not None]


def _row_origins(row: list[Cell | None], r: int) -> list[Cell]:
    """The cells that start in row r, left to right, once each."""
    out: list[Cell] = []
    for cell in row:
        if cell is not None and cell.row == r and not any(cell is c for c in out):
            out.append(cell)
    return out


def _result_pairs(cells: list[Cell]) -> list[tuple[str, Cell, Cell]]:
    """A results row written as label/value pairs (`Total points | 475 | Grade | Scale 5`,
    a score sheet's last row, ho6_je03): each result label with the cell after it. Empty
    unless the row holds two or more result labels, each followed by a value."""
    out: list[tuple[str, Cell, Cell]] = []
    filled = [c for c in cells if c.text]
    i = 0
    while i < len(filled):
        key = result_label(filled[i].text)
        if key is not None:
            if i + 1 >= len(filled) or result_label(filled[i + 1].text) is not None:
                return []
            out.append((key, filled[i], filled[i + 1]))
            i += 2
            continue
        i += 1
    return out if len(out) >= 2 else []


def _lead_cell(row: list[Cell | None], name_col: int) -> Cell | None:
    """The first filled cell up to the name column (a `Total` row may start in `No.`)."""
    for cell in row[: name_col + 1]:
        if cell is not None and cell.text:
            return cell
    return row[name_col] if name_col < len(row) else None


def _is_group_row(table: Table, row: list[Cell | None], r: int) -> bool:
    """A full-width row inside a factor table (a group heading), not a factor."""
    cells = {id(c): c for c in row if c is not None and c.row == r and (c.text or c.fields)}
    if len(cells) != 1:
        return False
    only = next(iter(cells.values()))
    return table.n_cols > 2 and only.col_span >= table.n_cols - 1


def _chosen(row: list[Cell | None], cols: FactorColumns) -> LevelValue | None:
    """The ticked level of a tick-one-level row: the header label of the ticked column."""
    for c, label in sorted(cols.choices.items()):
        cell = row[c] if c < len(row) else None
        if cell is not None and is_checked(cell):
            value = level_number(label)
            return LevelValue(
                raw=label,
                value=value,
                code=level_code(label) if value is None else None,
                where=cell.paragraphs[0].where if cell.paragraphs else cell.where,
            )
    return None


def _prefer(cols: FactorColumns, row: list[Cell | None]) -> list[Cell]:
    """Cells of a totals row under the agreed, then the proposal's columns: a row that
    totals both posts (`Total | 350 | | 380 |`) gives the new post's total."""
    order = (cols.agreed_score, cols.agreed_level, cols.proposed_score, cols.proposed_level)
    return [c for i in order if i is not None and i < len(row) and (c := row[i]) is not None]


def _row_cells(row: list[Cell | None], r: int, cols: FactorColumns) -> dict[str, Cell | None]:
    """A factor row's level and points cells by slot. Where a stage column says whose
    decision the row records (`Manager` / `Panel`), the row's level and points cells go
    to that stage's slots."""
    cells = {k: _at(row, getattr(cols, k), r) for k in LEVEL_FIELDS}
    stage = _at(row, cols.stage, r)
    which = role(stage.text, alone=True) if stage is not None and stage.row == r else None
    if which is not None:
        level = next((cells[k] for k in _LEVEL_SLOT.values() if getattr(cols, k) is not None), None)
        points = next(
            (cells[k] for k in _SCORE_SLOT.values() if getattr(cols, k) is not None), None
        )
        cells = dict.fromkeys(LEVEL_FIELDS)
        cells[_LEVEL_SLOT[which]] = level
        cells[_SCORE_SLOT[which]] = points
    return cells


def _row_values(
    row: list[Cell | None], r: int, cols: FactorColumns
) -> dict[str, LevelValue | None]:
    """A factor row's levels and points by slot, a ticked level column included."""
    values = {k: level_value(cell) for k, cell in _row_cells(row, r, cols).items()}
    if cols.choices:
        chosen = _chosen(row, cols)
        slot = _LEVEL_SLOT[cols.choice_role]
        if chosen is not None and not _given(values[slot]):
            values[slot] = chosen
    return values


# A level or points cell of a continued row, not a sentence of evidence spanning the
# level columns (je_njc_vmerge: `Keyboard use.` merged across level and points).
_LEVEL_CELL = re.compile(r"\D{0,12}\d+\D{0,3}|[A-J]\*?")


def _continue_factor(
    factors: FactorList, i: int, row: list[Cell | None], r: int, cols: FactorColumns, name: Cell
) -> None:
    prev = factors.entries[i].factor
    update: dict[str, object] = {}
    level_cells: list[Cell] = []
    for key, cell in _row_cells(row, r, cols).items():
        if cell is not None and cell.row == r and _LEVEL_CELL.fullmatch(cell.text):
            update[key] = _filled(getattr(prev, key), level_value(cell))
            level_cells.append(cell)
    if (stage := _at(row, cols.stage, r)) is not None:
        level_cells.append(stage)
    seen: list[Cell] = []
    for cell in row:  # every other cell that starts in this row, once
        if cell is None or cell is name or cell.row != r or any(cell is c for c in seen):
            continue
        seen.append(cell)
    text_cells = [c for c in seen if not any(c is lc for lc in level_cells)]
    evidence = [s for c in text_cells for s in statements(cell_paragraphs(c))]
    update["evidence"] = [*prev.evidence, *evidence]
    factors.update(i, update)


# ---------------------------------------------------------------- factor units


@dataclass(slots=True)
class Unit:
    """One factor read from a small labelled table (its name from a heading or a merged row)."""

    name: str | None
    number: int | None
    where: Provenance | None
    values: dict[str, LevelValue] = field(default_factory=dict)
    evidence: list[Statement] = field(default_factory=list)

    def factor(self, name: str, number: int | None, where: Provenance) -> Factor:
        return Factor(
            name=name,
            number=number,
            proposed_level=self.values.get("proposed_level"),
            proposed_score=self.values.get("proposed_score"),
            agreed_level=self.values.get("agreed_level"),
            agreed_score=self.values.get("agreed_score"),
            comparator_level=self.values.get("comparator_level"),
            comparator_score=self.values.get("comparator_score"),
            evidence=self.evidence,
            where=where,
        )


def _label_slot(label: str, unit: Unit) -> str | None:
    """Which slot a unit's label names; points with no cue wait for the levels."""
    if re.search(r"\btotal", label, re.IGNORECASE):
        return None
    kind = column_kind(label)
    which = role(label)
    if kind is ColumnKind.POINTS:
        return _SCORE_SLOT[which] if which is not None else "points"
    if kind is ColumnKind.LEVEL or (kind is ColumnKind.NONE and which is not None):
        if which is not None:
            return _LEVEL_SLOT[which]
        return "proposed_level" if "proposed_level" not in unit.values else "agreed_level"
    if is_evidence_label(label):
        return "evidence"
    return None


def fill_unit(unit: Unit, label: str, cells: list[Cell], pending: list[LevelValue]) -> bool:
    """Put a labelled value into the unit; False when the label is not a unit label."""
    slot = _label_slot(label, unit)
    if slot is None:
        return False
    paras = [p for c in cells for p in cell_paragraphs(c)]
    text = " ".join(p.text for p in paras if p.text)
    both = LEVEL_AND_POINTS.match(text) if slot.endswith("_level") else None
    if both is not None and paras:
        # `Level 5; 121 points` in one cell: the level, and the points of that decision
        where = paras[0].where
        for key, part in ((slot, both.group("level")), (_score_of(slot), both.group("points"))):
            value = level_value(_text_cell(part, where))
            if value is not None and (key not in unit.values or not _given(unit.values[key])):
                unit.values[key] = value
        return True
    if slot == "evidence" or not is_short_value(text):
        unit.evidence.extend(statements(paras))
        return True
    cell = next((c for c in cells if c.text), cells[0] if cells else None)
    value = level_value(cell)
    if value is None:
        return True
    if slot == "points":
        pending.append(value)
    elif slot not in unit.values or not _given(unit.values[slot]):
        unit.values[slot] = value
    return True


def _score_of(level_slot: str) -> str:
    return level_slot.removesuffix("_level") + "_score"


def _text_cell(text: str, where: Provenance) -> Cell:
    return Cell(row=0, col=0, where=where, paragraphs=[Paragraph(text=text, where=where)])


def close_unit(unit: Unit, pending: list[LevelValue]) -> Unit:
    """Points with no cue are the agreed level's when there is one, else the proposal's."""
    for value in pending:
        slot = "agreed_score" if "agreed_level" in unit.values else "proposed_score"
        unit.values.setdefault(slot, value)
    return unit


def has_level(unit: Unit) -> bool:
    return any(_given(v) for k, v in unit.values.items() if k.endswith(("_level", "_score")))


def read_units(table: Table) -> list[Unit] | None:
    """The factor units of a small labelled table, or None when it is not one.

    Down: each row a label cell and its value (`Level claimed | 4`), full-width rows
    naming the factor (`Factor 3: Interpersonal …`; a PDF may join several units' tables
    into one). Across: a row of labels over a row of values. A PDF may also stack each
    label over its value in one cell (`Proposed` / `4`).
    """
    across = _units_across(table)
    if across is not None:
        return across
    return _units_down(table) or _answer_over_pairs(table)


def _answer_over_pairs(table: Table) -> list[Unit] | None:
    """A free-text answer over a row of label and value cells: a PDF draws a
    questionnaire's answer box and its panel box (ho5_je01) as one table. The answer is
    the unit's evidence."""
    rows = [[c for c in sorted(row, key=lambda c: c.col) if c.text] for row in table.rows]
    rows = [row for row in rows if row]
    if len(rows) != 2 or len(rows[0]) != 1 or len(rows[0][0].text.split()) <= 3:
        return None
    if is_level_label(rows[0][0].text):
        return None
    units = _unit_in_pairs(rows[1])
    if units is None:
        return None
    units[0].evidence.extend(statements(cell_paragraphs(rows[0][0])))
    return units


def _units_across(table: Table) -> list[Unit] | None:
    rows = [[c for c in sorted(row, key=lambda c: c.col)] for row in table.rows]
    rows = [row for row in rows if any(c.text for c in row)]
    if len(rows) == 1:
        stacked = [c for c in rows[0] if len([p for p in c.paragraphs if p.text]) >= 2]
        if len(stacked) != len([c for c in rows[0] if c.text]) or not stacked:
            return _unit_in_pairs(rows[0])
        unit = Unit(None, None, None)
        pending: list[LevelValue] = []
        for cell in stacked:
            paras = [p for p in cell.paragraphs if p.text]
            value_cell = Cell(
                row=cell.row, col=cell.col, where=paras[1].where, paragraphs=paras[1:]
            )
            if not is_level_label(paras[0].text) and not is_evidence_label(paras[0].text):
                return None
            fill_unit(unit, paras[0].text, [value_cell], pending)
        unit = close_unit(unit, pending)
        return [unit] if has_level(unit) else None
    if len(rows) != 2 or len(rows[0]) < 2:
        return None
    labels = rows[0]
    if not all(is_level_label(c.text) or is_evidence_label(c.text) for c in labels if c.text):
        return None
    if not any(is_level_label(c.text) for c in labels):
        return None
    unit, pending = Unit(None, None, None), []
    for label in labels:
        if not label.text:
            continue
        below = [c for c in rows[1] if c.col < label.col + label.col_span and c.col >= label.col]
        fill_unit(unit, label.text, below, pending)
    unit = close_unit(unit, pending)
    return [unit] if has_level(unit) else None


def _unit_in_pairs(row: list[Cell]) -> list[Unit] | None:
    """One row of label and value cells side by side (`Level awarded | 4 | Points | 78`),
    perhaps after a caption cell (`For panel use`, ho5_je01's panel box under each
    question): one unit. None unless every cell is a label, its value, or the caption."""
    cells = [c for c in row if c.text]
    unit = Unit(None, None, None)
    pending: list[LevelValue] = []
    i, pairs = 0, 0
    while i < len(cells):
        label = cells[i].text
        value = cells[i + 1] if i + 1 < len(cells) else None
        if not is_level_label(label):
            return None
        if value is not None and not is_level_label(value.text) and is_short_value(value.text):
            fill_unit(unit, label, [value], pending)
            i, pairs = i + 2, pairs + 1
        elif i == 0 and value is not None:
            i += 1  # the caption over the pairs
        else:
            return None
    unit = close_unit(unit, pending)
    return [unit] if pairs and has_level(unit) else None


_QUESTION_NO = re.compile(r"^(?:q|question)\s*(\d{1,2})[.):]?$", re.IGNORECASE)


def _prose(text: str) -> bool:
    """A sentence, not a name: ends with a full stop, or runs past ten words."""
    return text.rstrip().endswith(".") or len(text.split()) > 10


def _units_down(table: Table) -> list[Unit] | None:
    units: list[Unit] = []
    current: Unit | None = None
    pending: list[LevelValue] = []
    for row in table.rows:
        cells = [c for c in sorted(row, key=lambda c: c.col) if c.text or c.fields]
        if not cells:
            continue
        first = cells[0]
        if (
            len(cells) == 1
            and current is not None
            and current.name is not None
            and not current.values
            and _prose(first.text)
        ):
            current.evidence.extend(statements(cell_paragraphs(first)))  # the answer (ho5_je03)
            continue
        question = _QUESTION_NO.match(first.text) if len(cells) == 2 else None
        if question is not None and not is_level_label(cells[1].text):
            # `Q3 | Interpersonal skills`: a questionnaire's numbered question (ho5_je03)
            if current is not None:
                units.append(close_unit(current, pending))
            where = cells[1].paragraphs[0].where if cells[1].paragraphs else cells[1].where
            asked = int(question.group(1))
            current, pending = Unit(cells[1].text.replace("\n", " "), asked, where), []
            continue
        if len(cells) == 1 and (first.col_span >= table.n_cols - 1 or table.n_cols == 1):
            if is_level_label(first.text):
                return None
            if current is not None:
                units.append(close_unit(current, pending))
            name, number = split_numbering(first.text.replace("\n", " "))
            where = first.paragraphs[0].where if first.paragraphs else first.where
            current, pending = Unit(name, number, where), []
            continue
        if current is None:
            current, pending = Unit(None, None, None), []
        if len(cells) < 2 or not fill_unit(current, first.text, cells[1:], pending):
            return None
    if current is not None:
        units.append(close_unit(current, pending))
    if not units or not all(has_level(u) for u in units):
        return None
    return units


_LINE = re.compile(r"^(?P<label>[^:;]{1,40}?)\s*[:;]\s*(?P<value>\S.{0,20})$")


# `Panel decision – Level 5 (121 points)`: whose decision, a dash or colon, the level and
# its points in brackets (ho4_je03, a panel record written as prose).
_DECISION_LINE = re.compile(
    r"^(?P<label>[^:;–—]{1,40}?)\s*[:;–—-]\s*level\s+(?P<level>[A-Z0-9]{1,4})\b\s*"
    r"(?:\(\s*(?P<points>\d{1,4})\s*(?:points|pts|marks)\s*\))?\s*\.?$",
    re.IGNORECASE,
)


def _line_cell(p: Paragraph, value: str) -> Cell:
    return Cell(row=0, col=0, where=p.where, paragraphs=[Paragraph(text=value, where=p.where)])


def level_line(p: Paragraph) -> list[tuple[str, Cell]] | None:
    """`Level proposed: 3`, `Points: 56`: a factor's labelled value written as a line
    under its heading (a report with no factor tables); or a decision line giving the level
    and its points at once (`Panel decision – Level 5 (121 points)`)."""
    m = _LINE.match(p.text)
    if m is not None and is_level_label(m.group("label")):
        value = m.group("value").strip()
        if not is_short_value(value):
            return None
        return [(m.group("label"), _line_cell(p, value))]
    d = _DECISION_LINE.match(p.text.strip())
    if d is None or role(d.group("label"), alone=True) is None:
        return None
    label = d.group("label").strip()
    found = [(f"{label} level", _line_cell(p, d.group("level")))]
    if d.group("points"):
        found.append((f"{label} points", _line_cell(p, d.group("points"))))
    return found


# `Knowledge – Level 4 – 86 points` (a bullet of an outcome letter, ho4_je08): a factor's
# name, its level and its points on one line.
_FACTOR_LINE = re.compile(
    r"^(?P<name>[^\W\d_][^–—:;]{2,80}?)\s+[–—:-]\s+(?:level\s+)?(?P<level>[A-Z]{1,4}|\d{1,2}|"
    r"[a-z]+)\s*(?:[–—,;:-]\s*|\(\s*)(?P<points>\d{1,4})\s*(?:points|pts|marks)\s*\)?\.?$",
    re.IGNORECASE,
)


def factor_line(p: Paragraph) -> Unit | None:
    """A factor written as one line (`Knowledge – Level 4 – 86 points`): a unit with its
    name, level and points; None for any other line."""
    m = _FACTOR_LINE.match(p.text.strip())
    if m is None or is_level_label(m.group("name")):
        return None  # `Panel decision – Level 5 (121 points)` is a factor's decision line
    name, number = split_numbering(m.group("name").strip())
    unit = Unit(name, number, p.where)
    pending: list[LevelValue] = []
    fill_unit(unit, "level", [_text_cell(m.group("level"), p.where)], pending)
    fill_unit(unit, "points", [_text_cell(m.group("points"), p.where)], pending)
    unit = close_unit(unit, pending)
    return unit if has_level(unit) else None


def is_label_paragraph(p: Paragraph) -> bool:
    """A bold `Evidence` line between a unit's table and its text: a label, not a heading."""
    return is_evidence_label(p.text) and len(p.text.split()) <= 3


def name_from_heading(p: Paragraph) -> tuple[str, int | None]:
    return split_numbering(p.text)


def looks_like_section(text: str) -> bool:
    """Headings that head a part of the form, never a factor (`APPENDIX 2 – OUTCOME` over
    the result lines of a long report, ho6_je02)."""
    return has_word(
        text,
        "total",
        "summary",
        "sign",
        "panel",
        "comment",
        "post detail",
        "details of",
        "appendix",
        "annex",
        "outcome",
        "result",
    )
