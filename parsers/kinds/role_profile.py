"""Role profile / job description / person specification extractor, for the common
council layouts.

* label tables (001): each row is a label cell (short, shaded/bold) beside its content, in
  whichever column; full-width label rows head the rows below (`Purpose`); a two-column
  table whose header row is all labels lists accountabilities beside their outcomes (a
  leading `No.` column aside); label rows over value rows give details; a cell can open
  with its own label paragraph (`Key Facts and Figures` + values in one cell).
* headings (many councils): heading paragraphs followed by paragraphs or numbered lists
  (sub-headings under a duties heading group duties); a heading that names a detail
  (`Job title`, `Grade`) labels the paragraph below it; `Label: value` lines, several to a
  line (`Post: … Grade: …`), are details wherever they sit; a bold lead-in naming a
  section opens it on the same line; a typed number before a label line (`6. JOB
  PURPOSE:`) or a duty (`7.1`, `(a)`) is a reference (``role_text``); a `Title`-style
  heading that names nothing else is the post's title; plain lines after a numbered list
  of duties are notes; a lead-in (`… you will:`) over a list makes it duties under any
  heading; a grade beats a salary as the pay scale; `Label: value` pairs parted by bars
  (`Grade: SO2 | Team: … | Reports to: …`) are details; a detail printed only in the
  running header or footer (`Pay grade: Grade 5`) fills what the body leaves out; a
  pictogram before a label (`🎯 Why the role matters`) is decoration.
* label tables: a label cell merged down several rows labels each of them (a duty per
  row, a number typed in its own column left out); a `Version | Date | Author` table is
  the document's control record, not duties.
* person specifications: Essential / Desirable columns, an E/D flag column or a `Ref`
  column of E1 … D1 codes, ticks, full-width `Essential` / `Desirable` rows, `Essential
  criteria` headings or label rows (a table under such a heading is its criteria), or
  `(E)`/`(D)` marks before or after a criterion, `E` | `D` header columns of marks, short
  `Must have` / `Nice to have` lines over the criteria in one cell; assessment codes
  (`A/I/T`) expanded from the document's own key (a line or a small table), or one ticked
  column per method (`Application | Interview | Test`), also under a `Method of
  assessment` header merged over them (two header rows); a `Ref` column of A1, B2 … is
  references; inside one long table the specification ends at a full-width row naming
  another section.
* competency / behaviour requirements (``role_competencies``): `name | level` tables,
  levels as ticked columns, or a list of names under a `Behaviours` heading (`Customer
  focus – Level 3`), numbered from the document's own key; their names go to the name
  normaliser.
* duties tables: `No. | Duty | Measure`; an `Area | Accountability` table groups its
  duties by the first column.

* documents from other systems and templates (held-out round 6): plain ALL CAPS lines
  naming a section are headings; a contents list (`Job purpose | 3`) and a team's levels
  grid in an appendix hold no sections; an HR system's rules of dashes and sequence
  numbers (`010`) are no text, and its `Ess/Des Assessed` column gives the flag, then the
  methods; `Field | Value` listings (an export) with `Responsibility 1` … rows; criteria
  typed after `E1` / `D1` references, assessed in a separate `Ref | Application | …`
  matrix; `Assessed at: Sift, Interview` under a group of criteria; behaviours listed
  under a lead-in naming their level (`… at Level 2 …:`); a bold-pairs row whose other
  labels name no field (`Service: …`); a wrapped bullet's lower-case line (PDF).

Which section a label or heading opens is decided by cue words in it (``role_labels``:
`purpose`, `duties`, `qualification` …, English and Welsh); unknown labels are kept as
`other_sections` / `fields`. The kind score combines independent cues (see ``score``).
Reads the layout model only.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import cast

from roleframe.parsers.kinds import role_competencies
from roleframe.parsers.kinds.base import Extraction, Extractor, SurfaceName
from roleframe.parsers.kinds.formcues import (
    all_tables,
    cell_paragraphs,
    full_width,
    implicit_labels,
    is_heading_para,
    is_label_cell,
    is_label_text,
    label_text,
    names_another_document,
    not_given,
    organisation,
    row_is_blank,
    strongest_labels,
)
from roleframe.parsers.kinds.role_labels import (
    DOC_NAMES,
    assessment_key,
    assessment_key_rows,
    field_key,
    inline_pairs,
    method_header,
    names_the_document,
    requirement_flag,
    section_key,
)
from roleframe.parsers.kinds.role_text import (
    duties_lead_in,
    statement,
    statements,
    strip_number,
)
from roleframe.parsers.layout import Cell, Layout, Paragraph, Table
from roleframe.parsers.text import clean
from roleframe.schema import DocumentKind, IssueCode, Provenance
from roleframe.schema.issues import Issue, warning
from roleframe.schema.role_profile import (
    Accountability,
    AccountabilitySection,
    LabelledValue,
    PersonSpecItem,
    ProgressionStage,
    RequiredCompetency,
    Requirement,
    RoleProfile,
    SectionKey,
    Statement,
    TextSection,
)

VERSION = "1"

# career-grade stage labels: `Scale 6`, `SO1 – progress at 6 months`, `S02-P01`, `Band 4`
_STAGE = re.compile(
    r"^(?:scale|grade|band|level|sc|so|s0|po|p0)\s*[-–]?\s*\d+\b|\bprogress", re.IGNORECASE
)
_INLINE = re.compile(r"^(?P<label>[^:;]{2,40}?)\s*[:;]\s*(?P<value>.+)$")
_ASSESS_HEADER = re.compile(
    r"assess|method|how (?:it )?(?:is )?(?:measured|tested|identified)|evidenced"
)
_section_key = section_key
_field_key = field_key


# ---------------------------------------------------------------- kind detection


def _detail_keys(layout: Layout, labels: list[str]) -> set[str]:
    """Detail fields the document labels: label cells and headings, or `Label: value`
    lines (body or cell) whose labels all name fields."""
    keys = {k for t in labels if is_label_text(t) and (k := _field_key(t))}
    paras = [*layout.paragraphs(), *(p for t in all_tables(layout) for p in _cell_paras(t))]
    for p in paras[:400]:  # the details come first; a long document needs no full pass
        for label, _ in inline_pairs(p.text) or []:
            keys.add(_field_key(label) or "")
    keys.discard("")
    return keys


_MAX_VALUE_WORDS = 12
_MAX_FIELD_WORDS = 3
_LIST_ROWS = 4


def _list_header(table: Table, r: int) -> bool:
    """Row r heads a list: every filled cell a label, over three or more rows (a pay
    policy's `Grade | SCP range | Salary from | Salary to`, nm_pf_pay_policy). Its labels
    name columns, not one post's details."""
    filled = [c for c in table.rows[r] if c.text]
    return (
        r == 0
        and table.n_rows >= _LIST_ROWS
        and len(filled) >= 2
        and all(is_label_cell(c) for c in filled)
    )


def _valued_headings(layout: Layout) -> list[str]:
    """Headings that can label a detail field: each followed by a short value line
    (`Grade` over `Grade 7`). A section heading over prose (a pay policy's `2. Pay
    structure`, nm_pf_pay_policy) or the document's title (`Pay Policy Statement 2025/26`)
    names no field."""
    out: list[str] = []
    blocks = layout.blocks
    for i, p in enumerate(blocks[:-1]):
        if not isinstance(p, Paragraph) or not is_heading_para(p) or p.heading_level == 0:
            continue
        if len(p.text.split()) > _MAX_FIELD_WORDS:
            continue  # a field's label is short (`Pay band`, `Reports to`), a title is not
        nxt = blocks[i + 1]
        if (
            isinstance(nxt, Paragraph)
            and not is_heading_para(nxt)
            and len(nxt.text.split()) <= _MAX_VALUE_WORDS
        ):
            out.append(p.text.lower())
    return out


def _prose_follows(table: Table, r: int, label: Cell) -> bool:
    """Whether a section label heads text: one value cell beside or below it, or cells
    that are mostly phrases of four words or more — not a grid row of short level codes.
    The cells looked at are those after the label in its row, or (when those are labels
    too, or there are none) the next row's."""
    after = [c for c in table.rows[r] if c.col > label.col and c.text]
    if not after or all(is_label_cell(c) for c in after):
        below: list[Cell] = next((row for row in table.rows[r + 1 :] if not row_is_blank(row)), [])
        after = [c for c in below if c.text]
    if len(after) <= 1:
        return bool(after)
    return 2 * sum(len(c.text.split()) >= 4 for c in after) >= len(after)


def _cell_paras(table: Table) -> list[Paragraph]:
    return [p for c in table.cells() for p in c.paragraphs]


def score(layout: Layout) -> float:
    """Independent cues, each adding its weight, so a missing one only lowers the score:

    * detail fields labelled (title, grade/pay, reports to, responsible for, family):
      0.1 each up to 0.3;
    * a duties section (accountabilities, duties, responsibilities, key tasks, key result
      areas): 0.3;
    * a purpose section (purpose, job summary): 0.2;
    * a person specification: an Essential/Desirable criteria table 0.35, else the words
      (`Essential` and `Desirable`, `Person specification`) 0.2;
    * knowledge / skills / experience / qualification labels: 0.1;
    * the document names itself (role profile, job description, person specification): 0.1;
    * a competency table with one column of required levels (`Behaviour | Level expected`):
      0.1 — a skills matrix has a level column per role or person.

    A section label in a table counts only when text follows it (``_prose_follows``): a
    matrix's row group `Statutory duties` over rows of level codes heads no duties.
    Penalties: one section label repeated four times or more (a framework of many roles,
    004), a factor-levels table (a JE form), and a title naming another type of document
    (`Recruitment and Selection Policy`: a policy talks about person specifications and
    responsibilities too).
    """
    labels: list[str] = []
    grid_labels: list[str] = []  # section labels over no text: only counted as repeats
    column_heads: list[str] = []  # a list's column headers: no detail fields
    for table in all_tables(layout):
        labels += [c.text.lower() for c in _implicit_labels(table)]
        labels += [label.text.lower() for label, _ in _kv_pairs(table)]
        for r, row in enumerate(table.rows):
            list_header = _list_header(table, r)
            for cell in row:
                if is_label_cell(cell):
                    text = cell.text.lower()
                    if list_header:
                        column_heads.append(text)
                elif cell.paragraphs and is_heading_para(cell.paragraphs[0]):
                    text = cell.paragraphs[0].text.lower()
                else:
                    continue
                if _section_key(text) and not _prose_follows(table, r, cell):
                    grid_labels.append(text)  # a matrix's row group `Statutory duties`
                    continue
                labels.append(text)
    detail_labels = [t for t in labels if t not in column_heads] + _valued_headings(layout)
    labels += [p.text.lower() for p in layout.paragraphs() if is_heading_para(p)]
    text = " ".join(labels)
    keys = [k for t in labels if (k := _section_key(t))]
    repeats = keys + [k for t in grid_labels if (k := _section_key(t))]
    s = min(0.3, 0.1 * len(_detail_keys(layout, detail_labels)))
    if "accountabilities" in keys:
        s += 0.3
    if "purpose" in keys:
        s += 0.2
    pspec_table = any(
        _pspec_columns(t, r) is not None
        for t in all_tables(layout)
        for r in range(min(3, t.n_rows))
    )
    if pspec_table:  # an Essential/Desirable criteria table is a person specification
        s += 0.35
    elif ("essential" in text and "desirable" in text) or "person_spec" in keys:
        s += 0.2
    if any(k in ("knowledge_skills_experience", "qualifications") for k in keys):
        s += 0.1
    if any(name in text for name in DOC_NAMES):
        s += 0.1
    if any(
        (shape := role_competencies.find(t)) is not None and shape.level_col is not None
        for t in all_tables(layout)
    ):
        s += 0.1  # one column of required levels: one role's requirements, not a matrix
    # one role per document: the same section label repeated many times means a framework
    # of many roles (004 repeats Qualifications/Knowledge/Experience/Skills per band)
    if repeats and max(repeats.count(k) for k in set(repeats)) >= 4:
        s -= 0.4
    # a factor-levels table or many role headings belong to other kinds (JE form, framework);
    # its header names the factor and the level in one cell (`Factor level`) or in cells
    # of their own (`Factor | Level agreed | Points`: a JE record with the job description
    # attached as an appendix, ho6_je06)
    if any(_factor_levels_header(table) for table in all_tables(layout)):
        s -= 0.5
    if names_another_document(layout, DOC_NAMES):
        s -= 0.6
    return max(0.0, min(s, 1.0))


def _factor_levels_header(table: Table) -> bool:
    heads = [c.text.lower() for c in table.rows[0]] if table.rows else []
    return any("factor" in t for t in heads) and any(re.search(r"\blevel", t) for t in heads)


# ---------------------------------------------------------------- extraction state


@dataclass(slots=True)
class _Open:
    """The section statements currently flow into."""

    kind: str  # a section key, "accountabilities", "person_spec" or "other"
    label: str
    where: Provenance
    items: list[Statement] = field(default_factory=list)
    accountabilities: list[Accountability] = field(default_factory=list)
    requirement: Requirement | None = (
        None  # person spec lists under `Essential`/`Desirable` headings
    )


@dataclass(slots=True)
class _State:
    fields: list[LabelledValue] = field(default_factory=list)
    named: dict[str, LabelledValue] = field(default_factory=dict)
    stages: list[ProgressionStage] = field(default_factory=list)
    sections: dict[str, TextSection] = field(default_factory=dict)
    other_sections: list[TextSection] = field(default_factory=list)
    accountability_sections: list[AccountabilitySection] = field(default_factory=list)
    person_spec: list[PersonSpecItem] = field(default_factory=list)
    notes: list[Statement] = field(default_factory=list)
    headings_used: bool = False
    doc_heading: Paragraph | None = None
    titled: Paragraph | None = None  # first heading naming its post (`Person Specification – X`)
    key: dict[str, str] = field(default_factory=dict)  # assessment codes: A -> application
    warnings: list[Issue] = field(default_factory=list)
    open: _Open | None = None  # heading-led section (survives across blocks)
    pspec_rank: int | None = None  # heading rank of an open `Person specification` part
    duties_rank: int | None = None  # heading rank of an open duties part (sub-headed groups)
    level_key: dict[str, int] = field(default_factory=dict)  # competency level words -> n
    competencies: list[RequiredCompetency] = field(default_factory=list)
    names: list[SurfaceName] = field(default_factory=list)
    pspec_plain: list[PersonSpecItem] = field(default_factory=list)  # see _drop_pspec_intro
    pspec_refs: dict[str, int] = field(default_factory=dict)  # `E1` -> index in person_spec
    pspec_mark: int = 0  # len(person_spec) when the open section began (see _assessed_line)

    def close(self) -> None:
        if self.open is not None:
            _flush(self, self.open)
            self.open = None
        self.pspec_mark = len(self.person_spec)


def _flush(st: _State, sec: _Open) -> None:
    if sec.kind == "accountabilities":
        if sec.accountabilities or sec.items:
            duties = sec.accountabilities or [
                Accountability(accountability=[s], where=s.where) for s in sec.items
            ]
            _add_accountabilities(st, sec.label, sec.where, _drop_closing_lines(st, duties))
        return
    if sec.kind in ("person_spec", "person_spec_list"):
        return  # its statements became person-specification items as they came
    if sec.kind == "field":  # a heading that labels a detail (`Job title` over its value)
        _route_content(st, sec.label, sec.where, sec.items)
        return
    items = sec.items
    if sec.kind == "other":
        items = _listed_competencies(st, sec.label, items, sec.where)
        items = _listed_duties(st, sec.label, sec.where, items)
        if not items and len(items) < len(sec.items):
            return  # the whole section was read as requirements or duties
    _add_section(st, sec.kind, sec.label, items, sec.where)


def _drop_closing_lines(st: _State, items: list[Accountability]) -> list[Accountability]:
    """Plain lines after a list of three or more numbered or bulleted duties are no duty
    (ho_rp02: `This job description sets out the main duties …`, `Date: March 2024`)."""
    listed = [i for i, item in enumerate(items) if any(s.bulleted for s in item.accountability)]
    n_listed = sum(s.bulleted for item in items for s in item.accountability)
    if n_listed < 3 or listed[-1] == len(items) - 1:
        return items
    for item in items[listed[-1] + 1 :]:
        st.notes.extend(item.accountability)
    return items[: listed[-1] + 1]


def _listed_competencies(
    st: _State, label: str, items: list[Statement], where: Provenance | None = None
) -> list[Statement]:
    """Under a `Behaviours` / `Competencies` heading, a list of names (`Working Together`,
    `Customer focus – Level 3`) is the role's requirements (ho_rp01, ho_rp04); the lines
    around the list stay the section's text."""
    found = role_competencies.from_list(items, st.level_key, label, where)
    if not found:
        return items
    st.competencies.extend(found)
    st.names.extend(SurfaceName(c.name, "competencies", c.where) for c in found)
    return [s for s in items if not s.bulleted]


def _listed_duties(
    st: _State, label: str, where: Provenance, items: list[Statement]
) -> list[Statement]:
    """`As a Housing Strategy Officer you will:` over a list, under any heading (an
    advert's `Job description`, ho_rp01): the list is the role's duties."""
    for i, s in enumerate(items[:-1]):
        if s.bulleted or not duties_lead_in(s.text) or not items[i + 1].bulleted:
            continue
        end = i + 1
        while end < len(items) and items[end].bulleted:
            end += 1
        duties = [Accountability(accountability=[x], where=x.where) for x in items[i:end]]
        _add_accountabilities(st, label, where, _nest(duties))
        return items[:i] + items[end:]
    return items


def _is_lead_in(item: Accountability, following: Accountability | None) -> bool:
    """`The post holder will:` — a plain line ending in a colon right over list items."""
    (first, *rest) = item.accountability
    return (
        not rest
        and not first.bulleted
        and first.text.rstrip().endswith(":")
        and following is not None
        and following.accountability[0].bulleted
    )


def _add_accountabilities(
    st: _State,
    heading: str,
    where: Provenance,
    items: list[Accountability],
    outcomes_heading: str | None = None,
) -> None:
    """A duties section; lead-in lines over its lists are kept apart as its intro."""
    intro: list[Statement] = []
    duties: list[Accountability] = []
    for i, item in enumerate(items):
        following = items[i + 1] if i + 1 < len(items) else None
        if not item.outcomes and _is_lead_in(item, following):
            intro.extend(item.accountability)
        else:
            duties.append(item)
    if duties or intro:
        st.accountability_sections.append(
            AccountabilitySection(
                heading=heading,
                outcomes_heading=outcomes_heading,
                intro=intro,
                items=duties,
                where=where,
            )
        )


def _add_section(
    st: _State, kind: str, label: str, items: list[Statement], where: Provenance
) -> None:
    marked = [s for s in items if _marker(s.text)]
    if (
        kind in ("knowledge_skills_experience", "qualifications", "requirements", "other")
        and marked
        and 3 * len(marked) >= 2 * len(items)
    ):
        # `Knowledge of electoral law (D)`: criteria marked Essential/Desirable are a
        # person specification, grouped by the label they sit under (rpf16)
        for s in items:
            st.person_spec.append(
                PersonSpecItem(
                    section=label, text=s.text, requirement=_marker(s.text), where=s.where
                )
            )
        return
    named = kind in _NAMED_SECTIONS or kind == "requirements"
    key = cast(SectionKey, kind if named else "other")
    section = TextSection(key=key, label=label, statements=items, where=where)
    if key in _NAMED_SECTIONS and key not in st.sections:
        st.sections[key] = section
        if key == "dimensions":
            for s in items:
                _inline_field(st, s)
    elif key in _NAMED_SECTIONS:  # a second block of the same kind: append
        prev = st.sections[key]
        st.sections[key] = prev.model_copy(update={"statements": [*prev.statements, *items]})
    else:
        st.other_sections.append(section)


_NAMED_SECTIONS = {
    "purpose",
    "nature_of_contacts",
    "procedural_context",
    "dimensions",
    "knowledge_skills_experience",
    "qualifications",
}


def _inline_field(st: _State, s: Statement | Paragraph) -> bool:
    """Detail fields written inline: `Reports to; Options and Assessment Manager` (001
    writes a semicolon), `Post: Benefits Officer   Grade: Scale 6` (several to a line)."""
    pairs = inline_pairs(s.text)
    if pairs is None:
        m = _INLINE.match(s.text)
        if not m or not is_label_text(m.group("label")) or not _field_key(m.group("label")):
            return False
        pairs = [(m.group("label"), m.group("value"))]
    for label, value in pairs:
        value = value.strip()
        lv = LabelledValue(
            label=strip_number(label.strip()),
            value=value if not not_given(value) else None,
            raw=s.text,
            where=s.where,
        )
        _set_field(st, _field_key(label), lv)
    return True


def _set_field(st: _State, key: str | None, lv: LabelledValue) -> None:
    st.fields.append(lv)
    if key is not None and key not in st.named:
        st.named[key] = lv
    elif (
        key == "pay_scale"
        and lv.value
        and _GRADE_LABEL.search(lv.label)
        and not _GRADE_LABEL.search(st.named[key].label)
    ):
        # a salary before the grade (an advert's `Salary £35,412 …` then `Grade HEO`,
        # ho_rp01): the pay scale is the grade
        st.named[key] = lv


_GRADE_LABEL = re.compile(r"\b(?:grade|band|scale|scp|gradd)\b", re.IGNORECASE)


# ---------------------------------------------------------------- label/value routing


# `Responsibility 3`, `Key task 2`, `Duty 4`: an export's one row per duty (ho6_rp09)
_NUMBERED_DUTY = re.compile(
    r"^(?:key\s+|main\s+|principal\s+)?(?:responsibilit(?:y|ies)|dut(?:y|ies)|tasks?|"
    r"accountabilit(?:y|ies)|activit(?:y|ies))\s*(?:no\.?\s*)?\d{1,2}\s*:?$",
    re.IGNORECASE,
)
_KV_LABEL = re.compile(r"^(?:field|item|attribute|label|key|property|heading)s?( name)?$", re.I)
_KV_VALUE = re.compile(r"^(?:values?|details?|content|text|answer|information|data)$", re.I)


def _key_value_table(table: Table, st: _State) -> bool:
    """`Field | Value` over label | value rows (an HR system's export, ho6_rp09): every
    body row is a detail or a section, whatever its cells look like (a spreadsheet has no
    shading or bold to mark its labels)."""
    pairs = _kv_pairs(table)
    for label, value in pairs:
        _route(st, label.text, label.where, list(cell_paragraphs(value)))
    return bool(pairs)


def _kv_pairs(table: Table) -> list[tuple[Cell, Cell]]:
    """The (label, value) rows under a `Field | Value` header; [] for any other table."""
    if table.n_rows < 3 or table.n_cols != 2:
        return []
    head = [c.text.strip() for c in table.rows[0]]
    if len(head) != 2 or not _KV_LABEL.match(head[0]) or not _KV_VALUE.match(head[1]):
        return []
    rows = [sorted(row, key=lambda c: c.col) for row in table.rows[1:]]
    return [(r[0], r[1]) for r in rows if len(r) == 2 and r[0].text]


def _route(
    st: _State, label_cell_text: str, label_where: Provenance, paras: list[Paragraph]
) -> None:
    """One label with its content paragraphs: a field, a stage, or a section."""
    _route_content(st, label_text(label_cell_text), label_where, statements(paras))


def _route_content(
    st: _State, label: str, label_where: Provenance, content: list[Statement]
) -> None:
    text = " ".join(s.text for s in content)
    where = content[0].where if content else label_where
    section = "accountabilities" if _NUMBERED_DUTY.match(label) else _section_key(label)
    fkey = _field_key(label)
    if _STAGE.search(label) and content and section is None:
        st.stages.append(
            ProgressionStage(stage=label, description=text, where=where, stage_where=label_where)
        )
        return
    flag = requirement_flag(label)
    if flag is not None and section in (None, "knowledge_skills_experience", "qualifications"):
        # `Essential criteria | • …`: a person specification written as labelled rows
        group = _criteria_group(label)
        for s in content:
            st.person_spec.append(
                PersonSpecItem(section=group, text=s.text, requirement=flag, where=s.where)
            )
        return
    if fkey is not None and len(content) <= 2 and len(text) <= 150:
        value = text if content and not not_given(text) else None
        lv = LabelledValue(label=label, value=value, where=where, label_where=label_where)
        _set_field(st, fkey, lv)
        return
    if section == "accountabilities":
        items = [Accountability(accountability=[s], where=s.where) for s in content]
        _add_accountabilities(st, label, label_where, _nest(items))
        return
    if section == "person_spec":
        if not _flagged_criteria(st, label, content):
            _add_section(st, "other", label, content, label_where)
        return
    if section is None and len(content) == 1 and len(text) <= 120:
        _set_field(
            st, None, LabelledValue(label=label, value=text, where=where, label_where=label_where)
        )
        return
    _add_section(st, section or "other", label, content, label_where)


def _flagged_criteria(st: _State, label: str, content: list[Statement]) -> bool:
    """Criteria in one cell under short lines that flag them (`Must have` over bullets,
    then `Nice to have`, ho3_rp02): person-specification items. False (nothing read) when
    no line flags them."""
    flags = [
        requirement_flag(s.text) if not s.bulleted and len(s.text.split()) <= 5 else None
        for s in content
    ]
    if not any(flags):
        return False
    current: Requirement | None = None
    for s, flag in zip(content, flags, strict=True):
        if flag is not None:
            current = flag
            continue
        st.person_spec.append(
            PersonSpecItem(
                section=label,
                text=s.text,
                requirement=_marker(s.text) or current,
                assessed_by=_coded_methods(s.text, st.key),
                where=s.where,
            )
        )
    return True


def _criteria_group(label: str) -> str | None:
    """`Essential experience` -> `experience`; `Essential criteria` / `Desirable` -> None."""
    group = re.sub(
        r"\b(?:essential|desirable|hanfodol|dymunol|criteria|requirements?)\b",
        "",
        label,
        flags=re.IGNORECASE,
    )
    return clean(group.strip(" /-–:")) or None


def _nest(items: list[Accountability]) -> list[Accountability]:
    """Sub-items (list level > 0) join the accountability above them."""
    out: list[Accountability] = []
    for item in items:
        first = item.accountability[0]
        if out and first.list_level and first.list_level > 0:
            prev = out[-1]
            out[-1] = prev.model_copy(
                update={"accountability": [*prev.accountability, *item.accountability]}
            )
        else:
            out.append(item)
    return out


# ---------------------------------------------------------------- tables


def _is_header_row(table: Table, r: int) -> bool:
    """All filled cells are labels with the same shading, and the next row has no label.

    001's `Role Title | <bold title>` row is a label/value pair, not a header: the label is
    shaded, the value is not, and the row below holds another label.
    """
    filled = [c for c in table.rows[r] if c.text]
    if len(filled) < 2 or not all(is_label_cell(c) for c in filled):
        return False
    if len({c.shaded for c in filled}) > 1:
        return False
    below = next((row for row in table.rows[r + 1 :] if not row_is_blank(row)), None)
    return below is not None and not any(is_label_cell(c) for c in below)


def _pspec_columns(table: Table, r: int) -> dict[str, int] | None:
    """Columns of a person-specification header row, or None when row r is not one.

    Keys: `criteria`, `flag` (an E/D column, or a `Ref` column coding each criterion E1 …
    D1 …), `essential` / `desirable` (columns of criteria or of ticks), `assess` (methods
    written out) and `method:<name>` (one column per method, ticked: ho_rp03)."""
    cols: dict[str, int] = {}
    criteria_header = ""
    cells = _covering(table, r)
    if any(c.row == r and c.col_span > 1 and _methods_below(table, c) for c in cells):
        return None  # `Method of assessment` over `Application | Interview`: the next row
    for cell in cells:
        low = cell.text.lower()
        if _NUMBER_HEADER.match(label_text(cell.text)):
            continue  # `Ref` over A1, B2 …: references, not the criteria (ho3_rp06)
        if _FLAG_WORDS.search(low) and _ASSESS_HEADER.search(low):
            # `Ess/Des Assessed` (ho6_rp01's printout: two columns two spaces apart read
            # as one): the flag first in each cell, then the methods
            cols["flag"] = cols["assess"] = cell.col
            continue
        if ("essential" in low and "desirable" in low) or _FLAG_HEADER.fullmatch(low.strip()):
            cols["flag"] = cell.col
        elif "essential" in low or (low.strip() == "e" and _letter_pair(cells)):
            cols["essential"] = cell.col
        elif "desirable" in low or (low.strip() == "d" and _letter_pair(cells)):
            cols["desirable"] = cell.col
        elif _ASSESS_HEADER.search(low):
            cols["assess"] = cell.col
        elif (method := method_header(cell.text)) is not None:
            cols[f"method:{method}"] = cell.col
        elif cell.text and (
            "criteria" not in cols
            or (_CRITERIA_HEADER.search(low) and not _CRITERIA_HEADER.search(criteria_header))
        ):
            # the first text column, unless a later one says it holds the criteria
            # (`Area | Criteria | E | D`, ho3_rp03)
            cols["criteria"], criteria_header = cell.col, low
    has_flags = "flag" in cols or ("essential" in cols and "desirable" in cols)
    if not has_flags and (ref := _ref_column(table, r)) is not None:
        # `Ref | Criteria | Method of assessment` with E1 … D3 down the Ref column (ho_rp02)
        cols["flag"] = ref
        if cols.get("criteria") == ref:
            free = [
                c.col
                for c in sorted(table.rows[r], key=lambda c: c.col)
                if c.text and c.col not in cols.values()
            ]
            if not free:
                return None
            cols["criteria"] = free[0]
        return cols
    return cols if has_flags else None


_REF = re.compile(r"^[EDed]\s?\d{1,2}[a-z]?\.?$")
# one column flagging each criterion: `E/D`, `E or D` (ho5_rp01)
_FLAG_HEADER = re.compile(r"e\s*(?:/|or)\s*d")
_FLAG_WORDS = re.compile(r"\b(?:e\s*/\s*d|ess(?:ential)?\s*/\s*des(?:irable)?)\b")


_CRITERIA_HEADER = re.compile(r"\bcriteri|\brequirement|\bmeini prawf")


def _letter_pair(cells: list[Cell]) -> bool:
    """Header cells `E` and `D` side by side: essential and desirable columns."""
    letters = {c.text.strip().lower() for c in cells}
    return {"e", "d"} <= letters


def _covering(table: Table, r: int) -> list[Cell]:
    """The cells covering row r, left to right: its own and those merged down into it from
    a header row above (`Ref | Criteria` merged over two header rows)."""
    found: dict[int, Cell] = {}
    for cell in table.grid()[r]:
        if cell is not None:
            found.setdefault(id(cell), cell)
    return sorted(found.values(), key=lambda c: c.col)


def _methods_below(table: Table, cell: Cell) -> bool:
    """Whether the row under a header cell spanning columns names an assessment method in
    each column it spans (`Method of assessment` over `Application | Interview | Test`)."""
    r = cell.row + cell.row_span
    if r >= table.n_rows:
        return False
    below = [c for c in table.rows[r] if cell.col <= c.col < cell.col + cell.col_span]
    return len(below) >= 2 and all(method_header(c.text) is not None for c in below)


def _ref_column(table: Table, header: int) -> int | None:
    """A column whose body cells code each criterion essential or desirable (`E1`, `D2`):
    most filled rows, both letters seen."""
    for col in range(table.n_cols):
        codes: list[str] = []
        rows = 0
        for row in table.rows[header + 1 :]:
            filled = [c for c in row if c.text]
            if len(filled) < 2:
                continue  # a group row (`Qualifications`) or a blank one
            rows += 1
            cell = next((c for c in row if c.col == col), None)
            if cell is not None and _REF.match(cell.text.strip()):
                codes.append(cell.text.strip()[0].upper())
        if rows >= 2 and 3 * len(codes) >= 2 * rows and set(codes) == {"E", "D"}:
            return col
    return None


_CODES_AFTER = re.compile(r"\(\s*([A-Z]{1,3}(?:\s*[,/&]\s*[A-Z]{1,3})*)\s*\)\s*\.?$")


def _coded_methods(text: str, key: dict[str, str]) -> list[str]:
    """`Full driving licence (A, I)`: assessment codes in brackets after a criterion, when
    the document's key defines every one of them (ho_rp08); else []."""
    m = _CODES_AFTER.search(text)
    if m is None or not key:
        return []
    codes = [c.strip() for c in re.split(r"[,/&]", m.group(1))]
    return [key[c] for c in codes] if all(c in key for c in codes) else []


_NAMED_AFTER = re.compile(r"\s*\[([^\[\]]+)\]\s*\.?$")


def _named_methods(text: str) -> tuple[str, list[str]]:
    """`Knowledge of … (E) [Application, Interview]`: assessment methods named in square
    brackets after a criterion (ho7_rp04), when every one is a method's name: the text
    before them (where its flag is) and the methods. The criterion keeps its text as
    written (as with bracketed codes, ho_rp08)."""
    m = _NAMED_AFTER.search(text)
    if m is None:
        return text, []
    names = [t.strip() for t in re.split(r"\s*(?:[,/;&+]|\band\b)\s*", m.group(1)) if t.strip()]
    if not names or not all(method_header(n) for n in names):
        return text, []
    return text[: m.start()].rstrip(), [n.lower() for n in names]


def _assessed(raw: str, key: dict[str, str]) -> list[str]:
    out: list[str] = []
    for token in re.split(r"\s*(?:[,/;&+]|\band\b)\s*", raw):
        token = token.strip(" .")
        if not token:
            continue
        out.append(key.get(token.upper(), token).lower() if len(token) <= 3 else token.lower())
    return out


_MARKER = re.compile(
    r"(?:[(\[]\s*(e|d|essential|desirable)\s*[)\]]|[-–:]\s*(essential|desirable))\s*\.?$",
    re.IGNORECASE,
)


def _marker(text: str) -> Requirement | None:
    """A requirement flag written after a criterion (`Degree (D)`, `… – Essential`) or
    before it (`(E) Good general education`, ho_rp07)."""
    m = _MARKER.search(text) or _LEAD_MARKER.match(text)
    return _flag(m.group(1) or m.group(2)) if m else None


_LEAD_MARKER = re.compile(r"^\s*[(\[]\s*(e|d|essential|desirable)\s*[)\]](\s)", re.IGNORECASE)


def _flag_in(text: str) -> Requirement | None:
    low = text.lower()
    if "essential" in low and "desirable" not in low:
        return "essential"
    if "desirable" in low and "essential" not in low:
        return "desirable"
    return None


def _pspec_subheading(text: str, key: str | None, rank: int, pspec_rank: int) -> bool:
    """Inside a person specification, does this heading start a criteria group?

    A heading of lower rank (or a bold line under a bold `Person specification`) does,
    unless it names a section that is not a criteria group (purpose, duties, contacts).
    """
    if rank < pspec_rank or (rank == pspec_rank and rank != 9):
        return False
    return key in (None, "knowledge_skills_experience", "qualifications", "other") or bool(
        _flag_in(text)
    )


REQUIREMENTS: tuple[Requirement, ...] = ("essential", "desirable")
_TICK = re.compile(r"^[✓✔☑☒✗✘xX*•●■]$|^(?:yes|y)$", re.IGNORECASE)


def _is_tick(cell: Cell | None) -> bool:
    return cell is not None and bool(_TICK.match(cell.text.strip()))


def _flag(text: str) -> Requirement | None:
    low = text.strip().lower()
    if low in ("e", "essential") or low.startswith("essential") or _REF.match(low):
        return "essential" if low[:1] == "e" else "desirable"
    if low in ("d", "desirable") or low.startswith("desirable"):
        return "desirable"
    return None


def _person_spec(
    table: Table,
    header: int,
    cols: dict[str, int],
    st: _State,
    requirement: Requirement | None = None,
) -> int:
    """002-style forms aside, person specs come as Essential | Desirable columns per criteria
    group, or one criterion per row with an E/D flag column; both give one item per statement.
    ``requirement``: what the heading over the table says (`Essential`). Returns the row
    where the specification ends: a full-width row naming another section, or the end.
    """
    grid = table.grid()
    section: str | None = None
    by_rows: Requirement | None = requirement  # the `Essential` row above (_BY_ROWS)
    for r in range(header + 1, table.n_rows):
        row = table.rows[r]
        if row_is_blank(row):
            continue
        if _details_row(row, st):
            continue
        wide = full_width(table, row)
        if wide is not None and assessment_key(wide.text):
            continue  # the codes' key, read before (ho5_rp03)
        if wide is not None and is_label_cell(wide) and _ends_criteria(table, r, wide):
            return r
        if wide is not None and is_label_cell(wide):
            flag = requirement_flag(wide.text) if _BY_ROWS in cols else None
            if flag is not None:
                by_rows = flag
                section = _criteria_group(label_text(wide.text))
            else:
                section = label_text(wide.text)
            continue

        def at(name: str, r: int = r) -> Cell | None:
            c = cols.get(name)
            return grid[r][c] if c is not None and c < table.n_cols else None

        crit_cell = at("criteria")
        others = [at(k) for k in cols if k not in ("criteria", _BY_ROWS)]
        if (
            crit_cell is not None
            and crit_cell.text
            and all(c is None or not c.text for c in others)
            and (_BY_ROWS not in cols or is_label_cell(crit_cell))
        ):
            # `Qualifications |  |  |`: a category row heads the criteria below it (u1)
            section = label_text(crit_cell.text)
            continue
        assess = at("assess")
        raw_assess = assess.text if assess is not None and assess.text else None
        flag_text = None
        if raw_assess and cols.get("assess") == cols.get("flag"):
            flag_text, *rest = raw_assess.split(None, 1)
            raw_assess = rest[0].strip() if rest else None
        methods = _assessed(raw_assess, st.key) if raw_assess else []
        methods += [
            key.split(":", 1)[1] for key in cols if key.startswith("method:") and _is_tick(at(key))
        ]
        crit = at("criteria")
        if _BY_ROWS in cols:
            for s in statements(cell_paragraphs(crit)) if crit is not None else []:
                st.person_spec.append(
                    PersonSpecItem(
                        section=section,
                        text=s.text,
                        requirement=by_rows,
                        assessed_by=methods,
                        assessed_by_raw=raw_assess,
                        where=s.where,
                    )
                )
            continue
        if "flag" in cols:
            flag_cell = at("flag")
            if crit is None or not crit.text:
                continue
            for s in statements(cell_paragraphs(crit)):
                st.person_spec.append(
                    PersonSpecItem(
                        section=section,
                        text=s.text,
                        requirement=_flag(flag_text or flag_cell.text)
                        if flag_cell is not None
                        else None,
                        assessed_by=methods,
                        assessed_by_raw=raw_assess,
                        where=s.where,
                    )
                )
            continue
        ticks = {req: at(req) for req in REQUIREMENTS}
        if crit is not None and crit.text and any(_is_tick(c) for c in ticks.values()):
            # one criterion per row, its column ticked (`✓` under Essential or Desirable)
            req = next(r for r, c in ticks.items() if _is_tick(c))
            for s in statements(cell_paragraphs(crit)):
                st.person_spec.append(
                    PersonSpecItem(
                        section=section,
                        text=s.text,
                        requirement=req,
                        assessed_by=methods,
                        assessed_by_raw=raw_assess,
                        where=s.where,
                    )
                )
            continue
        row_section = label_text(crit.text) if crit is not None and crit.text else section
        for req in REQUIREMENTS:
            cell = at(req)
            if cell is None:
                continue
            for s in statements(cell_paragraphs(cell)):
                if not_given(s.text):
                    continue
                st.person_spec.append(
                    PersonSpecItem(
                        section=row_section,
                        text=s.text,
                        requirement=req,
                        assessed_by=methods,
                        assessed_by_raw=raw_assess,
                        where=s.where,
                    )
                )
    return table.n_rows


def _ends_criteria(table: Table, r: int, wide: Cell) -> bool:
    """A full-width row inside a person specification that opens another section: one of
    the profile's sections (`Key accountabilities`), or competencies over their own
    `Competency | Level` rows (ho_rp05)."""
    key = _section_key(wide.text)
    if key is not None and key not in ("knowledge_skills_experience", "qualifications"):
        return key != "person_spec"
    shape = role_competencies.find(table)
    return shape is not None and shape.header > r and bool(_GROUP_WORDS.search(wide.text))


_GROUP_WORDS = re.compile(r"competenc|behaviou?r|capabilit", re.IGNORECASE)


_ASSESSED_LINE = re.compile(
    r"^(?:how\s+)?(?:assessed|assessment(?:\s+methods?)?|method(?:s)?\s+of\s+assessment)"
    r"(?:\s+(?:at|by|through|via|during))?\s*[:–-]\s*(?P<methods>.+)$",
    re.IGNORECASE,
)


def _assessed_line(s: Statement, st: _State) -> bool:
    """`Assessed at: Sift, Interview` after a group of criteria (ho6_rp03): the methods of
    every criterion of that group (the items above it since its heading, with the same
    section) that has none of its own."""
    m = _ASSESSED_LINE.match(s.text)
    if m is None or s.bulleted or len(st.person_spec) <= st.pspec_mark:
        return False
    raw = m.group("methods")
    every = False
    said = _ASSESSED_SENTENCE.search(raw)
    if said is not None:
        # `Assessment: all criteria are assessed by application form and interview.`
        # (ho7_rp06): a sentence naming the methods, for every criterion when it says `all`
        every = _EVERY.search(raw[: said.start()]) is not None
        raw = said.group("methods")
    methods = _assessed(raw, st.key)
    section = st.person_spec[-1].section
    i = len(st.person_spec) - 1
    while (
        i >= (0 if every else st.pspec_mark)
        and (every or st.person_spec[i].section == section)
        and not st.person_spec[i].assessed_by
    ):
        item = st.person_spec[i]
        st.person_spec[i] = item.model_copy(update={"assessed_by": methods, "assessed_by_raw": raw})
        i -= 1
    return True


_ASSESSED_SENTENCE = re.compile(
    r"\b(?:assessed|tested|evidenced)\s+(?:at|by|through|via|during|in)\s+(?P<methods>.+)$",
    re.IGNORECASE,
)
_EVERY = re.compile(r"\ball\b|\bevery\b|\beach\b", re.IGNORECASE)


# a capital must follow: `D1 driving licence` names a licence category, not a reference
_LEAD_REF = re.compile(r"^([EDed])\s?(\d{1,2}[a-z]?)[.):]?\s+(?=[A-Z])")


def _lead_ref(text: str) -> tuple[str | None, str]:
    """`E1<tab>Degree or equivalent …` (ho6_rp07): the criterion's reference (`E1`, which
    also says essential) and its text without it."""
    m = _LEAD_REF.match(text)
    if m is None:
        return None, text
    return (m.group(1) + m.group(2)).upper(), text[m.end() :]


_REF_HEADER = re.compile(r"^(?:ref(?:erence)?\.?|criteri(?:on|a)(?:\s+(?:no\.?|ref\.?))?|no\.?)$")


def _ref_matrix(table: Table, st: _State) -> bool:
    """An assessment matrix apart from the criteria (ho6_rp07): `Ref | Application |
    Interview | …` rows of criterion references with a tick under each method; the ticks
    assess the criteria listed earlier under those references."""
    if not st.pspec_refs or table.n_rows < 2 or table.n_cols < 2:
        return False
    header = {c.col: c.text for c in table.rows[0] if c.text}
    first = min(header, default=None)
    if first is None or not _REF_HEADER.match(header[first].strip().lower()):
        return False
    methods = {col: method_header(text) for col, text in header.items() if col != first}
    if not methods or any(m is None for m in methods.values()):
        return False
    found: list[tuple[int, list[str]]] = []
    for row in table.rows[1:]:
        cells = {c.col: c for c in row}
        ref = cells.get(first)
        if ref is None or not _REF.match(ref.text.strip()):
            return False
        key = re.sub(r"\s|\.$", "", ref.text).upper()
        if key not in st.pspec_refs:
            return False
        ticked = [m for col, m in methods.items() if m and _is_tick(cells.get(col))]
        found.append((st.pspec_refs[key], ticked))
    for index, ticked in found:
        item = st.person_spec[index]
        st.person_spec[index] = item.model_copy(
            update={"assessed_by": [*item.assessed_by, *ticked]}
        )
    return True


def _ref_rows(table: Table, st: _State) -> bool:
    """`E1 | Degree or equivalent …` rows with no header: criteria typed after their
    references on tab stops, which a PDF reader sees as a two-column table (ho6_rp07)."""
    rows = [[c for c in row if c.text] for row in table.rows]
    rows = [r for r in rows if r]
    if not rows or any(len(r) != 2 or not _REF.match(r[0].text.strip()) for r in rows):
        return False
    label = st.open.label if st.open is not None and st.open.kind in _PSPEC_KINDS else None
    section = clean(re.sub(r"\b(?:essential|desirable|criteria)\b", "", label or "", flags=re.I))
    for ref, text in rows:
        key = re.sub(r"\s|\.$", "", ref.text).upper()
        st.pspec_refs[key] = len(st.person_spec)
        st.person_spec.append(
            PersonSpecItem(
                section=section or None,
                text=text.text,
                requirement=_flag(key),
                assessed_by=_coded_methods(text.text, st.key),
                where=text.where,
            )
        )
    return True


_GRID_LEVEL = re.compile(r"^(?:\d|[A-Za-z]|[✓✔✗✘●○■□-])$")


def _level_grid(table: Table) -> bool:
    """A matrix of levels: under a header row, three or more columns whose body cells are
    all single digits, letters or marks beside a first column of names (people's or
    skills' levels). A role's own requirements table (one level column) or a ticked
    person specification is read before this is asked."""
    if table.n_rows < 3 or table.n_cols < 4:
        return False
    body = table.rows[1:]
    graded = 0
    for c in range(1, table.n_cols):
        values = [cell.text.strip() for row in body for cell in row if cell.col == c]
        filled = [v for v in values if v]
        if filled and len(filled) >= len(body) / 2 and all(_GRID_LEVEL.match(v) for v in filled):
            graded += 1
    return graded >= 3 and graded >= (table.n_cols - 1) * 0.75


_PAGE_NUMBER = re.compile(r"^\d{1,3}$")


def _contents_table(table: Table) -> bool:
    """A contents list drawn as a table (`Job purpose | 3`, a PDF's reading of tab-aligned
    page numbers, ho6_rp02): every row a label whose last cell is a page number, the
    numbers never falling. Its labels name sections, but nothing follows them here."""
    rows = [[c.text for c in row if c.text] for row in table.rows]
    rows = [r for r in rows if r]
    if len(rows) < 3 or any(len(r) != 2 or not _PAGE_NUMBER.match(r[1]) for r in rows):
        return False
    pages = [int(r[1]) for r in rows]
    return pages == sorted(pages) and all(is_label_text(r[0]) for r in rows)


_OUTLINE_NUMBER = re.compile(r"^\d{1,2}\.?$")


def _outline_lines(paras: list[Paragraph]) -> list[Paragraph]:
    """The lines of one outline section as typed: a number the PDF reader made a list
    marker (`1.1`) back before its text, and a wrapped line (`Interview]` under `… (E)
    [Application,`) joined to the numbered line it continues."""
    out: list[Paragraph] = []
    for q in paras:
        if q.label and _OUTLINE.match(f"{q.label} {q.text}"):
            q = dataclasses.replace(
                q, text=f"{q.label} {q.text}", bullet=None, label=None, list_level=None
            )
        prev = out[-1] if out else None
        if (
            prev is not None
            and not q.bold
            and not q.is_list_item
            and not prev.bold
            and _OUTLINE.match(prev.text)
            and not _OUTLINE.match(q.text)
            and (not prev.text.endswith((".", ":")) or q.text[:1].islower())
        ):
            out[-1] = dataclasses.replace(prev, text=f"{prev.text} {q.text}")
            continue
        out.append(q)
    return out


def _outline_table(table: Table, st: _State) -> bool:
    """A typed outline's hanging indents that a PDF reader took for a table (ho7_rp04's
    PDF): every row a top-level number (`1`, `2.`) beside the rest of its section. Read as
    the outline it is: the first line beside each number is a heading, the lines under it
    paragraphs (``_paragraph`` reads any sub-numbers they kept)."""
    if table.n_rows < 3 or table.n_cols != 2:
        return False
    for row in table.rows:
        if len(row) != 2 or not _OUTLINE_NUMBER.match(row[0].text.strip()):
            return False
        first = next((q for q in row[1].paragraphs if q.text), None)
        if first is None or len(first.text.split()) > 6 or not is_label_text(first.text):
            return False
    for row in table.rows:
        paras = _outline_lines([q for q in row[1].paragraphs if q.text])
        head = paras[0]
        _paragraph(
            dataclasses.replace(head, bold=True, heading_level=1, list_level=None, bullet=None),
            st,
        )
        for q in paras[1:]:
            if q.bold and q.is_list_item:  # `3.1 Casework`: a group heading a level down
                q = dataclasses.replace(q, heading_level=2, list_level=None, bullet=None)
            _paragraph(q, st)
    return True


def _table(table: Table, st: _State) -> None:
    if assessment_key_rows(_row_texts(table)) or role_competencies.is_level_key(table):
        return  # a key of assessment codes or level numbers, read before the walk
    if _outline_table(table, st):
        return
    if (
        _contents_table(table)
        or _ref_matrix(table, st)
        or _ref_rows(table, st)
        or _key_value_table(table, st)
    ):
        return
    # a person specification may be its own table or the tail of one long table
    pspec = next(
        ((r, cols) for r in range(table.n_rows) if (cols := _pspec_columns(table, r))), None
    ) or _flag_rows_pspec(table)
    context = st.open.label if st.open is not None else None
    requirement = st.open.requirement if st.open is not None else None
    if pspec is None and st.open is not None and st.open.kind in _PSPEC_KINDS:
        # `Criteria | Stage assessed` under an `Essential` heading (ho_rp06)
        pspec = _criteria_table(table, requirement is not None)
    if pspec is None and (cards := role_competencies.from_cards(table, st.level_key, context)):
        st.competencies.extend(cards)
        st.names.extend(SurfaceName(c.name, "competencies", c.where) for c in cards)
        return
    if pspec is None and (shape := role_competencies.find(table, context)) is not None:
        # `Behaviour | Level expected`: the role's requirements, not duties or details
        if shape.header > 0:
            _rows(table, st, shape.header)
        _competencies(table, shape, st)
        return
    if pspec is None and _level_grid(table):
        return  # a team's skills matrix in an appendix (ho6_rp06): no duties or details
    stop = pspec[0] if pspec else table.n_rows
    if stop > 0:
        _rows(table, st, stop)
    if pspec is not None:
        st.close()
        st.duties_rank = None  # the duties part ended before the person specification
        end = _person_spec(table, pspec[0], pspec[1], st, requirement)
        st.headings_used = True
        if end < table.n_rows:
            _table_tail(table, end, st)


_PSPEC_KINDS = ("person_spec", "person_spec_list")


def _criteria_table(table: Table, flagged: bool) -> tuple[int, dict[str, int]] | None:
    """A table of criteria under a person-specification heading: a header row of labels,
    the criteria in its first column and, unless the heading says Essential or Desirable,
    an assessment column (`Criteria | How assessed`)."""
    if table.n_rows < 2:
        return None
    cells = sorted((c for c in table.rows[0] if c.text), key=lambda c: c.col)
    if not cells or not all(is_label_cell(c) for c in cells):
        return None
    cols: dict[str, int] = {_BY_ROWS: -1, "criteria": cells[0].col}
    for c in cells[1:]:
        if _ASSESS_HEADER.search(c.text.lower()):
            cols["assess"] = c.col
        elif (method := method_header(c.text)) is not None:
            cols[f"method:{method}"] = c.col
        else:
            return None  # another column: not a plain list of criteria
    return (0, cols) if flagged or len(cols) > 2 else None


def _table_tail(table: Table, start: int, st: _State) -> None:
    """The rows after a person specification in one long table (ho_rp05: a full-width
    `Competencies` row over `Competency | Level` rows)."""
    shape = role_competencies.find(table)
    if shape is not None and shape.header > start:
        _competencies(table, shape, st, group=label_text(table.rows[start][0].text))
        return
    _rows(table, st, table.n_rows, start)


# `cols` key of a person specification whose Essential / Desirable split is made by
# full-width rows (`Essential` over its criteria, then `Desirable`), not by columns
_BY_ROWS = "by_rows"


def _flag_rows_pspec(table: Table) -> tuple[int, dict[str, int]] | None:
    """`Criteria | How assessed`, then a full-width `Essential` row over its criteria and
    a `Desirable` row over theirs: the header row (or -1) and the columns."""
    flags: list[tuple[int, str]] = []
    for r, row in enumerate(table.rows):
        wide = full_width(table, row)
        if wide is not None and is_label_cell(wide) and (flag := requirement_flag(wide.text)):
            flags.append((r, flag))
    if table.n_cols < 2 or {flag for _, flag in flags} != {"essential", "desirable"}:
        return None
    header = flags[0][0] - 1
    cols: dict[str, int] = {_BY_ROWS: -1, "criteria": 0}
    if header >= 0:
        cells = sorted((c for c in table.rows[header] if c.text), key=lambda c: c.col)
        if len(cells) < 2 or not all(is_label_cell(c) for c in cells):
            return None  # details or content above the flags: not this layout
        cols["criteria"] = cells[0].col
        for c in cells[1:]:
            if _ASSESS_HEADER.search(c.text.lower()):
                cols["assess"] = c.col
    return header, cols


def _competencies(
    table: Table,
    shape: role_competencies.CompetencyTable,
    st: _State,
    group: str | None = None,
) -> None:
    # the heading the table sits under names its group (`Behaviours`); a section opened by
    # that heading keeps its own paragraphs
    if group is None and st.open is not None and st.open.kind == "other":
        group = st.open.label
    found = role_competencies.read(table, shape, st.level_key, group)
    st.competencies.extend(found)
    st.names.extend(SurfaceName(c.name, "competencies", c.where) for c in found)


def _row_texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row if c.text] for row in table.rows if not row_is_blank(row)]


def _details_row(row: list[Cell], st: _State) -> bool:
    """A row whose every paragraph is `Label: value` details (`Post: Benefits Officer`,
    `Grade: Scale 6`, merged across the table or one to a cell): a person specification's
    title row, not a section heading, a label nor a criterion."""
    paras = [p for c in row for p in c.paragraphs if p.text]
    if not paras or any(c.tables for c in row):
        return False
    known = [p for p in paras if inline_pairs(p.text)]
    # `Service: Communities` beside `Manager: …` (ho6_rp08): a bold label naming no field
    # is a detail too when the row's other pairs name fields
    other = [p for p in paras if p not in known and _bold_pair(p)]
    if not known or len(known) + len(other) < len(paras):
        return False
    for p in paras:
        if p in other:
            m = _INLINE.match(p.text)
            assert m is not None  # _bold_pair matched it
            lv = LabelledValue(
                label=m.group("label").strip(),
                value=m.group("value").strip(),
                raw=p.text,
                where=p.where,
            )
            _set_field(st, None, lv)
        else:
            _inline_field(st, p)
    return True


def _bold_pair(p: Paragraph) -> bool:
    """`**Service:** Communities`: a short bold label, a colon, a value."""
    lead = p.lead_run()
    m = _INLINE.match(p.text)
    return (
        m is not None
        and lead is not None
        and lead.bold
        and len(m.group("label").split()) <= 3
        and is_label_text(m.group("label"))
    )


def _lone_heading(table: Table, r: int) -> Cell | None:
    """A label alone in its row with label-free content below it: it heads that content
    (a section label over its text, in a grid that does not merge the row)."""
    filled = [c for c in table.rows[r] if c.text or c.fields]
    if len(filled) != 1 or not is_label_cell(filled[0]):
        return None
    below = next((row for row in table.rows[r + 1 :] if not row_is_blank(row)), None)
    if below is None or any(is_label_cell(c) for c in below):
        return None
    return filled[0]


def _rows(table: Table, st: _State, stop: int, start: int = 0) -> None:
    implicit = _implicit_labels(table)
    local: _Open | None = None  # a full-width label row heads the rows below it
    acc: AccountabilitySection | None = None
    group_col: int | None = None  # `Area | Accountability`: the column naming each group
    skip: set[int] = set()  # value rows already read under their label row
    for r in range(start, stop):
        row = table.rows[r]
        if row_is_blank(row) or r in skip:
            continue
        if _details_row(row, st):
            continue
        wide = full_width(table, row)
        if wide is not None and not is_label_cell(wide):
            pass
        elif wide is None and (lone := _lone_heading(table, r)) is not None:
            wide = lone
        if wide is not None and is_label_cell(wide):
            _close_local(st, local)
            _close_acc(st, acc)
            acc = None
            local = _Open(_section_key(wide.text) or "other", label_text(wide.text), wide.where)
            continue
        if _is_header_row(table, r):
            _close_local(st, local)
            local = None
            _close_acc(st, acc)
            acc = None
            cells = sorted((c for c in row if c.text), key=lambda c: c.col)
            if not any(_section_key(c.text) for c in cells) and (
                r + 2 == stop or any(_field_key(c.text) for c in cells)
            ):
                # labels over their values (`Job title | Grade` then `Clerk | Scale 3`), one
                # such pair of rows or several in turn: fields
                _vertical_pairs(table, r, st)
                skip.add(r + 1)
                continue
            if _RECORD_HEADER.match(cells[0].text):
                # `Version | Date | Author | Change`: the document's control table, whose
                # rows are no duties (ho3_rp01)
                skip.update(range(r + 1, stop))
                continue
            if len(cells) > 1 and _NUMBER_HEADER.match(cells[0].text):
                cells = cells[1:]  # `No. | Main duties | …`: the numbers are not duties
            group_col = _group_column(cells)
            if group_col is not None:
                cells = [c for c in cells if c.col > group_col]
            acc = AccountabilitySection(
                heading=cells[0].text,
                outcomes_heading=cells[1].text if len(cells) > 1 else None,
                items=[],
                where=cells[0].where,
            )
            continue
        if acc is not None:
            if group_col is not None:
                acc = _grouped_acc_row(st, row, acc, group_col)
                continue
            acc = _acc_row(row, acc)
            continue
        if wide is not None:
            paras = [p for p in cell_paragraphs(wide) if p.text]
            if len(paras) > 1 and is_heading_para(paras[0]) and not any(p.bold for p in paras[1:]):
                # 001: `Key Facts and Figures` heads the values in its own cell
                _close_local(st, local)
                local = None
                _route(st, paras[0].text, paras[0].where, paras[1:])
            elif local is not None:
                local.items.extend(statements(paras))
            elif st.open is not None and st.open.kind not in ("person_spec", "person_spec_list"):
                st.open.items.extend(statements(paras))
            else:
                st.notes.extend(statements(paras))
            continue
        filled = [c for c in row if c.text or c.tables]
        if (
            local is not None
            and not strongest_labels(filled)
            and not any(c is i for c in filled for i in implicit)
        ):
            local.items.extend(statements(p for c in filled for p in cell_paragraphs(c)))
            continue
        _close_local(st, local)
        local = None
        if (tall := _tall_label(table, r, stop)) is not None:
            # `Main duties` merged down the rows of its duties (ho3_rp04): one statement per
            # row, the number typed in its own column left out
            _route(st, tall.text, tall.where, _rows_right_of(table, tall))
            skip.update(range(r + 1, r + tall.row_span))
            continue
        if (more := _continuation_rows(table, r, stop)) and (label := _first_filled(row)):
            # `Key Responsibilities | Inspect play areas.` then rows with an empty label
            # cell (a spreadsheet's one value per row): all of them under that label
            paras = [
                p
                for rr in (r, *more)
                for c in table.rows[rr]
                if c.col != label.col
                for p in cell_paragraphs(c)
            ]
            _route(st, label.text, label.where, paras)
            skip.update(more)
            continue
        _label_value_row(row, st, implicit)
    _close_local(st, local)
    _close_acc(st, acc)


def _first_filled(row: list[Cell]) -> Cell | None:
    return min((c for c in row if c.text), key=lambda c: c.col, default=None)


def _continuation_rows(table: Table, r: int, stop: int) -> list[int]:
    """The rows after a `section label | value` row whose label cell is empty and which
    hold one value each: more of that section. [] when row r labels a detail (`Grade`),
    or its label is not in the first column."""
    label = _first_filled(table.rows[r])
    if label is None or label.col != 0 or label.row_span > 1:
        return []
    filled = [c for c in table.rows[r] if c.text]
    if len(filled) != 2 or not (_section_key(label.text) or _NUMBERED_DUTY.match(label.text)):
        return []
    more: list[int] = []
    for rr in range(r + 1, stop):
        cells = [c for c in table.rows[rr] if c.text or c.tables]
        if len(cells) != 1 or cells[0].col == 0:
            break
        more.append(rr)
    return more


def _tall_label(table: Table, r: int, stop: int) -> Cell | None:
    """The label cell of row r when it is merged down several rows (within ``stop``) and
    the rows beside it hold content."""
    cells = sorted((c for c in table.rows[r] if c.text), key=lambda c: c.col)
    if len(cells) < 2 or not is_label_cell(cells[0]) or cells[0].row_span < 2:
        return None
    if r + cells[0].row_span > stop:
        return None
    return cells[0]


def _rows_right_of(table: Table, label: Cell) -> list[Paragraph]:
    """The paragraphs of the cells right of a tall label, row by row, without a number
    typed in a column of its own."""
    paras: list[Paragraph] = []
    for r in range(label.row, label.row + label.row_span):
        cells = sorted(
            (c for c in table.rows[r] if c.col > label.col and c.text), key=lambda c: c.col
        )
        if len(cells) > 1 and _NUMBER_CELL.match(cells[0].text):
            cells = cells[1:]
        paras += [p for c in cells for p in cell_paragraphs(c) if p.text]
    return paras


def _close_local(st: _State, local: _Open | None) -> None:
    if local is not None:
        _flush(st, local)


def _close_acc(st: _State, acc: AccountabilitySection | None) -> None:
    if acc is not None and acc.items:
        st.accountability_sections.append(acc)


_NUMBER_HEADER = re.compile(r"^(?:no\.?|number|ref\.?|#|item)$", re.IGNORECASE)
# the first header of a document-control / version-history table
_RECORD_HEADER = re.compile(
    r"^(?:version|revision|issue|v\.?|rev\.?|date(?: of (?:change|review|issue))?)(?:\s*no\.?)?$",
    re.IGNORECASE,
)
# `3`, `b)`, `iv.`, `1.2`, or a reference code (`KA1`, `A2`: ho_rp09) in a number column
_NUMBER_CELL = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,2})?|[a-z]|[ivx]{1,4}|[A-Z]{1,4}\s?\d{1,3})[.)]?$", re.IGNORECASE
)


def _group_column(cells: list[Cell]) -> int | None:
    """`Area | Accountability` (ho_rp03): header cells before the one naming the duties,
    none naming a section themselves, head a grouping column; its grid column, else None."""
    keys = [
        "accountabilities" if _DUTY_COLUMN.match(label_text(c.text)) else _section_key(c.text)
        for c in cells
    ]
    if "accountabilities" not in keys[1:] or keys[0] is not None:
        return None
    return cells[0].col


# a column of duties named by what it lists (`Area | Activities`, ho6_rp10)
_DUTY_COLUMN = re.compile(r"^(?:main\s+|key\s+)?(?:activities|tasks|actions)$", re.IGNORECASE)


def _grouped_acc_row(
    st: _State, row: list[Cell], acc: AccountabilitySection, group_col: int
) -> AccountabilitySection:
    """A duty row whose first column names its group: a new group opens a section of its
    own (headed by the group), its duties and outcomes are the cells after it."""
    group = next((c for c in row if c.col == group_col and c.text), None)
    rest = [c for c in row if c.col > group_col]
    if group is not None and group.text != acc.heading:
        _close_acc(st, acc)
        acc = AccountabilitySection(
            heading=label_text(group.text),
            outcomes_heading=acc.outcomes_heading,
            items=[],
            where=group.where,
        )
    return _acc_row(rest, acc)


def _acc_row(row: list[Cell], acc: AccountabilitySection) -> AccountabilitySection:
    cells = sorted((c for c in row if c.text or c.tables), key=lambda c: c.col)
    if len(cells) > 1 and _NUMBER_CELL.match(cells[0].text):
        cells = cells[1:]  # the duty's number in its own column
    if not cells or _total_row(cells):
        return acc
    first = statements(cell_paragraphs(cells[0]))
    rest = [s for c in cells[1:] for s in statements(cell_paragraphs(c))]
    if not first:
        return acc
    item = Accountability(accountability=first, outcomes=rest, where=cells[0].where)
    return acc.model_copy(update={"items": [*acc.items, item]})


_TOTAL = re.compile(r"^(?:(?:sub-?\s?)?totals?|cyfanswm)\s*:?$", re.IGNORECASE)
_FIGURE = re.compile(r"^[\d.,]+\s*%?$")


def _total_row(cells: list[Cell]) -> bool:
    """`Total | 100%` under a `% of time` column (ho5_rp02): arithmetic, not a duty."""
    return bool(_TOTAL.match(cells[0].text)) and all(_FIGURE.match(c.text) for c in cells[1:])


def _implicit_labels(table: Table) -> list[Cell]:
    """Plain label cells named by shape and known field/section names (see formcues)."""
    firsts = implicit_labels(table, lambda t: bool(_section_key(t) or _field_key(t)))
    return firsts if len(firsts) >= 2 else []


def _label_value_row(row: list[Cell], st: _State, implicit: list[Cell] | None = None) -> None:
    """Pairs in a row; a label may sit right of its value (read whichever column it is in)."""
    cells = sorted((c for c in row if c.text or c.fields or c.tables), key=lambda c: c.col)
    labels = strongest_labels(cells) or [c for c in cells if any(c is i for i in implicit or [])]
    if not labels:
        paras = [p for c in cells for p in cell_paragraphs(c)]
        (st.open.items if st.open is not None else st.notes).extend(statements(paras))
        return
    if len(labels) == 2 and len(cells) == 2:
        # both cells look like labels (`Job Title | **Housing Officer**`, nothing shaded):
        # the one naming a known field or section is the label, else the left one
        cued = [c for c in labels if _field_key(c.text) or _section_key(c.text)]
        labels = cued[:1] if len(cued) == 1 else labels[:1]
    if len(labels) == 1 and len(cells) == 2:
        value = cells[0] if cells[1] is labels[0] else cells[1]
        if value.tables:
            _nested_value(st, labels[0], value)
            return
        _route(st, labels[0].text, labels[0].where, list(cell_paragraphs(value)))
        return
    current: Cell | None = None
    values: list[Paragraph] = []
    for cell in cells:
        if any(cell is lab for lab in labels):
            if current is not None:
                _route(st, current.text, current.where, values)
            current, values = cell, []
        else:
            values.extend(cell_paragraphs(cell))
    if current is not None:
        _route(st, current.text, current.where, values)


def _nested_value(st: _State, label: Cell, value: Cell) -> None:
    """A section row whose value cell holds a table of its own (`Person specification` |
    a lead-in over a `Criteria | E or D | Assessed by` table, ho5_rp01): the cell's own
    lines are the section's text; each nested table is read as if under the label."""
    _route(st, label.text, label.where, [p for p in value.paragraphs if p.text])
    for nested in value.tables:
        st.close()
        st.open = _Open(_section_key(label.text) or "other", label_text(label.text), label.where)
        _table(nested, st)
    st.close()


def _vertical_pairs(table: Table, r: int, st: _State) -> None:
    """A header row of labels with their values in the row below (by grid column)."""
    grid = table.grid()
    for cell in sorted(table.rows[r], key=lambda c: c.col):
        if not cell.text:
            continue
        below = grid[r + 1][cell.col]
        paras = list(cell_paragraphs(below)) if below is not None else []
        _route(st, cell.text, cell.where, paras)


# ---------------------------------------------------------------- body paragraphs


def _details_line(p: Paragraph, st: _State) -> bool:
    """`Job title: Planning Officer` or `Post: … Grade: …` written as one paragraph: detail
    fields. Inside duties or criteria a single pair needs a bold label to count (a duty
    may open with a word that happens to name a field)."""
    pairs = inline_pairs(p.text)
    if p.is_list_item or pairs is None:
        return False
    lead = p.lead_run()
    marked = p.bold or (lead is not None and lead.bold) or len(pairs) >= 2
    kind = st.open.kind if st.open is not None else None
    if kind == "accountabilities" and not marked:
        return False
    # a criterion is a phrase, not `Grade: Scale 5` (rpf11's line under its heading)
    if kind in ("person_spec", "person_spec_list") and not marked and len(pairs[0][1].split()) > 6:
        return False
    return _inline_field(st, p)


def _inline_section(p: Paragraph, st: _State) -> bool:
    """`**Job purpose:** To keep the parks safe …`: a bold lead-in naming a section opens
    it, and the rest of the paragraph is its first statement."""
    lead = p.lead_run()
    m = _INLINE.match(p.text)
    if p.is_list_item or p.bold or lead is None or not lead.bold or m is None:
        return False
    label = m.group("label").strip()
    key = _section_key(label)
    if key is None or key == "person_spec" or not is_label_text(label):
        return False
    if not clean(lead.text).rstrip(":; ").startswith(label[: max(1, len(label) // 2)]):
        return False  # the bold run is not the label (`**Note** that duties: …`)
    st.close()
    st.headings_used = True
    st.open = _Open(key, label_text(label), p.where)
    first = Statement(text=m.group("value").strip(), where=p.where)
    if key == "accountabilities":
        st.open.accountabilities.append(Accountability(accountability=[first], where=p.where))
    else:
        st.open.items.append(first)
    return True


def _drop_pspec_intro(st: _State) -> None:
    """Plain lines straight under `Person specification`, before its `Essential criteria`
    group, introduce it (`To be successful in this role you will have …`, ho_rp01)."""
    plain = {id(item) for item in st.pspec_plain}
    st.notes.extend(
        Statement(text=item.text, where=item.where) for item in st.person_spec if id(item) in plain
    )
    st.person_spec = [item for item in st.person_spec if id(item) not in plain]
    st.pspec_plain = []


_SEVERAL_LEVELS = re.compile(r"\blevels\b|behaviou?rs\b", re.IGNORECASE)


def _named_level(p: Paragraph, st: _State) -> bool:
    """A bold `Communicating – Level 2` line under a behaviours heading names a required
    competency (its description follows), not a heading of its own (ho5_rp02)."""
    if st.open is None or st.open.kind != "other":
        return False
    found = role_competencies.from_line(statement(p), st.level_key, st.open.label)
    if found is None:
        return False
    st.competencies.append(found)
    st.names.append(SurfaceName(found.name, "competencies", found.where))
    return True


def _label_line(text: str) -> bool:
    """`JOB PURPOSE:` — a label alone on its line, naming a section or a detail."""
    return (
        text.endswith(":") and is_label_text(text) and bool(_section_key(text) or _field_key(text))
    )


def _after_document_name(p: Paragraph) -> tuple[str, str] | None:
    """(`Job description`, `Post: Countryside Ranger`) for a line where the document's name
    runs into a `Label: value` detail; None for any other line."""
    words = p.text.split()
    for k in range(2, min(5, len(words))):
        head, rest = " ".join(words[:k]), " ".join(words[k:])
        if head.lower() in DOC_NAMES and inline_pairs(rest) is not None:
            return head, rest
    return None


def _continues(s: Statement, items: list[Accountability]) -> bool:
    """A plain line in lower case after a bullet that stops mid-sentence goes on with it."""
    if s.bulleted or not s.text[:1].islower() or not items:
        return False
    last = items[-1].accountability[-1]
    return last.bulleted and not last.text.rstrip().endswith((".", ";", ":", "!", "?"))


_CONTENTS_LINE = re.compile(r"(?:\.{2,}|\s)\s*\d{1,3}$")


def _caps_heading(p: Paragraph) -> bool:
    """`KEY ACCOUNTABILITIES` typed in capitals on a plain Normal line (no heading style, no
    bold, ho6_rp02): a heading when it names a section, a detail or a criteria group
    (`ESSENTIAL CRITERIA`); other capitals lines
    (`WESTBRIDGE BOROUGH COUNCIL`) stay text."""
    letters = [ch for ch in p.text if ch.isalpha()]
    marks = [ch for ch in p.text if not ch.isspace()]
    return (
        not p.is_list_item
        and not _CONTENTS_LINE.search(p.text)  # `JOB PURPOSE ....... 3`: a contents entry
        and len(letters) >= 4
        and len(letters) >= 0.7 * len(marks)  # `PO2 (SCP 30 – 33)` is a value (rpf02)
        and p.text.isupper()
        and is_label_text(p.text)
        and bool(_section_key(p.text) or _field_key(p.text) or requirement_flag(p.text))
    )


_RULE = re.compile(r"^[-=_*~.·•—–]{5,}$")


# `3<tab>Key accountabilities`, `3.2<tab>Partnership working`: a typed outline number, then
# a short name; the number's depth is the heading's rank (ho7_rp04)
_OUTLINE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+(?=[A-Z])")


def _outline_heading(p: Paragraph) -> Paragraph | None:
    """A bold line numbered as a typed outline, with no heading style, is a heading ranked by
    its number's depth (`3` over `3.1` over `3.1.1`); the number is not its text."""
    if p.label and p.bold and p.heading_level is None:
        # the PDF reader made the typed number a list marker (`4.3` before `Other`)
        p = dataclasses.replace(p, text=f"{p.label} {p.text}", bullet=None, label=None)
        p = dataclasses.replace(p, list_level=None)
    if not p.bold or p.is_list_item or p.heading_level is not None:
        return None
    m = _OUTLINE.match(p.text)
    if m is None:
        return None
    rest = p.text[m.end() :]
    if len(rest.split()) > 6 or rest.rstrip().endswith((".", ":")) or not is_label_text(rest):
        return None
    return dataclasses.replace(p, text=rest, heading_level=m.group(1).count(".") + 1)


def _paragraph(p: Paragraph, st: _State) -> None:
    if not p.text or _RULE.match(p.text.replace(" ", "")):
        return  # a line of dashes an HR system prints between sections (ho6_rp01)
    if st.titled is None and is_heading_para(p) and _TITLED.match(p.text):
        # `Role profile: Senior Housing Options Officer` (ho_rp04): the document's heading,
        # naming the post
        st.titled = p
        st.doc_heading = st.doc_heading or p
        return
    outline = _outline_heading(p)
    if outline is not None:
        p = outline
    bare = strip_number(p.text)
    if bare != p.text and not p.is_list_item and _label_line(bare):
        # `6.<tab>**JOB PURPOSE:**` typed with its number (ho_rp02): a section heading
        p = dataclasses.replace(p, text=bare, bold=True)
    named = _after_document_name(p)
    if named is not None:
        # `Job description   Post: Countryside Ranger`: the title and a details box beside
        # it share a baseline, and a PDF reader joins them (ho6_rp05)
        st.doc_heading = st.doc_heading or dataclasses.replace(p, text=named[0])
        p = dataclasses.replace(p, text=named[1], bold=False)
    if _details_line(p, st) or _inline_section(p, st):
        return
    numbered_heading = (  # `1. Job Purpose` in bold on Word numbering, no heading style
        p.bold and p.is_list_item and is_label_text(p.text) and _section_key(p.text) is not None
    )
    awaited = st.open is not None and st.open.kind == "field" and not st.open.items
    heading = is_heading_para(p) or numbered_heading or (not awaited and _caps_heading(p))
    if heading and _named_level(p, st):
        return
    if heading and not _INLINE.match(p.text):
        if st.titled is None and _TITLED.match(p.text):
            st.titled = p
        # `Job Description and Person Specification` names the document, not a section
        key = None if names_the_document(p.text) else _section_key(p.text)
        # a heading that names a detail (`Job title`, `Grade`) labels the paragraph below it
        fkey = _field_key(p.text) if key is None and len(p.text.split()) <= 6 else None
        if fkey == "competency_level" and _SEVERAL_LEVELS.search(p.text):
            fkey = None  # `Behaviours and competency levels` heads a list (ho5_rp02)
        if (
            key is None
            and fkey is None
            and st.doc_heading is None
            and not st.fields
            and not st.open
        ):
            st.doc_heading = p  # the document's own title (`Job Description`)
            return
        st.close()
        st.headings_used = True
        rank = p.heading_level if p.heading_level is not None else 9
        if st.pspec_rank is not None:
            if rank >= st.pspec_rank and rank != st.pspec_rank and _GROUP_WORDS.search(p.text):
                # `Behaviours` inside a success profile (ho6_rp03): requirements named in a
                # list, read as competencies when the section closes
                st.open = _Open("other", label_text(p.text), p.where)
                return
            if _pspec_subheading(p.text, key, rank, st.pspec_rank):
                st.open = _Open("person_spec_list", label_text(p.text), p.where)
                st.open.requirement = _flag(p.text.split()[0]) or _flag_in(p.text)
                if st.open.requirement is not None:
                    _drop_pspec_intro(st)
                return
            st.pspec_rank = None
        if st.duties_rank is not None:
            if (
                key is None
                and fkey is None
                and rank > st.duties_rank
                and not _GROUP_WORDS.search(p.text)  # `Behaviours`: requirements, no duties
            ):
                # `Casework` (Heading 3) under `Main duties` (Heading 1): a group of duties
                st.open = _Open("accountabilities", label_text(p.text), p.where)
                return
            st.duties_rank = None
        flag = requirement_flag(p.text)
        if flag is not None and key in (None, "knowledge_skills_experience", "qualifications"):
            # `Essential criteria` / `Desirable skills` with no person-specification heading
            st.open = _Open("person_spec_list", label_text(p.text), p.where)
            st.open.requirement = flag
            return
        if key == "person_spec":
            st.pspec_rank = rank
        if key == "accountabilities":
            st.duties_rank = rank
        if fkey is not None:
            st.open = _Open("field", label_text(p.text), p.where)
            return
        st.open = _Open(key or "other", label_text(p.text), p.where)
        return
    s = statement(p)
    if st.open is None:
        st.notes.append(s)
        return
    if st.open.kind in ("person_spec", "person_spec_list"):
        sub = st.open.kind == "person_spec_list"
        # `Essential experience` -> group `experience`; a bare `Essential` heading: no group
        group = re.sub(r"\b(?:essential|desirable|criteria)\b", "", st.open.label, flags=re.I)
        section = clean(group) or None if sub else None
        if _assessed_line(s, st):
            return
        if not s.bulleted and sub and s.text.rstrip().endswith(":"):
            st.notes.append(s)  # `You will need to show:` introduces the criteria below
            return
        ref, text = _lead_ref(s.text)
        flagged, methods_named = _named_methods(text)
        item = PersonSpecItem(
            section=section,
            text=text,
            requirement=_marker(flagged) or st.open.requirement or (_flag(ref) if ref else None),
            assessed_by=methods_named or _coded_methods(text, st.key),
            where=s.where,
        )
        if ref:
            st.pspec_refs[ref] = len(st.person_spec)
        st.person_spec.append(item)
        if not sub and not s.bulleted and item.requirement is None:
            st.pspec_plain.append(item)  # maybe the specification's lead-in sentence
        return
    if st.open.kind == "accountabilities":
        if _continues(s, st.open.accountabilities):
            # `of control.` under `… dogs out` (ho6_rp05's PDF): a wrapped bullet's second
            # line that the PDF reader left on its own
            prev = st.open.accountabilities[-1]
            last = prev.accountability[-1]
            joined = last.model_copy(update={"text": f"{last.text} {s.text}"})
            st.open.accountabilities[-1] = prev.model_copy(
                update={"accountability": [*prev.accountability[:-1], joined]}
            )
            return
        if s.bulleted and s.list_level and st.open.accountabilities:
            prev = st.open.accountabilities[-1]
            st.open.accountabilities[-1] = prev.model_copy(
                update={"accountability": [*prev.accountability, s]}
            )
        else:
            st.open.accountabilities.append(Accountability(accountability=[s], where=s.where))
        return
    st.open.items.append(s)


# ---------------------------------------------------------------- the document


_PAGE = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$", re.IGNORECASE)
_TITLED = re.compile(
    r"^((?:job|role|post)\s+(?:description|profile|specification)|person specification)"
    r"\s*[:–—\-]\s*(.+)$",
    re.IGNORECASE,
)


_ORGANISATION = re.compile(
    r"\b(?:council|authority|trust|partnership|association|borough|county|cyngor)\b",
    re.IGNORECASE,
)


def _opens(layout: Layout, p: Paragraph) -> bool:
    """``p`` is the document's first block with text."""
    first = next((b for b in layout.blocks if not isinstance(b, Paragraph) or b.text), None)
    return first is p


def _sized_title(layout: Layout, p: Paragraph) -> bool:
    """``p`` is set larger than any other paragraph and clearly larger than the body text
    (the PDF reader's heading-size test), as a title is where no style marks it."""
    if p.font_size is None:
        return False
    chars: Counter[float] = Counter()
    others: list[float] = []
    for block in layout.blocks:
        if isinstance(block, Paragraph) and block.font_size is not None and block is not p:
            chars[block.font_size] += len(block.text)
            others.append(block.font_size)
    if not chars:
        return False
    body = chars.most_common(1)[0][0]
    return p.font_size > max(others) and p.font_size >= max(body + 1.0, body * 1.15)


def _names_a_post(text: str) -> bool:
    """A title that can only be the post's: no document kind, organisation, section or
    detail named in it, and short."""
    low = text.lower()
    return (
        len(text.split()) <= 10
        and not any(name in low for name in DOC_NAMES)
        and not _ORGANISATION.search(text)
        and _section_key(text) is None
        and _field_key(text) is None
    )


def _closing_notes(layout: Layout) -> list[Paragraph]:
    """Plain paragraphs after the last list or table, with no heading of their own: the
    closing disclaimer of a heading-led document (not the last section's content)."""
    tail: list[Paragraph] = []
    for block in reversed(layout.blocks):
        if isinstance(block, Paragraph):
            if not block.text:
                continue
            if not block.is_list_item and not is_heading_para(block):
                tail.append(block)
                continue
            return tail[::-1] if block.is_list_item else []
        return tail[::-1]
    return []


# a line opening the document's version in another language (`English version`,
# `Fersiwn Saesneg / English version`): the `en` group names English, `cy` Welsh
_VERSION_LINE = re.compile(
    r"^(?:(?P<en>english version|fersiwn saesneg)|(?P<cy>welsh version|fersiwn gymraeg))$",
    re.IGNORECASE,
)


def _one_language(
    blocks: list[Paragraph | Table],
) -> tuple[list[Paragraph | Table], list[Paragraph | Table]]:
    """A job description written in full in Welsh, then again in English under an
    `English version` line (ho5_rp06), states every fact twice: the English version is
    read and the Welsh one set aside (its lines kept as notes), the other way round when a
    `Welsh version` line follows the English. Returns (read, set aside)."""
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or not block.text or len(block.text) > 60:
            continue
        parts = [clean(part) for part in re.split(r"\s+[/|]\s+", block.text)]
        found = [m for part in parts if (m := _VERSION_LINE.match(part))]
        if not found or not any(isinstance(b, Table) or b.text for b in blocks[:i]):
            continue
        if any(m.group("en") for m in found) and not any(m.group("cy") for m in found):
            return list(blocks[i + 1 :]), list(blocks[:i])
        if any(m.group("cy") for m in found) and not any(m.group("en") for m in found):
            return list(blocks[:i]), list(blocks[i + 1 :])
    return list(blocks), []


def extract(layout: Layout) -> Extraction:
    st = _State()
    # keys can sit below the table they explain: read them first (assessment codes, and
    # the numbers of competency level words)
    # … or in the page footer, the only place a template left room for it (ho6_rp10)
    for p in [*layout.paragraphs(), *layout.headers, *layout.footers]:
        for code, meaning in assessment_key(p.text).items():
            st.key.setdefault(code, meaning)
    for table in all_tables(layout):
        for code, meaning in assessment_key_rows(_row_texts(table)).items():
            st.key.setdefault(code, meaning)
        for row in table.rows:
            # a key typed in a full-width row at the table's foot (ho5_rp03)
            wide = full_width(table, row)
            for code, meaning in assessment_key(wide.text if wide else "").items():
                st.key.setdefault(code, meaning)
    st.level_key = role_competencies.level_key(layout)
    closing = {id(p) for p in _closing_notes(layout)}
    blocks, translated = _one_language(layout.blocks)
    st.notes.extend(statements(b for b in translated if isinstance(b, Paragraph)))
    for block in blocks:
        if isinstance(block, Paragraph):
            if id(block) in closing:
                if _assessed_line(statement(block), st):
                    continue  # `Assessed at: Interview` under the last criteria
                st.close()
                if not _details_line(block, st):  # `Pay grade: Grade 5` closing the page
                    st.notes.append(statement(block))
            else:
                _paragraph(block, st)
        else:
            _table(block, st)
    st.close()
    titled = st.titled or st.doc_heading
    if "title" not in st.named and titled is not None:
        # `Job Description – Street Warden`: the role title after a generic document name
        m = _TITLED.match(titled.text)
        if m:
            lv = LabelledValue(
                label=m.group(1), value=m.group(2), raw=titled.text, where=titled.where
            )
            _set_field(st, "title", lv)
        elif (
            titled.heading_level == 0
            or (titled.heading_level == 1 and _opens(layout, titled))
            or (
                titled.heading_level is None
                and _opens(layout, titled)
                and _sized_title(layout, titled)
            )
        ) and _names_a_post(titled.text):
            # an advert titled by the post itself in the Title style (ho_rp01), in Heading 1
            # as the document's first line (ho6_rp03), or in large bold type with no heading
            # style at all (a Google Docs download, ho7_rp02)
            lv = LabelledValue(label="", value=titled.text, raw=titled.text, where=titled.where)
            _set_field(st, "title", lv)
    for table in layout.edge_tables:
        # a details table in the page header (`Role | Grade` over their values, ho3_rp08):
        # only the details the body leaves out are taken from it
        edge = _State(key=st.key)
        _table(table, edge)
        for key, lv in edge.named.items():
            if key not in st.named:
                _set_field(st, key, lv)
    # the post's details printed only in the running header or footer (`Job title: …
    # Grade: …`, ho_rp08; `Pay grade: Grade 5` in a school's footer, ho3_rp03); a detail
    # the body gives wins
    for h in [*layout.headers, *layout.footers]:
        pairs = inline_pairs(h.text) or []
        if any((k := _field_key(label)) and k not in st.named for label, _ in pairs):
            _inline_field(st, h)
    content = _content(st)
    title = content.title.value if content.title else None
    if title is None and st.doc_heading is not None:
        title = st.doc_heading.text
    for name, missing in (
        ("title", content.title is None),
        (
            "accountabilities",
            not content.accountability_sections and not content.person_specification,
        ),
    ):
        if missing:
            st.warnings.append(
                warning(IssueCode.MISSING_SECTION, f"No {name} found in the role profile.")
            )
    if title is None:
        # headers are ignored unless they carry the title (never a page number)
        header = next((h.text for h in layout.headers if h.text and not _PAGE.match(h.text)), None)
        title = header or layout.properties.get("title")
    return Extraction(
        content=content,
        title=title,
        organisation=organisation(layout),
        warnings=st.warnings,
        names=st.names,
    )


def _content(st: _State) -> RoleProfile:
    named = st.named
    # a heading-led document's notes that came before any section are its intro, not notes
    return RoleProfile(
        layout="headings" if st.headings_used else "label_tables",
        title=named.get("title"),
        job_family=named.get("job_family"),
        competency_level=named.get("competency_level"),
        pay_scale=named.get("pay_scale"),
        reports_to=named.get("reports_to"),
        responsible_for=named.get("responsible_for"),
        fields=st.fields,
        progression_stages=st.stages,
        purpose=st.sections.get("purpose"),
        accountability_sections=st.accountability_sections,
        nature_of_contacts=st.sections.get("nature_of_contacts"),
        procedural_context=st.sections.get("procedural_context"),
        dimensions=st.sections.get("dimensions"),
        knowledge_skills_experience=st.sections.get("knowledge_skills_experience"),
        qualifications=st.sections.get("qualifications"),
        person_specification=st.person_spec,
        competencies=st.competencies,
        other_sections=st.other_sections,
        notes=st.notes,
    )


EXTRACTOR = Extractor(DocumentKind.ROLE_PROFILE, "role_profile", VERSION, score, extract)
