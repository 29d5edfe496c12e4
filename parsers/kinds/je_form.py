"""Job evaluation factor form extractor: form grid, comparator post, factors, totals, sign-off.

Reads the layout model only. Structure decides: the factor table is the table whose header
rows name `level` columns and whose body rows start with a name cell; label/value pairs are
found by position in each row (002 merges every row of its 12-column grid differently);
which slot a label fills is decided by cue words in the label, and a label the extractor
does not know is kept in `other_fields` as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from roleframe.parsers.kinds.base import Extraction, Extractor, SurfaceName
from roleframe.parsers.kinds.formcues import (
    Pair,
    all_tables,
    cell_paragraphs,
    first_number,
    full_width,
    glyph_checkboxes,
    has_word,
    implicit_labels,
    is_heading_para,
    is_label_cell,
    is_label_text,
    label_text,
    not_given,
    organisation,
    row_is_blank,
    row_pairs,
    statements,
)
from roleframe.parsers.layout import Cell, FormField, Layout, Paragraph, Table
from roleframe.schema import DocumentKind, IssueCode, Provenance
from roleframe.schema.issues import Issue, warning
from roleframe.schema.je_form import (
    Checkbox,
    Comment,
    ComparatorPost,
    Factor,
    FormValue,
    JEForm,
    LevelValue,
    Panel,
    PostDetails,
    SignOff,
)
from roleframe.schema.role_profile import Statement

VERSION = "1"

_PAGE = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$", re.IGNORECASE)
_SCHEME = re.compile(r"^([A-Z]{1,6}\s?\d{1,3}[A-Za-z]?)\b")
_POST_COUNT = re.compile(r"\(\s*x\s*(\d+)\s*\)|\b(\d+)\s+posts?\b|\bx\s?(\d+)\b", re.IGNORECASE)
# Dates written in a cell: 01/04/2024, 1.4.24, 1 April 2024, April 2024, 2024-04-01.
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTHS}\s+\d{{4}})\b",
    re.IGNORECASE,
)


# ---------------------------------------------------------------- scoring (kind detection)


def _factor_header(table: Table) -> int | None:
    """Index of the lowest header row of a factor table, or None if this is not one.

    A factor table names `level` (and often `score`/`points`) columns in its first rows and
    says `factor` somewhere in those rows (002: two header rows, `level` twice).
    """
    saw_factor = False
    for r in range(min(8, table.n_rows)):
        texts = [c.text.lower() for c in table.rows[r]]
        saw_factor = saw_factor or any("factor" in t or "element" in t for t in texts)
        levelish = sum(1 for t in texts if re.search(r"\blevels?\b|\bscore\b|\bpoints\b", t))
        if saw_factor and levelish >= 1 and r + 1 < table.n_rows:
            # the lowest header row: keep going while the next row still looks like a header
            nxt = [c.text.lower() for c in table.rows[r + 1]]
            if sum(1 for t in nxt if re.fullmatch(r"levels?|score|points|agreed", t.strip())):
                continue
            return r
    return None


def _header_start(table: Table, header: int) -> int:
    """First row of the factor header block: the first that names the factor column.

    Rows above it are form rows of their own (u5's PDF: the post table's `Job title |
    Caretaker` rows drawn flush on top of the factor table read as one table)."""
    for r in range(header + 1):
        if any(re.search(r"factor|element", c.text.lower()) for c in table.rows[r]):
            return r
    return header


def _rows_above(table: Table, stop: int) -> Table:
    return Table(index=table.index, where=table.where, rows=table.rows[:stop], n_cols=table.n_cols)


def score(layout: Layout) -> float:
    """Structure first: without a factor table, JE words alone stay under the kind bar."""
    tables = list(all_tables(layout))
    s = 0.0
    has_factor_table = any(_factor_header(t) is not None for t in tables)
    if has_factor_table:
        s += 0.55
    texts = " ".join(layout.all_text()).lower()
    for cues, weight in (
        (("job evaluation", "je grade", "je panel", "factor matching", "evaluat"), 0.15),
        (("discrete post", "post ref", "position no", "post number"), 0.1),
        (("comparator", "post identified", "benchmark"), 0.1),
    ):
        if any(c in texts for c in cues):
            s += weight
    if any(f.kind == "checkbox" for t in tables for c in t.cells() for f in c.fields):
        s += 0.1
    return min(s, 1.0) if has_factor_table else min(s, 0.25)


# ---------------------------------------------------------------- the factor table


_COMP_CUES = ("identified", "comparator", "match", "bench", "current", "existing")


@dataclass(slots=True)
class _Columns:
    name: int = 0
    comparator_level: int | None = None
    comparator_score: int | None = None
    proposed_score: int | None = None
    proposed_level: int | None = None
    agreed_level: int | None = None
    evidence: int | None = None


def _columns(table: Table, header: int) -> tuple[_Columns, list[str]]:
    """Map grid columns to roles from the lowest header row and the group row above it.

    002: row 0 groups `Factor levels (of post identified …)` over level+score and
    `Proposed factor levels …` over level+agreed+commentary; row 1 names the columns.
    """
    grid = table.grid()
    cols = _Columns()
    # a blank cell in the lowest header row takes its name from above (002: `Factor`)
    names = [
        c.text or next((g.text for r in range(header - 1, -1, -1) if (g := grid[r][c.col])), "")
        for c in sorted(table.rows[header], key=lambda c: c.col)
    ]
    levels: list[int] = []
    scores: list[tuple[int, str, str]] = []
    for c in range(table.n_cols):
        cell = grid[header][c]
        if cell is None or cell.col != c:
            continue
        own = cell.text.lower()
        group = " ".join(
            g.text.lower()
            for r in range(header)
            if (g := grid[r][c]) is not None and g.col_span > 1
        )
        if c == 0 and not re.search(r"\blevel|\bscore", own):
            cols.name = 0
        elif "agreed" in own or "panel" in own:
            cols.agreed_level = c
        elif re.search(r"\bscore|\bpoints", own):
            scores.append((c, own, group))
        elif re.search(r"\blevel", own):
            if ("propos" in own or "propos" in group) and cols.proposed_level is None:
                cols.proposed_level = c
                continue
            if cols.comparator_level is None and any(w in own or w in group for w in _COMP_CUES):
                cols.comparator_level = c
                continue
            levels.append(c)
        elif re.search(r"comment|evidence|justif|rational|reason", own):
            cols.evidence = c
    # levels with no cue: left of the proposal is the comparator's (`Current level`), a lone
    # one is the proposal, right of the proposal is the agreed level
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
    # a score beside the comparator's level is its score; beside the proposal, the proposal's
    for c, own, group in scores:
        comp_cue = any(w in own or w in group for w in _COMP_CUES)
        left_of_proposal = cols.proposed_level is None or c < cols.proposed_level
        if cols.comparator_score is None and (
            comp_cue or (cols.comparator_level is not None and left_of_proposal)
        ):
            cols.comparator_score = c
        elif cols.proposed_score is None and (
            "propos" in own or "propos" in group or not left_of_proposal
        ):
            cols.proposed_score = c
        elif cols.comparator_score is None:
            cols.comparator_score = c
    if cols.evidence is None:
        used = {v for v in vars_of(cols) if v is not None}
        rest = [c for c in range(table.n_cols) if c not in used]
        cols.evidence = rest[-1] if rest else None
    return cols, names


def vars_of(cols: _Columns) -> list[int | None]:
    return [
        cols.name,
        cols.comparator_level,
        cols.comparator_score,
        cols.proposed_score,
        cols.proposed_level,
        cols.agreed_level,
        cols.evidence,
    ]


def _level(grid_row: list[Cell | None], col: int | None) -> LevelValue | None:
    if col is None or col >= len(grid_row) or (cell := grid_row[col]) is None:
        return None
    raw = cell.text
    value = first_number(raw) if raw and not not_given(raw) else None
    paras = [p for p in cell.paragraphs if p.text]
    return LevelValue(raw=raw, value=value, where=paras[0].where if paras else cell.where)


@dataclass(slots=True)
class _State:
    form: JEForm | None = None
    post: dict[str, object] = field(default_factory=dict)
    post_other: list[FormValue] = field(default_factory=list)
    applicable: list[Checkbox] = field(default_factory=list)
    comp: dict[str, object] = field(default_factory=dict)
    comp_other: list[FormValue] = field(default_factory=list)
    attachments: list[Checkbox] = field(default_factory=list)
    factor_columns: list[str] = field(default_factory=list)
    factor_header_where: Provenance | None = None
    factors: list[Factor] = field(default_factory=list)
    totals: dict[str, FormValue] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    sign_offs: list[SignOff] = field(default_factory=list)
    panel_members: list[FormValue] = field(default_factory=list)
    panel: dict[str, FormValue] = field(default_factory=dict)
    notes: list[Statement] = field(default_factory=list)
    section: str = "post"  # post | comparator | comment heading text
    heading: str | None = None
    warnings: list[Issue] = field(default_factory=list)
    names: list[SurfaceName] = field(default_factory=list)


_LEVEL_FIELDS = (
    "comparator_level",
    "comparator_score",
    "proposed_level",
    "proposed_score",
    "agreed_level",
)


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.casefold().replace("&", "and"))


def _factor_table(table: Table, header: int, st: _State) -> None:
    cols, names = _columns(table, header)
    if st.section == "comparator" and cols.comparator_level is None:
        # a table of its own under a comparator heading: its lone level/score are the
        # comparator's (forms that list the current and the proposed post separately)
        cols.comparator_level, cols.proposed_level = cols.proposed_level, None
        cols.comparator_score, cols.proposed_score = cols.proposed_score, None
    st.factor_columns.extend(names)
    if st.factor_header_where is None:
        st.factor_header_where = Provenance(table=table.index, row=header)
    known = {_fold(f.name): i for i, f in enumerate(st.factors)}
    grid = table.grid()
    header_texts = [table.row_texts(r) for r in range(header + 1)]
    for r in range(header + 1, table.n_rows):
        row = grid[r]
        if table.row_texts(r) in header_texts:  # a header row repeated after a page break
            continue
        name_cell = row[cols.name]
        name = name_cell.text if name_cell is not None else ""
        if name and re.search(r"\btotal\b", name, re.IGNORECASE):
            st.totals["total"] = _row_value(table, r, name_cell, _prefer(cols, row))
            continue
        if name and re.search(r"\bgrade\b|\bband\b", name, re.IGNORECASE):
            st.totals["grade"] = _row_value(table, r, name_cell, _prefer(cols, row))
            continue
        ev_cell = row[cols.evidence] if cols.evidence is not None else None
        evidence = statements(cell_paragraphs(ev_cell)) if ev_cell is not None else []
        if name_cell is not None and name_cell.row != r and st.factors:
            # the name cell is merged down from the row above (vMerge): this row continues
            # that factor, e.g. its evidence in a cell spanning the level columns
            _continue_factor(st, row, r, cols, name_cell)
            continue
        if not name:
            # a factor's evidence continued in a row of its own (a page break in a PDF)
            if st.factors and evidence:
                prev = st.factors[-1]
                st.factors[-1] = prev.model_copy(update={"evidence": [*prev.evidence, *evidence]})
            continue
        where = name_cell.paragraphs[0].where if name_cell.paragraphs else name_cell.where
        factor = Factor(
            name=name.replace("\n", " "),
            comparator_level=_level(row, cols.comparator_level),
            comparator_score=_level(row, cols.comparator_score),
            proposed_score=_level(row, cols.proposed_score),
            proposed_level=_level(row, cols.proposed_level),
            agreed_level=_level(row, cols.agreed_level),
            evidence=evidence,
            where=where,
        )
        if _fold(factor.name) in known:
            # the same factor in a second table (comparator and proposal listed apart)
            i = known[_fold(factor.name)]
            old = st.factors[i]
            update = {k: _filled(getattr(old, k), getattr(factor, k)) for k in _LEVEL_FIELDS}
            update["evidence"] = [*old.evidence, *factor.evidence]
            st.factors[i] = old.model_copy(update=update)
            continue
        st.factors.append(factor)
        st.names.append(SurfaceName(factor.name, "factors", where))
        if factor.proposed_level is not None and factor.proposed_level.value is None:
            st.warnings.append(
                warning(
                    IssueCode.EMPTY_FIELD,
                    f"Factor {factor.name!r} has no proposed level.",
                    factor.proposed_level.where,
                    field="proposed_level",
                )
            )


def _filled(old: LevelValue | None, new: LevelValue | None) -> LevelValue | None:
    """The level that holds a number, preferring the one already read."""
    if old is not None and old.value is not None:
        return old
    return new if new is not None and (new.value is not None or old is None) else old


def _continue_factor(
    st: _State, row: list[Cell | None], r: int, cols: _Columns, name: Cell
) -> None:
    prev = st.factors[-1]
    update: dict[str, object] = {}
    for key in _LEVEL_FIELDS:
        col = getattr(cols, key)
        cell = row[col] if col is not None and col < len(row) else None
        if cell is not None and cell.row == r and re.fullmatch(r"\D{0,12}\d+\D{0,3}", cell.text):
            update[key] = _filled(getattr(prev, key), _level(row, col))
    seen: list[Cell] = []
    for cell in row:  # every other cell that starts in this row, once
        if cell is None or cell is name or cell.row != r or any(cell is c for c in seen):
            continue
        seen.append(cell)
    level_cells = [
        row[c] for k in _LEVEL_FIELDS if (c := getattr(cols, k)) is not None and k in update
    ]
    text_cells = [c for c in seen if not any(c is lc for lc in level_cells)]
    evidence = [s for c in text_cells for s in statements(cell_paragraphs(c))]
    update["evidence"] = [*prev.evidence, *evidence]
    st.factors[-1] = prev.model_copy(update=update)


def _prefer(cols: _Columns, row: list[Cell | None]) -> list[Cell]:
    """Cells of a totals row under the agreed, then the proposal's columns: a row that
    totals both posts (`Total | 350 | | 380 |`) gives the new post's total."""
    order = (cols.agreed_level, cols.proposed_score, cols.proposed_level)
    return [c for i in order if i is not None and i < len(row) and (c := row[i]) is not None]


def _row_value(table: Table, r: int, label: Cell, prefer: list[Cell] | None = None) -> FormValue:
    """The first non-empty cell after the label in row r (002's Total score row: 4 cells),
    looking first at the cells in ``prefer``."""
    cells = [c for c in sorted(table.rows[r], key=lambda c: c.col) if c.col > label.col]
    filled = [c for c in cells if c.text and not not_given(c.text)]
    preferred = [c for c in prefer or [] if c.col > label.col and any(c is f for f in filled)]
    filled = preferred + [c for c in filled if not any(c is p for p in preferred)]
    target = filled[0] if filled else (cells[0] if cells else label)
    raw = target.text if target is not label else ""
    paras = [p for p in target.paragraphs if p.text]
    return FormValue(
        label=label_text(label.text),
        value=raw if filled else None,
        raw=raw if raw and not filled else None,
        where=paras[0].where if paras else target.where,
        label_where=label.where,
    )


# ---------------------------------------------------------------- label/value grid


def _form_value(pair: Pair) -> FormValue:
    text = pair.value_text
    fields_text = " ".join(f.value for c in pair.values for f in c.fields if f.value)
    if not text and fields_text:
        text = fields_text
    given = not not_given(text)
    return FormValue(
        label=pair.label_text,
        value=text if given else None,
        raw=text if text and not given else None,
        where=pair.value_where,
        label_where=pair.label.where,
    )


def _checkboxes(cells: list[Cell], fallback: str) -> list[Checkbox]:
    return _paragraph_checkboxes([p for c in cells for p in cell_paragraphs(c)], fallback)


def _paragraph_checkboxes(paragraphs: list[Paragraph], fallback: str) -> list[Checkbox]:
    """Check boxes in these cells, each labelled by the text it sits in or the cell before it.

    002 puts a box alone in a cell after its text cell (`The discrete post as a whole | [ ]`)
    and also several boxes inside one sentence (`job descriptions [ ], and person
    specifications [ ] …`); the text before each box (after the previous one) is its label.
    """
    boxes: list[Checkbox] = []
    previous_text = fallback
    for p in paragraphs:
        checks = [f for f in p.fields if f.kind == "checkbox"]
        if not checks:
            p, checks = glyph_checkboxes(p)
        if not checks:
            if p.text:
                previous_text = p.text
            continue
        boxes.extend(_paragraph_boxes(p, checks, previous_text))
        if p.text:
            previous_text = p.text
    return boxes


def _paragraph_boxes(p: Paragraph, checks: list[FormField], before: str) -> list[Checkbox]:
    out: list[Checkbox] = []
    if any(f.offset is None for f in checks):
        # the reader could not place the boxes in the text (002 .pdf: drawn squares), so
        # each box is labelled by its whole paragraph
        label = p.text or before
        return [
            Checkbox(label=label, checked=f.checked, name=f.name, where=p.where) for f in checks
        ]
    offsets = [f.offset or 0 for f in checks]
    # `[ ] Yes [x] No`: when the first box opens the text, every box labels what follows it
    boxes_first = offsets[0] == 0 and len(p.text) > 0
    for i, (box, off) in enumerate(zip(checks, offsets, strict=True)):
        start = offsets[i - 1] if i else 0
        end = offsets[i + 1] if i + 1 < len(offsets) else len(p.text)
        label = "" if boxes_first else p.text[start:off].strip(" ,;:")
        if not label:  # box first, its text after it
            label = p.text[off:end].strip(" ,;:")
        out.append(
            Checkbox(label=label or before, checked=box.checked, name=box.name, where=p.where)
        )
    return out


_POST_SLOTS: list[tuple[str, tuple[str, ...]]] = [
    ("result_recipients", ("notify", "inform of result")),
    ("postholder_name", ("postholder", "post holder", "employee name", "name of employee")),
    ("position_no", ("position no", "position number", "post number", "post no")),
    ("post_reference", ("discrete", "post ref", "reference")),
    ("supporting_documents_attached", ("lmi",)),
    ("effective_date", ("effective date", "date effective", "start date")),
    ("reason_for_evaluation", ("reason",)),
    ("job_title", ("job title", "post title", "title of post", "role title")),
    ("directorate", ("directorate", "department")),
    ("service", ("service", "team")),
    ("reports_to", ("reports to", "reporting to", "line manager")),
    ("je_grade", ("je grade", "grade", "band")),
    ("applicable_to", ("applicable",)),
]


def _slot(label: str) -> str | None:
    low = label.lower()
    for slot, cues in _POST_SLOTS:
        if any(c in low for c in cues):
            return slot
    return None


def _take_pair(pair: Pair, st: _State) -> None:
    label = pair.label_text
    low = label.lower()
    # sign-off area: signatures, dates, panel
    if has_word(low, "panel member"):
        st.panel_members.extend(_members(pair))
        st.heading = "panel members"
        return
    if "comment" in low or "additional information" in low:
        st.comments.append(
            Comment(
                label=label, statements=statements(pair.value_paragraphs), where=pair.label.where
            )
        )
        st.heading = label
        return
    if has_word(low, "panel chair", "chair"):
        st.panel["chair"] = _form_value(pair)
        return
    if "date of panel" in low or "panel date" in low:
        st.panel["date"] = _form_value(pair)
        return
    if has_word(low, "signed", "signature"):
        st.sign_offs.append(SignOff(role=st.heading or "", signed=_form_value(pair)))
        return
    if low.startswith("date"):
        if st.sign_offs and st.sign_offs[-1].date is None:
            last = st.sign_offs[-1]
            st.sign_offs[-1] = last.model_copy(update={"date": _form_value(pair)})
        else:
            st.sign_offs.append(SignOff(role=st.heading or "", date=_form_value(pair)))
        return
    slot = _slot(label)
    if st.section == "totals" and (
        has_word(low, "total") or slot == "je_grade" or has_word(low, "grade")
    ):
        # totals written below the factor table, in a table of their own
        st.totals["total" if has_word(low, "total") else "grade"] = _form_value(pair)
        return
    boxes = _checkboxes(pair.values, label)
    if boxes:
        if slot == "applicable_to":
            st.applicable.extend(boxes)
        else:
            st.attachments.extend(boxes)
        return
    target, other = (
        (st.comp, st.comp_other) if st.section == "comparator" else (st.post, st.post_other)
    )
    if slot is None or slot in target or slot == "applicable_to":
        other.append(_form_value(pair))
        return
    if slot in ("reason_for_evaluation",):
        target[slot] = (statements(pair.value_paragraphs), pair.label.where)
    elif slot == "effective_date":
        target[slot] = _effective_date(pair)
    else:
        target[slot] = _form_value(pair)


def _members(pair: Pair) -> list[FormValue]:
    out = []
    for p in pair.value_paragraphs:
        if p.text and not not_given(p.text):
            out.append(
                FormValue(
                    label=pair.label_text, value=p.text, where=p.where, label_where=pair.label.where
                )
            )
    return out


def _effective_date(pair: Pair) -> tuple[FormValue, list[Statement]]:
    """The date in the cell, if any; guidance printed in the same cell becomes a note.

    002's effective-date cell holds only guidance ("The effective date will be the first of
    the month following the JE Panel …"): that is not a date, so the value is not given.
    """
    paras = [p for p in pair.value_paragraphs if p.text]
    dates = [(p, m) for p in paras if (m := _DATE.search(p.text)) and len(p.text) <= 40]
    notes = [p for p in paras if not any(p is d for d, _ in dates)]
    if dates:
        p, m = dates[0]
        value = FormValue(
            label=pair.label_text,
            value=m.group(),
            raw=p.text if p.text != m.group() else None,
            where=p.where,
            label_where=pair.label.where,
        )
    else:
        value = FormValue(
            label=pair.label_text,
            value=None,
            where=pair.values[0].where if pair.values else pair.label.where,
            label_where=pair.label.where,
        )
    return value, statements(notes)


def _heading(text: str, where: Provenance, st: _State) -> None:
    """A heading (full-width label row or heading paragraph) sets the section below it."""
    st.heading = text
    if has_word(text, "identified", "comparator", "benchmark", "matched", "matching"):
        st.section = "comparator"
    elif has_word(text, "post detail", "details of post", "new post", "proposed post"):
        st.section = "post"
    elif "comment" in text.lower() or "additional information" in text.lower():
        st.section = "comments"
        st.comments.append(Comment(label=text, statements=[], where=where))
    else:
        st.section = "other"


def _grid_table(table: Table, st: _State) -> None:
    """A form grid: section headings, label/value pairs, free check-box sentences, notes."""
    last_pairs: list[Pair] = []
    above: Pair | None = None  # a field label in a full-width row, its answer in rows below
    implicit = implicit_labels(table, lambda t: _slot(label_text(t)) is not None)
    for row in table.rows:
        if row_is_blank(row):
            continue
        wide = full_width(table, row)
        if wide is not None and is_label_cell(wide) and not wide.fields:
            above = _flush_above(above, st)
            text = label_text(wide.text)
            if _slot(text) is not None and not _is_section_heading(text):
                above = Pair(wide, [])  # `Reason for evaluation` over its text
            else:
                _heading(text, wide.where, st)
            last_pairs = []
            continue
        pairs = row_pairs(row, implicit)
        if pairs:
            above = _flush_above(above, st)
            for pair in pairs:
                _take_pair(pair, st)
            last_pairs = pairs
            continue
        # a row without labels: comment text, more panel members, check boxes or a note
        cells = [c for c in row if c.text or c.fields]
        if above is not None:
            above.values.extend(cells)
            continue
        boxes = _checkboxes(cells, "")
        if boxes:
            st.attachments.extend(boxes)
            continue
        paras = [p for c in cells for p in cell_paragraphs(c)]
        if st.section == "comments" and st.comments and not last_pairs:
            last = st.comments[-1]
            st.comments[-1] = last.model_copy(
                update={"statements": [*last.statements, *statements(paras)]}
            )
        elif last_pairs and has_word(last_pairs[-1].label_text.lower(), "panel member"):
            st.panel_members.extend(_members(Pair(last_pairs[-1].label, cells)))
        else:
            st.notes.extend(statements(paras))
    _flush_above(above, st)


def _is_section_heading(text: str) -> bool:
    return has_word(
        text, "identified", "comparator", "benchmark", "matched", "matching", "post detail"
    ) or any(w in text.lower() for w in ("comment", "additional information", "details of"))


def _flush_above(above: Pair | None, st: _State) -> None:
    if above is not None:
        _take_pair(above, st)
    return None


# ---------------------------------------------------------------- the whole form


def extract(layout: Layout) -> Extraction:
    st = _State()
    form_p, subtitle, instructions = _titles(layout)
    consumed: list[Paragraph] = []  # loose paragraphs read as values, not instructions
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            # a check-box sentence outside any table (002 .pdf: the attachments line)
            if any(f.kind == "checkbox" for f in block.fields):
                st.attachments.extend(_paragraph_checkboxes([block], ""))
            elif st.factors and (total := _loose_total(block)) is not None:
                st.totals[total[0]] = total[1]
                consumed.append(block)
            elif block is not form_p and is_heading_para(block):
                _heading(label_text(block.text), block.where, st)
            continue
        for table in _with_nested(block):
            header = _factor_header(table)
            if header is not None:
                start = _header_start(table, header)
                if start:
                    _grid_table(_rows_above(table, start), st)
                _factor_table(table, header, st)
                st.section = "totals"
            else:
                _grid_table(table, st)

    post = _post(st)
    comp = _comparator(st)
    total = st.totals.get("total")
    grade = st.totals.get("grade")
    if st.factors and (total is None or total.value is None):
        st.warnings.append(
            warning(
                IssueCode.EMPTY_FIELD,
                "Total score not filled.",
                total.where if total else None,
                field="total_score",
            )
        )
    if st.factors and grade is not None and grade.value is None:
        st.warnings.append(
            warning(IssueCode.EMPTY_FIELD, "JE grade not filled.", grade.where, field="je_grade")
        )
    if form_p is None:
        # no title in the body: a running header may carry it (never a page number)
        form_p = next((h for h in layout.headers if h.text and not _PAGE.match(h.text)), None)
    form = form_p.text if form_p else layout.properties.get("title") or None
    scheme = _SCHEME.match(form) if form else None
    panel = None
    if st.panel_members or st.panel:
        panel = Panel(
            members=st.panel_members,
            chair=st.panel.get("chair"),
            date_of_panel=st.panel.get("date"),
        )
    content = JEForm(
        form=form,
        form_where=form_p.where if form_p else None,
        scheme=scheme.group(1) if scheme else None,
        subtitle=subtitle.text if subtitle else None,
        subtitle_where=subtitle.where if subtitle else None,
        instructions=[
            *statements(p for p in instructions if not any(p is c for c in consumed)),
            *st.notes,
        ],
        post=post,
        comparator=comp,
        attachments=st.attachments,
        factor_columns=st.factor_columns,
        factor_header_where=st.factor_header_where,
        factors=st.factors,
        total_score=total,
        je_grade=grade,
        comments=st.comments,
        sign_offs=st.sign_offs,
        panel=panel,
    )
    return Extraction(
        content=content,
        title=form,
        organisation=organisation(layout),
        service=post.service.value if post.service else None,
        warnings=st.warnings,
        names=st.names,
    )


_TOTAL_LINE = re.compile(
    r"^(?P<label>(?:total|je grade|grade|band)\b[^:;]{0,30}?)\s*[:;]?\s*(?P<value>[^:;]*)$", re.I
)


def _loose_total(p: Paragraph) -> tuple[str, FormValue] | None:
    """`Total score: 412` or a bare `Total score` line after the factors (a spreadsheet row
    of one cell reads as a paragraph)."""
    m = _TOTAL_LINE.match(p.text)
    if m is None or not is_label_text(p.text):
        return None
    label, value = label_text(m.group("label")), m.group("value").strip()
    key = "total" if label.lower().startswith("total") else "grade"
    given = bool(value) and not not_given(value)
    return key, FormValue(
        label=label, value=value if given else None, raw=p.text if given else None, where=p.where
    )


def _with_nested(table: Table) -> list[Table]:
    out = [table]
    for cell in table.cells():
        for nested in cell.tables:
            out.extend(_with_nested(nested))
    return out


def _titles(layout: Layout) -> tuple[Paragraph | None, Paragraph | None, list[Paragraph]]:
    """Form name (first heading-like body paragraph), the line under it, other loose text."""
    paras = [b for b in layout.blocks if isinstance(b, Paragraph) and b.text]
    form = next((p for p in paras if is_heading_para(p)), None)
    subtitle = None
    if form is not None:
        i = layout.blocks.index(form)
        nxt = layout.blocks[i + 1] if i + 1 < len(layout.blocks) else None
        if (
            isinstance(nxt, Paragraph)
            and nxt.text
            and not is_heading_para(nxt)
            and len(nxt.text) < 100
        ):
            subtitle = nxt
    rest = [
        p
        for p in paras
        if p is not form and p is not subtitle and not any(f.kind == "checkbox" for f in p.fields)
    ]
    return form, subtitle, rest


def _post(st: _State) -> PostDetails:
    d = dict(st.post)
    reason = d.pop("reason_for_evaluation", None)
    eff = d.pop("effective_date", None)
    title = d.get("job_title")
    count = None
    if isinstance(title, FormValue) and title.value and (m := _POST_COUNT.search(title.value)):
        count = int(next(g for g in m.groups() if g))
    other = list(st.post_other)
    if isinstance(d.get("je_grade"), FormValue):
        other.append(d.pop("je_grade"))
    return PostDetails(
        **d,
        post_count=count,
        effective_date=eff[0] if eff else None,
        effective_date_note=eff[1] if eff else [],
        reason_for_evaluation=reason[0] if reason else [],
        reason_where=reason[1] if reason else None,
        applicable_to=st.applicable,
        other_fields=other,
    )


def _comparator(st: _State) -> ComparatorPost | None:
    if not st.comp and not st.comp_other:
        return None
    d = dict(st.comp)
    other = list(st.comp_other)
    for slot in (
        "postholder_name",
        "position_no",
        "supporting_documents_attached",
        "result_recipients",
        "service",
    ):
        if isinstance(d.get(slot), FormValue):
            other.append(d.pop(slot))
    if "reason_for_evaluation" in d:
        d.pop("reason_for_evaluation")
    if "effective_date" in d:
        other.append(d.pop("effective_date")[0])
    grade = d.pop("je_grade", None)
    return ComparatorPost(
        **d,
        je_grade=first_number(grade.value)
        if isinstance(grade, FormValue) and grade.value
        else None,
        je_grade_raw=grade if isinstance(grade, FormValue) else None,
        other_fields=other,
    )


EXTRACTOR = Extractor(DocumentKind.JE_FORM, "je_form", VERSION, score, extract)
