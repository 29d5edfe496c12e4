"""Competency frameworks in long format: one spreadsheet row per indicator.

Exports from HR systems list every indicator on its own row (`Ref | Type | Competency |
Level code | Indicator | Effective from | Version`), repeating the competency on each row,
and explain the level codes on another sheet (`Level code | Level | Meaning`). Cues:

- a header row naming a competency column, a level column and an indicator/statement
  column (header words, not exact strings), optionally a type/cluster column, a reference
  column and a definition column; dates, versions and owners are ignored; instead of a
  level column, level-named columns with one tick per row (numbered by column order);
- a cell merged down several rows (a Word table's competency and level) counts on each;
- below it, the competency column repeats its values and the indicator column holds prose;
- a meanings table is another table with a column holding the level codes the long table
  uses, beside a short name column (and a description).

A level code's number is the digit in it (`L2`, `CL3`), else the code's row in the
meanings table, else its scale word's order of first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from roleframe.parsers.kinds.competency_levels import (
    LevelScale,
    is_scale_word,
    precedence_order,
    strip_marks,
)
from roleframe.parsers.kinds.framework_common import distinct_cells, header_words, word_count
from roleframe.parsers.layout import Cell, Layout, Paragraph, Table
from roleframe.parsers.text import clean
from roleframe.schema import Provenance

_LEVEL = re.compile(r"\b(level|lvl|tier|proficiency)\b", re.IGNORECASE)
_REFERENCE = re.compile(r"\b(ref|reference|id|code|no|number|#)\b\.?", re.IGNORECASE)
_SECTION = re.compile(
    r"\b(cluster|group|area|domain|theme|family|section|pillar|strand)\b", re.IGNORECASE
)
_KIND = re.compile(r"\b(type|category|kind)\b", re.IGNORECASE)
_INDICATOR = re.compile(
    r"\b(indicators?|statements?|descriptors?|examples?|criteri(?:a|on)|"
    r"what (?:good|it|this) looks like|evidence)\b",
    re.IGNORECASE,
)
_COMPETENCY = re.compile(
    r"\b(competenc\w*|behaviou?rs?|skills?|capabilit\w*|standards?|attributes?|name|title)\b",
    re.IGNORECASE,
)
_DEFINITION = re.compile(r"\b(definition|description|meaning|summary|purpose)\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_POST_COLUMN = re.compile(r"^(?:job|role|post|position)\b", re.IGNORECASE)
_MIN_ROWS = 3


@dataclass(frozen=True)
class LongColumns:
    """Where a long-format table keeps each part of an indicator row."""

    header_row: int
    competency: int
    level: int
    indicator: int
    section: int | None = None
    reference: int | None = None
    definition: int | None = None
    kind: int | None = None  # a `Type` (core / technical) column beside a cluster column
    # levels as ticked columns instead of a level column (ho_cf10: `Foundation |
    # Practitioner | Expert`, a tick under the indicator's level): column -> header
    ticks: tuple[tuple[int, str], ...] = ()
    # a column naming each row's level beside its code (ho6_cf05: `PROF_LEVEL |
    # PROF_LEVEL_NAME` holding `2 | Intermediate`)
    level_name: int | None = None

    def level_cell(self, table: Table, r: int) -> Cell | None:
        """The cell giving row r's level: the level column's, or the ticked one's."""
        if not self.ticks:
            return _cell_at(table, r, self.level)
        grid = table.grid()[r]
        for c, _ in self.ticks:
            cell = grid[c]
            if cell is not None and _TICK.match(cell.text):
                return cell
        return None

    def level_text(self, table: Table, r: int) -> str:
        """Row r's level as written (the ticked column's header for ticked levels)."""
        cell = self.level_cell(table, r)
        if not self.ticks:
            return cell.text if cell is not None else ""  # merged down its rows: repeated
        return next((h for c, h in self.ticks if cell is not None and cell.col == c), "")


@dataclass(frozen=True)
class LongRow:
    """One indicator of a long-format table."""

    competency: str
    competency_where: Provenance
    section: str | None
    definition: str | None
    kind: str | None  # the `Type` cell (core / technical) when a cluster column names sections
    level: int | None
    level_label: str
    level_where: Provenance
    text: str
    code: str | None
    where: Provenance


@dataclass(frozen=True)
class LongLevel:
    number: int
    name: str
    description: str | None
    where: Provenance


_CODE = re.compile(r"^[A-Za-z]{0,4}[ .-]?\d{1,2}[a-z]?$")


def _level_like(value: str, scale: LevelScale | None) -> bool:
    """`L2`, `CL3`, `2`, `Level 2`, `Foundation`: a level code, number or name."""
    v = strip_marks(value)
    if _CODE.match(v):
        return True
    return (scale is not None and scale.number(v) is not None) or is_scale_word(v)


def _header_roles(header: list[str]) -> dict[str, int]:
    """Roles the header words give (first column per role; a column takes one role)."""
    roles: dict[str, int] = {}
    checks = (
        ("level", _LEVEL),
        ("reference", _REFERENCE),
        ("section", _SECTION),
        ("kind", _KIND),
        ("indicator", _INDICATOR),
        ("definition", _DEFINITION),
        ("competency", _COMPETENCY),
    )
    for c, text in enumerate(header):
        if not text or word_count(text) > 4:
            continue
        for role, pattern in checks:
            if role not in roles and pattern.search(text):
                roles[role] = c
                break
    if "kind" in roles and "section" not in roles:
        roles["section"] = roles.pop("kind")  # cf03: the `Type` column is the only grouping
    # `Competency | Level | Behaviour`: a competency column beside a `behaviour` one makes
    # the behaviour column the indicators; `Behaviour | Level | Description` the other way.
    if "indicator" not in roles:
        for c, text in enumerate(header):
            if c in roles.values() or not text:
                continue
            if re.search(r"behaviou?r|description|text", text, re.IGNORECASE):
                roles["indicator"] = c
                break
    return roles


def _level_name_column(
    header: list[str], body: list[list[str]], roles: dict[str, int]
) -> int | None:
    """A column headed as a level's (`Level name`, `Proficiency`) whose short words go one
    to one with the level column's codes: the levels' names."""
    level = roles["level"]
    for c, head in enumerate(header):
        if c in roles.values() or not _LEVEL.search(head):
            continue
        pairs = {(row[level], row[c]) for row in body if len(row) > max(c, level)}
        codes = {a for a, _ in pairs}
        names = {b for _, b in pairs}
        if len(pairs) == len(codes) == len(names) >= 2 and all(
            b and word_count(b) <= 3 and not _DIGITS.fullmatch(b) for b in names
        ):
            return c
    return None


def _texts(table: Table, r: int) -> list[str]:
    """Row r's texts by column; a cell merged down several rows repeats on each of them
    (ho_cf05: the competency and level cells of a Word table span their indicator rows)."""
    texts = [""] * table.n_cols
    for c, cell in enumerate(table.grid()[r]):
        if cell is not None and cell.col == c:
            texts[c] = clean(cell.text)
    return texts


def _column(body: list[list[str]], c: int) -> list[str]:
    return [row[c] for row in body if c < len(row) and row[c]]


def _prose_roles(body: list[list[str]], roles: dict[str, int], n_cols: int) -> None:
    """Indicator and definition columns by shape, header words only breaking ties: both
    hold prose, but a definition repeats on every row of its competency (cf14: `What it
    means` beside a `Description` of each indicator)."""
    taken = {
        roles[k] for k in ("competency", "level", "section", "kind", "reference") if k in roles
    }
    prose = [
        c
        for c in range(n_cols)
        if c not in taken
        and _column(body, c)
        and sum(word_count(v) for v in _column(body, c)) / len(_column(body, c)) >= 3
    ]
    name_col = roles["competency"]
    constant = {c for c in prose if _constant_per(body, name_col, c)}
    varying = [c for c in prose if c not in constant]
    if varying:
        hinted = roles.get("indicator")
        roles["indicator"] = (
            hinted if hinted in varying else max(varying, key=lambda c: len(set(_column(body, c))))
        )
    if constant:
        hinted = roles.get("definition")
        roles["definition"] = hinted if hinted in constant else min(constant)
    elif "definition" in roles and roles["definition"] == roles.get("indicator"):
        del roles["definition"]


def _constant_per(body: list[list[str]], key: int, c: int) -> bool:
    """Whether column c holds one value per value of column ``key`` (and some repeat)."""
    seen: dict[str, str] = {}
    for row in body:
        if not row[key] or not row[c]:
            continue
        if seen.setdefault(row[key], row[c]) != row[c]:
            return False
    return len(seen) < sum(1 for row in body if row[key] and row[c])


def long_format_columns(table: Table, scale: LevelScale | None = None) -> LongColumns | None:
    """The columns of a long-format indicator table, or None when it is not one."""
    for r in range(min(3, table.n_rows)):
        header = [header_words(h) for h in _texts(table, r)]
        if sum(1 for h in header if h) < 3:
            continue
        if any(_POST_COLUMN.match(h) for h in header):
            return None  # rows of posts (`Job title`): a progression export (ho6_pf05)
        roles = _header_roles(header)
        body = [_texts(table, i) for i in range(r + 1, table.n_rows)]
        body = [row for row in body if sum(1 for x in row if x) >= 2]
        if len(body) < _MIN_ROWS:
            return None
        free = [c for c in range(table.n_cols) if c not in roles.values() and _column(body, c)]
        ticks: tuple[tuple[int, str], ...] = ()
        if "level" not in roles:
            level_cols = [c for c in free if all(_level_like(v, scale) for v in _column(body, c))]
            ticks = _tick_columns(header, body, free, scale)
            if not level_cols and not ticks:
                continue
            if ticks:
                roles["level"] = ticks[0][0]
                free = [c for c in free if c not in dict(ticks)]
            else:
                roles["level"] = level_cols[0]
                free.remove(level_cols[0])
        if "competency" not in roles:
            continue
        _prose_roles(body, roles, table.n_cols)
        if "indicator" not in roles:
            continue
        names = _column(body, roles["competency"])
        indicators = _column(body, roles["indicator"])
        levels = [h for _, h in ticks] or _column(body, roles["level"])
        repeats = len(set(names)) < len(names)
        prose = sum(word_count(t) >= 4 for t in indicators) >= len(indicators) / 2
        short_levels = all(word_count(v) <= 3 for v in levels)
        if not (repeats and prose and short_levels):
            return None
        return LongColumns(
            level_name=_level_name_column(header, body, roles),
            header_row=r,
            competency=roles["competency"],
            level=roles["level"],
            indicator=roles["indicator"],
            section=roles.get("section"),
            reference=roles.get("reference"),
            definition=roles.get("definition"),
            kind=roles.get("kind"),
            ticks=ticks,
        )
    return None


_TICK = re.compile(r"^(?:[✓✔☑☒xX●•■*]|yes|y)$", re.IGNORECASE)


def _tick_columns(
    header: list[str], body: list[list[str]], free: list[int], scale: LevelScale | None
) -> tuple[tuple[int, str], ...]:
    """Two or more header cells naming levels whose body cells are ticks, one tick to a
    row: levels as ticked columns."""
    cols = [c for c in free if header[c] and _level_like(header[c], scale)]
    if len(cols) < 2:
        return ()
    ticked = 0
    for row in body:
        marks = [c for c in cols if row[c]]
        if any(not _TICK.match(row[c]) for c in marks):
            return ()
        ticked += len(marks) == 1
    return tuple((c, header[c]) for c in cols) if ticked * 10 >= 8 * len(body) else ()


def _cell_at(table: Table, r: int, c: int) -> Cell | None:
    row = table.grid()[r]
    return row[c] if c < len(row) else None


def _meanings(
    layout: Layout, skip: list[Table], codes: set[str]
) -> tuple[Table, list[LongLevel]] | None:
    """Another table (not a long one) with a column of the level codes and a short name
    column beside it."""
    for table in layout.tables():
        if any(table is t for t in skip) or table.n_rows < 3 or table.n_cols < 2:
            continue
        grid = table.grid()
        rows = [distinct_cells(r) for r in grid[1:]]
        for c in range(table.n_cols):
            column = [_at(r, c) for r in rows]
            values = [strip_marks(cell.text) for cell in column if cell is not None and cell.text]
            if len(values) < 2 or not {v.casefold() for v in values} >= codes:
                continue
            name_col = _name_column(rows, c, table.n_cols)
            found: list[LongLevel] = []
            for n, row in enumerate(rows, start=1):
                code_cell, name_cell = (
                    _at(row, c),
                    _at(row, name_col) if name_col is not None else None,
                )
                if code_cell is None or not code_cell.text:
                    continue
                code = strip_marks(code_cell.text)
                number = _digits(code) or n
                others = [x.text for x in row if x not in (code_cell, name_cell) and x.text]
                name = name_cell.text if name_cell is not None and name_cell.text else code
                description = max(others, key=len) if others else None
                found.append(LongLevel(number, name, description, code_cell.where))
            return table, found
    return None


def _at(row: list[Cell], c: int) -> Cell | None:
    return next((cell for cell in row if cell.col <= c < cell.col + cell.col_span), None)


def _name_column(rows: list[list[Cell]], code_col: int, n_cols: int) -> int | None:
    """The column of short names beside the codes (the first all-short one after it)."""
    for c in range(code_col + 1, n_cols):
        texts = [x.text for x in (_at(r, c) for r in rows) if x is not None and x.text]
        if texts and all(word_count(t) <= 3 for t in texts):
            return c
    return None


def _digits(code: str) -> int | None:
    found = _DIGITS.findall(code)
    return int(found[-1]) if len(found) == 1 else None


@dataclass
class LongFormat:
    """The long-format tables of a layout, read: indicator rows and the level meanings."""

    tables: list[Table]
    rows: list[LongRow]
    levels: list[LongLevel]


def read_long_format(
    layout: Layout, scale: LevelScale, headings: dict[int, str] | None = None
) -> LongFormat | None:
    """Every long-format table's rows, levels numbered by code (see the module docstring);
    ``headings`` maps a table (by id) to the heading it sits under, its rows' section when
    it has no section column."""
    found: list[tuple[Table, LongColumns]] = []
    used: list[Table] = []  # the layout's tables read here (the originals of turned ones)
    heading_of: dict[int, str] = {}
    for table in layout.tables():
        shaped = titled_rows(table) or table
        cols = long_format_columns(shaped, scale)
        if cols is not None:
            found.append((shaped, cols))
            used.append(table)
            if headings and id(table) in headings:
                heading_of[id(shaped)] = headings[id(table)]
    if not found:
        return None
    skip = [*used, *(t for t, _ in found)]
    codes: dict[str, str] = {}  # casefold -> as written, in order of first use
    for table, cols in found:
        for r in range(cols.header_row + 1, table.n_rows):
            code = strip_marks(cols.level_text(table, r))
            if code:
                codes.setdefault(code.casefold(), code)
    meanings = _meanings(layout, skip, set(codes))
    levels: list[LongLevel] = []
    numbers: dict[str, int] = {}
    if meanings is not None:
        used.append(meanings[0])
        levels = meanings[1]
        for lv in levels:
            numbers[_code_of(meanings[0], lv).casefold()] = lv.number
    order = _code_order(found)
    # ticked level columns are numbered by their order across the header
    by_column = {
        strip_marks(h).casefold(): i + 1 for _, cols in found for i, (_, h) in enumerate(cols.ticks)
    }
    for key, code in codes.items():
        if key in numbers:
            continue
        number = _digits(code) or by_column.get(key) or scale.number(code)
        if number is None:
            number = order.index(key) + 1
        numbers[key] = number
    if meanings is None:
        named = _level_names(found)
        levels = sorted(
            (
                LongLevel(
                    numbers[k], named.get(k) or _code_name(code), None, _first_where(found, k)
                )
                for k, code in codes.items()
            ),
            key=lambda lv: lv.number,
        )
    rows: list[LongRow] = []
    for table, cols in found:
        rows.extend(_rows(table, cols, numbers, heading_of.get(id(table))))
    return LongFormat(used, rows, levels)


def _level_names(found: list[tuple[Table, LongColumns]]) -> dict[str, str]:
    """Level code (casefold) -> the name its row's level-name column gives."""
    names: dict[str, str] = {}
    for table, cols in found:
        if cols.level_name is None:
            continue
        for r in range(cols.header_row + 1, table.n_rows):
            code = strip_marks(cols.level_text(table, r))
            cell = _cell_at(table, r, cols.level_name)
            if code and cell is not None and cell.text:
                names.setdefault(code.casefold(), clean(cell.text))
    return names


_NUMBER_NAME = re.compile(r"^(?:level\s*)?\d{1,2}\s*[-–—:.)]\s*(?P<name>[^\d\s].*)$", re.I)


def _code_name(code: str) -> str:
    """A level cell's name: `1 – Foundation` -> `Foundation`; a code (`CL2`) as written."""
    m = _NUMBER_NAME.match(code)
    return m.group("name").strip() if m else code


def _code_order(found: list[tuple[Table, LongColumns]]) -> list[str]:
    """Level codes in the order most competencies list them (a competency may start at the
    second level): each competency's codes in row order vote."""
    per: dict[str, list[str]] = {}
    for table, cols in found:
        for r in range(cols.header_row + 1, table.n_rows):
            texts = table.row_texts(r)
            name, code = clean(texts[cols.competency]), strip_marks(cols.level_text(table, r))
            if name and code:
                seq = per.setdefault(name.casefold(), [])
                if code.casefold() not in seq:
                    seq.append(code.casefold())
    return [k.casefold() for k in precedence_order(list(per.values()))]


def _code_of(table: Table, level: LongLevel) -> str:
    for cell in table.cells():
        if cell.where == level.where:
            return strip_marks(cell.text)
    return level.name


def _first_where(found: list[tuple[Table, LongColumns]], key: str) -> Provenance:
    for table, cols in found:
        for r in range(cols.header_row + 1, table.n_rows):
            cell = cols.level_cell(table, r)
            if cell is not None and strip_marks(cell.text).casefold() == key:
                return cell.where
    return found[0][0].where


def _titled_cell(cell: Cell | None) -> tuple[str, str] | None:
    """A name cell holding a bold name over its plain definition (ho_cf05)."""
    paras = [p for p in cell.paragraphs if p.text] if cell is not None else []
    if len(paras) < 2 or not paras[0].bold or any(p.bold for p in paras[1:]):
        return None
    return paras[0].text, " ".join(p.text for p in paras[1:])


def _rows(
    table: Table, cols: LongColumns, numbers: dict[str, int], heading: str | None = None
) -> list[LongRow]:
    """Indicator rows; with no section column, ``heading`` (the one the table sits under)
    is their section."""
    grid = table.grid()
    out: list[LongRow] = []
    section: str | None = None
    for r in range(cols.header_row + 1, table.n_rows):
        row = grid[r]

        def text(c: int | None, row: list[Cell | None] = row) -> str:
            cell = row[c] if c is not None and c < len(row) else None
            return clean(cell.text) if cell is not None else ""

        name, indicator = text(cols.competency), text(cols.indicator)
        if not name or not indicator:
            continue
        definition = text(cols.definition) or None
        titled = _titled_cell(row[cols.competency])
        if titled is not None:
            name, definition = titled[0], definition or titled[1]
        section = text(cols.section) or (section if cols.section is not None else heading)
        code = strip_marks(cols.level_text(table, r))
        name_cell, level_cell = row[cols.competency], cols.level_cell(table, r)
        indicator_cell = row[cols.indicator]
        assert name_cell is not None and indicator_cell is not None
        out.append(
            LongRow(
                competency=name,
                competency_where=name_cell.where,
                section=section,
                kind=text(cols.kind) or None,
                definition=definition,
                level=numbers.get(code.casefold()),
                level_label=code,
                level_where=level_cell.where if level_cell is not None else indicator_cell.where,
                text=indicator,
                code=text(cols.reference) or None,
                where=indicator_cell.where,
            )
        )
    return out


_DEFINITION_ROW = re.compile(
    r"^(?:definition|description|what (?:it|this) (?:is|means)|meaning)$", re.I
)


def titled_rows(table: Table) -> Table | None:
    """A long table that names each competency in a full-width row over its indicator rows
    (ho3_cf04: `Managing workload` merged across, a `Definition | … | text` row, then
    `L1 | DR1.1 | indicator` rows), turned into the plain long shape: a `Competency` column
    repeating each title on its rows and a `Definition` column repeating its definition.
    None when the table has no such title rows. Cells keep their provenance."""
    if table.n_rows < 4 or table.n_cols < 2:
        return None
    grid = table.grid()
    titles = [
        r
        for r in range(1, table.n_rows)
        if (cells := [c for c in distinct_cells(grid[r]) if c.text])
        and len(cells) == 1
        and cells[0].col_span >= table.n_cols
        and len(cells[0].paragraphs) <= 2
    ]
    header = distinct_cells(grid[0])
    if len(titles) < 2 or sum(1 for c in header if c.text) < 2:
        return None
    n = table.n_cols
    turned = Table(index=table.index, where=table.where, n_cols=n + 2)
    first = header[0]
    turned.rows.append(
        [
            _synthetic(0, 0, "Competency", first),
            *(_moved(c, 0, c.col + 1) for c in table.rows[0]),
            _synthetic(0, n + 1, "Definition", first),
        ]
    )
    title: Cell | None = None
    definition: Cell | None = None
    for r in range(titles[0], table.n_rows):
        cells = [c for c in distinct_cells(grid[r]) if c.text]
        if r in titles:
            title, definition = cells[0], None
            continue
        if not cells or title is None:
            continue
        if _DEFINITION_ROW.match(clean(cells[0].text)) and len(cells) == 2:
            definition = cells[1]
            continue
        out = len(turned.rows)
        row = [_moved(title, out, 0, span=1)]
        row += [_moved(c, out, c.col + 1) for c in table.rows[r]]
        if definition is not None:
            row.append(_moved(definition, out, n + 1, span=1))
        turned.rows.append(row)
    return turned if len(turned.rows) > _MIN_ROWS else None


def _moved(cell: Cell, row: int, col: int, span: int | None = None) -> Cell:
    return Cell(
        row=row,
        col=col,
        where=cell.where,
        paragraphs=cell.paragraphs,
        col_span=cell.col_span if span is None else span,
        tables=cell.tables,
        shaded=cell.shaded,
        value=cell.value,
    )


def _synthetic(row: int, col: int, text: str, near: Cell) -> Cell:
    """A header cell the table implies but does not print (its provenance: ``near``'s)."""
    return Cell(row=row, col=col, where=near.where, paragraphs=[Paragraph(text, near.where)])


@dataclass(frozen=True)
class LevelList:
    """One competency's indicators as rows (`Lvl | Proficiency | Behaviour indicator`): the
    competency is named above the table, each row gives a level and an indicator."""

    header_row: int
    level: int
    indicator: int
    level_name: int | None = None


def level_list_columns(table: Table, scale: LevelScale | None = None) -> LevelList | None:
    """ho6_cf01: an HR system's per-competency table, the level number (and its name)
    repeated on each indicator's row; no column names a competency. None otherwise."""
    if table.n_rows < 3 or table.n_cols < 2:
        return None
    header = [header_words(h) for h in _texts(table, 0)]
    body = [_texts(table, i) for i in range(1, table.n_rows)]
    body = [row for row in body if sum(1 for x in row if x) >= 2]
    if len(body) < 2:
        return None
    level_cols = [
        c
        for c, h in enumerate(header)
        if h and _LEVEL.search(h) and all(_level_like(v, scale) for v in _column(body, c))
    ]
    if not level_cols or any(
        _COMPETENCY.search(h) and not _INDICATOR.search(h) for h in header if h
    ):
        return None
    level = level_cols[0]
    prose = [
        c
        for c in range(table.n_cols)
        if c != level
        and _column(body, c)
        and sum(word_count(v) for v in _column(body, c)) / len(_column(body, c)) >= 3
    ]
    cued = [
        c
        for c in prose
        if _INDICATOR.search(header[c])
        or re.search(r"behaviou?r|description|text", header[c], re.IGNORECASE)
    ]
    if len(cued) != 1:
        return None
    roles = {"level": level, "indicator": cued[0]}
    return LevelList(0, level, cued[0], _level_name_column(header, body, roles))


def level_list_rows(table: Table, cols: LevelList) -> Iterator[tuple[str, str | None, Cell]]:
    """(level as written, its name or None, the indicator's cell) per body row."""
    for r in range(cols.header_row + 1, table.n_rows):
        code_cell = _cell_at(table, r, cols.level)
        text_cell = _cell_at(table, r, cols.indicator)
        if code_cell is None or text_cell is None or not code_cell.text or not text_cell.text:
            continue
        name_cell = _cell_at(table, r, cols.level_name) if cols.level_name is not None else None
        name = clean(name_cell.text) if name_cell is not None and name_cell.text else None
        yield strip_marks(code_cell.text), name, text_cell
