"""Other shapes of one skills matrix, rewritten as the plain grid the search reads.

``matrix_search`` finds a table of levels under a header of names. Four layouts hold the
same facts in another shape; each is rewritten into that grid, every cell keeping its
provenance, and the rewritten table stands for its source table(s) in the layout:

* tick-the-level columns: a competency merged over sub-columns numbered `1 | 2 | 3 | 4`
  and a mark (`X`, `✓`) in the column of the level needed (ho_sm07). The cell becomes the
  number heading the marked column (as a JE form's tick-one-level columns), where the mark
  sits;
* long format: one row per role and competency (`Post title | Grade | Skill | Required
  level`), roles and competencies repeating down their columns, as an HR system exports
  them (ho_sm05). Pivoted to roles x competencies; columns constant per role (an id, the
  grade) stay role columns, a column naming each competency's group becomes a group row;
* a matrix split into parts: tables that repeat the same roles with other competencies
  (`Part A – Technical skills`, `Part B – Personal skills`, ho_sm06), joined side by side;
* a Required row and a Current row per role (ho6_sm05: the title merged down over the two,
  a column saying which row is which): rewritten as every competency over a `Required |
  Current` pair of columns, the layout the search reads as required and current levels.

Cues are structural (spans, numbered sub-headers, marks, repetition down columns, header
words for roles, competencies and levels), never a document's strings.
"""

from __future__ import annotations

import re
from dataclasses import replace

from roleframe.parsers.kinds.matrix_cells import COUNTED, LEVEL, MARK, classify
from roleframe.parsers.layout import Cell, Paragraph, Table
from roleframe.parsers.text import clean

_INT = re.compile(r"^\d{1,2}$")
_ROLE = re.compile(r"\b(job|role|post|position|title|occupation)s?\b", re.I)
_ID = re.compile(r"\b(ref|reference|no|number|id|code)\b\.?", re.I)
_COMPETENCY = re.compile(
    r"\b(competenc\w*|skills?|knowledge|behaviou?rs?|capabilit\w*|areas?|courses?|"
    r"training|topics?|dimensions?)\b",
    re.I,
)
_LEVEL = re.compile(r"\b(levels?|required|requirement|rating|proficiency|standard|target)\b", re.I)
_MIN_LONG_ROWS = 4


def _copy(cell: Cell, row: int, col: int, *, row_span: int = 1, col_span: int = 1) -> Cell:
    return replace(cell, row=row, col=col, row_span=row_span, col_span=col_span)


# ---------------------------------------------------------------------------------------------
# Tick-the-level columns


def tick_columns(table: Table) -> Table | None:
    """The table with each competency's numbered sub-columns folded into one column whose
    cell is the number over the marked sub-column; None when the table has no such groups."""
    if table.n_rows < 3:
        return None
    grid = table.grid()
    for h in range(min(table.n_rows - 2, 10)):
        groups = _numbered_groups(table, grid, h)
        if len(groups) >= 2 and _marks_under(grid, h + 2, table.n_rows, groups):
            return _fold(table, grid, h, groups)
    return None


def _numbered_groups(table: Table, grid: list[list[Cell | None]], h: int) -> dict[int, list[int]]:
    """Cells of row h spanning columns whose cells in row h + 1 number the levels in order
    (`1 2 3 4`, `0 1 2 3`): first column -> the number of each sub-column."""
    out: dict[int, list[int]] = {}
    for cell in table.rows[h]:
        if cell.col_span < 2 or not cell.text:
            continue
        subs = [grid[h + 1][c] for c in range(cell.col, cell.col + cell.col_span)]
        if any(s is None or s.row != h + 1 or not _INT.match(s.text) for s in subs):
            continue
        numbers = [int(s.text) for s in subs if s is not None]
        if numbers[0] in (0, 1) and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            out[cell.col] = numbers
    return out


def _marks_under(
    grid: list[list[Cell | None]], first: int, end: int, groups: dict[int, list[int]]
) -> bool:
    """Body cells under the groups are marks or empty, at most one mark per group and row,
    and some are marked."""
    marked = 0
    for r in range(first, end):
        for start, numbers in groups.items():
            texts = [
                cell.text if (cell := grid[r][c]) is not None and cell.row == r else ""
                for c in range(start, start + len(numbers))
            ]
            filled = [t for t in texts if t]
            if any(classify(t) != MARK for t in filled) or len(filled) > 1:
                return False
            marked += len(filled)
    return marked > 0


def _fold(
    table: Table, grid: list[list[Cell | None]], h: int, groups: dict[int, list[int]]
) -> Table:
    """Rows above h + 1 kept, row h + 1 (the numbers) dropped, each group one column."""
    new_col: dict[int, int] = {}
    n = 0
    c = 0
    while c < table.n_cols:
        new_col[c] = n
        if c in groups:
            for k in range(c, c + len(groups[c])):
                new_col[k] = n
            c += len(groups[c])
        else:
            c += 1
        n += 1
    rows: list[list[Cell]] = []
    for r, row in enumerate(table.rows):
        if r == h + 1:
            continue
        out_r = r if r <= h else r - 1
        out: list[Cell] = []
        if r > h + 1:
            for start, numbers in groups.items():
                mark = next(
                    (
                        cell
                        for k in range(start, start + len(numbers))
                        if (cell := grid[r][k]) is not None and cell.row == r and cell.text
                    ),
                    None,
                )
                if mark is not None:
                    number = str(numbers[mark.col - start])
                    where = mark.paragraphs[0].where if mark.paragraphs else mark.where
                    out.append(
                        Cell(
                            row=out_r,
                            col=new_col[start],
                            where=mark.where,
                            paragraphs=[Paragraph(text=number, where=where)],
                        )
                    )
        for cell in row:
            if r > h + 1 and any(s <= cell.col < s + len(v) for s, v in groups.items()):
                continue
            last = new_col[min(cell.col + cell.col_span, table.n_cols) - 1]
            span = cell.row_span
            if cell.row <= h < cell.row + cell.row_span - 1:
                span -= 1  # the dropped numbers row was under it
            out.append(
                _copy(
                    cell,
                    out_r,
                    new_col[cell.col],
                    row_span=max(1, span),
                    col_span=last - new_col[cell.col] + 1,
                )
            )
        rows.append(sorted(out, key=lambda c: c.col))
    return Table(index=table.index, where=table.where, rows=rows, n_cols=n)


# ---------------------------------------------------------------------------------------------
# Long format


def long_format(table: Table) -> Table | None:
    """The table pivoted to roles x competencies when it lists one role and competency per
    row; None when it does not."""
    for h in range(min(table.n_rows - _MIN_LONG_ROWS, 5)):
        pivoted = _pivot(table, h)
        if pivoted is not None:
            return pivoted
    return None


def _pivot(table: Table, h: int) -> Table | None:
    grid = table.grid()
    heads = table.row_texts(h)
    body = [r for r in range(h + 1, table.n_rows) if any(table.row_texts(r))]
    if len(body) < _MIN_LONG_ROWS:
        return None

    def values(c: int) -> list[str]:
        return [clean(_at(grid, r, c)) for r in body]

    roles = [c for c, t in enumerate(heads) if _ROLE.search(t) and not _ID.search(t)]
    role_col = next((c for c in roles if all(values(c))), None)
    comp_cols = [
        c for c, t in enumerate(heads) if c != role_col and _COMPETENCY.search(t) and all(values(c))
    ]
    level_cols = [
        c
        for c, t in enumerate(heads)
        if _LEVEL.search(t) and c != role_col and c not in comp_cols and _levelish(values(c))
    ]
    if role_col is None or not comp_cols or not level_cols:
        return None
    # the finest column of names is the competency; a coarser one is its group
    comp_col = max(comp_cols, key=lambda c: (len(set(values(c))), -c))
    level_col = next((c for c in level_cols if _digits(values(c))), level_cols[0])
    titles, names = values(role_col), values(comp_col)
    pairs = list(zip(titles, names, strict=True))
    if (
        len(set(titles)) >= len(body)
        or len(set(names)) >= len(body)
        or len(set(pairs)) < len(pairs)
    ):
        return None
    role_order = list(dict.fromkeys(titles))
    comp_order = list(dict.fromkeys(names))
    constant = [
        c
        for c in range(table.n_cols)
        if c not in (comp_col, level_col, *level_cols)
        and heads[c]
        and _constant_per(titles, values(c))
    ]
    group_col = next(
        (c for c in comp_cols if c != comp_col and _constant_per(names, values(c))), None
    )
    return _wide(table, grid, h, body, constant, role_col, comp_col, level_col, group_col,
                 role_order, comp_order)  # fmt: skip


def _wide(
    table: Table,
    grid: list[list[Cell | None]],
    h: int,
    body: list[int],
    labels: list[int],
    role_col: int,
    comp_col: int,
    level_col: int,
    group_col: int | None,
    role_order: list[str],
    comp_order: list[str],
) -> Table:
    """Header (under a group row when the competencies have groups), then one row per role."""
    first_row: dict[str, int] = {}
    first_comp: dict[str, int] = {}
    level_at: dict[tuple[str, str], Cell] = {}
    for r in body:
        title, name = clean(_at(grid, r, role_col)), clean(_at(grid, r, comp_col))
        first_row.setdefault(title, r)
        first_comp.setdefault(name, r)
        cell = grid[r][level_col]
        if cell is not None:
            level_at[(title, name)] = cell
    rows: list[list[Cell]] = []
    top = 0
    n_labels = len(labels)
    if group_col is not None:
        groups = [clean(_at(grid, first_comp[name], group_col)) for name in comp_order]
        row: list[Cell] = []
        k = 0
        while k < len(groups):
            end = k
            while end + 1 < len(groups) and groups[end + 1] == groups[k]:
                end += 1
            source = grid[first_comp[comp_order[k]]][group_col]
            if source is not None:
                row.append(_copy(source, 0, n_labels + k, col_span=end - k + 1))
            k = end + 1
        rows.append(row)
        top = 1
    header: list[Cell] = []
    for i, c in enumerate(labels):
        if (cell := grid[h][c]) is not None:
            header.append(_copy(cell, top, i))
    for k, name in enumerate(comp_order):
        if (cell := grid[first_comp[name]][comp_col]) is not None:
            header.append(_copy(cell, top, n_labels + k))
    rows.append(header)
    for i, title in enumerate(role_order):
        r = top + 1 + i
        row = []
        for j, c in enumerate(labels):
            if (cell := grid[first_row[title]][c]) is not None:
                row.append(_copy(cell, r, j))
        for k, name in enumerate(comp_order):
            if (cell := level_at.get((title, name))) is not None:
                row.append(_copy(cell, r, n_labels + k))
        rows.append(row)
    return Table(index=table.index, where=table.where, rows=rows, n_cols=n_labels + len(comp_order))


def _at(grid: list[list[Cell | None]], r: int, c: int) -> str:
    cell = grid[r][c]
    return cell.text if cell is not None else ""


def _levelish(values: list[str]) -> bool:
    filled = [v for v in values if v]
    return bool(filled) and sum(classify(v) in COUNTED for v in filled) >= 0.9 * len(filled)


def _digits(values: list[str]) -> bool:
    return all(classify(v) == LEVEL for v in values if v)


def _constant_per(keys: list[str], values: list[str]) -> bool:
    """Each key has one value (a post's id and grade repeat with its title)."""
    seen: dict[str, str] = {}
    for key, value in zip(keys, values, strict=True):
        if seen.setdefault(key, value) != value:
            return False
    return True


# ---------------------------------------------------------------------------------------------
# A matrix split into parts


def side_by_side(
    first: Table, first_rows: list[int], second: Table, second_rows: list[int], columns: list[int]
) -> Table:
    """``first`` with ``second``'s ``columns`` appended to the right; ``first_rows[i]`` and
    ``second_rows[i]`` are the same role (the header row first)."""
    lo, hi = min(columns), max(columns)
    width = hi - lo + 1
    by_row = dict(zip(second_rows, first_rows, strict=True))
    rows = [list(row) for row in first.rows]
    for r2, r1 in by_row.items():
        for cell in second.rows[r2]:
            if lo <= cell.col <= hi:
                span = min(cell.col_span, hi - cell.col + 1)
                rows[r1].append(_copy(cell, r1, first.n_cols + cell.col - lo, col_span=span))
    return Table(
        index=first.index,
        where=first.where,
        rows=[sorted(row, key=lambda c: c.col) for row in rows],
        n_cols=first.n_cols + width,
        header_rows=first.header_rows,
        continued=first.continued,
    )


# ---------------------------------------------------------------------------------------------
# One table per post

# A post heading's grade at its end: `… (Band 3)`, `… – Grade 5`, `…, Scale 4`.
_HEADING_GRADE = re.compile(
    r"\s*(?:\(\s*(?P<a>(?:grade|band|scale|gradd)\s*[\w.\-/]+)\s*\)|[-–—,]\s*"
    r"(?P<b>(?:grade|band|scale|gradd)\s*[\w.\-/]+))\s*$",
    re.I,
)
# A label before the post's title (`Post outline: Team Lead`): a few words and a colon.
_HEADING_LABEL = re.compile(r"^[^:]{1,30}:\s+(?=\S)")
_MIN_POSTS = 2


def post_tables(blocks: list[Paragraph | Table]) -> tuple[Table, tuple[Table, ...]] | None:
    """Tables that each follow a post's heading and list competencies with one level
    column (KSF post outlines, ho4_sm06: `Post outline: Team Lead (Band 7)` over `Code |
    Dimension | Level`), the same competencies recurring from post to post: pivoted to
    posts x competencies, each post's title and grade cells standing where its heading is.
    None unless two such tables share most of their competencies."""
    posts: list[tuple[Paragraph, Table, int, int, int]] = []  # heading, table, header, name, level
    heading: Paragraph | None = None
    for block in blocks:
        if isinstance(block, Paragraph):
            if block.text and (block.heading_level is not None or block.bold):
                heading = block if len(block.text.split()) <= 14 else None
            continue
        columns = _name_and_level(block)
        if heading is not None and columns is not None:
            posts.append((heading, block, *columns))
        heading = None
    if len(posts) < _MIN_POSTS:
        return None
    names = [
        [clean(block.row_texts(r)[name]) for r in range(h + 1, block.n_rows)]
        for _, block, h, name, _ in posts
    ]
    shared = set.intersection(*(set(n) for n in names))
    if len(shared) < 0.5 * min(len(n) for n in names):
        return None
    comp_order = list(dict.fromkeys(n for ns in names for n in ns if n))
    first = posts[0][1]
    rows: list[list[Cell]] = [[]]
    for k, name in enumerate(comp_order):
        source = next(
            block.grid()[r][c]
            for (_, block, h, c, _), ns in zip(posts, names, strict=True)
            for r in range(h + 1, block.n_rows)
            if ns[r - h - 1] == name
        )
        if source is not None:
            rows[0].append(_copy(source, 0, 2 + k))
    for i, (head, block, h, c, lc) in enumerate(posts, start=1):
        title, grade = _post_heading(head.text)
        row = [_text_cell(title, head, i, 0)]
        if grade:
            row.append(_text_cell(grade, head, i, 1))
        grid = block.grid()
        for r in range(h + 1, block.n_rows):
            name = clean(block.row_texts(r)[c])
            cell = grid[r][lc]
            if name and cell is not None and cell.text:
                row.append(_copy(cell, i, 2 + comp_order.index(name)))
        rows.append(row)
    table = Table(index=first.index, where=first.where, rows=rows, n_cols=2 + len(comp_order))
    return table, tuple(block for _, block, _, _, _ in posts)


def _name_and_level(table: Table) -> tuple[int, int, int] | None:
    """(header row, name column, level column) of a `… | Competency | Level` table whose
    level column holds levels on every row."""
    if table.n_rows < 3 or not 2 <= table.n_cols <= 4:
        return None
    heads = table.row_texts(0)
    body = [table.row_texts(r) for r in range(1, table.n_rows)]
    level = next((c for c, t in enumerate(heads) if _LEVEL.search(t)), None)
    name = next((c for c, t in enumerate(heads) if _COMPETENCY.search(t) and c != level), None)
    if level is None or name is None:
        return None
    if not all(row[name] for row in body) or not _levelish([row[level] for row in body]):
        return None
    if not all(row[level] for row in body):
        return None
    return 0, name, level


def _post_heading(text: str) -> tuple[str, str]:
    """A post heading's title and grade (`Post outline: Team Lead (Band 7)`)."""
    text = _HEADING_LABEL.sub("", clean(text), count=1)
    m = _HEADING_GRADE.search(text)
    if m is None:
        return text, ""
    return text[: m.start()].strip(), clean(m.group("a") or m.group("b"))


def _text_cell(text: str, p: Paragraph, row: int, col: int) -> Cell:
    return Cell(row=row, col=col, where=p.where, paragraphs=[Paragraph(text=text, where=p.where)])


# ---------------------------------------------------------------------------------------------
# A Required row and a Current row per role

# Sub-headers of a competency's pair of columns (or the stages of a role's pair of rows):
# what the role needs / what the holder has.
REQUIRED = re.compile(
    r"^(?:(?:level\s+)?(?:required|req'?d?\.?|target|expected|needed|standard)(?:\s+level)?|"
    r"role requirement)$",
    re.I,
)
CURRENT = re.compile(
    r"^(?:(?:level\s+)?(?:current|actual|now|assessed|achieved|held|self[- ]assessed)"
    r"(?:\s+level)?)$",
    re.I,
)


def stage_rows(table: Table) -> Table | None:
    """The table with each role's `Required` row and `Current` row side by side: every
    competency over a `Required | Current` pair of columns, one row per role (ho6_sm05: the
    title and grade merged down over the two rows, a column saying which row is which).
    None when no column pairs its rows so."""
    grid = table.grid()
    for s in range(1, table.n_cols):
        stages = _stage_rows(table, grid, s)
        if stages is not None:
            return _pair_up(table, grid, s, *stages)
    return None


def _stage_rows(
    table: Table, grid: list[list[Cell | None]], s: int
) -> tuple[int, list[tuple[int, int | None]]] | None:
    """The header row and the (required row, current row) pairs of stage column s."""
    marks = {
        r: "required" if REQUIRED.match(cell.text) else "current"
        for r, row in enumerate(grid)
        if (cell := row[s]) is not None
        and cell.row == r
        and (REQUIRED.match(cell.text) or CURRENT.match(cell.text))
    }
    first = min(marks, default=0)
    if first < 1 or sum(1 for m in marks.values() if m == "current") < 2:
        return None
    pairs: list[tuple[int, int | None]] = []
    for r in range(first, table.n_rows):
        mark = marks.get(r)
        if mark == "required":
            pairs.append((r, None))
        elif mark == "current" and pairs and pairs[-1][1] is None and pairs[-1][0] == r - 1:
            pairs[-1] = (pairs[-1][0], r)
        elif any(table.row_texts(r)):
            return None  # a row the stages do not explain
    if len(pairs) < 2 or sum(1 for _, c in pairs if c is not None) < 2:
        return None
    return first - 1, pairs


def _pair_up(
    table: Table,
    grid: list[list[Cell | None]],
    s: int,
    h: int,
    pairs: list[tuple[int, int | None]],
) -> Table:
    labels = list(range(s))
    comps = [
        c for c in range(s + 1, table.n_cols) if (cell := grid[h][c]) is not None and cell.text
    ]
    n_cols = len(labels) + 2 * len(comps)
    rows: list[list[Cell]] = [list(table.rows[r]) for r in range(h)]
    head: list[Cell] = []
    for i, c in enumerate(labels):
        if (cell := grid[h][c]) is not None and cell.col == c:
            head.append(_copy(cell, h, i, row_span=2))
    for k, c in enumerate(comps):
        cell = grid[h][c]
        assert cell is not None
        head.append(_copy(cell, h, len(labels) + 2 * k, col_span=2))
    rows.append(head)
    required = grid[pairs[0][0]][s]
    current = grid[next(c for _, c in pairs if c is not None)][s]
    assert required is not None and current is not None
    rows.append(
        [
            _copy(stage, h + 1, len(labels) + 2 * k + j)
            for k in range(len(comps))
            for j, stage in enumerate((required, current))
        ]
    )
    for i, (req, cur) in enumerate(pairs):
        r = h + 2 + i
        row: list[Cell] = []
        for j, c in enumerate(labels):
            if (cell := grid[req][c]) is not None and cell.col == c:
                row.append(_copy(cell, r, j))
        for k, c in enumerate(comps):
            for j, source in enumerate((req, cur)):
                cell = grid[source][c] if source is not None else None
                if cell is not None and (cell.row, cell.col) == (source, c):
                    row.append(_copy(cell, r, len(labels) + 2 * k + j))
        rows.append(row)
    return Table(index=table.index, where=table.where, rows=rows, n_cols=n_cols)
