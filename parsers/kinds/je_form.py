"""Job evaluation (JE) form extractor: post details, comparator, factors, totals, sign-off.

Reads the layout model only. Factors come from a factor table, from one small labelled
table per factor under a heading or a merged row, or both with a summary repeating them
(``je_factors``, ``je_columns``); labelled fields from label/value cells and `Label:
value` lines (``je_fields``).

Kind score: a weighted sum of independent structural cues, so one missing cue lowers the
score rather than zeroing it (weights sum to 1):

- 0.35 factor structure: a factor table (``je_columns.find_header``: a header naming level /
  points / decision columns over rows of a name and short values), or factor units (a
  heading or merged row naming a factor over a small labelled table of levels); one unit
  alone counts 0.6;
- 0.20 factor vocabulary: names that are factors of public JE schemes (NJC, GLPC, Hay-like),
  4 distinct for the full weight;
- 0.15 decisions: `proposed` / `agreed` / `claimed` / `awarded` / `moderated` / `panel` /
  `benchmark` / `comparator` in short cells or lines;
- 0.10 points: a `points`/`score` label (half) and a `total` label (half);
- 0.15 JE words: `job evaluation`, `evaluation`, `factor matching`, `JE grade` (full), or
  `factor` alone (half);
- 0.05 form cues: a post reference / position number label (half), check boxes (half).

Without any factor structure the sum is halved: JE words and factor names alone (a role
profile that mentions its evaluation, a framework with a `Knowledge` heading) stay low.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from roleframe.parsers.kinds.base import Extraction, Extractor
from roleframe.parsers.kinds.formcues import (
    all_tables,
    cell_paragraphs,
    is_heading_para,
    label_text,
    organisation,
    statements,
    without_spacers,
)
from roleframe.parsers.kinds.je_columns import (
    factors_across,
    find_header,
    header_start,
    read_columns,
    stacked_halves,
)
from roleframe.parsers.kinds.je_factors import (
    Totals,
    Unit,
    close_unit,
    factor_line,
    fill_unit,
    has_level,
    is_label_paragraph,
    level_line,
    looks_like_section,
    name_text,
    read_grid,
    read_units,
)
from roleframe.parsers.kinds.je_fields import (
    FormState,
    column_fields,
    comparator_post,
    grid_table,
    heading,
    loose_total,
    paragraph_checkboxes,
    paragraph_pair,
    post_details,
    take_pair,
    take_totals,
)
from roleframe.parsers.kinds.je_listing import (
    Listing,
    count_units,
    heading_columns,
    leader_lines,
    row_line,
    table_listing,
)
from roleframe.parsers.kinds.je_vocab import (
    Role,
    is_level_label,
    is_scheme_factor,
    roman_level,
    split_numbering,
)
from roleframe.parsers.layout import Layout, Paragraph, Table
from roleframe.schema import DocumentKind, IssueCode, Provenance
from roleframe.schema.issues import warning
from roleframe.schema.je_form import Factor, JEForm, LevelValue, Panel
from roleframe.schema.role_profile import Statement

VERSION = "2"

_PAGE = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$", re.IGNORECASE)
_SCHEME = re.compile(r"^([A-Z]{1,6}\s?\d{1,3}[A-Za-z]?)\b")


# ---------------------------------------------------------------- scoring (kind detection)

_DECISION = re.compile(
    r"\b(propos\w*|agreed|claimed|awarded|moderat\w*|panel|benchmark|comparator|"
    r"arfaethedig|cytunwyd)\b",
    re.I,
)
_POINTS = re.compile(r"\b(points?|pts|scores?|pwyntiau)\b", re.I)
_TOTAL = re.compile(r"\b(total|cyfanswm)\b", re.I)
_JE_WORDS = re.compile(
    r"\bjob evaluation\b|\bevaluat\w*|\bfactor matching\b|\bJE\b|\bmoderation\b|\bgwerthuso\b",
    re.I,
)
_FACTOR = re.compile(r"\bfactors?\b", re.I)
_POST_REF = re.compile(r"\b(post (ref|no|number)|position (no|number)|discrete post)\b", re.I)


@dataclass(frozen=True, slots=True)
class KindCues:
    """The independent cues of a JE form, each in 0..1."""

    structure: float
    vocabulary: float
    decisions: float
    points: float
    words: float
    form: float

    def score(self) -> float:
        s = (
            0.35 * self.structure
            + 0.20 * self.vocabulary
            + 0.15 * self.decisions
            + 0.10 * self.points
            + 0.15 * self.words
            + 0.05 * self.form
        )
        return round(s if self.structure else s / 2, 3)


def kind_cues(layout: Layout) -> KindCues:
    tables = list(all_tables(layout))
    grids: list[tuple[Table, int]] = []
    for t in tables:
        header = find_header(t)
        if header is not None:
            grids.append((t, header))
        elif (across := factors_across(t)) is not None:
            grids.append(across)
    names: set[str] = set()
    for t, header in grids:
        cols = read_columns(t, header)
        grid = t.grid()
        names.update(
            name_text(cell) for row in grid[header + 1 :] if (cell := row[cols.name]) and cell.text
        )
    units = 0
    last_heading: Paragraph | None = None
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            if (line := factor_line(block)) is not None:
                units += 1  # `Knowledge – Level 4 – 86 points`
                names.add(line.name or "")
                continue
            if last_heading is not None and level_line(block) is not None:
                units += 1  # `Level agreed: 4` under the factor's heading
                last_heading = None
            elif is_heading_para(block):
                last_heading = block
                names.add(block.text)
            continue
        found = read_units(block)
        if found is not None and (last_heading is not None or any(u.name for u in found)):
            units += len(found)
            names.update(u.name for u in found if u.name)
        last_heading = None
    units += count_units(layout.blocks)  # a fixed-width report's factor lines (ho6_je01)
    structure = 1.0 if grids or units >= 2 else 0.6 if units else 0.0
    short = [t for t in layout.all_text() if t and len(t.split()) <= 10]
    text = " ".join(layout.all_text())
    checkboxes = any(f.kind == "checkbox" for t in tables for c in t.cells() for f in c.fields)
    return KindCues(
        structure=structure,
        vocabulary=min(1.0, sum(1 for n in names if is_scheme_factor(n)) / 4),
        decisions=1.0 if any(_DECISION.search(t) for t in short) else 0.0,
        points=0.5 * any(_POINTS.search(t) for t in short)
        + 0.5 * any(_TOTAL.search(t) for t in short),
        words=1.0 if _JE_WORDS.search(text) else 0.5 if _FACTOR.search(text) else 0.0,
        form=0.5 * bool(_POST_REF.search(text)) + 0.5 * checkboxes,
    )


def score(layout: Layout) -> float:
    return kind_cues(layout).score()


# ---------------------------------------------------------------- the whole form


def _rows_above(table: Table, stop: int) -> Table:
    return Table(index=table.index, where=table.where, rows=table.rows[:stop], n_cols=table.n_cols)


def _factor_table(table: Table, header: int, st: FormState) -> None:
    cols = read_columns(table, header)
    if st.section == "comparator" and cols.comparator_level is None:
        # a table of its own under a comparator heading: its lone level/score are the
        # comparator's (forms that list the current and the proposed post separately)
        cols.comparator_level, cols.proposed_level = cols.proposed_level, None
        cols.comparator_score, cols.proposed_score = cols.proposed_score, None
        if cols.choices:
            cols.choice_role = Role.COMPARATOR
    st.factor_columns.extend(cols.header_names)
    if st.factor_header_where is None:
        st.factor_header_where = Provenance(table=table.index, row=header)
    column_fields(table, header, cols.fields, st)
    totals = Totals()
    read_grid(table, header, cols, st.factors, totals)
    take_totals(totals, st)


def _add_units(units: list[Unit], head: Paragraph | None, st: FormState) -> int | None:
    """Add the units of one table; a unit without a name of its own takes the heading's.
    Returns the index of the factor the heading named (its evidence may follow)."""
    rows = []
    headed: int | None = None
    for k, unit in enumerate(units):
        if unit.name is not None and unit.where is not None:
            rows.append((unit.factor(unit.name, unit.number, unit.where), unit.number))
        elif head is not None and headed is None:
            name, number = split_numbering(head.text)
            rows.append((unit.factor(name, number, head.where), number))
            headed = k
    placed = st.factors.add(rows)
    return placed[headed] if headed is not None else None


@dataclass(slots=True)
class _Lines:
    """`Level proposed: 3` lines under a factor heading, gathered into one unit."""

    head: Paragraph
    unit: Unit = field(default_factory=lambda: Unit(None, None, None))
    pending: list[LevelValue] = field(default_factory=list)


@dataclass(slots=True)
class _Reader:
    """Reads the blocks in order; a factor heading waits for what follows it (a small
    table, or lines of levels), and plain text after a factor's unit is its evidence."""

    st: FormState
    form_p: Paragraph | None
    consumed: list[Paragraph] = field(default_factory=list)  # read as values, not notes
    head: Paragraph | None = None  # a heading that may name the next factor unit
    lines: _Lines | None = None
    evidence_for: int | None = None  # the factor whose evidence paragraphs follow its unit
    answer: list[Statement] = field(default_factory=list)  # an answer box under the heading
    last_grid: tuple[Table, int] | None = None  # the factor table just read, and its header
    listing: Listing | None = None  # a fixed-width report's factor lines (ho6_je01)

    def end_listing(self) -> None:
        listing, self.listing = self.listing, None
        if listing is not None and listing.units:
            _add_units(listing.units, None, self.st)
            self.st.section = "totals"

    def paragraph(self, p: Paragraph) -> None:
        lines = leader_lines(p)
        if len(lines) > 1:
            for line in lines:
                self.paragraph(line)
            return
        st = self.st
        if self.listing is not None and self.listing.take(p.text, p.where):
            self.consumed.append(p)
            return
        self.end_listing()
        if (listing_heading := heading_columns(p.text)) is not None:
            self.flush()
            self.listing = Listing(listing_heading)
            self.consumed.append(p)
            return
        if p.text:
            self.last_grid = None
        unit = factor_line(p)
        if unit is not None:
            self.flush()
            _add_units([unit], None, st)
            self.consumed.append(p)
            st.section = "totals"
            return
        levels = level_line(p) if self.head is not None or self.lines is not None else None
        if levels is not None:
            if self.lines is None:
                assert self.head is not None
                self.lines, self.head = _Lines(self.head), None
            for label, cell in levels:
                fill_unit(self.lines.unit, label, [cell], self.lines.pending)
            self.consumed.append(p)
            return
        self.flush()
        pair = paragraph_pair(p) if not p.fields else None
        if any(f.kind == "checkbox" for f in p.fields):
            # a check-box sentence outside any table (002 .pdf: the attachments line)
            st.attachments.extend(paragraph_checkboxes([p], ""))
        elif self.evidence_for is not None and is_label_paragraph(p):
            self.consumed.append(p)  # the bold `Evidence` over a unit's text
        elif st.factors and (total := loose_total(p)) is not None:
            st.totals[total[0]] = total[1]
            self.consumed.append(p)
        elif pair is not None:
            take_pair(pair, st)
            self.consumed.append(p)
        elif p is not self.form_p and is_heading_para(p):
            heading(label_text(p.text), p.where, st)
            self.head = None if looks_like_section(p.text) else p
            self.answer = []
            self.evidence_for = None
        elif self.evidence_for is not None:
            st.factors.append_evidence(self.evidence_for, statements([p]))
            self.consumed.append(p)

    def flush(self) -> None:
        """Lines of levels end at the first other block: they make one factor."""
        lines, self.lines = self.lines, None
        if lines is None:
            return
        unit = close_unit(lines.unit, lines.pending)
        if has_level(unit):
            self.evidence_for = _add_units([unit], lines.head, self.st)
            self.consumed.append(lines.head)
            self.st.section = "totals"

    def table(self, block: Table) -> None:
        st = self.st
        self.flush()
        self.evidence_for = None
        listing, stop = table_listing(block, self.listing)
        if listing is not None and stop > 0:
            # a PDF of a fixed-width report: rows that are the listing's lines
            # (the rows after it are the report's lines too: `TOTAL 444`, `GRADE : 6`)
            self.listing = listing
            if stop < block.n_rows:
                self.end_listing()
                for r in range(stop, block.n_rows):
                    if (line := row_line(block, r)) is not None:
                        self.paragraph(Paragraph(text=line[0], where=line[1]))
            return
        self.end_listing()
        for table in map(without_spacers, _with_nested(block)):
            header = find_header(table)
            if header is not None and (posts := _posts_down(table, header)) > 1:
                st.warnings.append(
                    warning(
                        IssueCode.AMBIGUOUS_LAYOUT,
                        f"A results table of {posts} posts with the factors across: a JE "
                        "form holds one post's evaluation, so its rows are not read as "
                        "factors (ingest each post's own form).",
                        table.where,
                    )
                )
                self.head, self.answer = None, []
                continue
            if header is None and self.last_grid is not None:
                joined = _continuation(*self.last_grid, table)
                if joined is not None:
                    totals = Totals()
                    read_grid(
                        joined,
                        self.last_grid[1],
                        read_columns(joined, self.last_grid[1]),
                        st.factors,
                        totals,
                    )
                    take_totals(totals, st)
                    continue
            self.last_grid = None
            if header is None and (across := factors_across(table)) is not None:
                table, header = across
            if header is not None:
                table = stacked_halves(table, header) or table
                start = header_start(table, header)
                if start:
                    grid_table(_rows_above(table, start), st)
                _factor_table(table, header, st)
                self.last_grid = (table, header)
                st.section = "totals"
                self.head = None
                continue
            units = read_units(table)
            if units is not None and (self.head is not None or any(u.name for u in units)):
                if self.answer and len(units) == 1 and units[0].name is None:
                    units[0].evidence[:0] = self.answer  # the answer box above the unit
                self.answer = []
                self.evidence_for = _add_units(units, self.head, st)
                if self.evidence_for is not None and self.head is not None:
                    self.consumed.append(self.head)
                st.section = "totals"
                self.head = None
                continue
            if self.head is not None and _answer_box(table):
                self.answer = statements(cell_paragraphs(table.rows[0][0]))
                continue
            grid_table(table, st)
            self.head, self.answer = None, []


def _continuation(previous: Table, header: int, table: Table) -> Table | None:
    """A headerless table right after a factor table, as wide, whose rows read as factor
    rows under that table's header: the rest of the factor table, split by hand at a page
    break (ho5_je04). The joined table: the header rows, then this table's rows (its cells
    keep where they sit in the file)."""
    if table.n_cols != previous.n_cols or find_header(table) is not None:
        return None
    head = previous.rows[: header + 1]
    shifted = [[replace(c, row=c.row + header + 1) for c in row] for row in table.rows]
    joined = Table(
        index=table.index, where=table.where, rows=[*head, *shifted], n_cols=table.n_cols
    )
    return joined if find_header(joined) == header else None


def _posts_down(table: Table, header: int) -> int:
    """How many posts a table lists down with the factors across its header (a JE results
    summary: `Post | Knowledge | Mental Skills | … | Total points | Grade`); 0 when three
    or more header cells are not scheme factors. Rows labelled as a level, points or a
    stage (`Panel level`) are one post's, not other posts."""
    heads = [c.text for c in table.rows[header] if c.col > 0 and c.text]
    if sum(is_scheme_factor(h) for h in heads) < 3:
        return 0
    firsts = [
        c.text
        for row in table.rows[header + 1 :]
        for c in row
        if c.col == 0 and c.text and not is_level_label(c.text)
    ]
    return len(firsts)


def _answer_box(table: Table) -> bool:
    """A one-cell box of free text (the answer to a questionnaire's question, ho5_je01):
    the factor heading above it still names the unit that follows."""
    cells = [c for row in table.rows for c in row if c.text]
    return (
        len(table.rows) == 1
        and len(cells) == 1
        and table.n_cols == 1
        and len(cells[0].text.split()) > 3
    )


def extract(layout: Layout) -> Extraction:
    form_p, subtitle, instructions = _titles(layout)
    reader = _Reader(FormState(), form_p)
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            reader.paragraph(block)
        else:
            reader.table(block)
    reader.flush()
    reader.end_listing()
    for table in layout.edge_tables:
        # the post's details in the running page header (`Job title | Directorate …` over
        # their values, ho6_je08): only the details the body leaves out
        edge = FormState()
        grid_table(table, edge)
        for slot, value in edge.post.values.items():
            reader.st.post.values.setdefault(slot, value)
    return _assemble(layout, reader.st, form_p, subtitle, instructions, reader.consumed)


def _assemble(
    layout: Layout,
    st: FormState,
    form_p: Paragraph | None,
    subtitle: Paragraph | None,
    instructions: list[Paragraph],
    consumed: list[Paragraph],
) -> Extraction:
    post = post_details(st)
    comp = comparator_post(st)
    total = st.totals.get("total")
    grade = st.totals.get("grade")
    st.warnings.extend(st.factors.warnings())
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
        factors=_roman_ones(st.factors.factors),
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


def _roman_ones(factors: list[Factor]) -> list[Factor]:
    """On a form whose levels are Roman numerals (ho4_je02, GLPC), a lone `I` is level 1,
    not the letter grade it would be on a lettered scale."""

    def is_roman(level: LevelValue | None) -> bool:
        return level is not None and level.value is not None and roman_level(level.raw) is not None

    levels = [lv for f in factors for lv in (f.proposed_level, f.agreed_level, f.comparator_level)]
    if not any(is_roman(lv) for lv in levels):
        return factors

    def one(level: LevelValue | None) -> LevelValue | None:
        if level is None or level.value is not None or level.code is None:
            return level
        value = roman_level(level.raw, alone=True)
        return level if value is None else level.model_copy(update={"value": value, "code": None})

    return [
        f.model_copy(
            update={
                "proposed_level": one(f.proposed_level),
                "agreed_level": one(f.agreed_level),
                "comparator_level": one(f.comparator_level),
            }
        )
        for f in factors
    ]


def _with_nested(table: Table) -> list[Table]:
    """The table in reading order with the tables nested in its cells: runs of plain rows
    as tables of their own, each nested table right after the row that holds it (a form
    boxed in one outer table, jef17: its grade line comes after the nested factor table)."""
    if not any(cell.tables for cell in table.cells()):
        return [table]
    out: list[Table] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            out.append(_rows_of(table, run))
            run.clear()

    for r, row in enumerate(table.rows):
        nested = [t for cell in sorted(row, key=lambda c: c.col) for t in cell.tables]
        run.append(r)
        if nested:
            flush()
            for t in nested:
                out.extend(_with_nested(t))
    flush()
    return out


def _rows_of(table: Table, rows: list[int]) -> Table:
    """Consecutive rows of a table as a table of their own, renumbered from 0 (cells keep
    their provenance)."""
    first = rows[0]
    return Table(
        index=table.index,
        where=table.where,
        rows=[[replace(c, row=c.row - first) for c in table.rows[r]] for r in rows],
        n_cols=table.n_cols,
    )


def _names_a_unit(layout: Layout, p: Paragraph) -> bool:
    """A heading right above a factor's small table names the factor, not the form."""
    i = layout.blocks.index(p)
    nxt = layout.blocks[i + 1] if i + 1 < len(layout.blocks) else None
    return isinstance(nxt, Table) and find_header(nxt) is None and read_units(nxt) is not None


def _titles(layout: Layout) -> tuple[Paragraph | None, Paragraph | None, list[Paragraph]]:
    """Form name (first heading-like body paragraph), the line under it, other loose text."""
    paras = [b for b in layout.blocks if isinstance(b, Paragraph) and b.text]
    form = next((p for p in paras if is_heading_para(p) and not _names_a_unit(layout, p)), None)
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


EXTRACTOR = Extractor(DocumentKind.JE_FORM, "je_form", VERSION, score, extract)
