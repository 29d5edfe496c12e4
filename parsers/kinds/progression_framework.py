"""Career progression framework extractor: sections, roles, bands, categories, statements.

Reads only the layout model (Word, PDF and spreadsheets alike). Cues:
- headings: the level that is followed by band tables, or that sits above band headings,
  is the role level; shallower headings are sections (team names); a role heading carries
  post numbers `(PN: …)`, a grade after a dash (`– Range 4`, `– Scale 4 to SO1`) or in
  brackets (`(Grades 7–9)`), sometimes a job-family note in trailing brackets; where roles
  are bold body lines, the line before the role's table is the role;
- bands (``progression_bands``): labels with a band word (`Level A (Developing)`,
  `Stage 2 – Practitioner (Grade 8)`), step words (`Trainee`, `Entry` + `(Grade 8)`), or
  bare numbers under a `Band` header; a band's grade is the bracketed grade of its label;
- band tables (``progression_tables``): bands across the header row (categories as rows,
  named in the cells or by a label column), bands down the first column (categories as
  column headers), full-width band rows over `category | statements` rows; a roles x bands
  matrix with role and grade columns holds several roles;
- bands as sections (``progression_sections``): a heading per band, bold category lines
  over bullets, how-to-progress guidance kept apart from the statements;
- a role table without band labels (one row of `Level 2 … Apprenticeship` cells) is an
  apprenticeship: it is kept as such, never forced into bands.

The kind score adds independent cues (band tables, band headings over categories, role
headings with grades or post numbers, category words as labels, progression wording), so
one missing cue lowers the score without zeroing it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from roleframe.parsers.kinds.base import Extraction, Extractor, SurfaceName
from roleframe.parsers.kinds.framework_common import (
    AFTER_POST,
    CATEGORY_WORD,
    GRADE_BRACKET,
    NO_POST,
    POST_NUMBER,
    POST_TOKEN,
    cell_paragraphs,
    first_text,
    is_bold,
    labelled_role_line,
    looks_like_role,
    organisation_in_text,
    roles_before_tables,
    word_count,
)
from roleframe.parsers.kinds.framework_tables import tidy_layout
from roleframe.parsers.kinds.progression_bands import BandLabel, parse_band_label
from roleframe.parsers.kinds.progression_grades import grade_number
from roleframe.parsers.kinds.progression_labels import labelled_lines
from roleframe.parsers.kinds.progression_long import long_columns, read_long
from roleframe.parsers.kinds.progression_sections import (
    SectionBand,
    band_heading,
    category_label,
    guidance_label,
)
from roleframe.parsers.kinds.progression_tables import (
    UNLABELLED,
    BandAxis,
    BandBuild,
    MatrixRole,
    band_axis,
    form_role_lines,
    is_category_table,
    is_form_table,
    label_text,
    matrix_roles,
    read_band_blocks,
    read_bands_as_columns,
    read_bands_as_rows,
    read_category_columns,
    read_category_rows,
    scan_labels,
    scores_table,
    split_guidance,
    title_row_role,
)
from roleframe.parsers.layout import Block, Layout, Paragraph, Table
from roleframe.schema import DocumentKind, Issue, IssueCode, Provenance
from roleframe.schema.issues import warning
from roleframe.schema.progression_framework import (
    Apprenticeship,
    Band,
    GradeNumber,
    ProgressionFramework,
    Role,
    Text,
)

VERSION = "2"

_PAREN_LINE = re.compile(r"^\((?P<note>[^()]+)\)\.?$")
# A document title's tail after the profession: `… Career Pathway`, `… Career Progression
# Framework 2025`, `… Career Grade Scheme`.
# Also on a role heading: `Building Control Surveyor – Career Ladder` (ho_pf03), `Asset
# Surveyor route` (ho_pf05), `Planning Officer career grade` (ho_pf02) name the post.
_TITLE_TAIL = re.compile(
    r"\s+(?:(?:career|progression|development|grade)\s+)*"
    r"(?:pathways?|framework|scheme|ladder|progression|routes?|(?<=career\s)grade)"
    r"(?:\s+\d{4}(?:\s*[-–/]\s*\d{2,4})?)?$",
    re.IGNORECASE,
)


def profession(title: str) -> str:
    """`Customer Services Officer Career Pathway` -> `Customer Services Officer`."""
    return _TITLE_TAIL.sub("", title).strip(" -–—:") or title


# Headings of a framework's own guidance sections (`How the stages work`, `Introduction`).
_ABOUT = re.compile(
    r"^(?:introduction|overview|about\s+(?:this|the|our)|summary|background|purpose|contents|"
    r"glossary|how\s|what\s|why\s|using\s|notes?\s+(?:on|for|to)\b)",
    re.IGNORECASE,
)
_TITLE_LABEL = re.compile(
    r"^(?:role|post|job(?:\s+title)?|position|post\s+title|role\s+title)\s*:\s*", re.I
)
# A lead line giving the grade of a role whose heading has none: `Grade: 6`, `Grades 5–7`.
_GRADE_LINE = re.compile(
    r"^(?:grades?(?:\s+range)?|scale|pay\s+(?:band|grade|scale)|salary\s+grade)\b"
    r"(?:\s*:\s*(?P<value>.+)|\s+\S.*)$",
    re.IGNORECASE,
)
# Typed outline numbers before a heading's title: `1. Licensing Officer`, `2.3 Officer`.
_OUTLINE_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s+(?=[A-Za-z])")


def band_label(text: str) -> tuple[str, str | None] | None:
    """A band header -> (key, name): `Level A (Developing)` -> (`A`, `Developing`)."""
    parsed = parse_band_label(text)
    return (parsed.key, parsed.name) if parsed else None


# --- role headings ----------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    title: str
    post_number_raw: str | None
    post_numbers: list[str]
    grade: str | None
    grade_number: GradeNumber | None
    note: str | None


def parse_role_heading(text: str) -> Heading:
    """`Data and Insight Manager (PN: 11144 & 11144A) – Range 5 (note)` -> its parts."""
    pm = POST_NUMBER.search(text)
    grade = note = pn = None
    if pm:
        title = text[: pm.start()].strip(" -–—")
        pn = pm.group("pn").strip() or None
        am = AFTER_POST.match(text[pm.end() :])
        if am:
            grade = am.group("grade").strip() or None
            note = am.group("note")
        else:
            rest = text[pm.end() :].strip(" -–—")
            grade = rest or None
    else:
        nm = NO_POST.match(text)
        bm = GRADE_BRACKET.match(text)
        if nm:
            title, grade, note = nm.group("title").strip(), nm.group("grade").strip(), nm["note"]
        elif bm:
            # `Trading Standards Officer (Grades 7–9)`: a bracketed grade range is the grade.
            title, grade = bm.group("title").strip(), bm.group("grade").strip()
        else:
            title = text
    if pm and grade is None:
        # `Housing Options Officer – Grade 6 (Post ref: HO12)`: the grade before the number.
        nm = NO_POST.match(title)
        if nm:
            title, grade = nm.group("title").strip(), nm.group("grade").strip()
            note = note or nm.group("note")
    if grade and grade.startswith("(") and grade.endswith(")"):
        grade = grade[1:-1].strip() or None  # `Officer (PN: 12) (Grade 5)`
    # `1. Licensing Officer – Scale 4 to SO1`: a typed outline number is not the title,
    # nor is a `Job title:` label.
    title = _TITLE_LABEL.sub("", _OUTLINE_NUMBER.sub("", title))
    numbers = POST_TOKEN.findall(pn) if pn else []
    return Heading(
        title=title,
        post_number_raw=pn,
        post_numbers=numbers,
        grade=grade,
        grade_number=grade_number(grade),
        note=note.strip() if note else None,
    )


# --- the extractor ----------------------------------------------------------------------


@dataclass
class _RoleBuild:
    heading_raw: str
    where: Provenance
    parsed: Heading
    section: str | None
    notes: list[Text] = field(default_factory=list)
    duties: list[Text] = field(default_factory=list)
    family_note: str | None = None
    bands: list[BandBuild] | None = None
    apprenticeship_levels: list[Text] | None = None
    after: list[Text] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @classmethod
    def from_line(cls, p: Paragraph, section: str | None) -> _RoleBuild:
        return cls(p.text, p.where, parse_role_heading(p.text), section)

    def add_bands(self, built: list[BandBuild]) -> None:
        self.bands = (self.bands or []) + built
        for band in built:
            split_guidance(band)
            self.warnings.extend(
                warning(
                    IssueCode.AMBIGUOUS_LAYOUT,
                    f"A requirements cell of band {band.label.label!r} ({self.parsed.title}) "
                    "has no category label and its position does not imply one.",
                    cat.where,
                )
                for cat in band.categories
                if cat.category == UNLABELLED
            )


def band_headings(blocks: list[Block]) -> dict[int, BandLabel]:
    """Block index -> the band a heading or bold line names (bands as sections)."""
    out: dict[int, BandLabel] = {}
    for i in range(len(blocks)):
        found = band_heading(blocks, i)
        if found is not None:
            out[i] = found
    return out


def _role_level(blocks: list[Block], band_heads: dict[int, BandLabel]) -> int | None:
    """The heading level of roles: the level of headings directly followed by a table or
    by band headings (a band heading itself is never a role)."""
    counts: Counter[int] = Counter()
    last: Paragraph | None = None
    band_level: int | None = None  # inside a band section: deeper headings are its categories
    for i, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            level = block.heading_level
            if i in band_heads:
                if last is not None and last.heading_level is not None:
                    counts[last.heading_level] += 1
                last = None
                band_level = level if level is not None and level >= 1 else band_level
            elif level is not None and level >= 1:
                if band_level is not None and level > band_level:
                    continue
                band_level = None
                last = block
            elif last is not None and (
                (is_bold(block) and looks_like_role(block.text)) or labelled_role_line(block)
            ):
                last = None  # the role is this bold (or `Role:`) line; the heading is a section
        elif (
            last is not None
            and last.heading_level is not None
            # A one-column box (advice, a note) is not a role's table.
            and (block.n_cols > 1 or _level_strip(block))
        ):
            counts[last.heading_level] += 1
            last = None
    return counts.most_common(1)[0][0] if counts else None


def _level_strip(table: Table) -> bool:
    """One row of short single-line cells: an apprentice post's list of levels."""
    cells = [c for c in table.cells() if c.text]
    return (
        table.n_rows == 1
        and bool(cells)
        and all(len(cell_paragraphs(c)) == 1 and word_count(c.text) <= 8 for c in cells)
    )


def _lead_paragraph(role: _RoleBuild, p: Paragraph) -> None:
    """A paragraph between a role heading and its table: grade line, job-family note, note
    or duty."""
    t = Text(text=p.text, where=p.where)
    pm = _PAREN_LINE.match(p.text)
    if not p.is_list_item and _grade_line(role, p.text):
        pass  # `Grade: 6` under a heading that prints none: the value is the grade.
    elif pm and role.family_note is None and not role.duties:
        # Income Arrears Assistant: `(Role sits within …)` on its own line.
        role.family_note = pm.group("note").strip()
    elif (p.italic or is_bold(p)) and not p.is_list_item and word_count(p.text) <= 12:
        role.notes.append(t)
    else:
        role.duties.append(t)


def _grade_line(role: _RoleBuild, text: str) -> bool:
    """`Grade: 6` / `Grade range: Grades 7–10` for a role whose heading prints no grade:
    the value is its grade. Whether the line was one."""
    gm = _GRADE_LINE.match(text)
    if gm is None or role.parsed.grade is not None or word_count(text) > 6:
        return False
    grade = (gm.group("value") or text).strip()
    number = grade_number(text.replace(":", " "))
    role.parsed = replace(role.parsed, grade=grade, grade_number=number)
    return True


def _key_value_rows(table: Table) -> list[str]:
    """A two-column key-value table's rows as `Label: value` lines."""
    if table.n_cols != 2:
        return []
    out = []
    for row in table.rows:
        cells = [c for c in row if c.text]
        if len(cells) == 2 and word_count(cells[0].text) <= 4:
            out.append(f"{cells[0].text.rstrip(':')}: {cells[1].text}")
    return out


def _role_line(p: Paragraph) -> bool:
    """A body paragraph that can stand for a role heading: post numbers/grade, or a short
    bold upright line that is not a lead-in (`Main duties include:`)."""
    if p.is_list_item:
        return False
    if looks_like_role(p.text):
        return True
    if labelled_role_line(p):
        return True  # `**Role:** Library Assistant` (ho5_pf04)
    return is_bold(p) and not p.italic and word_count(p.text) <= 14 and not p.text.endswith(":")


class _Walk:
    """One pass over the blocks: sections, roles, their bands (tables or sections)."""

    def __init__(self, layout: Layout) -> None:
        self.blocks = layout.blocks
        tables = layout.tables()
        self.axes = {id(t): axis for t in tables if (axis := band_axis(t)) is not None}
        self.order = scan_labels(self.axes, tables)
        self.known = {o.casefold() for o in self.order}
        self.band_heads = band_headings(self.blocks)
        self.role_level = _role_level(self.blocks, self.band_heads)
        self.title: str | None = None
        self.title_where: Provenance | None = None
        self.sections: list[Text] = []
        self.roles: list[_RoleBuild] = []
        self.role: _RoleBuild | None = None
        self.after_table = False
        # Paragraphs not owned by a heading role yet: where a role heading is a plain bold
        # paragraph (no heading style), it is found among these when its table arrives.
        self.loose: list[Paragraph] = []
        self.band: SectionBand | None = None
        self.band_owner: _RoleBuild | None = None

    @property
    def section(self) -> str | None:
        return self.sections[-1].text if self.sections else None

    def run(self) -> None:
        for i, block in enumerate(self.blocks):
            if isinstance(block, Paragraph):
                if i in self.band_heads:
                    self._band_heading(block, self.band_heads[i])
                else:
                    self._paragraph(block)
            else:
                self._table(block)
        self._close_band()

    # -- bands as sections
    def _close_band(self) -> None:
        if self.band is not None and self.band_owner is not None:
            band = self.band.finish()
            if band is not None:
                self.band_owner.add_bands([band])
        self.band = self.band_owner = None

    def _band_heading(self, p: Paragraph, label: BandLabel) -> None:
        self._close_band()
        if self.role is None or self.after_table:
            self._role_from_loose()
        if self.role is None and self.sections:
            # A profession's bands under a plain heading (`Occupational Therapy`): the
            # heading names the role.
            head = self.sections.pop()
            self.role = _RoleBuild(head.text, head.where, parse_role_heading(head.text), None)
            self.role.section = self.section
            self.roles.append(self.role)
        if self.role is None and self.title is not None and not self.roles:
            # One profession's bands under the document title alone (`Customer Services
            # Officer Career Pathway`): the title names the role.
            where = self.title_where or p.where
            self.role = _RoleBuild(self.title, where, parse_role_heading(self.title), None)
            self.roles.append(self.role)
        if self.role is None:
            return
        self.after_table = False
        self.band = SectionBand(label, p)
        self.band_owner = self.role

    # -- paragraphs
    def _paragraph(self, p: Paragraph) -> None:
        level = p.heading_level
        if self.band is not None and (level is None or level < 1 or self.band.owns(p)):
            if (
                level is None
                and not p.is_list_item
                and ((is_bold(p) and looks_like_role(p.text)) or labelled_role_line(p))
            ):
                # manual_formatting: the next role's bold line ends the last band; so does
                # an HR report's next `Post title:` line (ho6_pf01)
                self._close_band()
                self.role, self.loose = None, [p]
                return
            if self.band.ends_at(p):
                self._close_band()
                self.role, self.loose = None, [p]
                return
            self.band.paragraph(p)
            return
        if level is not None and level >= 1:
            self._close_band()
            self._heading(p, level)
            return
        role = self.role
        if role is None:
            if (
                self.title is None
                and not self.sections
                and not self.loose
                and (level == 0 or is_bold(p))
                and not looks_like_role(p.text)  # `Parks Ranger – Grades 4 to 6` on a sheet
            ):
                self.title, self.title_where = p.text, p.where
            else:
                self.loose.append(p)
            return
        if self.after_table:
            role.after.append(Text(text=p.text, where=p.where))
            self.loose.append(p)
            return
        _lead_paragraph(role, p)

    def _heading(self, p: Paragraph, level: int) -> None:
        role_level = self.role_level
        is_role = (level == role_level) or (role_level is None and looks_like_role(p.text))
        if is_role:
            self.role = _RoleBuild.from_line(p, self.section)
            self.roles.append(self.role)
            self.after_table = False
            self.loose = []
            return
        if role_level is not None and level > role_level:
            return  # a sub-heading inside a role
        self.sections.append(Text(text=p.text, where=p.where))
        self.role, self.loose = None, []

    def _role_from_loose(self) -> None:
        """The role line among the loose paragraphs (the last one that reads like one)."""
        loose = self.loose
        at = next((i for i in range(len(loose) - 1, -1, -1) if _role_line(loose[i])), None)
        if at is not None:
            head = loose[at]
            if self.role is not None:
                self.role.after = self.role.after[: len(self.role.after) - (len(loose) - at)]
            self.role = _RoleBuild.from_line(head, self.section)
            self.roles.append(self.role)
            for p in loose[at + 1 :]:
                _lead_paragraph(self.role, p)
            self.after_table = False
        self.loose = []

    # -- tables
    def _table(self, table: Table) -> None:
        cols = long_columns(table)
        if cols is not None:
            self._close_band()
            self._long(table, cols)
            return
        axis = self.axes.get(id(table))
        if axis is None and is_form_table(table):
            return  # a sign-off form, no requirements
        if axis is None and scores_table(table):
            self._close_band()
            return  # a job-evaluation summary beside the pathway (ho6_pf06), no requirements
        if self.band is not None:
            if axis is None and table.n_cols == 1:
                self.band.box(table)  # a shaded box of advice under the band
                return
            if axis is None and is_category_table(table):
                first = self.band.grade_row(table)
                rows = range(first, table.n_rows)
                self.band.categories(read_category_rows(table, rows, self.known))
                return
            columns = read_category_columns(table) if axis is None else None
            if columns is not None:
                self.band.categories(columns)  # `Knowledge | Skills` over their statements
                return
            self._close_band()
        if axis is not None:
            split = matrix_roles(table, axis)
            if split:
                self._matrix(table, axis, split)
                return
            form = form_role_lines(table, axis)
            if form:
                # ho6_pf02: a scanned form's `Job title: … | Grade range: …` row names the post
                self._close_band()
                self.loose = form
                self._role_from_loose()
                if self.role is not None:
                    self.role.add_bands(self._read(table, axis))
                    self.role, self.loose, self.after_table = None, [], False
                    return
            named = title_row_role(table, axis)
            if named is not None:
                named_role = self._role_of(first_text(named), None, named.where)
                named_role.add_bands(self._read(table, axis))
                self.role, self.loose, self.after_table = None, [], False
                return
        if self.role is None or self.after_table:
            self._role_from_loose()
        role = self.role
        if role is None:
            return
        if axis is not None:
            role.add_bands(self._read(table, axis))
        elif role.bands is None and any(_grade_line(role, row) for row in _key_value_rows(table)):
            return  # `Grade range | Grades 7–10` under the role line (ho7_pf03): its grade
        elif role.bands is None and role.apprenticeship_levels is None and _level_strip(table):
            role.apprenticeship_levels = [
                Text(text=c.text, where=c.where) for c in table.cells() if c.text
            ]
        else:
            role.warnings.append(
                warning(
                    IssueCode.AMBIGUOUS_LAYOUT,
                    f"A table under {role.parsed.title!r} has neither band labels nor a single "
                    "row of apprenticeship levels; it was not read.",
                    table.where,
                )
            )
        self.after_table = True

    def _read(self, table: Table, axis: BandAxis, rows: range | None = None) -> list[BandBuild]:
        if axis.orientation == "columns":
            return read_bands_as_columns(table, axis, self.order, self.known, rows)
        if axis.orientation == "rows":
            return read_bands_as_rows(table, axis, rows)
        return read_band_blocks(table, axis, self.known)

    def _long(self, table: Table, cols: dict[str, int]) -> None:
        """A long-format table: one row per requirement, roles named in a column (or the
        role line above the table when there is no role column)."""
        parts = read_long(table, cols)
        for part in parts:
            if part.title is None:
                if self.role is None or self.after_table:
                    self._role_from_loose()
                if self.role is not None:
                    self.role.add_bands(part.bands)
                    self.after_table = True
                continue
            role = self._role_of(part.title, part.grade, part.where or table.where)
            role.add_bands(part.bands)
        if any(part.title for part in parts):
            self.role, self.loose, self.after_table = None, [], False

    def _role_of(self, text: str, grade: str | None, where: Provenance) -> _RoleBuild:
        """A role named in a table cell, with the grade from its grade cell."""
        parsed = parse_role_heading(text)
        if grade:
            parsed = Heading(
                parsed.title,
                parsed.post_number_raw,
                parsed.post_numbers,
                grade,
                grade_number(grade),
                parsed.note,
            )
        role = _RoleBuild(text, where, parsed, self.section)
        self.roles.append(role)
        return role

    def _matrix(self, table: Table, axis: BandAxis, split: list[MatrixRole]) -> None:
        """A roles x bands matrix: one role per group of rows."""
        for part in split:
            text = label_text(first_text(part.title))
            grade = label_text(part.grade.text) if part.grade is not None else None
            role = self._role_of(text, grade, part.title.where)
            role.add_bands(self._read(table, axis, part.rows))
        self.role, self.loose, self.after_table = None, [], False


def extract(layout: Layout) -> Extraction:
    layout = labelled_lines(tidy_layout(layout))
    walk = _Walk(layout)
    walk.run()
    title, sections, roles = walk.title, walk.sections, walk.roles
    warnings: list[Issue] = []
    if title is None and sections and not any(r.section == sections[0].text for r in roles):
        # 004 PDF: the title line is printed as a heading like the sections, but no role
        # sits under it.
        title = sections.pop(0).text
    # A heading that is followed by some table but reads like no post (a skills matrix's
    # `1. Service Skills…`) is not a role.
    roles = [
        r
        for r in roles
        if r.bands is not None
        or r.apprenticeship_levels is not None
        or looks_like_role(r.heading_raw)
    ]
    if any(looks_like_role(r.heading_raw) for r in roles):
        # stages_as_sections: `How the stages work` over a table of the stages is guidance,
        # not a post, where the posts' headings carry grades or post numbers.
        roles = [
            r for r in roles if looks_like_role(r.heading_raw) or not _ABOUT.match(r.parsed.title)
        ]
    roles = _merge_repeated(roles)
    warnings.extend(w for r in roles for w in r.warnings)
    out_roles = [_finish(r) for r in roles]
    band_labels: list[str] = []
    categories: list[str] = []
    names: list[SurfaceName] = []
    for r in out_roles:
        for band in r.bands or []:
            if band.label not in band_labels:
                band_labels.append(band.label)
            for cat in band.categories:
                label = cat.label
                if label and label not in categories:
                    categories.append(label)
                    names.append(SurfaceName(label, "categories", cat.where))
    title = title or layout.properties.get("title") or None
    organisation = organisation_in_text(layout)
    content = ProgressionFramework(
        title=title,
        organisation=organisation,
        sections=sections,
        band_labels=band_labels,
        categories=categories,
        roles=out_roles,
    )
    if not roles:
        warnings.append(
            warning(
                IssueCode.MISSING_SECTION,
                "No role with a band or apprenticeship table was found.",
            )
        )
    return Extraction(
        content=content, title=title, organisation=organisation, names=names, warnings=warnings
    )


def _merge_repeated(roles: list[_RoleBuild]) -> list[_RoleBuild]:
    """A role heading repeated over each of its bands (ho_pf03: a workbook with one sheet
    per band, the role line on top of every sheet) is one role."""
    out: list[_RoleBuild] = []
    for r in roles:
        prev = out[-1] if out else None
        if (
            prev is not None
            and r.heading_raw == prev.heading_raw
            and r.section == prev.section
            and prev.bands is not None
            and r.bands is not None
        ):
            prev.bands = prev.bands + r.bands
            prev.warnings.extend(r.warnings)
            continue
        out.append(r)
    return out


def _band(b: BandBuild) -> Band:
    grade = b.label.grade or b.grade
    return Band(
        key=b.label.key,
        label=b.label.label,
        name=b.label.name or b.name,
        grade=grade,
        grade_number=grade_number(grade),
        requirements=b.requirements,
        categories=b.categories,
        guidance=b.guidance,
        where=b.where,
    )


def _finish(r: _RoleBuild) -> Role:
    apprenticeship = None
    trailing = r.after
    if r.apprenticeship_levels is not None and r.bands is None:
        # Housing Income Apprentice repeats the lead-in lines after its table: not content.
        repeated = {n.text for n in r.notes}
        paragraphs = [t for t in r.after if t.text not in repeated]
        apprenticeship = Apprenticeship(levels=r.apprenticeship_levels, paragraphs=paragraphs)
        trailing = []
    h = r.parsed
    # A role named by the document's title (one profession's bands), or a heading naming
    # the post's ladder or route: the profession.
    title = profession(h.title)
    return Role(
        section=r.section,
        heading_raw=r.heading_raw,
        title=title,
        post_number_raw=h.post_number_raw,
        post_numbers=h.post_numbers,
        grade=h.grade,
        grade_number=h.grade_number,
        job_family_note=h.note or r.family_note,
        notes=r.notes,
        main_duties=r.duties,
        apprenticeship=apprenticeship,
        bands=[_band(b) for b in r.bands] if r.bands is not None else None,
        trailing=trailing,
        where=r.where,
    )


# --- the kind score ---------------------------------------------------------------------

_PROGRESSION_WORD = re.compile(
    r"\b(progression|career\s+(?:grades?|pathways?|paths?|framework|scheme)|career[- ]graded|"
    r"how\s+to\s+progress)\b",
    re.IGNORECASE,
)


def _category_labels(layout: Layout) -> int:
    """Short label lines (bold paragraphs, first cells, header cells) naming a category."""
    count = 0
    for p in layout.paragraphs():
        if (is_bold(p) or p.underline or p.text.endswith(":")) and word_count(p.text) <= 5:
            count += bool(CATEGORY_WORD.search(p.text))
    for table in layout.tables():
        # The header row and the first column only (a big matrix has many other cells).
        cells = list(table.rows[0]) if table.rows else []
        cells += [row[0] for row in table.rows[1:] if row and row[0].col == 0]
        for cell in cells:
            text = first_text(cell)
            if 0 < word_count(text) <= 5:
                count += bool(CATEGORY_WORD.search(text))
    return count


def score(layout: Layout) -> float:
    """Independent cues, each capped: band tables; band headings over categories (bands as
    sections); role headings (post numbers, grades) before tables or band headings;
    category words as labels; progression wording."""
    layout = labelled_lines(tidy_layout(layout))
    blocks = layout.blocks
    axes = [(t, axis) for t in layout.tables() if (axis := band_axis(t)) is not None]
    band_tables = len(axes)
    # A roles x bands matrix names its roles in a column of the band table; so does a
    # long-format table (one row per requirement).
    matrix = sum(len(matrix_roles(t, axis) or []) for t, axis in axes)
    matrix += sum(
        title_row_role(t, axis) is not None or bool(form_role_lines(t, axis)) for t, axis in axes
    )
    for table in layout.tables():
        cols = long_columns(table)
        if cols is not None:
            band_tables += 1
            matrix += sum(1 for part in read_long(table, cols) if part.title)
    heads = band_headings(blocks)
    # A band heading counts when category labels follow it (a line, or a table's first
    # column): `Level 1` over a table of competencies is a competency framework's.
    band_sections = sum(
        1
        for i in heads
        if (i + 1 < len(blocks) and _category_next(blocks[i + 1]))
        or _labelled_lists(blocks, i, heads) >= 2
    )
    roles = (
        roles_before_tables(layout)
        + _roles_before_band_headings(blocks, heads)
        + _roles_with_grade_lines(blocks)
        + matrix
    )
    graded_bands = sum(1 for label in heads.values() if label.grade)
    s = 0.0
    if band_tables:
        s += 0.3 + min(0.15, 0.05 * band_tables)
    if band_sections >= 2:
        s += 0.3 + min(0.15, 0.03 * band_sections)
    s += min(0.45, 0.15 * roles)
    s += min(0.1, 0.02 * _category_labels(layout))
    if graded_bands:
        s += 0.05
    if any(_PROGRESSION_WORD.search(t) for t in itertools.islice(layout.all_text(), 40)):
        s += 0.1
    if not roles and graded_bands < 2:
        # Band-like columns alone (`Tier 1/2/3`) also head competency frameworks' tables;
        # bands paid at grades (`Level 1 – Support Officer (Grade 4)`) are a career path's.
        s *= 0.6
    return round(min(1.0, s), 3)


def _category_next(block: Block) -> bool:
    """A bold/colon category-word line, or a table whose first column names categories."""
    if isinstance(block, Table):
        firsts = [first_text(row[0]) for row in block.rows if row]
        header = [first_text(cell) for cell in block.rows[0]] if block.rows else []
        return any(
            sum(bool(CATEGORY_WORD.search(t)) for t in texts if word_count(t) <= 5) >= 2
            for texts in (firsts, header)
        )
    labelled = is_bold(block) or block.underline or block.text.endswith(":")
    return labelled and bool(CATEGORY_WORD.search(block.text))


def _labelled_lists(blocks: list[Block], i: int, heads: dict[int, BandLabel]) -> int:
    """Under band heading i (up to the next band or a heading as high): how many category
    label lines are each followed by a list (`What you will know` over bullets)."""
    head = blocks[i]
    level = head.heading_level if isinstance(head, Paragraph) else None
    count = 0
    for k in range(i + 1, len(blocks) - 1):
        p = blocks[k]
        if k in heads or not isinstance(p, Paragraph):
            break
        heading = p.heading_level is not None and p.heading_level >= 1
        if heading and (level is None or (p.heading_level or 0) <= level):
            break
        nxt = blocks[k + 1]
        label = category_label(p) is not None or (p.heading_level or 0) >= 1
        if (
            label
            and not guidance_label(p, heads[i].grade)
            and isinstance(nxt, Paragraph)
            and nxt.is_list_item
        ):
            count += 1
    return count


def _roles_with_grade_lines(blocks: list[Block]) -> int:
    """Headings (or bold lines) directly followed by a `Grade: 6` / `Grades 6–8` line."""
    return sum(
        1
        for a, b in itertools.pairwise(blocks)
        if isinstance(a, Paragraph)
        and isinstance(b, Paragraph)
        and ((a.heading_level or 0) >= 1 or is_bold(a) or labelled_role_line(a))
        and _GRADE_LINE.match(b.text) is not None
        and word_count(b.text) <= 6
    )


def _roles_before_band_headings(blocks: list[Block], heads: dict[int, BandLabel]) -> int:
    """Role headings (post numbers, grades) directly above a run of band headings."""
    count = 0
    last: Paragraph | None = None
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            last = None
            continue
        if i in heads:
            if last is not None:
                count += 1
            last = None
        elif (block.heading_level or is_bold(block)) and looks_like_role(block.text):
            last = block
    return count


EXTRACTOR = Extractor(
    DocumentKind.PROGRESSION_FRAMEWORK, "progression_framework", VERSION, score, extract
)
