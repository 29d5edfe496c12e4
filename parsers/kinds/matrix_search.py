"""Where the matrix is: the search for a table of levels under a header of names, and its score.

A skills matrix is found by its shape, never by its words: a table whose body is mostly
small integers (or level words, legend codes, ticks, single letters) under a header of many
name-like cells, with one to three text columns on the left (the role title and attributes
such as the grade). The same search runs on the transposed table, so a matrix with roles as
columns is found too; which axis holds the roles is then decided by cues (job nouns in the
names, a grade line next to them, the corner label, the descriptor table's row names).

Inside the header, two layouts are read as they are meant:

* a header cell merged across the whole body (a transposed matrix's full-width competency
  group row) is a group of the competencies after it, not a competency;
* a competency merged over a `Required | Current` pair of sub-columns is one competency whose
  requirement is the required level (the current level is kept beside it).

Columns and rows that are no competencies or roles are set apart: a count beside the roles
(`No. of posts`, `Headcount`), a last row or column whose values count the levels of the
others (a team matrix's `Staff at level 3 or 4`, ho_sm03), empty spacer columns between
groups of competencies (ho_sm08); a row of codes over the row of names (`C1 |
Communication`, ho_sm04) leaves the names as the competencies. Other shapes of a matrix
(tick-the-level columns, long format, a matrix split into parts) are rewritten into this
grid first (``matrix_reshape``).

The kind score combines independent cues, so a missing one lowers it rather than zeroing it:
the number of competency columns, the number of roles, graded cells (digits, level words,
legend codes) against bare ticks, and job nouns or a grade column beside tick-only rows.
Job-evaluation cues lower it (a factor summary table is factors x levels too): competency
names that are JE factors, rows named like a JE form's columns (proposed, agreed, points),
a `Factor` corner, and JE words in the document. So do cues that the rows are no posts (a
role profile's `Behaviour | Level expected` table read transposed): a single row of levels,
rows named like requirement columns (`Required level`, `Essential`), sentences as names.
A job description's headed purpose and duties around the table lower it a little: the
matrix is the appendix of a role profile (the team's skills), not the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from roleframe.parsers.kinds.formcues import is_heading_para
from roleframe.parsers.kinds.matrix_cells import (
    COUNTED,
    EMPTY,
    LEVEL,
    LEVELISH,
    MAX_LEVEL,
    WORD,
    View,
    classify,
    name_like,
    one_line,
)
from roleframe.parsers.kinds.matrix_descriptors import norm_name
from roleframe.parsers.kinds.matrix_reshape import (
    CURRENT,
    REQUIRED,
    long_format,
    post_tables,
    side_by_side,
    stage_rows,
    tick_columns,
)
from roleframe.parsers.kinds.matrix_scale import find_legend
from roleframe.parsers.kinds.role_labels import DOC_NAMES, field_key, section_key
from roleframe.parsers.layout import Layout, Paragraph, Table

# English and Welsh (`Gradd`, `Cyflog`; ho_sm09 is written in Welsh only).
GRADE_HEADER = re.compile(
    r"\b(grade|grading|band|banding|scale|pay|spinal|scp|salary|gradd|graddfa|cyflog)\b", re.I
)
# Headers of count columns (`No. of posts`, `Headcount`, `FTE`): small integers, no levels.
COUNT_HEADER = re.compile(
    r"\b(?:no\.?|number|count)\s+of\b|^\W*(?:total|count|headcount|fte|establishment)\b", re.I
)
# Headers of identifier columns, whose short codes with digits (`11144`, `HO12`) are no grades.
_ID_HEADER = re.compile(r"\b(ref|reference|no|number|id|code|post ?no|pn)\b\.?", re.I)
_ROLE_HEADER = re.compile(
    r"\b(job|role|post|position|title|occupation|swydd|swyddi|teitl|rôl)s?\b", re.I
)
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
# Job-evaluation cues (the factor summary of a JE record reads as a transposed matrix).
_JE_FACTOR = re.compile(
    r"^(?:\d+[.)]?\s*)?(?:knowledge|mental skills|interpersonal(?:\s*(?:and|&)\s*communication)?"
    r"(?: skills)?|physical skills|initiative(?:\s*(?:and|&)\s*independence)?|"
    r"(?:physical|mental|emotional) (?:demands|effort)|responsibilit(?:y|ies) for\b.*|"
    r"working (?:conditions|environment)|work environment|freedom to act|"
    r"dimensions?|impact|accountabilit(?:y|ies))$",
    re.I,
)
_JE_COLUMN = re.compile(
    r"\b(proposed|agreed|points?|scores?|weight(?:ing|ed)?|panel|evaluat\w*|moderat\w*|"
    r"submitted|final|factor)\b",
    re.I,
)
_JE_CORNER = re.compile(r"\b(factors?|elements?|job evaluation|je)\b", re.I)
_JE_TEXT = re.compile(
    r"\b(job evaluation|factor (?:level|plan|matching|summary|points)|je (?:panel|grade|score)|"
    r"evaluation panel)\b",
    re.I,
)
# Headers of a requirement column (a role profile's or a person specification's), not posts.
_COLUMN_WORDS = re.compile(
    r"\b(levels?|required|requirements?|expected|essential|desirable|assessed|assessment|"
    r"rating|hanfodol|dymunol)\b|^\s*e\s*/\s*d\s*$",
    re.I,
)
SINGLE_ROLE = 0.4  # one row of levels is one post's requirements (a role profile's table)
NOT_POSTS = 0.5  # rows named like requirement columns; sentences (criteria) as competencies
JE_PENALTY = 0.35  # per JE cue: two cues put a factor table under the kind bar (0.3)
# a role profile's purpose and duties as headed text around the table: the matrix is an
# appendix (ho6_rp06); only a tie with a full role profile is broken, a matrix's own
# guidance text (a purpose heading alone) costs nothing
ROLE_PROFILE_PENALTY = 0.15


@dataclass(slots=True)
class Found:
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
    summaries: list[int] = field(default_factory=list)  # rows counting the others' levels
    summary_columns: list[int] = field(default_factory=list)  # columns counting the others'
    names: dict[int, str] = field(default_factory=dict)  # level column -> competency name
    groups: dict[int, str] = field(default_factory=dict)  # level column -> group column's text
    current: dict[int, int] = field(default_factory=dict)  # level column -> its Current column

    def name(self, c: int) -> str:
        return self.names.get(c) or self.view.header_text(self.header, c)


def find(view: View) -> Found | None:
    """Best matrix reading of a view, or None: header row over >= 3 columns of levels."""
    best: Found | None = None
    for h in range(min(view.n_rows - 1, 10)):
        pairs = _paired_columns(view, h)
        body = [r for r in range(h + (2 if pairs else 1), view.n_rows) if any(view.texts[r])]
        if pairs:
            named = list(pairs)
            names = {c: one_line(cell) for c in pairs if (cell := view.cell(h, c)) is not None}
            group_cols: list[int] = []
        else:
            named = [c for c in range(view.n_cols) if name_like(view.header_text(h, c))]
            names = {}
            group_cols = [c for c in named if _group_column(view, h, c, body)]
            named = [c for c in named if c not in group_cols]
        # Rows whose values under the columns of levels are mostly not levels (a `Total` row
        # of sums, a note typed into the grid) are no roles: leave them out of the body.
        mostly = [c for c in named if _levelish_share(view, body, c) >= 0.7]
        skipped = [r for r in body if not _mostly_levels(view, r, mostly)]
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
            if _initials(view, body, c):
                continue  # people's initials beside their job titles: labels, not levels
            levels.append(c)
        # empty spacer columns between groups of competencies do not break the run
        blank = {
            c
            for c in range(view.n_cols)
            if not view.header_text(h, c) and not any(view.texts[r][c] for r in body)
        }
        levels = _longest_run(levels, set(group_cols) | set(pairs.values()) | blank)
        summaries = _summary_rows(view, body, levels)
        body = [r for r in body if r not in summaries]
        summary_cols = _summary_columns(view, h, body, levels)
        levels = [c for c in levels if c not in summary_cols]
        if not body:
            continue
        distinct = {(names.get(c) or view.header_text(h, c)).casefold() for c in levels}
        counted = sum(view.kinds[r][c] in COUNTED for r in body for c in levels)
        filled_cols = sum(1 for c in levels if any(view.texts[r][c] for r in body))
        if (
            len(levels) < 3
            # competencies are distinct names; a JE form's `level | score | level | agreed`
            # repeats `level` and leaves `score`/`agreed` empty
            or len(distinct) < 0.9 * len(levels)
            or filled_cols < 3
            or counted < max(4, 0.3 * len(levels) * len(body))
        ):
            continue
        found = _shape(view, h, levels, body, counted, names, group_cols)
        if found and not pairs:
            found.names.update(_wrapped_names(view, h, found.levels, found.labels))
        if found:
            found.skipped = skipped
            found.summaries = summaries
            found.summary_columns = summary_cols
            found.current = {c: pairs[c] for c in levels if c in pairs}
        # as many levels, fewer rows left unread: a second label row under a row of codes
        # (`C1 | Communication`) is the competencies' names, not a role
        if found and (
            best is None
            or (found.level_cells, -len(found.skipped)) > (best.level_cells, -len(best.skipped))
        ):
            best = found
    return best


def _wrapped_names(view: View, h: int, levels: list[int], labels: list[int]) -> dict[int, str]:
    """Names wrapped onto two header lines that a PDF without rules reads as two rows
    (`Manual` over `handling`, ho4_sm09): the row above the header has nothing over the
    role columns and a short word-only text over every competency. A group row names
    fewer columns than it spans; a row of codes (`C1`, `HWB2`) holds digits."""
    if h == 0:
        return {}
    above = view.texts[h - 1]
    if any(above[c] for c in labels):
        return {}
    parts = [above[c] for c in levels]
    if not all(parts) or len(set(parts)) < len(parts):
        return {}
    if any(len(t.split()) > 2 or any(ch.isdigit() for ch in t) for t in parts):
        return {}
    if any(view.span(cell)[1] > 1 for c in levels if (cell := view.cell(h - 1, c)) is not None):
        return {}
    return {c: f"{view.texts[h - 1][c]} {view.header_text(h, c)}".strip() for c in levels}


def _ints(view: View, r: int, columns: list[int]) -> list[int] | None:
    """Row r's values under ``columns`` as whole numbers (empty = 0), None if any is text."""
    out = []
    for c in columns:
        text = view.texts[r][c]
        if text and not text.isdigit():
            return None
        out.append(int(text) if text else 0)
    return out


def _counts_of(values: list[int], others: list[list[int]]) -> bool:
    """Whether each value counts the others at or above one threshold (`Staff at level 3
    or 4`), or the others that are filled."""
    columns = list(zip(*others, strict=True))
    for t in range(1, MAX_LEVEL + 1):
        if all(v == sum(1 for o in col if o >= t) for v, col in zip(values, columns, strict=True)):
            return True
    return False


def _summary_rows(view: View, body: list[int], levels: list[int]) -> list[int]:
    """The last body row when its values count the levels of the rows above it (a team
    matrix's `Staff at level 3 or 4` line): a summary, not a role."""
    if len(levels) < 3 or len(body) < 3:
        return []
    last = body[-1]
    if any(_JOB_NOUNS.search(view.texts[last][c]) for c in range(levels[0])):
        return []  # a post whose levels happen to count the two above it (ho4_sm08)
    values = _ints(view, last, levels)
    others = [v for r in body[:-1] if (v := _ints(view, r, levels)) is not None]
    if values is None or len(others) != len(body) - 1 or not any(values):
        return []
    return [last] if _counts_of(values, others) else []


def _summary_columns(view: View, h: int, body: list[int], levels: list[int]) -> list[int]:
    """The last level column when, row by row, it counts the levels before it."""
    if len(levels) < 4 or len(body) < 3:
        return []
    last = levels[-1]
    # integer grades and counts on the left are no levels to count (``_shape`` drops them)
    rest = [
        c
        for c in levels[:-1]
        if not GRADE_HEADER.search(view.header_text(h, c))
        and not COUNT_HEADER.search(view.header_text(h, c))
    ]
    if len(rest) < 3:
        return []
    values = [v for r in body if (v := _ints(view, r, [last])) is not None]
    rows = [v for r in body if (v := _ints(view, r, rest)) is not None]
    if len(values) != len(body) or len(rows) != len(body) or not any(v[0] for v in values):
        return []
    by_column = [list(col) for col in zip(*rows, strict=True)]
    return [last] if _counts_of([v[0] for v in values], by_column) else []


def _paired_columns(view: View, h: int) -> dict[int, int]:
    """Competencies merged over a `Required | Current` pair: required column -> current column.

    Row ``h`` holds the names, each spanning two columns; row ``h + 1`` names the pair.
    """
    if h + 1 >= view.n_rows:
        return {}
    pairs: dict[int, int] = {}
    c = 0
    while c < view.n_cols:
        cell = view.cell(h, c)
        if cell is None or view.origin(cell) != (h, c) or view.span(cell)[1] != 2:
            c += 1
            continue
        sub = [view.texts[h + 1][c], view.texts[h + 1][c + 1]] if c + 1 < view.n_cols else []
        if len(sub) == 2 and REQUIRED.match(sub[0]) and CURRENT.match(sub[1]):
            pairs[c] = c + 1
        elif len(sub) == 2 and CURRENT.match(sub[0]) and REQUIRED.match(sub[1]):
            pairs[c + 1] = c
        c += 2
    return pairs if len(pairs) >= 3 else {}


def _grade_after(view: View, h: int, levels: list[int], body: list[int]) -> int | None:
    """A grade column after the competencies (`… | Drainage | Grade`, ho5_sm05): a grade-like
    header right of the last level column, short codes under it."""
    for c in range(levels[-1] + 1, view.n_cols):
        if not GRADE_HEADER.search(view.header_text(h, c)):
            continue
        values = [view.texts[r][c] for r in body if view.texts[r][c]]
        if values and all(len(v) <= 12 for v in values):
            return c
    return None


def _group_column(view: View, h: int, c: int, body: list[int]) -> bool:
    """A header cell merged across the body with nothing under it: a group of the columns
    after it (a transposed matrix's full-width `Statutory duties` row), not a competency."""
    cell = view.cell(h, c)
    if cell is None or not body:
        return False
    top, left = view.origin(cell)
    # it may start above the header (a transposed matrix with a row of codes over the names)
    if left != c or top > h:
        return False
    return top + view.span(cell)[0] > max(body) and not any(view.texts[r][c] for r in body)


def _levelish_share(view: View, rows: list[int], c: int) -> float:
    return sum(1 for r in rows if view.kinds[r][c] in LEVELISH) / len(rows) if rows else 0.0


def _mostly_levels(view: View, r: int, columns: list[int]) -> bool:
    """Whether a row can be a role row; one-text rows (group headings, notes) are judged later."""
    kinds = [view.kinds[r][c] for c in columns if view.kinds[r][c] != EMPTY]
    return len(kinds) <= 2 or sum(k in LEVELISH for k in kinds) >= 0.5 * len(kinds)


def _longest_run(columns: list[int], bridges: frozenset[int] | set[int] = frozenset()) -> list[int]:
    """The longest run of adjacent columns: competencies sit side by side; a JE form's
    `level | score | level` has its level columns split by a column of points. Group columns
    and the Current half of a pair sit between competencies without breaking the run."""
    runs: list[list[int]] = []
    for c in columns:
        if runs and all(k in bridges for k in range(runs[-1][-1] + 1, c)):
            runs[-1].append(c)
        else:
            runs.append([c])
    return max(runs, key=len) if runs else []


def _shape(
    view: View,
    h: int,
    levels: list[int],
    body: list[int],
    counted: int,
    names: dict[int, str],
    group_cols: list[int],
) -> Found | None:
    """Split columns into role labels (left) and competencies; pick title and grade columns."""
    # Integer grades look like levels: a grade-like header just right of the labels, or a
    # horizontal header among vertical competency headers, makes the column a label.
    while len(levels) > 3:
        c = levels[0]
        header_cell = view.cell(h, c)
        others = [view.cell(h, k) for k in levels[1:]]
        vertical_rest = sum(1 for k in others if k is not None and k.vertical_text)
        horizontal_here = header_cell is not None and not header_cell.vertical_text
        if (
            GRADE_HEADER.search(view.header_text(h, c))
            or COUNT_HEADER.search(view.header_text(h, c))
            or (horizontal_here and vertical_rest >= 0.8 * len(others))
        ):
            levels = levels[1:]
            continue
        break
    # a count after the competencies (`No. of posts`) is no competency either
    while len(levels) > 3 and COUNT_HEADER.search(view.header_text(h, levels[-1])):
        levels = levels[:-1]
    first = levels[0]
    labels = [
        c
        for c in range(first)
        if c not in group_cols and (view.header_text(h, c) or any(view.texts[r][c] for r in body))
    ]
    if not labels:
        return None

    # The title column holds the longest texts; a grade column holds short codes.
    def mean_len(c: int) -> float:
        values = [view.texts[r][c] for r in body if view.texts[r][c]]
        return sum(map(len, values)) / len(values) if values else 0.0

    # Every role has a title: a column merged down over groups of rows (a job family) is not it.
    def filled(c: int) -> float:
        return sum(1 for r in body if view.texts[r][c]) / len(body)

    full = [c for c in labels if filled(c) >= 0.75] or labels
    title_col = max(full, key=lambda c: (mean_len(c), -c))
    # A team matrix with a job-title row over the people's initials (ho4_sm02): the rows are
    # people, named by their initials; the titles, repeated, are what each person does.
    titles_here = [view.texts[r][title_col] for r in body if view.texts[r][title_col]]
    if len({t.casefold() for t in titles_here}) < len(titles_here):
        title_col = next((c for c in full if _initials(view, body, c)), title_col)
    # A grade-like header first (`Ref | Job Title | Grade`: the codes under `Ref` are no
    # grades); else the first column of short codes with digits.
    rest = [c for c in labels if c != title_col]
    grade_col = next((c for c in rest if GRADE_HEADER.search(view.header_text(h, c))), None)
    if grade_col is None:
        for c in rest:
            if _ID_HEADER.search(view.header_text(h, c)):
                continue
            values = [view.texts[r][c] for r in body if view.texts[r][c]]
            if values and all(len(v) <= 12 and any(ch.isdigit() for ch in v) for v in values):
                grade_col = c
                break
    if grade_col is None:
        grade_col = _grade_after(view, h, levels, body)
    titles = [view.texts[r][title_col] for r in body if view.texts[r][title_col]]
    if len(titles) < 0.75 * len(body):  # roles have titles (group rows carry theirs too)
        return None
    competency_names = [names.get(c) or view.header_text(h, c) for c in levels]
    role_cue = _job_share(titles) - _job_share(competency_names)
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
    score *= max(0.05, 1.0 - JE_PENALTY * _je_cues(competency_names, titles, corner))
    score *= _not_roles_factor(titles, competency_names)
    groups: dict[int, str] = {}
    group = None
    for c in range(levels[-1] + 1):
        if c in group_cols:
            group = view.header_text(h, c)
        elif c in levels and group:
            groups[c] = group
    found = Found(view, h, labels, levels, body, counted, title_col, grade_col, score, role_cue)
    found.names = {c: names[c] for c in levels if c in names}
    found.groups = groups
    return found


_INITIALS = re.compile(r"^[A-Z]{2,3}$")


def _initials(view: View, body: list[int], c: int) -> bool:
    """A column of people's initials: two or three capitals on every body row, each row's
    different, none a code the document's key defines (level codes repeat down a column)."""
    values = [view.texts[r][c] for r in body]
    return (
        len(values) >= 3
        and all(_INITIALS.match(v) for v in values)
        and len(set(values)) == len(values)
        and not any(v.casefold() in view.vocab for v in values)
    )


def _je_cues(names: list[str], titles: list[str], corner: str) -> int:
    """How many job-evaluation cues the table shows (0..3): factor names as competencies,
    JE column words (proposed, agreed, points) as roles, a `Factor` corner."""
    cues = 0
    if names and sum(1 for n in names if _JE_FACTOR.match(n.strip())) >= 0.5 * len(names):
        cues += 1
    if titles and sum(1 for t in titles if _JE_COLUMN.search(t)) >= 0.5 * len(titles):
        cues += 1
    if _JE_CORNER.search(corner):
        cues += 1
    return cues


def _not_roles_factor(titles: list[str], names: list[str]) -> float:
    """Cues that the rows are no posts: a role profile's `Behaviour | Level expected` table or
    a person specification's `Criteria | E / D | How assessed`, read transposed. One row of
    levels is one post's requirements, not a matrix; rows named like columns (`Required
    level`, `Essential`) are no posts; sentences as competencies are criteria."""
    factor = 1.0
    if len(titles) == 1:
        factor *= SINGLE_ROLE
    columns = [t for t in titles if _COLUMN_WORDS.search(t) and not _JOB_NOUNS.search(t)]
    if titles and len(columns) >= 0.5 * len(titles):
        factor *= NOT_POSTS
    words = sorted(len(n.split()) for n in names)
    if words and words[len(words) // 2] > 6:
        factor *= NOT_POSTS
    return factor


def _job_share(names: list[str]) -> float:
    return sum(1 for n in names if _JOB_NOUNS.search(n)) / len(names) if names else 0.0


# ---------------------------------------------------------------------------------------------
# Over the whole layout

# score() and extract() run on the same layout one after the other: the search runs once.
_last: tuple[Layout, list[Found], dict[str, int]] | None = None


def best_matrix(layout: Layout) -> Found | None:
    """The strongest matrix reading over all tables and both orientations (a fresh copy)."""
    found = _strongest(all_matrices(layout))
    if found is None:
        return None
    return replace(found, body=list(found.body), extra_views=list(found.extra_views))


def legend_of(layout: Layout) -> dict[str, int]:
    """The document's legend (``matrix_scale.find_legend``), read once per layout."""
    _searched(layout)
    assert _last is not None
    return _last[2]


def all_matrices(layout: Layout) -> list[Found]:
    """The best reading of every table that reads as a matrix at all, in table order."""
    _searched(layout)
    assert _last is not None
    return _last[1]


def _searched(layout: Layout) -> None:
    global _last
    if _last is None or _last[0] is not layout:
        legend = find_legend(layout)
        _last = (layout, _search_all(layout, legend), legend)


def _few_levels(table: Table, vocab: frozenset[str]) -> bool:
    """Fewer than four level-like values in the whole table: no matrix, skip the search."""
    count = 0
    for cell in table.cells():
        if cell.paragraphs and classify(one_line(cell), vocab) in COUNTED:
            count += 1
            if count >= 4:
                return False
    return True


def _search_all(layout: Layout, legend: dict[str, int]) -> list[Found]:
    vocab = frozenset(legend)
    je_text = any(_JE_TEXT.search(t) for t in layout.all_text() if len(t) < 400)
    out: list[Found] = []
    for table in layout.tables():
        if table.n_cols < 2:
            continue
        # tick-the-level columns and long formats are read as the grid they stand for
        shaped = tick_columns(table) or long_format(table) or stage_rows(table) or table
        if _few_levels(shaped, vocab):
            continue
        best = _best_reading(layout, shaped, (table,), vocab)
        if best is not None:
            out.append(best)
    outlines = post_tables(layout.blocks)
    if outlines is not None and not _few_levels(outlines[0], vocab):
        best = _best_reading(layout, outlines[0], outlines[1], vocab)
        if best is not None:
            out.append(best)
    out = _join_parts(layout, out, vocab)
    if je_text:  # a JE record's words around the table: one more JE cue
        for found in out:
            found.score *= 1.0 - JE_PENALTY
    if _role_profile_text(layout):
        for found in out:
            found.score *= 1.0 - ROLE_PROFILE_PENALTY
    return out


def _role_profile_text(layout: Layout) -> bool:
    """Headings naming a role profile's purpose and its duties, each over text of its own,
    in a document that names one post: the document is a job description, whatever table
    its appendix holds (ho6_rp06). A team's profile with the same headings over a matrix of
    its posts names no single post: the matrix is the document (ho6_sm06)."""
    if not _names_a_post(layout):
        return False
    keys: set[str] = set()
    blocks = layout.blocks
    for i, block in enumerate(blocks[:-1]):
        if not isinstance(block, Paragraph) or not is_heading_para(block):
            continue
        after = blocks[i + 1]
        if isinstance(after, Paragraph) and after.text and not is_heading_para(after):
            key = section_key(block.text)
            if key in ("purpose", "accountabilities"):
                keys.add(key)
    return len(keys) == 2


# how far into the document a role profile names its post (title, details block)
_POST_NAMING_BLOCKS = 15


def _names_a_post(layout: Layout) -> bool:
    """A role profile's own name in a title (`Role profile – GIS Technician`), or a job
    title given as a detail (`Job title: …`, a `Post | …` row) near the top."""
    for block in layout.blocks[:_POST_NAMING_BLOCKS]:
        if isinstance(block, Paragraph):
            low = block.text.lower()
            if any(name in low for name in DOC_NAMES):
                return True
            label, colon, value = block.text.partition(":")
            if colon and value.strip() and field_key(label) == "title":
                return True
            continue
        for r in range(block.n_rows):
            texts = [t for t in block.row_texts(r) if t]
            if len(texts) >= 2 and field_key(texts[0]) == "title" and field_key(texts[1]) is None:
                return True
    return False


def _best_reading(
    layout: Layout, table: Table, sources: tuple[Table, ...], vocab: frozenset[str]
) -> Found | None:
    """The table read row-major or transposed, whichever reads as roles x competencies."""
    candidates = [f for t in (False, True) if (f := find(View(table, t, vocab, sources)))]
    if len(candidates) == 2:
        # Both readings can fit (integer grades): the one whose competencies head the rows
        # of another table (the descriptors) is the right way round.
        described = _first_column_names(layout, sources[0])
        for f in candidates:
            names = [norm_name(f.name(c)) for c in f.levels]
            f.role_cue += sum(n in described for n in names) / len(names)
    if not candidates:
        return None
    # the one whose labels look like roles wins
    return max(candidates, key=lambda f: (f.role_cue, f.level_cells, not f.view.transposed))


def _join_parts(layout: Layout, found: list[Found], vocab: frozenset[str]) -> list[Found]:
    """Matrices that follow one another with the same roles in the same order are one
    matrix split into parts (`Part A – Technical skills`, `Part B – Personal skills`):
    joined side by side, the first part standing for them in the layout."""
    out: list[Found] = []
    for nxt in found:
        prev = out[-1] if out else None
        if prev is not None and _same_roles(prev, nxt):
            joined = side_by_side(
                prev.view.table,
                [prev.header, *prev.body],
                nxt.view.table,
                [nxt.header, *nxt.body],
                nxt.levels,
            )
            sources = (*prev.view.sources, *nxt.view.sources)
            reading = find(View(joined, False, vocab, sources))
            if reading is not None and len(reading.levels) == len(prev.levels) + len(nxt.levels):
                reading.role_cue = prev.role_cue
                out[-1] = reading
                continue
        out.append(nxt)
    return out


def _same_roles(a: Found, b: Found) -> bool:
    """Both row-major, the same role titles (and grades) row for row, no rows left over."""
    if a.view.transposed or b.view.transposed or len(a.body) != len(b.body) or a.skipped:
        return False

    def roles(f: Found) -> list[tuple[str, str]]:
        grade = f.grade_col
        return [
            (
                f.view.texts[r][f.title_col].casefold(),
                f.view.texts[r][grade].casefold() if grade is not None else "",
            )
            for r in f.body
        ]

    return len(a.body) >= 2 and roles(a) == roles(b) and not b.skipped


def _first_column_names(layout: Layout, skip: Table) -> set[str]:
    """Names heading the rows of every other table (where descriptor tables name competencies)."""
    names: set[str] = set()
    for table in layout.tables():
        if table is not skip:
            names.update(norm_name(row[0].text) for row in table.rows if row and row[0].text)
    return names


def _strongest(candidates: list[Found]) -> Found | None:
    best: Found | None = None
    for found in candidates:
        if best is None or (found.score, found.level_cells) > (best.score, best.level_cells):
            best = found
    return best
