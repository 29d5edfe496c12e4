"""The labelled fields of a JE form: post details, comparator post, check boxes, totals,
comments and sign-offs, read from label/value cells and `Label: value` lines.

Which slot a label fills is decided by cue words in the label; a label the extractor does
not know is kept in `other_fields` as written. Pairs are found by position in each row
(002 merges every row of its 12-column grid differently).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from roleframe.parsers.kinds.base import SurfaceName
from roleframe.parsers.kinds.formcues import (
    Pair,
    cell_paragraphs,
    full_width,
    glyph_checkboxes,
    has_word,
    implicit_labels,
    is_label_cell,
    is_label_text,
    label_text,
    not_given,
    row_is_blank,
    row_pairs,
    statements,
)
from roleframe.parsers.kinds.je_factors import FactorList, Totals
from roleframe.parsers.kinds.je_vocab import result_label
from roleframe.parsers.layout import Cell, FormField, Paragraph, Table
from roleframe.schema import Provenance
from roleframe.schema.issues import Issue
from roleframe.schema.je_form import (
    Checkbox,
    Comment,
    ComparatorPost,
    FormValue,
    PostDetails,
    SignOff,
)
from roleframe.schema.role_profile import Statement

_POST_COUNT = re.compile(r"\(\s*x\s*(\d+)\s*\)|\b(\d+)\s+posts?\b|\bx\s?(\d+)\b", re.IGNORECASE)
# Dates written in a cell: 01/04/2024, 1.4.24, 1 April 2024, April 2024, 2024-04-01.
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTHS}\s+\d{{4}})\b",
    re.IGNORECASE,
)

_POST_SLOTS: list[tuple[str, tuple[str, ...]]] = [
    ("result_recipients", ("notify", "inform of result")),
    ("postholder_name", ("postholder", "post holder", "employee name", "name of employee")),
    ("position_no", ("position no", "position number", "post number", "post no")),
    ("post_reference", ("discrete", "post ref", "reference")),
    ("supporting_documents_attached", ("lmi",)),
    ("effective_date", ("effective date", "date effective", "start date")),
    ("reason_for_evaluation", ("reason",)),
    # English, then Welsh (ho_je08 is written in Welsh only)
    (
        "job_title",
        (
            "job title",
            "post title",
            "position title",
            "title of post",
            "role title",
            "teitl y swydd",
            "teitl swydd",
            "enw'r swydd",
        ),
    ),
    ("directorate", ("directorate", "department", "division", "cyfarwyddiaeth", "adran")),
    ("service", ("service", "team", "section", "gwasanaeth", "tîm")),
    (
        "reports_to",
        (
            "reports to",
            "reporting to",
            "responsible to",
            "line manager",
            "yn atebol i",
            "rheolwr llinell",
            "yn adrodd i",
        ),
    ),
    ("je_grade", ("je grade", "grade", "band", "gradd")),
    ("applicable_to", ("applicable",)),
]


# Labels that are the post's title by themselves (`Post | Customer Services Adviser`).
_TITLE_ALONE = {"post", "job", "role", "position", "post name", "job name", "title", "swydd"}


def slot_of(label: str) -> str | None:
    """The post/comparator slot a label names, from its cue words."""
    low = label.lower()
    for slot, cues in _POST_SLOTS:
        if any(c in low for c in cues):
            return slot
    if low.strip() in _TITLE_ALONE:
        return "job_title"
    return None


@dataclass(slots=True)
class Section:
    """The labelled values of the post, or of the comparator post."""

    values: dict[str, FormValue] = field(default_factory=dict)
    other: list[FormValue] = field(default_factory=list)
    reason: tuple[list[Statement], Provenance] | None = None
    effective: tuple[FormValue, list[Statement]] | None = None

    def has(self, slot: str) -> bool:
        if slot == "reason_for_evaluation":
            return self.reason is not None
        if slot == "effective_date":
            return self.effective is not None
        return slot in self.values

    def __bool__(self) -> bool:
        return bool(self.values or self.other or self.reason or self.effective)


@dataclass(slots=True)
class FormState:
    """Everything read so far, in reading order; assembled into a `JEForm` at the end."""

    post: Section = field(default_factory=Section)
    comp: Section = field(default_factory=Section)
    applicable: list[Checkbox] = field(default_factory=list)
    attachments: list[Checkbox] = field(default_factory=list)
    factor_columns: list[str] = field(default_factory=list)
    factor_header_where: Provenance | None = None
    factors: FactorList = field(default_factory=FactorList)
    totals: dict[str, FormValue] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    sign_offs: list[SignOff] = field(default_factory=list)
    panel_members: list[FormValue] = field(default_factory=list)
    panel: dict[str, FormValue] = field(default_factory=dict)
    notes: list[Statement] = field(default_factory=list)
    section: str = "post"  # post | comparator | comments | totals | other
    heading: str | None = None
    warnings: list[Issue] = field(default_factory=list)

    @property
    def names(self) -> list[SurfaceName]:
        return self.factors.names


# ---------------------------------------------------------------- values


def form_value(pair: Pair) -> FormValue:
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


def row_value(table: Table, r: int, label: Cell, prefer: list[Cell] | None = None) -> FormValue:
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


def take_totals(totals: Totals, st: FormState) -> None:
    """Total and grade rows met inside factor tables, as form values."""
    for key, (table, r, label, prefer) in totals.rows.items():
        st.totals[key] = row_value(table, r, label, prefer)
    for p in totals.lines:
        if (pair := paragraph_pair(p)) is not None:
            take_pair(pair, st)
    for key, (label, value) in totals.columns.items():
        st.totals[key] = form_value(Pair(label, [value]))
    for label, values in totals.fields:
        st.post.other.append(form_value(Pair(label, values)))
    totals.rows.clear()
    totals.lines.clear()
    totals.columns.clear()
    totals.fields.clear()


def column_fields(table: Table, header: int, columns: list[int], st: FormState) -> None:
    """Columns of a factor table that hold one value on every row (a long-format export's
    `Job Title`, `Directorate`): each is a labelled field of the form, read once."""
    grid = table.grid()
    for c in columns:
        label = grid[header][c]
        value = next(
            (
                cell
                for r, row in enumerate(grid[header + 1 :], start=header + 1)
                if (cell := row[c]) is not None and cell.row == r and cell.text
            ),
            None,
        )
        if label is not None and value is not None:
            take_pair(Pair(label, [value]), st)


# ---------------------------------------------------------------- check boxes


def checkboxes(cells: list[Cell], fallback: str) -> list[Checkbox]:
    return paragraph_checkboxes([p for c in cells for p in cell_paragraphs(c)], fallback)


def paragraph_checkboxes(paragraphs: list[Paragraph], fallback: str) -> list[Checkbox]:
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


# ---------------------------------------------------------------- label/value pairs


def take_pair(pair: Pair, st: FormState, *, results: bool = False) -> None:
    """File one label/value pair into its slot. ``results``: the pair sits in a table that
    also holds a total (a result box printed above the post details), so its grade is the
    form's result, not a detail of the post."""
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
        st.panel["chair"] = form_value(pair)
        return
    if "date of panel" in low or "panel date" in low:
        st.panel["date"] = form_value(pair)
        return
    if has_word(low, "signed", "signature"):
        st.sign_offs.append(SignOff(role=st.heading or "", signed=form_value(pair)))
        return
    if low.startswith("date"):
        if st.sign_offs and st.sign_offs[-1].date is None:
            last = st.sign_offs[-1]
            st.sign_offs[-1] = last.model_copy(update={"date": form_value(pair)})
        else:
            st.sign_offs.append(SignOff(role=st.heading or "", date=form_value(pair)))
        return
    slot = slot_of(label)
    result = result_label(low)
    if result is not None and (
        st.section == "totals" or (st.section != "comparator" and (st.factors or results))
    ):
        # totals written below the factors, in a table or lines of their own
        st.totals[result] = form_value(pair)
        return
    boxes = checkboxes(pair.values, label)
    if boxes:
        if slot == "applicable_to":
            st.applicable.extend(boxes)
        else:
            st.attachments.extend(boxes)
        return
    target = st.comp if st.section == "comparator" else st.post
    if slot == "directorate" and target.has(slot) and not target.has("service"):
        # a second organisational unit under the first (`Department` then `Division`,
        # ho4_je02): the lower one is the service
        slot = "service"
    if slot is None or target.has(slot) or slot == "applicable_to":
        target.other.append(form_value(pair))
        return
    if slot == "reason_for_evaluation":
        target.reason = (statements(pair.value_paragraphs), pair.label.where)
    elif slot == "effective_date":
        target.effective = _effective_date(pair)
    else:
        target.values[slot] = form_value(pair)


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


def heading(text: str, where: Provenance, st: FormState) -> None:
    """A heading (full-width label row or heading paragraph) sets the section below it."""
    st.heading = text
    if has_word(
        text, "identified", "comparator", "benchmark", "matched", "matching", "current post",
        "existing post", "existing evaluation", "current evaluation",
    ):  # fmt: skip
        st.section = "comparator"
    elif has_word(text, "post detail", "details of post", "new post", "proposed post"):
        st.section = "post"
    elif "comment" in text.lower() or "additional information" in text.lower():
        st.section = "comments"
        st.comments.append(Comment(label=text, statements=[], where=where))
    else:
        st.section = "other"


def grid_table(table: Table, st: FormState) -> None:
    """A form grid: section headings, label/value pairs, free check-box sentences, notes."""
    last_pairs: list[Pair] = []
    above: Pair | None = None  # a field label in a full-width row, its answer in rows below
    implicit = implicit_labels(table, lambda t: slot_of(label_text(t)) is not None)
    results = _holds_total(table, implicit)
    across = _labels_across(table)
    for r, row in enumerate(table.rows):
        if row_is_blank(row):
            continue
        if r in across:
            for pair in across[r]:
                take_pair(pair, st, results=results)
            last_pairs = across[r]
            continue
        if r - 1 in across:
            continue  # the values of the labels above
        wide = full_width(table, row)
        if wide is not None and is_label_cell(wide) and not wide.fields:
            _flush_above(above, st)
            above = None
            text = label_text(wide.text)
            if slot_of(text) is not None and not _is_section_heading(text):
                above = Pair(wide, [])  # `Reason for evaluation` over its text
            else:
                heading(text, wide.where, st)
            last_pairs = []
            continue
        pairs = row_pairs(row, implicit)
        if pairs:
            _flush_above(above, st)
            above = None
            for pair in pairs:
                take_pair(pair, st, results=results)
            last_pairs = pairs
            continue
        # a row without labels: comment text, more panel members, check boxes or a note
        cells = [c for c in row if c.text or c.fields]
        if above is not None:
            above.values.extend(cells)
            continue
        boxes = checkboxes(cells, "")
        if boxes:
            st.attachments.extend(boxes)
            continue
        paras = [p for c in cells for p in cell_paragraphs(c)]
        lines = [(p, found) for p in paras if (found := paragraph_pair(p)) is not None]
        for _, found in lines:  # `Resulting grade: 7` written inside a cell
            take_pair(found, st)
        paras = [p for p in paras if not any(p is q for q, _ in lines)]
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


def _known_label(text: str) -> bool:
    label = label_text(text)
    return slot_of(label) is not None or result_label(label.lower()) is not None


def _labels_across(table: Table) -> dict[int, list[Pair]]:
    """Rows of labels over a row of their values (`Role title | Department | …` across the
    top, the values along the next row: ho4_je01), paired by column; keyed by the label row.

    Every filled cell of the label row names a known field (two at least); the row below
    fills only those columns and has no label cell; when the labels are not styled as such,
    no value may read as a label either (a plain two-column table, jef05)."""
    found: dict[int, list[Pair]] = {}
    for r in range(len(table.rows) - 1):
        labels = [c for c in table.rows[r] if c.text]
        values = [c for c in table.rows[r + 1] if c.text]
        if len(labels) < 2 or not values or not all(_known_label(c.text) for c in labels):
            continue
        if any(is_label_cell(c) for c in values):
            continue  # labelled values of its own
        styled = all(is_label_cell(c) for c in labels)
        if not styled and any(_known_label(c.text) for c in values):
            continue  # plain `Label | value` rows (jef05), one under the other
        pairs = []
        for label in sorted(labels, key=lambda c: c.col):
            span = range(label.col, label.col + label.col_span)
            pairs.append(Pair(label, [c for c in values if c.col in span]))
        if sum(len(p.values) for p in pairs) == len(values):
            found[r] = pairs
    return found


def _holds_total(table: Table, implicit: list[Cell]) -> bool:
    """Whether a form grid labels a total (`Total points | 358 | Grade | Scale 6`): then
    its grade is the result too, wherever the table sits."""
    for row in table.rows:
        for pair in row_pairs(row, implicit):
            if result_label(pair.label_text) == "total" and pair.value_text:
                return True
    return False


def _is_section_heading(text: str) -> bool:
    return has_word(
        text, "identified", "comparator", "benchmark", "matched", "matching", "post detail"
    ) or any(w in text.lower() for w in ("comment", "additional information", "details of"))


def _flush_above(above: Pair | None, st: FormState) -> None:
    if above is not None:
        take_pair(above, st)


# ---------------------------------------------------------------- `Label: value` lines


_LINE = re.compile(r"^(?P<label>[^:;]{1,60}?)\s*[:;]\s*(?P<value>.*)$")


def paragraph_pair(p: Paragraph) -> Pair | None:
    """A `Label: value` line as a label/value pair: a bold lead run ending in a colon
    (`**Job title:** Library Assistant`), or a known field's label with a colon.

    Only labels of known slots or of the form's totals: other `Note: …` lines stay text.
    """
    m = _LINE.match(p.text)
    if m is None or not m.group("value").strip() or not is_label_text(m.group("label")):
        return None
    label = label_text(m.group("label"))
    lead = p.lead_run()
    bold_lead = lead is not None and lead.bold and lead.text.strip().rstrip(":;") == label
    known = slot_of(label) is not None or result_label(label) is not None
    if not known or not (bold_lead or len(label.split()) <= 4):
        return None
    value_text = m.group("value").strip()
    label_p = Paragraph(text=label, where=p.where, bold=True)
    value_p = Paragraph(text=value_text, where=p.where)
    return Pair(
        Cell(row=0, col=0, where=p.where, paragraphs=[label_p]),
        [Cell(row=0, col=1, where=p.where, paragraphs=[value_p])],
    )


_TOTAL_LINE = re.compile(
    r"^(?P<label>(?:total|je grade|grade|band)\b[^:;]{0,30}?)\s*[:;]?\s*(?P<value>[^:;]*)$", re.I
)


def loose_total(p: Paragraph) -> tuple[str, FormValue] | None:
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


# ---------------------------------------------------------------- assembly


def post_details(st: FormState) -> PostDetails:
    d = dict(st.post.values)
    title = d.get("job_title")
    count = None
    if title is not None and title.value and (m := _POST_COUNT.search(title.value)):
        count = int(next(g for g in m.groups() if g))
    other = list(st.post.other)
    if "je_grade" in d:
        other.append(d.pop("je_grade"))
    eff, reason = st.post.effective, st.post.reason
    return PostDetails(
        postholder_name=d.get("postholder_name"),
        position_no=d.get("position_no"),
        job_title=title,
        post_count=count,
        post_reference=d.get("post_reference"),
        supporting_documents_attached=d.get("supporting_documents_attached"),
        directorate=d.get("directorate"),
        service=d.get("service"),
        reports_to=d.get("reports_to"),
        effective_date=eff[0] if eff else None,
        effective_date_note=eff[1] if eff else [],
        reason_for_evaluation=reason[0] if reason else [],
        reason_where=reason[1] if reason else None,
        applicable_to=st.applicable,
        result_recipients=d.get("result_recipients"),
        other_fields=other,
    )


def comparator_post(st: FormState) -> ComparatorPost | None:
    comp = st.comp
    if not comp:
        return None
    d = dict(comp.values)
    other = list(comp.other)
    for slot in (
        "postholder_name",
        "position_no",
        "supporting_documents_attached",
        "result_recipients",
        "service",
    ):
        if slot in d:
            other.append(d.pop(slot))
    if comp.effective is not None:
        other.append(comp.effective[0])
    grade = d.get("je_grade")
    return ComparatorPost(
        job_title=d.get("job_title"),
        post_reference=d.get("post_reference"),
        directorate=d.get("directorate"),
        je_grade=_number(grade.value) if grade is not None and grade.value else None,
        je_grade_raw=grade,
        reports_to=d.get("reports_to"),
        other_fields=other,
    )


def _number(text: str) -> int | None:
    m = re.search(r"\d+", text)
    return int(m.group()) if m else None
