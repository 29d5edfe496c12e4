"""Skills matrix extractor: layout model -> ``SkillsMatrix``.

A skills matrix is found by its shape, never by its words: a table whose body is mostly
small integers (or level words, ticks, single letters) under a header of many name-like
cells, with one to three text columns on the left (the role title and attributes such as
the grade). The same search runs on the transposed table, so a matrix with roles as columns
is found too; which axis holds the roles is then decided by cues (job nouns in the names,
a grade line next to them, the corner label).

Descriptor tables (competency x level descriptions) are read in ``matrix_descriptors``; the
cell vocabulary and the table views live in ``matrix_cells``.

Everything document-level (title, service, intro, footnotes, descriptor heading) comes from
the paragraphs around those tables, by position and a few cues (a `Label:` line, a leading
footnote marker matching a header's trailing marker).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from roleframe.parsers.errors import ReadError
from roleframe.parsers.kinds.base import Extraction, Extractor, SurfaceName
from roleframe.parsers.kinds.matrix_cells import (
    COUNTED,
    EMPTY,
    INT,
    LEVEL,
    LEVEL_WORDS,
    LEVELISH,
    MARK,
    TRAILING_MARKER,
    WORD,
    View,
    classify,
    level_of,
    name_like,
    one_line,
    rank_words,
)
from roleframe.parsers.kinds.matrix_descriptors import (
    descriptor_blocks,
    link_descriptors,
    norm_name,
    read_descriptors,
)
from roleframe.parsers.layout import Layout, Paragraph, Table
from roleframe.schema import DocumentKind, Issue, IssueCode, Provenance
from roleframe.schema.ids import stable_id
from roleframe.schema.issues import warning
from roleframe.schema.skills_matrix import (
    CompetencyColumn,
    MatrixRole,
    Note,
    Requirement,
    SkillsMatrix,
)

VERSION = "1"

_GRADE_HEADER = re.compile(r"\b(grade|grading|band|banding|scale|pay|spinal|scp|salary)\b", re.I)
# Headers of identifier columns, whose short codes with digits (`11144`, `HO12`) are no grades.
_ID_HEADER = re.compile(r"\b(ref|reference|no|number|id|code|post ?no|pn)\b\.?", re.I)
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
_NOTE_LABEL = re.compile(r"^(key|legend|notes?|n\.?b\.?|please note)\s*[:\-–]", re.I)
_MARKER = re.compile(r"^(\*+|†|‡|§|¹|²|³|\(\d\)|\[\d\]|\d\))\s*")
_LEGEND = re.compile(
    r"(?:(?P<n1>\d{1,2})\s*[=:\-–—]\s*(?P<w1>[A-Za-z][A-Za-z \-]{1,30}?)"
    r"|(?P<w2>[A-Za-z][A-Za-z \-]{1,30}?)\s*[=:]?\s*\(?(?P<n2>\d{1,2})\)?)"
    r"\s*(?=[,;.\n]|$|\s+\d)"
)


@dataclass(slots=True)
class _Found:
    """A matrix found in a view: header row, label (role) columns, level columns, body rows."""

    view: View
    header: int
    labels: list[int]
    levels: list[int]
    body: list[int]
    level_cells: int
    title_col: int
    grade_col: int | None
    score: float = 0.0
    role_cue: float = 0.0
    extra_views: list[tuple[View, list[int]]] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # body rows that hold no levels


def _find(view: View) -> _Found | None:
    """Best matrix reading of a view, or None: header row over >= 3 columns of levels."""
    best: _Found | None = None
    for h in range(min(view.n_rows - 1, 10)):
        body = [r for r in range(h + 1, view.n_rows) if any(view.texts[r])]
        named = [c for c in range(view.n_cols) if name_like(view.header_text(h, c))]
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


def _mostly_levels(view: View, r: int, columns: list[int]) -> bool:
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


def _shape(view: View, h: int, levels: list[int], body: list[int], counted: int) -> _Found | None:
    """Split columns into role labels (left) and competencies; pick title and grade columns."""
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
            if _ID_HEADER.search(view.header_text(h, c)):
                continue
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
    # Ticks and letters alone are weaker evidence than levels: a person specification's
    # `Criteria | Essential | Desirable | Interview` grid is ticks too. Without numbers or level
    # words, only rows that read as posts (job nouns, a grade column) keep a matrix score.
    graded = sum(view.kinds[r][c] in (LEVEL, WORD) for r in body for c in levels)
    if graded < 0.5 * max(counted, 1):
        score *= 0.6 if (_job_share(titles) >= 0.5 or grade_col is not None) else 0.3
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
        if cell.paragraphs and classify(one_line(cell)) in COUNTED:
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
        candidates = [f for t in (False, True) if (f := _find(View(table, t)))]
        if len(candidates) == 2:
            # Both readings can fit (integer grades): the one whose competencies head the rows
            # of another table (the descriptors) is the right way round.
            described = _first_column_names(layout, table)
            for f in candidates:
                names = [norm_name(f.view.header_text(f.header, c)) for c in f.levels]
                f.role_cue += sum(n in described for n in names) / len(names)
        if candidates:
            # the one whose labels look like roles wins
            out.append(
                max(candidates, key=lambda f: (f.role_cue, f.level_cells, not f.view.transposed))
            )
    return out


def _first_column_names(layout: Layout, skip: Table) -> set[str]:
    """Names heading the rows of every other table (where descriptor tables name competencies)."""
    names: set[str] = set()
    for table in layout.tables():
        if table is not skip:
            names.update(norm_name(row[0].text) for row in table.rows if row and row[0].text)
    return names


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


def extract(layout: Layout) -> Extraction:
    """Read the strongest matrix table (plus its continuations), the descriptor tables that
    name its competencies, and the paragraphs around them."""
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
    desc_blocks = descriptor_blocks(
        layout,
        [table, *(v.table for v, _ in found.extra_views)],
        [header_row[c] for c in found.levels],
        scale,
    )

    # Paragraphs around the matrix: preamble (title, service, intro) and what follows it.
    preamble = _paragraphs_before(layout, matrix_pos) + _rows_above_header(view, h)
    title, service, intro, organisation, places, notes_above = _preamble(preamble)
    if title is None:  # a key table between the heading and the matrix: the heading still counts
        heading = _heading_before(layout, matrix_pos)
        if heading is not None:
            title, places["title"] = heading.text, heading.where
    places["matrix"] = table.where
    notes_and_headings = _paragraphs_after(layout, matrix_pos)
    next_desc = desc_blocks[0].table if desc_blocks else None
    footnotes_p, desc_preamble = _split_after(notes_and_headings, table, next_desc)
    footnotes_p = notes_above + _rows_below_body(view, found) + footnotes_p
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

    roles, requirements, role_warnings = _roles(found, header_row, competencies, scale)
    warnings.extend(role_warnings)

    warnings.extend(_layout_warnings(layout, found))

    # Descriptors, linked to competencies
    descriptors, descriptor_columns = read_descriptors(desc_blocks, scale)
    competencies, descriptors, link_warnings = link_descriptors(competencies, descriptors)
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


def _layout_warnings(layout: Layout, found: _Found) -> list[Issue]:
    """What was seen but not read: rows of the matrix with no levels, other matrix tables."""
    view, table = found.view, found.view.table
    warnings: list[Issue] = []
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
    return warnings


def _roles(
    found: _Found,
    header_row: list[str],
    competencies: list[CompetencyColumn],
    scale: dict[str, int],
) -> tuple[list[MatrixRole], list[Requirement], list[Issue]]:
    """One role per body row (continuation tables included) and one requirement per cell.

    A row that is one cell merged across the table is a group heading for the rows under it.
    """
    view = found.view
    warnings: list[Issue] = []
    odd: dict[str, list[tuple[str, str, Provenance]]] = {}  # non-level value -> its cells
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
                level = level_of(raw, scale)
                cell_where = cell.where if cell else where
                if raw and level is None and classify(raw) != MARK:
                    odd.setdefault(raw, []).append((role_title, comp.name, cell_where))
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

    warnings.extend(_non_numeric_warnings(odd))
    return roles, requirements, warnings


def _non_numeric_warnings(odd: dict[str, list[tuple[str, str, Provenance]]]) -> list[Issue]:
    """One warning per odd cell (the seed's lone `S`); a code used throughout the matrix
    (`E`/`D` for essential/desirable) gets one warning with its count, not one per cell."""
    out: list[Issue] = []
    for raw, cells in odd.items():
        role, competency, where = cells[0]
        if len(cells) == 1:
            message = (
                f"{role!r} x {competency!r} holds {raw!r}, which is not a level; "
                "kept as written with no level."
            )
            out.append(
                warning(
                    IssueCode.NON_NUMERIC_LEVEL,
                    message,
                    where,
                    raw=raw,
                    role=role,
                    competency=competency,
                )
            )
            continue
        message = (
            f"{raw!r} is in {len(cells)} cells (first: {role!r} x {competency!r}) and is not "
            "a level; kept as written with no level."
        )
        out.append(warning(IssueCode.NON_NUMERIC_LEVEL, message, where, raw=raw, cells=len(cells)))
    return out


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
        nxt = View(table, False)
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


def _spanning_text(view: View, r: int) -> str | None:
    """The text of a row that is one cell merged across the table (a group heading)."""
    filled = [c for c, t in enumerate(view.texts[r]) if t]
    if len(filled) != 1:
        return None
    cell = view.cell(r, filled[0])
    if cell is None or view.span(cell)[1] < max(2, view.n_cols // 2):
        return None
    return view.texts[r][filled[0]]


def _rows_above_header(view: View, h: int) -> list[Paragraph]:
    """Rows above the header inside the table that hold one text (a merged title row)."""
    out: list[Paragraph] = []
    for r in range(h):
        filled = [c for c, t in enumerate(view.texts[r]) if t]
        if len(filled) == 1 and not _spanning_is_group(view, r, h):
            cell = view.cell(r, filled[0])
            if cell is not None:
                out.extend(cell.paragraphs)
    return out


def _spanning_is_group(view: View, r: int, h: int) -> bool:
    """A row just above the header with several spanning cells groups columns, it is no title."""
    return r == h - 1 and sum(1 for t in view.texts[r] if t) > 1


def _rows_below_body(view: View, found: _Found) -> list[Paragraph]:
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


def _group_above(view: View, h: int, c: int) -> str | None:
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


def _heading_before(layout: Layout, pos: int) -> Paragraph | None:
    """The nearest heading above the matrix on its sheet, across any tables in between."""
    sheet = layout.blocks[pos].where.sheet
    for block in reversed(layout.blocks[:pos]):
        if block.where.sheet != sheet:
            return None
        if isinstance(block, Paragraph) and block.heading_level is not None:
            return block
    return None


def _paragraphs_after(layout: Layout, pos: int) -> list[Paragraph]:
    out: list[Paragraph] = []
    for block in layout.blocks[pos + 1 :]:
        if isinstance(block, Table):
            break
        out.append(block)
    return out


def _preamble(
    paragraphs: list[Paragraph],
) -> tuple[str | None, str | None, str | None, str | None, dict[str, Provenance], list[Paragraph]]:
    """Title, service, intro, organisation and notes from the paragraphs above the matrix.

    A `Key:`/`Note:` line or a marker-led line above the matrix is a note, not intro text.
    """
    places: dict[str, Provenance] = {}
    service = organisation = None
    rest: list[Paragraph] = []
    notes: list[Paragraph] = []
    for p in paragraphs:
        if _MARKER.match(p.text) or _NOTE_LABEL.match(p.text):
            notes.append(p)
            continue
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
    intro_ps = [p for p in rest if p is not title_p]
    intro = "\n".join(p.text for p in intro_ps) or None
    if intro_ps:
        places["intro"] = intro_ps[0].where
    return title, service, intro, organisation, places, notes


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
    m = TRAILING_MARKER.search(name)
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
    return rank_words(set(words)), "word_order"


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
    for table in layout.tables():  # a key table: `1 | Basic` rows, two or three columns
        if table.n_cols > 3:
            continue
        for r in range(table.n_rows):
            texts = [t for t in table.row_texts(r) if t]
            numbers = [int(t) for t in texts if INT.match(t)]
            words = [t.casefold() for t in texts if t.casefold() in LEVEL_WORDS]
            if len(numbers) == 1 and len(words) == 1:
                legend.setdefault(words[0], numbers[0])
    return legend


EXTRACTOR = Extractor(DocumentKind.SKILLS_MATRIX, "skills_matrix", VERSION, score, extract)
