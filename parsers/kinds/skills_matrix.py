"""Skills matrix extractor: layout model -> ``SkillsMatrix``.

A skills matrix is found by its shape, never by its words: a table whose body is mostly
small integers (or level words, ticks, single letters) under a header of many name-like
cells, with one to three text columns on the left (the role title and attributes such as
the grade). The same search runs on the transposed table, so a matrix with roles as columns
is found too; which axis holds the roles is then decided by cues (job nouns in the names,
a grade line next to them, the corner label).

Descriptor tables (competency x level descriptions) are any other tables whose first column
names the matrix's competencies; a block without a header row (the seed's second descriptor
block, the .docx's second table) inherits the columns of the block before it.

Everything document-level (title, service, intro, footnotes, descriptor heading) comes from
the paragraphs around those tables, by position and a few cues (a `Label:` line, a leading
footnote marker matching a header's trailing marker).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from roleframe.parsers.errors import ReadError
from roleframe.parsers.kinds.base import Extraction, Extractor, SurfaceName
from roleframe.parsers.layout import Cell, Layout, Paragraph, Table
from roleframe.schema import DocumentKind, Issue, IssueCode, Provenance
from roleframe.schema.ids import stable_id
from roleframe.schema.issues import warning
from roleframe.schema.skills_matrix import (
    CompetencyColumn,
    Descriptor,
    MatrixRole,
    Note,
    Requirement,
    SkillsMatrix,
)

VERSION = "1"

# ---------------------------------------------------------------------------------------------
# Cell vocabulary: what a level cell may hold


# An ordered vocabulary of level words (weight = rank). Weight 0 is "no level"; other words
# get consecutive numbers in weight order among the words a document actually uses, so a
# None/Basic/Good/Expert matrix reads 0/1/2/3 and Awareness/Basic/Intermediate/Advanced/Expert
# reads 1..5. A legend in the document (`1 = Basic`) always wins over this ordering.
LEVEL_WORDS: dict[str, float] = {
    "none": 0,
    "nil": 0,
    "not required": 0,
    "no knowledge": 0,
    "awareness": 1.0,
    "aware": 1.0,
    "limited": 1.0,
    "low": 1.0,
    "beginner": 1.0,
    "novice": 1.0,
    "entry": 1.0,
    "foundation": 1.1,
    "elementary": 1.1,
    "basic": 1.2,
    "developing": 1.5,
    "working": 2.0,
    "intermediate": 2.0,
    "medium": 2.0,
    "moderate": 2.0,
    "good": 2.0,
    "competent": 2.0,
    "practitioner": 2.0,
    "practising": 2.0,
    "proficient": 2.5,
    "skilled": 2.5,
    "high": 3.0,
    "advanced": 3.0,
    "accomplished": 3.0,
    "extensive": 3.0,
    "in depth": 3.0,
    "in-depth": 3.0,
    "excellent": 3.2,
    "expert": 3.5,
    "specialist": 3.5,
    "mastery": 4.0,
    "master": 4.0,
}
MARKS = frozenset("✓✔✗✘×xX•●√■☑☒")
MAX_LEVEL = 10  # a body of integers above this is scores or grades, not levels

EMPTY, LEVEL, WORD, MARK, SHORT, TEXT = "empty", "level", "word", "mark", "short", "text"
LEVELISH = frozenset({EMPTY, LEVEL, WORD, MARK, SHORT})
COUNTED = frozenset({LEVEL, WORD, MARK})  # values that make a body a body of levels

_INT = re.compile(r"^\d{1,2}$")
# A level with a footnote marker (`2*`, `3†`): the number is the level, the marker a note.
_MARKED_INT = re.compile(r"^(\d{1,2})\s*(?:\*+|†|‡|§)$")
# A level written with its word: `Level 2`, `L2`, `Lvl 3`.
_NAMED_INT = re.compile(r"^(?:level|lvl|l)\s*(\d{1,2})$", re.I)
_LETTER = re.compile(r"[^\W\d_]")
_GRADE_HEADER = re.compile(r"\b(grade|grading|band|banding|scale|pay|spinal|scp|salary)\b", re.I)
_ROLE_HEADER = re.compile(r"\b(job|role|post|position|title|occupation)s?\b", re.I)
_COMPETENCY_HEADER = re.compile(
    r"\b(competenc\w*|skills?|knowledge|behaviou?rs?|criteria|capabilit\w*|area)\b", re.I
)
_JOB_NOUNS = re.compile(
    r"\b(officer|manager|co-?ordinator|assistant|practitioner|director|head|lead|leader|"
    r"advis[eo]r|worker|apprentice|administrator|analyst|specialist|supervisor|consultant|"
    r"clerk|technician|surveyor|engineer|planner|inspector|caseworker|trainee|executive|"
    r"partner|navigator|receptionist|secretary|accountant|solicitor|lawyer|architect|designer|"
    r"developer|librarian|warden|ranger|chief|deputy|principal|graduate|intern|operative|"
    r"attendant|caretaker|cleaner|driver|representative|agent|negotiator|auditor|investigator|"
    r"controller|organiser|facilitator|mentor|tutor|teacher|nurse|therapist|carer|keyworker|"
    r"administrative|support)s?\b",
    re.I,
)
_LABEL = re.compile(
    r"^(?P<label>service(?: area)?|team|directorate|department|division|section|unit|"
    r"organi[sz]ation|council|authority)\s*[:\-–—]\s*(?P<value>\S.*)$",
    re.I,
)
_MARKER = re.compile(r"^(\*+|†|‡|§|¹|²|³|\(\d\)|\[\d\]|\d\))\s*")
_TRAILING_MARKER = re.compile(r"(\*+|†|‡|§|¹|²|³|\(\d\)|\[\d\])$")
_LEGEND = re.compile(
    r"(?:(?P<n1>\d{1,2})\s*[=:\-–—]\s*(?P<w1>[A-Za-z][A-Za-z \-]{1,30}?)"
    r"|(?P<w2>[A-Za-z][A-Za-z \-]{1,30}?)\s*[=:]?\s*\(?(?P<n2>\d{1,2})\)?)"
    r"\s*(?=[,;.\n]|$|\s+\d)"
)
_DIGIT = re.compile(r"\d+")


@lru_cache(maxsize=8192)
def classify(text: str) -> str:
    """What a cell holds, for the structure search: a level, a word, a mark, text…"""
    if not text:
        return EMPTY
    m = _INT.match(text) or _MARKED_INT.match(text) or _NAMED_INT.match(text)
    if m:
        return LEVEL if int(m.group(m.lastindex or 0)) <= MAX_LEVEL else TEXT
    folded = text.casefold()
    if folded in LEVEL_WORDS:
        return WORD
    if len(text) == 1 and (text in MARKS or folded in {"y", "n"}):
        return MARK
    if folded in {"yes", "no"}:
        return MARK
    if (len(text) <= 2 and text.isalpha()) or text in {"-", "–", "—", "n/a", "N/A"}:
        return SHORT
    return TEXT


def _name_like(text: str) -> bool:
    return bool(text) and bool(_LETTER.search(text)) and classify(text) == TEXT


# ---------------------------------------------------------------------------------------------
# Views: the same search on a table and on its transpose


def _one_line(cell: Cell) -> str:
    """A cell's paragraphs joined by spaces: a title or header wrapped onto two lines in the
    source (the variant CSV's quoted `Manager\\n(Lettings…)`) is one name."""
    return " ".join(p.text for p in cell.paragraphs if p.text)


class _View:
    """A table's grid seen row-major (``transposed=False``) or column-major."""

    def __init__(self, table: Table, transposed: bool) -> None:
        grid = table.grid()
        if transposed:
            grid = [list(col) for col in zip(*grid, strict=False)] if grid else []
        self.table = table
        self.transposed = transposed
        self.grid = grid
        self.n_rows = len(grid)
        self.n_cols = len(grid[0]) if grid else 0
        self.texts = [
            [self._origin_text(cell, r, c) for c, cell in enumerate(row)]
            for r, row in enumerate(grid)
        ]
        self.kinds = [[classify(t) for t in row] for row in self.texts]

    def origin(self, cell: Cell) -> tuple[int, int]:
        return (cell.col, cell.row) if self.transposed else (cell.row, cell.col)

    def span(self, cell: Cell) -> tuple[int, int]:
        """(rows, cols) covered in view coordinates."""
        return (cell.col_span, cell.row_span) if self.transposed else (cell.row_span, cell.col_span)

    def _origin_text(self, cell: Cell | None, r: int, c: int) -> str:
        if cell is None:
            return ""
        o_r, o_c = self.origin(cell)
        return _one_line(cell) if (o_r, o_c) == (r, c) else ""

    def header_text(self, r: int, c: int) -> str:
        """Header text at (r, c): a cell merged down into the header row still counts."""
        cell = self.grid[r][c]
        if cell is None or self.origin(cell)[1] != c:
            return ""
        return _one_line(cell)

    def cell(self, r: int, c: int) -> Cell | None:
        return self.grid[r][c]


@dataclass(slots=True)
class _Found:
    """A matrix found in a view: header row, label (role) columns, level columns, body rows."""

    view: _View
    header: int
    labels: list[int]
    levels: list[int]
    body: list[int]
    level_cells: int
    title_col: int
    grade_col: int | None
    score: float = 0.0
    role_cue: float = 0.0
    extra_views: list[tuple[_View, list[int]]] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # body rows that hold no levels


def _find(view: _View) -> _Found | None:
    """Best matrix reading of a view, or None: header row over >= 3 columns of levels."""
    best: _Found | None = None
    for h in range(min(view.n_rows - 1, 10)):
        body = [r for r in range(h + 1, view.n_rows) if any(view.texts[r])]
        named = [c for c in range(view.n_cols) if _name_like(view.header_text(h, c))]
        # Rows whose values under the named headers are mostly not levels (a `Total` row of
        # sums, a note typed into the grid) are no roles: leave them out of the body.
        skipped = [r for r in body if not _mostly_levels(view, r, named)]
        if len(skipped) > max(1, len(body) // 10):  # a row of sums may stray in, not many
            continue
        body = [r for r in body if r not in skipped]
        if not body:
            continue
        levels: list[int] = []
        for c in named:
            kinds = [view.kinds[r][c] for r in body]
            if sum(k in LEVELISH for k in kinds) < 0.9 * len(kinds):
                continue
            levels.append(c)
        levels = _longest_run(levels)
        names = {view.header_text(h, c).casefold() for c in levels}
        counted = sum(view.kinds[r][c] in COUNTED for r in body for c in levels)
        filled_cols = sum(1 for c in levels if any(view.texts[r][c] for r in body))
        if (
            len(levels) < 3
            # competencies are distinct names; a JE form's `level | score | level | agreed`
            # repeats `level` and leaves `score`/`agreed` empty
            or len(names) < 0.9 * len(levels)
            or filled_cols < 3
            or counted < max(4, 0.3 * len(levels) * len(body))
        ):
            continue
        found = _shape(view, h, levels, body, counted)
        if found:
            found.skipped = skipped
        if found and (best is None or found.level_cells > best.level_cells):
            best = found
    return best


def _mostly_levels(view: _View, r: int, columns: list[int]) -> bool:
    """Whether a row can be a role row; one-text rows (group headings, notes) are judged later."""
    kinds = [view.kinds[r][c] for c in columns if view.kinds[r][c] != EMPTY]
    return len(kinds) <= 2 or sum(k in LEVELISH for k in kinds) >= 0.5 * len(kinds)


def _longest_run(columns: list[int]) -> list[int]:
    """The longest run of adjacent columns: competencies sit side by side; a JE form's
    `level | score | level` has its level columns split by a column of points."""
    runs: list[list[int]] = []
    for c in columns:
        if runs and c == runs[-1][-1] + 1:
            runs[-1].append(c)
        else:
            runs.append([c])
    return max(runs, key=len) if runs else []


def _shape(view: _View, h: int, levels: list[int], body: list[int], counted: int) -> _Found | None:
    """Split columns into role labels (left) and competencies; pick title and grade columns."""
    first = levels[0]
    # Integer grades look like levels: a grade-like header just right of the labels, or a
    # horizontal header among vertical competency headers, makes the column a label.
    while len(levels) > 3:
        c = levels[0]
        header_cell = view.cell(h, c)
        others = [view.cell(h, k) for k in levels[1:]]
        vertical_rest = sum(1 for k in others if k is not None and k.vertical_text)
        horizontal_here = header_cell is not None and not header_cell.vertical_text
        if _GRADE_HEADER.search(view.header_text(h, c)) or (
            horizontal_here and vertical_rest >= 0.8 * len(others)
        ):
            levels = levels[1:]
            continue
        break
    first = levels[0]
    levels = [c for c in levels if c >= first]
    labels = [
        c for c in range(first) if view.header_text(h, c) or any(view.texts[r][c] for r in body)
    ]
    if not labels:
        return None

    # The title column holds the longest texts; a grade column holds short codes.
    def mean_len(c: int) -> float:
        values = [view.texts[r][c] for r in body if view.texts[r][c]]
        return sum(map(len, values)) / len(values) if values else 0.0

    title_col = max(labels, key=lambda c: (mean_len(c), -c))
    # A grade-like header first (`Ref | Job Title | Grade`: the codes under `Ref` are no
    # grades); else the first column of short codes with digits.
    rest = [c for c in labels if c != title_col]
    grade_col = next((c for c in rest if _GRADE_HEADER.search(view.header_text(h, c))), None)
    if grade_col is None:
        for c in rest:
            values = [view.texts[r][c] for r in body if view.texts[r][c]]
            if values and all(len(v) <= 12 and any(ch.isdigit() for ch in v) for v in values):
                grade_col = c
                break
    titles = [view.texts[r][title_col] for r in body if view.texts[r][title_col]]
    if len(titles) < 0.75 * len(body):  # roles have titles (group rows carry theirs too)
        return None
    names = [view.header_text(h, c) for c in levels]
    role_cue = _job_share(titles) - _job_share(names)
    if grade_col is not None:
        role_cue += 0.5
    corner = view.header_text(h, title_col)
    if _ROLE_HEADER.search(corner):
        role_cue += 0.5
    elif _COMPETENCY_HEADER.search(corner):
        role_cue -= 0.5
    n_roles = len(body)
    score = 0.35 + 0.35 * min(1.0, len(levels) / 6) + 0.3 * min(1.0, n_roles / 4)
    # A JE factor table (002: factor | level | score | level | agreed | commentary) holds
    # numbers too. A matrix has no prose column beside its level columns, and its level
    # columns carry distinct names, not a repeated generic "level".
    if any(mean_len(c) > 60 for c in range(first, view.n_cols) if c not in levels):
        score *= 0.5
    score *= len({n.casefold() for n in names}) / len(names)
    return _Found(view, h, labels, levels, body, counted, title_col, grade_col, score, role_cue)


def _job_share(names: list[str]) -> float:
    return sum(1 for n in names if _JOB_NOUNS.search(n)) / len(names) if names else 0.0


# score() and extract() run on the same layout one after the other: the search runs once.
_last: tuple[Layout, list[_Found]] | None = None


def _best_matrix(layout: Layout) -> _Found | None:
    """The strongest matrix reading over all tables and both orientations (a fresh copy)."""
    found = _search(_all_matrices(layout))
    if found is None:
        return None
    return replace(found, body=list(found.body), extra_views=list(found.extra_views))


def _few_levels(table: Table) -> bool:
    """Fewer than four level-like values in the whole table: no matrix, skip the search."""
    count = 0
    for cell in table.cells():
        if cell.paragraphs and classify(_one_line(cell)) in COUNTED:
            count += 1
            if count >= 4:
                return False
    return True


def _search_all(layout: Layout) -> list[_Found]:
    """The best reading of every table that reads as a matrix at all, in table order."""
    out: list[_Found] = []
    for table in layout.tables():
        if table.n_cols < 2 or _few_levels(table):
            continue
        candidates = [f for t in (False, True) if (f := _find(_View(table, t)))]
        if candidates:
            # Both readings can fit (integer grades); the one whose labels look like roles wins.
            out.append(
                max(candidates, key=lambda f: (f.role_cue, f.level_cells, not f.view.transposed))
            )
    return out


def _all_matrices(layout: Layout) -> list[_Found]:
    global _last
    if _last is None or _last[0] is not layout:
        _last = (layout, _search_all(layout))
    return _last[1]


def _search(candidates: list[_Found]) -> _Found | None:
    best: _Found | None = None
    for found in candidates:
        if best is None or (found.score, found.level_cells) > (best.score, best.level_cells):
            best = found
    return best


def score(layout: Layout) -> float:
    """High for a table of levels under a header of names; 0 where tables hold text."""
    found = _best_matrix(layout)
    return round(found.score, 3) if found else 0.0


# ---------------------------------------------------------------------------------------------
# Extraction


@dataclass(slots=True)
class _DescriptorBlock:
    table: Table
    header: int | None  # header row index, None for a headerless continuation block
    name_col: int
    level_cols: list[tuple[int, int]]  # (column, level)
    transposed: bool = False  # competencies across the top, levels down the side


def extract(layout: Layout) -> Extraction:
    found = _best_matrix(layout)
    if found is None:
        raise ReadError(
            IssueCode.UNRECOGNISED_KIND,
            "No skills matrix here: no table of levels under a header of names.",
        )
    warnings: list[Issue] = []
    view, h = found.view, found.header
    table = view.table
    _extend_with_continuations(layout, found)

    header_row = [view.header_text(h, c) for c in range(view.n_cols)]
    header_row_trimmed_to = max(
        [c for c, t in enumerate(header_row) if t] + [found.levels[-1], found.title_col]
    )
    header_row = header_row[: header_row_trimmed_to + 1]

    role_columns = {"title": header_row[found.title_col]}
    if found.grade_col is not None:
        role_columns["grade"] = header_row[found.grade_col]

    blocks = layout.blocks
    matrix_pos = blocks.index(table)
    scale, scale_source = _level_scale(layout, found)
    descriptor_blocks = _descriptor_blocks(
        layout,
        [table, *(v.table for v, _ in found.extra_views)],
        [header_row[c] for c in found.levels],
        scale,
    )

    # Paragraphs around the matrix: preamble (title, service, intro) and what follows it.
    preamble = _paragraphs_before(layout, matrix_pos) + _rows_above_header(view, h)
    title, service, intro, organisation, places = _preamble(preamble)
    places["matrix"] = table.where
    notes_and_headings = _paragraphs_after(layout, matrix_pos)
    next_desc = descriptor_blocks[0].table if descriptor_blocks else None
    footnotes_p, desc_preamble = _split_after(notes_and_headings, table, next_desc)
    footnotes_p = _rows_below_body(view, found) + footnotes_p
    footnotes = [_note(p) for p in footnotes_p]

    # Competencies
    competencies: list[CompetencyColumn] = []
    seen: Counter[str] = Counter()
    for c in found.levels:
        name = header_row[c]
        seen[name.casefold()] += 1
        cell = view.cell(h, c)
        competencies.append(
            CompetencyColumn(
                id=stable_id("skills_matrix", "competency", name, seen[name.casefold()]),
                name=name,
                index=c,
                group=_group_above(view, h, c),
                note=_note_for(name, footnotes),
                where=cell.where if cell else table.where,
            )
        )

    # Roles and requirements
    roles: list[MatrixRole] = []
    requirements: list[Requirement] = []
    role_seen: Counter[tuple[str, str]] = Counter()
    group: str | None = None
    for part_view, rows in [(view, found.body), *found.extra_views]:
        for r in rows:
            texts = part_view.texts[r]
            spanning = _spanning_text(part_view, r)
            if spanning is not None:
                group = spanning
                continue
            title_cell = part_view.cell(r, found.title_col)
            role_title = texts[found.title_col]
            grade_cell = part_view.cell(r, found.grade_col) if found.grade_col is not None else None
            grade = texts[found.grade_col] if found.grade_col is not None else None
            key = (role_title.casefold(), (grade or "").casefold())
            role_seen[key] += 1
            where = title_cell.where if title_cell else part_view.table.where
            if not role_title:
                warnings.append(
                    warning(IssueCode.EMPTY_FIELD, "A matrix row has no role title.", where)
                )
            role = MatrixRole(
                id=stable_id("skills_matrix", "role", role_title, grade or "", role_seen[key]),
                title=role_title,
                grade=grade or None,
                group=group,
                attributes={
                    header_row[c]: texts[c]
                    for c in found.labels
                    if c not in (found.title_col, found.grade_col) and header_row[c] and texts[c]
                },
                where=where,
                grade_where=grade_cell.where if grade_cell and grade else None,
            )
            roles.append(role)
            for comp in competencies:
                cell = part_view.cell(r, comp.index)
                raw = texts[comp.index]
                level = _level(raw, scale)
                cell_where = cell.where if cell else where
                kind = classify(raw)
                if raw and level is None and kind != MARK:
                    warnings.append(
                        warning(
                            IssueCode.NON_NUMERIC_LEVEL,
                            f"{role_title!r} x {comp.name!r} holds {raw!r}, which is not a level; "
                            "kept as written with no level.",
                            cell_where,
                            raw=raw,
                            role=role_title,
                            competency=comp.name,
                        )
                    )
                requirements.append(
                    Requirement(
                        role_id=role.id,
                        role=role_title,
                        competency_id=comp.id,
                        competency=comp.name,
                        raw=raw,
                        level=level,
                        where=cell_where,
                    )
                )

    for r in found.skipped:
        first = next((view.cell(r, c) for c, t in enumerate(view.texts[r]) if t), None)
        warnings.append(
            warning(
                IssueCode.AMBIGUOUS_LAYOUT,
                f"A row of the matrix ({view.texts[r][found.title_col]!r}) holds no levels "
                "and was not read as a role.",
                first.where if first else table.where,
            )
        )
    used = {view.table.index, *(v.table.index for v, _ in found.extra_views)}
    for other in _all_matrices(layout):
        if other.view.table.index not in used:
            warnings.append(
                warning(
                    IssueCode.AMBIGUOUS_LAYOUT,
                    f"Table {other.view.table.index} also looks like a skills matrix; only "
                    f"table {view.table.index} (the strongest) was extracted.",
                    other.view.table.where,
                )
            )

    # Descriptors, linked to competencies
    descriptors, descriptor_columns = _descriptors(descriptor_blocks, scale)
    competencies, descriptors, link_warnings = _link(competencies, descriptors)
    warnings.extend(link_warnings)

    d_title, d_intro, d_places = _descriptor_heading(desc_preamble)
    places.update(d_places)

    content = SkillsMatrix(
        title=title,
        service=service,
        intro=intro,
        orientation="roles_in_columns" if view.transposed else "roles_in_rows",
        header_row=header_row,
        role_columns=role_columns,
        roles=roles,
        competencies=competencies,
        requirements=requirements,
        level_scale=scale,
        level_scale_source=scale_source,
        footnotes=footnotes,
        descriptors_title=d_title,
        descriptors_intro=d_intro,
        descriptor_columns=descriptor_columns,
        descriptors=descriptors,
        where=places,
    )
    names = [SurfaceName(c.name, "competencies", c.where) for c in competencies]
    return Extraction(
        content=content,
        title=title,
        organisation=organisation,
        service=service,
        warnings=warnings,
        names=names,
    )


def _extend_with_continuations(layout: Layout, found: _Found) -> None:
    """Tables right after the matrix with the same width and level columns continue it.

    A matrix broken by a page (a PDF, or a Word table split by the author) repeats or drops
    its header; either way its rows carry on under the same columns.
    """
    view = found.view
    tables = layout.tables()
    pos = tables.index(view.table)
    header = [view.header_text(found.header, c) for c in range(view.n_cols)]
    for table in tables[pos + 1 :]:
        if found.view.transposed or table.n_cols != view.table.n_cols:
            break
        nxt = _View(table, False)
        start = 1 if [nxt.header_text(0, c) for c in range(nxt.n_cols)] == header else 0
        rows = [r for r in range(start, nxt.n_rows) if any(nxt.texts[r])]
        if not rows:
            break
        kinds = [classify(nxt.texts[r][c]) for r in rows for c in found.levels]
        if sum(k in LEVELISH for k in kinds) < 0.9 * len(kinds) or not any(
            k in COUNTED for k in kinds
        ):
            break
        found.extra_views.append((nxt, rows))


def _spanning_text(view: _View, r: int) -> str | None:
    """The text of a row that is one cell merged across the table (a group heading)."""
    filled = [c for c, t in enumerate(view.texts[r]) if t]
    if len(filled) != 1:
        return None
    cell = view.cell(r, filled[0])
    if cell is None or view.span(cell)[1] < max(2, view.n_cols // 2):
        return None
    return view.texts[r][filled[0]]


def _rows_above_header(view: _View, h: int) -> list[Paragraph]:
    """Rows above the header inside the table that hold one text (a merged title row)."""
    out: list[Paragraph] = []
    for r in range(h):
        filled = [c for c, t in enumerate(view.texts[r]) if t]
        if len(filled) == 1 and not _spanning_is_group(view, r, h):
            cell = view.cell(r, filled[0])
            if cell is not None:
                out.extend(cell.paragraphs)
    return out


def _spanning_is_group(view: _View, r: int, h: int) -> bool:
    """A row just above the header with several spanning cells groups columns, it is no title."""
    return r == h - 1 and sum(1 for t in view.texts[r] if t) > 1


def _rows_below_body(view: _View, found: _Found) -> list[Paragraph]:
    """Trailing one-cell rows inside the table (a footnote kept in the table's last row)."""
    out: list[Paragraph] = []
    for r in reversed(found.body):
        text = _spanning_text(view, r)
        if text is None:
            break
        cell = view.cell(r, next(c for c, t in enumerate(view.texts[r]) if t))
        if cell is not None:
            out[:0] = cell.paragraphs
        found.body.remove(r)
    return out


def _group_above(view: _View, h: int, c: int) -> str | None:
    if h == 0:
        return None
    cell = view.cell(h - 1, c)
    if cell is None or view.span(cell)[1] < 2:
        return None
    text = cell.text
    return text or None


def _paragraphs_before(layout: Layout, pos: int) -> list[Paragraph]:
    out: list[Paragraph] = []
    sheet = layout.blocks[pos].where.sheet
    for block in reversed(layout.blocks[:pos]):
        if isinstance(block, Table) or block.where.sheet != sheet:
            break
        out.insert(0, block)
    return out


def _paragraphs_after(layout: Layout, pos: int) -> list[Paragraph]:
    out: list[Paragraph] = []
    for block in layout.blocks[pos + 1 :]:
        if isinstance(block, Table):
            break
        out.append(block)
    return out


def _preamble(
    paragraphs: list[Paragraph],
) -> tuple[str | None, str | None, str | None, str | None, dict[str, Provenance]]:
    """Title, service, intro and organisation from the paragraphs above the matrix."""
    places: dict[str, Provenance] = {}
    service = organisation = None
    rest: list[Paragraph] = []
    for p in paragraphs:
        m = _LABEL.match(p.text)
        if m:
            label = m.group("label").casefold()
            if label.startswith(("organ", "council", "authority")):
                organisation = m.group("value")
            else:
                service = m.group("value")
                places["service"] = p.where
            continue
        rest.append(p)
    title_p = next((p for p in rest if p.heading_level is not None), rest[0] if rest else None)
    title = title_p.text if title_p else None
    if title_p:
        places["title"] = title_p.where
    intro_ps = [p for p in rest if p is not title_p and not _MARKER.match(p.text)]
    intro = "\n".join(p.text for p in intro_ps) or None
    if intro_ps:
        places["intro"] = intro_ps[0].where
    return title, service, intro, organisation, places


def _split_after(
    paragraphs: list[Paragraph], matrix: Table, descriptors: Table | None
) -> tuple[list[Paragraph], list[Paragraph]]:
    """Paragraphs after the matrix: footnotes first, then the descriptor table's heading.

    Without a descriptor table next, all are notes. Otherwise notes are the leading
    marker-led paragraphs, and any paragraph on the matrix's sheet when the descriptors sit on
    another sheet; the first heading always starts the descriptor preamble.
    """
    if descriptors is None:
        return paragraphs, []
    notes: list[Paragraph] = []
    other_sheet = descriptors.where.sheet != matrix.where.sheet
    for i, p in enumerate(paragraphs):
        if p.heading_level is not None:
            return notes, paragraphs[i:]
        if other_sheet and p.where.sheet == matrix.where.sheet:
            notes.append(p)
            continue
        if not _MARKER.match(p.text) and _heading_like(p):
            return notes, paragraphs[i:]
        notes.append(p)
    return notes, []


def _heading_like(p: Paragraph) -> bool:
    """Short, unpunctuated and not a `Label:` line: reads as a heading, not as a note."""
    text = p.text
    return (
        len(text) <= 100
        and not text.endswith((".", ";", ","))
        and not re.match(r"^\w+(\s\w+)?\s*:", text)
    )


def _note(p: Paragraph) -> Note:
    m = _MARKER.match(p.text)
    marker = m.group(1) if m else None
    return Note(text=p.text, marker=marker, where=p.where)


def _note_for(name: str, notes: list[Note]) -> str | None:
    m = _TRAILING_MARKER.search(name)
    if not m:
        return None
    return next((n.text for n in notes if n.marker == m.group(1)), None)


def _descriptor_heading(
    paragraphs: list[Paragraph],
) -> tuple[str | None, str | None, dict[str, Provenance]]:
    if not paragraphs:
        return None, None, {}
    title_p = next((p for p in paragraphs if p.heading_level is not None), paragraphs[0])
    rest = [p for p in paragraphs if p is not title_p]
    places = {"descriptors_title": title_p.where}
    if rest:
        places["descriptors_intro"] = rest[0].where
    return title_p.text, "\n".join(p.text for p in rest) or None, places


# ---------------------------------------------------------------------------------------------
# Levels


def _level(raw: str, scale: dict[str, int]) -> int | None:
    m = _INT.match(raw) or _MARKED_INT.match(raw) or _NAMED_INT.match(raw)
    if m:
        value = int(m.group(m.lastindex or 0))
        return value if value <= MAX_LEVEL else None
    return scale.get(raw.casefold())


def _level_scale(layout: Layout, found: _Found) -> tuple[dict[str, int], str | None]:
    """Level words used in the matrix -> numbers: from a legend if there is one, else by rank."""
    words: dict[str, str] = {}
    for part_view, rows in [(found.view, found.body), *found.extra_views]:
        for r in rows:
            for c in found.levels:
                raw = part_view.texts[r][c]
                if classify(raw) == WORD:
                    words.setdefault(raw.casefold(), raw)
    if not words:
        return {}, None
    legend = _legend(layout)
    if all(w in legend for w in words):
        return {w: legend[w] for w in sorted(words)}, "legend"
    return _rank(set(words)), "word_order"


def _rank(words: set[str]) -> dict[str, int]:
    """Level words -> 0 for "none"-like words, else 1.. in vocabulary order (ties share)."""
    weights = sorted({LEVEL_WORDS[w] for w in words if LEVEL_WORDS[w] > 0})
    rank = {wt: i + 1 for i, wt in enumerate(weights)}
    return {w: (0 if LEVEL_WORDS[w] == 0 else rank[LEVEL_WORDS[w]]) for w in sorted(words)}


def _legend(layout: Layout) -> dict[str, int]:
    """Pairs like `1 = Basic`, `Good (2)` anywhere in the text: the document's own scale."""
    legend: dict[str, int] = {}
    for text in layout.all_text():
        if len(text) > 400:
            continue
        for m in _LEGEND.finditer(text):
            word = (m.group("w1") or m.group("w2") or "").strip().casefold()
            number = m.group("n1") or m.group("n2")
            if word in LEVEL_WORDS and number is not None:
                legend.setdefault(word, int(number))
    return legend


# ---------------------------------------------------------------------------------------------
# Descriptors


def _norm(name: str) -> str:
    """Name for matching: casefolded, footnote marker and ellipsis dropped, spaces folded."""
    name = _TRAILING_MARKER.sub("", name.strip()).rstrip(" .…").casefold()
    return " ".join(name.split())


def _matches(name: str, competencies: list[str]) -> bool:
    key = _norm(name)
    if not key:
        return False
    return any(
        key == k or (len(k) >= 4 and key.startswith(k)) for k in map(_norm, competencies) if k
    )


def _descriptor_blocks(
    layout: Layout, skip: list[Table], competencies: list[str], scale: dict[str, int]
) -> list[_DescriptorBlock]:
    """Tables whose first used column names the matrix's competencies, with level columns.

    A table with competencies across its top and levels down its side is read transposed.
    """
    blocks: list[_DescriptorBlock] = []
    for table in layout.tables():
        if any(table is t for t in skip):
            continue
        for transposed in (False, True):
            block = _descriptor_block(_View(table, transposed), competencies, scale, blocks)
            if block is not None:
                blocks.append(block)
                break
    return blocks


def _descriptor_block(
    view: _View, competencies: list[str], scale: dict[str, int], before: list[_DescriptorBlock]
) -> _DescriptorBlock | None:
    used = [c for c in range(view.n_cols) if any(view.texts[r][c] for r in range(view.n_rows))]
    if len(used) < 2:
        return None
    name_col, text_cols = used[0], used[1:]
    rows = range(view.n_rows)
    named = [r for r in rows if _matches(view.texts[r][name_col], competencies)]
    header = _descriptor_header(view, name_col, text_cols, competencies)
    body = [r for r in rows if r != header and any(view.texts[r])]
    if not body or len(named) < max(1, 0.4 * len(body)):
        return None
    if header is not None:
        level_cols = _header_levels(view, header, text_cols, scale)
    elif before:  # a continuation block: same columns as the block before, by position
        previous = [lvl for _, lvl in before[-1].level_cols]
        level_cols = list(zip(text_cols, previous, strict=False))
    else:
        level_cols = [(c, i + 1) for i, c in enumerate(text_cols)]
    return _DescriptorBlock(view.table, header, name_col, level_cols, view.transposed)


def _descriptor_header(
    view: _View, name_col: int, text_cols: list[int], competencies: list[str]
) -> int | None:
    """Row 0 is a header when it names no competency and its cells are short labels."""
    if view.n_rows < 2 or _matches(view.texts[0][name_col], competencies):
        return None
    head = [view.texts[0][c] for c in text_cols if view.texts[0][c]]
    if not head:
        return None
    body = [view.texts[r][c] for r in range(1, view.n_rows) for c in text_cols if view.texts[r][c]]
    mean_body = sum(map(len, body)) / len(body) if body else 0.0
    cue = sum(1 for t in head if _DIGIT.search(t) or t.casefold() in LEVEL_WORDS)
    short = all(len(t) <= max(40, mean_body / 2) for t in head)
    return 0 if short and (cue >= 1 or mean_body > 2 * max(map(len, head))) else None


def _header_levels(
    view: _View, header: int, text_cols: list[int], scale: dict[str, int]
) -> list[tuple[int, int]]:
    """Level of each descriptor column: the number in its header (`Level 2 Description`);
    else its level word, on the matrix's own scale or ranked (`Basic | Good | Expert`);
    else its position."""
    texts = [view.texts[header][c] for c in text_cols]
    numbers = [_DIGIT.search(t) for t in texts]
    if all(numbers):
        return [(c, int(m.group())) for c, m in zip(text_cols, numbers, strict=True) if m]
    words = [t.casefold() for t in texts]
    if all(w in scale for w in words):
        return [(c, scale[w]) for c, w in zip(text_cols, words, strict=True)]
    if all(w in LEVEL_WORDS for w in words):
        ranked = _rank(set(words))
        return [(c, ranked[w]) for c, w in zip(text_cols, words, strict=True)]
    return [(c, i + 1) for i, c in enumerate(text_cols)]


def _descriptors(
    blocks: list[_DescriptorBlock], scale: dict[str, int]
) -> tuple[list[Descriptor], list[str]]:
    descriptors: list[Descriptor] = []
    columns: list[str] = []
    for block in blocks:
        view = _View(block.table, block.transposed)
        if block.header is not None and not columns:
            columns = [t for t in view.texts[block.header] if t]
        for r in range(view.n_rows):
            if r == block.header:
                continue
            name = view.texts[r][block.name_col]
            if not name:
                continue
            for c, level in block.level_cols:
                cell = view.cell(r, c)
                descriptors.append(
                    Descriptor(
                        competency=name,
                        level=level,
                        text=view.texts[r][c],
                        where=cell.where if cell else block.table.where,
                    )
                )
    return descriptors, columns


def _truncation(header: str, name: str) -> int:
    """How ``header`` reads as ``name`` cut short: 2 = its last word is a prefix of the name's
    word there, 1 = it is a stub of at most two letters that is not, 0 = no truncation.

    The seed's `Financial n` is `Financial management` cut inside its last word (the stub is
    not even a prefix of that word), so a short stub is accepted when nothing better fits.
    """
    h, n = _norm(header).split(), _norm(name).split()
    if not h or len(n) < len(h) or h == n or len(" ".join(h)) < 4:
        return 0
    if h[:-1] != n[: len(h) - 1]:
        return 0
    last, word = h[-1], n[len(h) - 1]
    if word.startswith(last):
        return 2
    return 1 if len(last) <= 2 else 0


def _link(
    competencies: list[CompetencyColumn], descriptors: list[Descriptor]
) -> tuple[list[CompetencyColumn], list[Descriptor], list[Issue]]:
    """Link descriptors to competency columns; resolve truncated headers by unique prefix.

    Exact names (casefolded, footnote markers dropped) link first; a header left over then
    takes the one remaining descriptor name it truncates, when there is exactly one.
    """
    warnings: list[Issue] = []
    by_name: dict[str, list[Descriptor]] = {}
    for d in descriptors:
        by_name.setdefault(_norm(d.competency), []).append(d)
    target: dict[str, str] = {}  # descriptor name key -> competency id
    for comp in competencies:
        key = _norm(comp.name)
        if key in by_name and key not in target:
            target[key] = comp.id
    resolved: list[CompetencyColumn] = []
    for comp in competencies:
        if target.get(_norm(comp.name)) == comp.id:
            resolved.append(comp)
            continue
        fits = {k: _truncation(comp.name, k) for k in by_name if k not in target}
        free = [k for k, v in fits.items() if v == 2] or [k for k, v in fits.items() if v == 1]
        if len(free) == 1:
            full = by_name[free[0]][0].competency
            target[free[0]] = comp.id
            resolved.append(comp.model_copy(update={"resolved_name": full}))
            warnings.append(
                warning(
                    IssueCode.TRUNCATED_HEADER,
                    f"Header {comp.name!r} looks truncated; read as {full!r}, the only "
                    "descriptor name it can be cut from.",
                    comp.where,
                    header=comp.name,
                    resolved=full,
                )
            )
            continue
        resolved.append(comp)
        if descriptors:
            warnings.append(
                warning(
                    IssueCode.MISSING_DESCRIPTOR,
                    f"Competency {comp.name!r} has no row in the descriptor table.",
                    comp.where,
                    competency=comp.name,
                )
            )
    linked: list[Descriptor] = []
    reported: set[str] = set()
    for d in descriptors:
        key = _norm(d.competency)
        linked.append(d.model_copy(update={"competency_id": target.get(key)}))
        if key not in reported and all(not x.text for x in by_name[key]):
            reported.add(key)
            warnings.append(
                warning(
                    IssueCode.EMPTY_DESCRIPTOR,
                    f"The descriptor row for {d.competency!r} is empty; kept with empty texts.",
                    d.where.with_(column=None, cell=None),
                    competency=d.competency,
                )
            )
    return resolved, linked, warnings


EXTRACTOR = Extractor(DocumentKind.SKILLS_MATRIX, "skills_matrix", VERSION, score, extract)
