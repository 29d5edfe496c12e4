"""Competency / behaviour requirement tables inside a role profile.

Many profiles list the competencies or behaviours the role needs and the level it needs
each at. Two table shapes, found by their header row (one of the first three rows, or a row of
header-styled cells further down):

* **name | level**: one header cell names the name column (`Competency`, `Behaviour`,
  `Skill`, `Capability`, Welsh `Cymhwysedd`/`Ymddygiad`) and another the level column
  (`Level`, `Required`, `Expected`, `Proficiency`, `Standard`); the body's level cells are
  short (a digit, `Level 3`, a scale word). Longer columns between are descriptions.
* **levels as columns**: after the name column, two or more header cells that are level
  names or numbers (`Foundation | Practitioner | …`, `1 | 2 | 3`), with a tick in one of
  them on each body row.

A third shape has no table: under a heading naming competencies or behaviours, a list of
short names, each with its level written after it or none (`Customer focus – Level 3`,
`Working Together`) — ``from_list``.

A level's number comes from the cell (`3`, `Level 3`, `3 – Advanced`), else from the
document's own key (`1 = Foundation`, `Basic (1)`, a `Level | Name` table), else — for
levels as columns — from the columns' order; a bare word with no key stays un-numbered
(scales differ between councils, so no vocabulary guesses a number).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from roleframe.parsers.kinds.formcues import (
    cell_paragraphs,
    is_label_cell,
    label_text,
    row_is_blank,
    statements,
)
from roleframe.parsers.layout import Cell, Layout, Paragraph, Table
from roleframe.parsers.text import clean
from roleframe.schema import Provenance
from roleframe.schema.role_profile import RequiredCompetency, Statement

_NAME_HEADER = re.compile(
    r"competenc|behaviou?r|\bskills?\b|capabilit|cymhwysedd|ymddygiad", re.IGNORECASE
)
_LEVEL_HEADER = re.compile(
    r"\blevels?\b|required|expected|proficien|standard|rating|lefel", re.IGNORECASE
)
# a level written with its number: `3`, `Level 3`, `L3`, `3 – Advanced`, `Level 2 (Working)`
_NUMBERED = re.compile(
    r"^(?:(?:level|lefel|lvl|l)\s*)?(\d{1,2})(?:\s*(?:[-–—:=.]\s*|\()[^\d].{0,40})?$",
    re.IGNORECASE,
)
# key pairs: `1 = Foundation`, `2 – Working`, `Level 3: Advanced`; `Basic (1)`, `Expert = 4`
_KEY_NUMBER_FIRST = re.compile(
    r"(?:\blevel\s*)?\b(\d{1,2})\s*[=:–—-]\s*([A-Za-z][A-Za-z'-]*(?: [A-Za-z][A-Za-z'-]*){0,2})",
    re.IGNORECASE,
)
_KEY_WORD_FIRST = re.compile(
    r"\b([A-Za-z][A-Za-z'-]*(?: [A-Za-z][A-Za-z'-]*){0,2})\s*(?:\((\d{1,2})\)|[=:]\s*(\d{1,2})\b)"
)
_TICK = re.compile(r"^(?:[✓✔☑☒✗✘•●■xX*]|\uf0fc|\uf0fe|yes|y)$", re.IGNORECASE)
_SCALE_WORD = re.compile(r"^[A-Za-z][A-Za-z' -]{1,30}$")
MAX_LEVEL = 10
MAX_NAME_WORDS = 14
MAX_LEVEL_WORDS = 4


@dataclass(slots=True)
class CompetencyTable:
    """Where a requirement table's parts are (grid columns)."""

    header: int
    name_col: int
    level_col: int | None = None  # name | level shape
    level_cols: dict[int, str] = field(default_factory=dict)  # levels as columns: col -> header
    description_cols: list[int] = field(default_factory=list)


def level_key(layout: Layout) -> dict[str, int]:
    """The document's own level key: level word (casefolded) -> number.

    From any paragraph with two or more `n = Word` / `Word (n)` pairs, and from tables
    whose rows are a level number beside a short level name. A word given two numbers is
    dropped (it is not a key).
    """
    found: dict[str, set[int]] = {}

    def add(word: str, number: str) -> None:
        n = int(number)
        if 0 <= n <= MAX_LEVEL:
            found.setdefault(clean(word).casefold(), set()).add(n)

    for p in _all_paragraphs(layout):
        # a phrase is kept whole and by the word nearest its number (`1 = Awareness of the
        # basics` keys `awareness`; `The levels are Basic (1)` keys `basic`)
        pairs = [
            (m.group(2), m.group(2).split()[0], m.group(1))
            for m in _KEY_NUMBER_FIRST.finditer(p.text)
        ]
        if len(pairs) < 2:
            pairs = [
                (m.group(1), m.group(1).split()[-1], m.group(2) or m.group(3))
                for m in _KEY_WORD_FIRST.finditer(p.text)
            ]
        if len({n for _, _, n in pairs}) >= 2:
            for phrase, word, number in pairs:
                add(_strip_level_word(phrase), number)
                if word != phrase:
                    add(word, number)
    for table in _all_tables(layout):
        for word, number in _key_rows(table):
            add(word, number)
    return {w: next(iter(ns)) for w, ns in found.items() if len(ns) == 1}


def _key_rows(table: Table) -> list[tuple[str, str]]:
    """(word, number) of a table listing levels: `1 | Developing | …` rows, two or more."""
    rows = []
    for row in table.rows:
        texts = [c.text for c in sorted(row, key=lambda c: c.col) if c.text]
        if len(texts) >= 2:
            m = _NUMBERED.match(texts[0])
            if m and _SCALE_WORD.match(texts[1]) and len(texts[1].split()) <= 3:
                rows.append((texts[1], m.group(1)))
    return rows if len(rows) >= 2 else []


_KEY_HEADER = re.compile(r"\blevels?\b|\bscale\b|\bkey\b|\brating|lefel", re.IGNORECASE)


def is_level_key(table: Table) -> bool:
    """A table that only defines the level scale (`Level | Meaning`, then `1 | Developing`
    …): a header row naming levels, and every other row a level number beside its name."""
    filled = [row for row in table.rows if not row_is_blank(row)]
    rows = _key_rows(table)
    if not rows or len(rows) != len(filled) - 1:
        return False
    return bool(_KEY_HEADER.search(" ".join(c.text for c in filled[0])))


def _strip_level_word(word: str) -> str:
    """`Foundation level` -> `Foundation` (the key's word as a level cell would show it)."""
    return re.sub(r"\s+level$", "", word.strip(), flags=re.IGNORECASE)


def _all_paragraphs(layout: Layout) -> Iterable[Paragraph]:
    yield from layout.paragraphs()
    for table in _all_tables(layout):
        for cell in table.cells():
            yield from cell.paragraphs


def _all_tables(layout: Layout) -> Iterable[Table]:
    from roleframe.parsers.kinds.formcues import all_tables

    return all_tables(layout)


def level_number(raw: str, key: dict[str, int]) -> int | None:
    """The number a level cell gives: its own digit, else the document's key."""
    text = clean(raw).rstrip("*†‡ ")
    m = _NUMBERED.match(text)
    if m:
        n = int(m.group(1))
        return n if n <= MAX_LEVEL else None
    folded = text.casefold()
    if folded in key:
        return key[folded]
    first = folded.split(" ")[0] if folded else ""
    return key.get(_strip_level_word(folded)) or (key.get(first) if first != folded else None)


# `Customer focus – Level 3`, `Resilience (level 2)`, `Planning: 3`: a name, then its level
_NAME_LEVEL = re.compile(
    r"^(?P<name>.+?)\s*(?:[-–—:]\s*|\(\s*)(?P<level>(?:level|lefel|lvl)\s*\d{1,2}|\d{1,2})\s*\)?$",
    re.IGNORECASE,
)
_GROUP_HEADER = re.compile(r"competenc|behaviou?r|capabilit|cymhwysedd|ymddygiad", re.IGNORECASE)


def from_list(
    items: list[Statement],
    key: dict[str, int],
    group: str,
    group_where: Provenance | None = None,
) -> list[RequiredCompetency]:
    """The requirements a list under ``group`` (a `Behaviours` heading) names: two or more
    list items, every one a short name (no sentence), with or without a level after it;
    [] when the heading names no competencies or the list is prose."""
    if not _GROUP_HEADER.search(group):
        return []
    listed = [s for s in items if s.bulleted]
    if len(listed) < 2 or any(
        len(s.text.split()) > MAX_LIST_NAME_WORDS or s.text.rstrip().endswith((".", ";", ":"))
        for s in listed
    ):
        return []
    lead = _lead_in_level(items, listed[0])
    out: list[RequiredCompetency] = []
    for s in listed:
        m = _NAME_LEVEL.match(s.text)
        name, raw = (m.group("name"), m.group("level")) if m else (s.text, None)
        raw_where = s.where if raw else None
        if raw is None and lead is not None:
            raw, raw_where = lead[0], lead[1].where
        elif raw is None and (at := _LEAD_LEVEL.search(group)) is not None:
            raw, raw_where = at.group(0), group_where  # `Behaviours (Level 2)` over the list
        out.append(
            RequiredCompetency(
                name=name.strip(),
                level_raw=raw,
                level=level_number(raw, key) if raw else None,
                group=group,
                where=s.where,
                level_where=raw_where,
            )
        )
    return out


_LEAD_LEVEL = re.compile(r"\blevel\s+\d{1,2}\b", re.IGNORECASE)


def _lead_in_level(items: list[Statement], first: Statement) -> tuple[str, Statement] | None:
    """`We'll assess you against these behaviours at Level 2 …:` — the line just before a
    list of names, ending in a colon, gives the level they are all required at
    (ho6_rp03)."""
    at = next(i for i, s in enumerate(items) if s is first)
    if at == 0:
        return None
    lead = items[at - 1]
    m = _LEAD_LEVEL.search(lead.text)
    if lead.bulleted or not lead.text.rstrip().endswith(":") or m is None:
        return None
    return m.group(0), lead


MAX_LIST_NAME_WORDS = 8


def from_line(s: Statement, key: dict[str, int], group: str) -> RequiredCompetency | None:
    """A line under a `Behaviours` heading that names one competency and its level
    (`Communicating – Level 2` in bold over its description, ho5_rp02); None for any other
    line (a level is required: a bold line alone may be a sub-heading)."""
    if not _GROUP_HEADER.search(group):
        return None
    m = _NAME_LEVEL.match(s.text)
    if m is None or len(m.group("name").split()) > MAX_LIST_NAME_WORDS:
        return None
    raw = m.group("level")
    return RequiredCompetency(
        name=m.group("name").strip(),
        level_raw=raw,
        level=level_number(raw, key),
        group=group,
        where=s.where,
        level_where=s.where,
    )


def _is_level_cell(text: str) -> bool:
    return bool(text) and len(text.split()) <= MAX_LEVEL_WORDS and len(text) <= 40


def _is_level_header(text: str) -> bool:
    """A header cell naming one level: `Foundation`, `Level 2`, `3`, `Expert (4)`."""
    t = clean(text)
    return (
        bool(t)
        and (bool(_NUMBERED.match(t)) or bool(_SCALE_WORD.match(t)))
        and (len(t.split()) <= 3)
    )


def find(table: Table, context: str | None = None) -> CompetencyTable | None:
    """The requirement-table shape of ``table``, or None when it is not one.

    ``context`` is the heading the table sits under: a table with no header row of its own
    under `Our behaviours` is read as name | level when its rows say so (``_headless``).
    """
    return _with_header(table) or _headless(table, context)


_FLAGS = re.compile(r"^(?:e|d|essential|desirable|yes|no|y|n|n/?a)$", re.IGNORECASE)


def _headless(table: Table, context: str | None) -> CompetencyTable | None:
    """Rows of exactly `name | level` with no header row, under a heading (or a full-width
    title row) naming competencies or behaviours; the level cells are short and few
    distinct (a scale, not a column of values), never Essential/Desirable flags."""
    rows = [row for row in table.rows if not row_is_blank(row)]
    start = 0
    if rows and len([c for c in rows[0] if c.text]) == 1 and _NAME_HEADER.search(rows[0][0].text):
        context, start = rows[0][0].text, 1
    if context is None or not _NAME_HEADER.search(context):
        return None
    body = rows[start:]
    pairs = [sorted((c for c in row if c.text), key=lambda c: c.col) for row in body]
    if len(pairs) < 2 or any(len(p) != 2 for p in pairs):
        return None
    cols = {(p[0].col, p[1].col) for p in pairs}
    if len(cols) != 1:
        return None
    levels = [clean(p[1].text) for p in pairs]
    if any(len(t.split()) > 3 or len(t) > 30 or _FLAGS.match(t) or _TICK.match(t) for t in levels):
        return None
    if any(len(p[0].text.split()) > MAX_NAME_WORDS for p in pairs):
        return None
    distinct = {t.casefold() for t in levels}
    if len(distinct) > max(2, (3 * len(levels) + 3) // 4):
        return None
    name_col, level_col = next(iter(cols))
    header = body[0][0].row - 1 if body else -1
    return CompetencyTable(header, name_col, level_col=level_col)


def _with_header(table: Table) -> CompetencyTable | None:
    grid = table.grid()
    for r in range(table.n_rows):
        cells = sorted((c for c in table.rows[r] if c.text), key=lambda c: c.col)
        if len(cells) < 2:
            continue
        if r >= 3 and not all(is_label_cell(c) for c in cells):
            # further down, only a row of header-styled cells starts a requirement table
            # (Word joins two tables with nothing between them into one, and so does a PDF)
            continue
        names = [c for c in cells if _NAME_HEADER.search(c.text) and len(c.text.split()) <= 6]
        if not names:
            continue
        name = names[0]
        body = [row for row in table.rows[r + 1 :] if not row_is_blank(row) and len(row) > 1]
        if not body:
            return None
        levels = [
            c
            for c in cells
            if c is not name and _LEVEL_HEADER.search(c.text) and len(c.text.split()) <= 6
        ]
        if levels:
            col = levels[-1].col
            level_texts = [grid[row[0].row][col] for row in body]
            filled = [c.text for c in level_texts if c is not None and c.text]
            if filled and sum(_is_level_cell(t) for t in filled) * 10 >= 8 * len(filled):
                return CompetencyTable(
                    r,
                    name.col,
                    level_col=col,
                    description_cols=[c.col for c in cells if c.col not in (name.col, col)],
                )
        level_cols = {c.col: c.text for c in cells if c.col > name.col and _is_level_header(c.text)}
        if len(level_cols) >= 2:
            ticked = 0
            for row in body:
                marks = [
                    col
                    for col in level_cols
                    if (cell := grid[row[0].row][col]) is not None and _TICK.match(cell.text)
                ]
                ticked += len(marks) == 1
            if ticked * 10 >= 7 * len(body):
                return CompetencyTable(r, name.col, level_cols=level_cols)
    return None


def read(
    table: Table, shape: CompetencyTable, key: dict[str, int], group: str | None
) -> list[RequiredCompetency]:
    """The requirements of a table ``find`` recognised, in row order."""
    grid = table.grid()
    order = _column_order(shape, key)
    level_cols = [*shape.level_cols] if shape.level_col is None else [shape.level_col]
    out: list[RequiredCompetency] = []
    for r in range(max(0, shape.header + 1), table.n_rows):
        row = grid[r]
        name_cell = row[shape.name_col]
        if name_cell is None or name_cell.row != r or not name_cell.text:
            continue
        if any(name_cell.col <= c < name_cell.col + name_cell.col_span for c in level_cols):
            group = label_text(name_cell.text)  # a full-width row names the group below it
            continue
        paras = [p for p in name_cell.paragraphs if p.text]
        lead: list[Statement] = []
        if len(paras) > 1 and paras[0].bold and not any(p.bold for p in paras[1:]):
            # a bold name over its own description in one cell
            lead = statements(paras[1:])
            paras = paras[:1]
        name = " ".join(p.text for p in paras)
        if len(name.split()) > MAX_NAME_WORDS:
            continue
        level_cell: Cell | None = None
        raw: str | None = None
        number: int | None = None
        if shape.level_col is not None:
            level_cell = row[shape.level_col]
            raw = level_cell.text if level_cell is not None and level_cell.text else None
            number = level_number(raw, key) if raw else None
        else:
            for col, header in shape.level_cols.items():
                cell = row[col]
                if cell is not None and _TICK.match(cell.text):
                    level_cell, raw = cell, label_text(header)
                    number = level_number(raw, key) or order.get(col)
                    break
        description = lead + [
            s
            for col in shape.description_cols
            if (cell := row[col]) is not None and cell.row == r
            for s in statements(cell_paragraphs(cell))
        ]
        out.append(
            RequiredCompetency(
                name=label_text(name) if name.rstrip().endswith(":") else name,
                level_raw=raw,
                level=number,
                description=description,
                group=group,
                where=name_cell.where,
                level_where=level_cell.where if level_cell is not None else None,
            )
        )
    return out


def _column_order(shape: CompetencyTable, key: dict[str, int]) -> dict[int, int]:
    """Levels as columns with no number of their own and no key: the columns' order is the
    document's scale (first column 1)."""
    if not shape.level_cols or any(
        level_number(h, key) is not None for h in shape.level_cols.values()
    ):
        return {}
    return {col: i + 1 for i, col in enumerate(sorted(shape.level_cols))}


_CARD_LEVEL = re.compile(r"^(?:level|lefel|lvl)\s*\d{1,2}$", re.IGNORECASE)


def from_cards(
    table: Table, key: dict[str, int], group: str | None
) -> list[RequiredCompetency] | None:
    """Behaviours laid out side by side as cards under a `Behaviours` heading (a web page's
    flex row printed to PDF, ho7_rp03): one column per behaviour, its name in one row and
    `Level 2` in the row below, a description under that. None when the table is not so."""
    if not group or not _GROUP_HEADER.search(group):
        return None
    for r in range(1, table.n_rows):
        levels = [c for c in table.rows[r] if c.text.strip()]
        if len(levels) < 2 or not all(_CARD_LEVEL.match(clean(c.text)) for c in levels):
            continue
        names = {c.col: c for c in table.rows[r - 1] if c.text.strip()}
        if set(names) != {c.col for c in levels} or any(
            len(c.text.split()) > MAX_LIST_NAME_WORDS or c.text.rstrip().endswith(".")
            for c in names.values()
        ):
            return None
        out: list[RequiredCompetency] = []
        for c in levels:
            raw, name = clean(c.text), names[c.col]
            out.append(
                RequiredCompetency(
                    name=clean(name.text),
                    level_raw=raw,
                    level=level_number(raw, key),
                    group=group,
                    where=name.where,
                    level_where=c.where,
                )
            )
        return out
    return None
