"""Competency framework extractor: levels, competencies, level-by-level behaviour statements.

Reads only the layout model, so Word and PDF renditions give the same content. Cues:
- headings name a level (`Level One`) or a section whose words say core/behavioural or
  professional/technical; TOC lines (TOC styles or dot leaders) are kept apart from the body;
- a heading is a cluster when competencies below it (sub-headings or bold title lines) hold
  level content; its text is their section (`competency_levels`, ``cluster_headings``);
- a competency title is a heading or bold (or bold-lead) paragraph before its content, or a
  one-cell row inside the table; text after ` – ` is a definition when printed differently
  (italic, not bold), a qualifier when in the same bold (`– all managers`); a plain or
  italic line under a title defines it; numbering before it (`3.2`) is its reference;
- levels are numbered labels (`Level 2`, `Tier III`, `Level C*`, `Lefel 1 / Level 1`,
  `Level A – Essential`, `Developing (1)`, `1 – Foundation`) or named ones (`Foundation`,
  `Skilled`, `People managers`, pay-band ranges `Band A–C` across a header) numbered by
  the document's levels table / intro list / intro sentence (`… Level 1 – Working,
  Level 2 – Leading and …`),
  else by the order their label runs give (`competency_levels`); the words after a level's
  number name it (`Level 2: EO`) unless they say who it is for (`Level 1 – All staff`);
  a level line is bold or underlined (`Ward councillor` over its bullets);
- a level table has level labels in its first column (levels as rows) or in a header row
  (levels as columns, one competency per row, with cluster / name / definition columns
  before the levels: `competency_tables.lead_columns`); a level header merged over
  `Positive | Negative indicators` sub-columns owns both; a full-width row over
  `Competency | behaviours` rows of a level's table is a cluster; a bold line over a table
  with its own `Competency` column is the rows' cluster; a one-cell prose box under a
  competency heading is its definition; a table with competencies as columns and levels
  as rows (`Level | Communication | Teamwork` over `1 – Foundation` rows) is read turned
  a quarter (``competency_tables.transposed``);
- a long-format sheet has competency, level and indicator columns (or a tick under one
  of several level columns), one row per indicator, level codes explained on another
  sheet; a Word table of the same shape merges the competency and level cells down their
  rows, a sheet may name each competency in a full-width row over its rows with a
  `Definition` row (``competency_long.titled_rows``); the heading (or a sheet's bold title
  cell, `Cluster: Delivering`) over each long table is its cluster (`competency_long`);
- with no heading styles at all, the body starts at a bold line over a bold level line;
  two bold lines in a row make the first a cluster; `Definition:` lead-ins define;
- a `Competency | Definition` table defines the competencies the body describes; a table
  mapping roles or grades to levels (`Which level applies to my role?`) is guidance;
- inside a content cell, list paragraphs are statements (an indicator code before one is
  kept apart), bold paragraphs name sub-areas, an italic scope line before the first
  statement is intro; an `Ineffective behaviours` column or sub-area holds negative
  indicators, kept as statements flagged ``negative``; a plain paragraph after a level's
  bullets is no statement (the text after the framework); a competency heading whose
  levels are sub-headings takes the plain line under it as its definition.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass, field

from roleframe.parsers.kinds.base import Extraction, Extractor, SurfaceName
from roleframe.parsers.kinds.competency_levels import (
    NEGATIVE,
    RANGE_LABEL,
    LevelScale,
    build_scale,
    is_scale_word,
    numbered_parts,
)
from roleframe.parsers.kinds.competency_long import (
    LongFormat,
    level_list_columns,
    level_list_rows,
    long_format_columns,
    read_long_format,
    titled_rows,
)
from roleframe.parsers.kinds.competency_tables import (
    Definition,
    definitions_table,
    is_guidance_table,
    lead_columns,
    transposed,
)
from roleframe.parsers.kinds.framework_common import (
    bold_lead,
    category_column,
    cell_paragraphs,
    distinct_cells,
    first_text,
    is_bold,
    italic_tail,
    organisation_from_header,
    organisation_in_text,
    roles_before_tables,
    running_header,
    split_title,
    word_count,
)
from roleframe.parsers.kinds.framework_tables import tidy_layout
from roleframe.parsers.layout import Cell, Layout, Paragraph, Run, Table
from roleframe.parsers.text import clean, split_bullet
from roleframe.schema import DocumentKind, Issue, IssueCode, Provenance
from roleframe.schema.competency_framework import (
    Competency,
    CompetencyCategory,
    CompetencyFramework,
    CompetencyLevel,
    FlatStatement,
    IntroItem,
    LevelDefinition,
    SubArea,
    Text,
    TocEntry,
)
from roleframe.schema.issues import warning

VERSION = "1"

_TOC_STYLE = re.compile(r"^(?:toc|contents)\s*(\d)?", re.IGNORECASE)
# `Introduction .......... 3` (PDF dot leaders) or `Introduction 3` (Word TOC, tab cleaned).
_TOC_LINE = re.compile(r"^(?P<text>.*?\S)\s*(?:[.·…_]{3,}\s*|\s)(?P<page>\d{1,4})$")
_DOT_LEADER = re.compile(r"[.·…_]{4,}\s*\d{1,4}$")
_CONTENTS = re.compile(r"^(?:table of )?contents:?$", re.IGNORECASE)
_CORE = re.compile(r"\b(core|behaviou?r\w*|values)\b", re.IGNORECASE)
_PROFESSIONAL = re.compile(
    r"\b(professional|technical|functional|specialist|job[- ]specific|role[- ]specific)\b",
    re.IGNORECASE,
)
_CUMULATIVE = re.compile(
    r"cumulativ|build(?:s|ing)? (?:up )?on (?:each other|one another|the (?:ones?|levels?|"
    r"previous|lower|preceding)\b)|in addition to (?:those|the behaviours|the levels?) "
    r"(?:of|at|below)|includes? (?:all )?(?:the )?(?:behaviours|expectations|levels?) "
    r"(?:of|at|below)",
    re.IGNORECASE,
)
_COMPETENCY_WORD = re.compile(r"competenc|behaviou?r", re.IGNORECASE)
# `3.2 Leading change`, `4. Managing resources`: numbering printed before a heading or title.
_NUMBERING = re.compile(r"^(?P<ref>\d{1,2}(?:\.\d{1,2}){0,3})[.)]?\s+(?P<rest>[^\W\d_].*)$")
# `LC2.1 Explains why…`, `2.1.3 Explains…`: an indicator code before a statement.
_INDICATOR_CODE = re.compile(
    r"^(?P<code>(?:[A-Z]{1,4}\d{1,3}(?:\.\d{1,3}){0,2}|\d{1,2}(?:\.\d{1,3}){1,3})[a-z]?)"
    r"[:.)]?\s+(?P<rest>[^\W\d_].*)$"
)
# `- Greets customers`, `– Greets customers`: a dash typed as a bullet before a statement.
_TYPED_DASH = re.compile(r"^[-–—]\s+(?P<rest>[^\W\d_].*)$")
# A sub-area name is a short bold line, not a sentence.
_MAX_SUBAREA_WORDS = 8
_MAX_TITLE_WORDS = 30


def category_of(section: str | None) -> CompetencyCategory | None:
    """Category from a section heading's words (professional wins: `Technical core skills`)."""
    if not section:
        return None
    if _PROFESSIONAL.search(section):
        return "professional"
    if _CORE.search(section):
        return "core"
    return None


def _category_heading(text: str) -> bool:
    """`Core behaviours`, `Technical competencies`: a section of one category. A heading
    naming the whole framework (ho6_cf03 PDF: the subtitle `Behaviour framework for all
    employees`, larger than body text) is none."""
    return category_of(text) is not None and not _FRAMEWORK_WORD.search(text)


_FRAMEWORK_WORD = re.compile(r"\bframeworks?\b", re.IGNORECASE)


# --- content cells ----------------------------------------------------------------------


@dataclass
class _SubArea:
    name: str | None
    where: Provenance | None
    statements: list[Text] = field(default_factory=list)
    negative: bool = False


@dataclass
class _Level:
    level: int | None
    label: str | None
    where: Provenance
    intro: list[Text] = field(default_factory=list)
    sub_areas: list[_SubArea] = field(default_factory=list)


def split_numbering(text: str) -> tuple[str | None, str]:
    """`3.2 Leading change` -> (`3.2`, `Leading change`); unnumbered text -> (None, text)."""
    m = _NUMBERING.match(text)
    return (m.group("ref"), m.group("rest")) if m else (None, text)


def statement_text(p: Paragraph) -> Text:
    """A statement without the indicator code printed before it (kept as ``code``), or a
    bullet glyph the reader left in the text."""
    text = p.text
    glyph, rest = split_bullet(text)
    if glyph is not None and rest:
        text = rest
    elif (typed := _TYPED_DASH.match(text)) is not None:
        text = typed.group("rest")  # `-<tab>Greets customers…`: a bullet typed by hand
    m = _INDICATOR_CODE.match(text)
    if m:
        return Text(text=m.group("rest"), where=p.where, code=m.group("code"))
    if p.label and (m := _INDICATOR_CODE.match(f"{p.label} {text}")):
        # the PDF reader took a typed `1.1` for the list marker (ho3_cf05): the same code
        return Text(text=text, where=p.where, code=m.group("code"))
    return Text(text=text, where=p.where)


_DEFINITION_LEAD = re.compile(
    r"^(?:definition|description|what (?:it|this) (?:means|is)|meaning|summary|overview)\s*:?$",
    re.IGNORECASE,
)


def _definition_line(p: Paragraph) -> Paragraph | None:
    """`**Definition:** text` -> the paragraph holding only the text, else None."""
    lead = bold_lead(p)
    if lead is None or not _DEFINITION_LEAD.match(lead):
        return None
    rest = p.text[len(lead) :].strip(" :")
    return dataclasses.replace(p, text=rest) if rest else None


def _emphasised(p: Paragraph) -> bool:
    """A line set apart as a label: bold, or underlined all through (ho3_cf03's role
    lines `Ward councillor` over their bullets)."""
    return is_bold(p) or p.underline


def _lead_in(p: Paragraph) -> bool:
    """A short plain line ending in a colon that introduces the bullets below it."""
    return p.text.endswith(":") and word_count(p.text) <= 12 and not is_bold(p)


def _is_subarea_heading(p: Paragraph) -> bool:
    return (
        not p.is_list_item
        and (is_bold(p) or p.underline)
        and not p.italic
        and word_count(p.text) <= _MAX_SUBAREA_WORDS
        and not p.text.endswith(".")
    )


def parse_content(paragraphs: list[Paragraph], into: _Level) -> None:
    """Add a content cell's paragraphs to a level: intro lines, sub-areas, statements."""
    for p in paragraphs:
        if not p.text:
            continue
        started = bool(into.sub_areas)
        if _is_subarea_heading(p):
            into.sub_areas.append(_SubArea(p.text, p.where, negative=bool(NEGATIVE.search(p.text))))
        elif not p.is_list_item and not started and (p.italic or _lead_in(p)):
            # Managing & Leading People: the bold-italic scope line precedes the bullets;
            # cf17: `At this level you will:` introduces them.
            into.intro.append(Text(text=p.text, where=p.where))
        else:
            if not into.sub_areas:
                into.sub_areas.append(_SubArea(None, None))
            into.sub_areas[-1].statements.append(statement_text(p))


# --- competencies -----------------------------------------------------------------------


@dataclass
class _Competency:
    name: str
    title_raw: str
    qualifier: str | None
    description: str | None
    section: str | None
    where: Provenance
    levels: list[_Level] = field(default_factory=list)
    reference: str | None = None
    kind: str | None = None  # a long-format `Type` cell: says core/technical beside a cluster

    def level(self, number: int | None, label: str | None, where: Provenance) -> _Level:
        for lv in self.levels:
            if lv.level == number and number is not None:
                return lv
        lv = _Level(number, label, where)
        self.levels.append(lv)
        return lv


def _title_parts(text: str, para: Paragraph | None) -> tuple[str, str | None, str | None]:
    """Title line -> (name, qualifier, description)."""
    name, rest = split_title(text)
    lead = bold_lead(para) if para is not None else None
    if rest is None and lead and para is not None and italic_tail(para, lead):
        # Name in bold, definition after it in plain/italic with no dash (PDF cells merge
        # the name and definition lines when nothing spaces them apart).
        return lead, None, text[len(lead) :].strip() or None
    if rest is None:
        return text, None, None
    looks_different = italic_tail(para, name) if para is not None else None
    # A tail printed differently (italic, not bold) is a definition; otherwise a short tail is
    # a qualifier (`– all managers`) and a sentence-long one a definition.
    is_description = (
        bool(looks_different)
        or word_count(rest) > 5
        or rest.endswith(".")
        or rest.split()[0].lower().endswith("ing")  # `– understanding and meeting needs`
    )
    return (name, None, rest) if is_description else (name, rest, None)


class _Builder:
    def __init__(self, scale: LevelScale) -> None:
        self.scale = scale
        self.competencies: dict[str, _Competency] = {}
        self.current: _Competency | None = None
        # Levels as the content labels them, for files without a levels table.
        self.levels_seen: dict[int, LevelDefinition] = {}
        self.warnings: list[Issue] = []
        # Definitions given apart from the level content (a `Competency | Definition` table).
        self.definitions: dict[str, Definition] = {}

    def saw_level(self, number: int, label: str, where: Provenance) -> None:
        if number not in self.levels_seen:
            name, audience = self.scale.name_and_audience(label)
            self.levels_seen[number] = LevelDefinition(
                level=number, name=name, audience=audience, where=where
            )

    def drop(self, comp: _Competency, previous: _Competency | None) -> None:
        """Forget a competency started from a title whose table held no level content."""
        self.competencies.pop(comp.name.casefold(), None)
        self.current = previous

    def start(self, text: str, para: Paragraph | None, where: Provenance, section: str | None):
        name, qualifier, description = _title_parts(text, para)
        reference, name = split_numbering(name)
        if section is not None:
            section = split_numbering(section)[1]  # cf05: `3 Leading people`
        key = name.casefold()
        comp = self.competencies.get(key)
        if comp is None:
            # The title as written, without a definition line (`Managing Risk – understanding…`).
            end = text.find(name)
            title_raw = (
                text if description is None else text[: end + len(name)] if end >= 0 else name
            )
            comp = _Competency(name, title_raw, qualifier, description, section, where)
            comp.reference = reference
            self.competencies[key] = comp
        else:
            comp.description = comp.description or description
            comp.qualifier = comp.qualifier or qualifier
        self.current = comp
        return comp


class _Flow:
    """Competency content written as paragraphs instead of a table: a title (heading or bold
    line), optional `Level N` sub-headings or bold lines, bullets and bold sub-area lines."""

    def __init__(self) -> None:
        self.comp: _Competency | None = None
        self.depth: int | None = None  # heading level of the competency title, if a heading
        self.level: _Level | None = None
        self.listed = False  # the current level's statements came as list items

    @property
    def titled_by_heading(self) -> bool:
        return self.depth is not None

    def inside_pending(
        self,
        pending: Paragraph | None,
        pending_desc: Paragraph | None,
        builder: _Builder,
        section: str | None,
    ) -> None:
        """Start the competency from its waiting title (and definition line)."""
        if pending is None:
            return
        comp = builder.start(pending.text, pending, pending.where, section)
        if pending_desc is not None and comp.description is None:
            comp.description = pending_desc.text
        self.comp, self.level, self.listed = comp, None, False
        self.depth = pending.heading_level if pending.heading_level else None

    def contains(self, p: Paragraph) -> bool:
        """Whether a heading sits under the competency's own heading."""
        if p.heading_level is None or self.depth is None:
            return self.comp is not None
        return p.heading_level > self.depth

    def set_level(self, number: int, p: Paragraph, builder: _Builder) -> None:
        assert self.comp is not None
        builder.saw_level(number, p.text, p.where)
        self.level = self.comp.level(number, p.text, p.where)
        self.listed = False

    def add(self, p: Paragraph, current_level: int | None) -> None:
        assert self.comp is not None
        if self.level is None:
            self.level = self.comp.level(current_level, None, p.where)
        self.listed = self.listed or p.is_list_item
        parse_content([p], self.level)

    def closes(self, p: Paragraph) -> bool:
        """A plain paragraph after a level's list items: no statement but the text after
        the framework (ho3_cf06: `Managers should use the framework …`)."""
        return (
            self.listed
            and not p.is_list_item
            and not _is_subarea_heading(p)
            and p.text[:1].isupper()  # not a bullet's wrapped tail (`pressure.`)
            and p.text.rstrip().endswith((".", "!", "?"))
        )

    def end_at(self, heading_level: int) -> None:
        if self.depth is None or heading_level <= self.depth:
            self.end()

    def end(self) -> None:
        self.comp, self.depth, self.level, self.listed = None, None, None, False


# --- tables -----------------------------------------------------------------------------


def _levels_table(table: Table, scale: LevelScale) -> list[LevelDefinition] | None:
    """A small table defining the levels: first column a level, second its audience."""
    grid = table.grid()
    found: list[LevelDefinition] = []
    for _r, row in enumerate(grid):
        cells = distinct_cells(row)
        if not cells:
            continue
        label = first_text(cells[0])
        number = scale.number(label)
        others = [c for c in cells[1:] if c.text]
        if number is not None and cells[0].row_span > 1:
            return None  # a level cell merged down its indicators (ho5_cf04): content
        if number is None:
            if found:
                return None  # a non-level row after level rows: not a definition table
            continue
        if any(
            len(cell_paragraphs(c)) > 1 or word_count(c.text) > 8 or c.paragraphs[0].is_list_item
            for c in others
        ):
            return None
        audience = others[0].text if others else None
        # `1 – Core | All employees` (ho6_cf03): the words after the number name the level
        name, _ = scale.name_and_audience(label)
        found.append(
            LevelDefinition(level=number, name=name, audience=audience, where=cells[0].where)
        )
    return found if len(found) >= 2 else None


def _level_columns(
    table: Table, scale: LevelScale
) -> tuple[int, dict[int, tuple[int, str]]] | None:
    """Levels as columns: the header row and {column: (level, label)}, else None."""
    grid = table.grid()
    for r, row in enumerate(grid[:3]):
        cols: dict[int, tuple[int, str]] = {}
        steps: list[tuple[int, str]] = []
        for c, cell in enumerate(row):
            if cell is None or cell.col != c or not 1 <= len(cell_paragraphs(cell)) <= 2:
                continue
            number = scale.number(first_text(cell))
            if number is not None:
                cols[c] = (number, level_label(cell))
            elif len(cell_paragraphs(cell)) != 1:
                continue
            elif is_scale_word(first_text(cell)) or RANGE_LABEL.match(first_text(cell)):
                # `Foundation | …`, or pay-band ranges `Band A–C | Band D–E` (ho_cf09)
                steps.append((c, first_text(cell)))
        if len(cols) < 2 and len(steps) >= 2:
            # `Foundation | Intermediate | Advanced` across the top: levels by column order.
            cols = {c: (i + 1, label) for i, (c, label) in enumerate(steps)}
        numbers = [cols[c][0] for c in sorted(cols)]
        # Distinct, rising levels with prose under them (a numeric matrix row is not this).
        # Levels from the first column on: no name column, the competency is named above.
        if len(cols) >= 2 and numbers == sorted(set(numbers)) and _prose_below(grid, r, cols):
            return r, cols
    return None


def level_label(cell: Cell) -> str:
    """A level cell's label; a second short line names the level (cf19: `Level 1` over
    `Foundation` reads `Level 1 – Foundation`)."""
    paras = cell_paragraphs(cell)
    if (
        len(paras) == 2
        and not paras[1].is_list_item
        and word_count(paras[1].text) <= 4
        and not paras[1].text.endswith(".")
    ):
        second = paras[1].text
        return (
            f"{paras[0].text} {second}" if second.startswith("(") else f"{paras[0].text} – {second}"
        )
    return first_text(cell)


def _prose_below(grid: list[list[Cell | None]], header: int, cols: dict) -> bool:
    for row in grid[header + 1 :]:
        for c in cols:
            cell = row[c]
            if cell is not None and (len(cell_paragraphs(cell)) >= 2 or word_count(cell.text) >= 5):
                return True
    return False


_WORDY = re.compile(r"[^\W\d_]{3,}")


def _content_richness(cells: list[Cell]) -> int:
    """Paragraphs of words in the cells; figures (`118`, `0.4%`, `251-290`) are no level
    content (nm_je_equal_pay_audit: `Grade 1` rows of counts and percentages)."""
    return sum(1 for c in cells for p in cell_paragraphs(c) if _WORDY.search(p.text))


# --- the extractor ----------------------------------------------------------------------


def _is_toc(p: Paragraph) -> bool:
    return bool(p.style and _TOC_STYLE.match(p.style)) or bool(_DOT_LEADER.search(p.text))


def _toc_entry(p: Paragraph) -> TocEntry:
    m = _TOC_LINE.match(p.text)
    text, page = (m.group("text"), int(m.group("page"))) if m else (p.text, None)
    text = re.sub(r"[\s.·…_]+$", "", text)
    level = 1
    sm = _TOC_STYLE.match(p.style or "")
    if sm and sm.group(1):
        level = max(1, int(sm.group(1)))
    elif p.list_level is not None:
        level = p.list_level + 1
    return TocEntry(text=text, level=level, page=page, where=p.where)


def _is_title_candidate(p: Paragraph) -> bool:
    return (
        not p.is_list_item
        and (is_bold(p) or bold_lead(p) is not None)
        and word_count(p.text) <= _MAX_TITLE_WORDS
    )


def _holds_levels(
    block: Paragraph | Table, nxt: Paragraph | Table | None, scale: LevelScale
) -> bool:
    """A level label line with content under it, or a table with level labels."""
    if isinstance(block, Table):
        block = transposed(block, scale) or block
        return _level_columns(block, scale) is not None or any(
            scale.number(first_text(row[0])) is not None and _statement_block(row[1:])
            for row in (distinct_cells(r) for r in block.grid())
            if len(row) >= 2 and len(cell_paragraphs(row[0])) == 1 and row[1:]
        )
    if not (_emphasised(block) or block.heading_level) or scale.number(block.text) is None:
        return False
    if isinstance(nxt, Table):
        return _polarity_table(nxt) is not None  # ho5_cf02: `Effective | Ineffective`
    return isinstance(nxt, Paragraph) and not (nxt.heading_level or is_bold(nxt))


def cluster_headings(layout: Layout, scale: LevelScale) -> set[int]:
    """Headings over competencies that hold level content: clusters (cf01: `Working with
    people` over the heading `Communicating clearly` over `Foundation` + bullets; cf13: a
    heading over bold title lines). A level heading (`Level One`) is no cluster; under a
    competency heading it is that competency's level content."""
    blocks = layout.blocks
    headings: list[tuple[int, int]] = []  # (block index, heading level) of non-level headings
    holds: set[int] = set()  # block indexes of headings / title lines over level content
    level_heading_at: set[int] = set()
    titled: set[int] = set()  # headings right over a table that names several competencies
    over_named: set[int] = set()  # headings right over a table with a competency column
    current: int | None = None
    for i, block in enumerate(blocks):
        if isinstance(block, Paragraph) and block.heading_level and not _is_toc(block):
            headings.append((i, block.heading_level))
            if scale.number(block.text, need_word=True) is None:
                current = i
                continue
            level_heading_at.add(i)
            owner = blocks[current] if current is not None else None
            if isinstance(owner, Paragraph) and (
                owner.heading_level is None or block.heading_level > owner.heading_level
            ):
                holds.add(current)  # type: ignore[arg-type]  # cf11: `Intermediate level` (H3)
            else:
                current = None
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if _holds_levels(block, nxt, scale):
            if current is not None:
                holds.add(current)
                if current == i - 1 and isinstance(block, Table) and _names_rows(block, scale):
                    over_named.add(current)
                if isinstance(block, Table) and _title_rows(block, scale) >= 2:
                    titled.add(current)  # ho6_cf04: one table, a title row per competency
        elif isinstance(block, Paragraph) and _is_title_candidate(block) and not _is_toc(block):
            current = i  # a bold title line (`Community focus – …`) under the heading
    clusters: set[int] = set()
    for pos, (i, level) in enumerate(headings):
        if i in level_heading_at:
            continue
        end = next((j for j, lv in headings[pos + 1 :] if lv <= level), len(blocks))
        inside = [j for j in holds if i < j < end and j not in level_heading_at]
        if inside and all(j in over_named for j in inside) and i not in titled:
            # ho6_cf03 PDF: a large subtitle over headings that each head a table of named
            # competencies; those headings are the clusters, the subtitle none
            continue
        if i in titled or inside:
            clusters.add(id(blocks[i]))
    return clusters


def _names_rows(table: Table, scale: LevelScale) -> bool:
    """A levels-as-columns table whose own first column names its competencies."""
    table = transposed(table, scale) or table
    columns = _level_columns(table, scale)
    return columns is not None and min(columns[1]) > 0


def _title_rows(table: Table, scale: LevelScale) -> int:
    """Full-width one-cell rows that name no level: the competencies' title rows."""
    return sum(
        1
        for row in table.rows
        if len(row) == 1
        and row[0].col_span >= table.n_cols > 1
        and row[0].text
        and scale.number(first_text(row[0]), need_word=True) is None
    )


class _Walker:
    """Walks the blocks once, in order: front matter (title, TOC), introduction and levels
    table, then level/section headings, competency titles and their content."""

    def __init__(self, layout: Layout) -> None:
        # A title line is bold or the one heading more prominent than all others (PDFs give
        # title pages a heading level from the font size; Word a `Title` style, level 0).
        self.heading_levels = [
            p.heading_level for p in layout.paragraphs() if p.heading_level is not None
        ]
        self.heading_texts = {
            p.text.casefold()
            for p in layout.paragraphs()
            if p.heading_level is not None and p.heading_level >= 1
        }
        self.next_block = {id(a): b for a, b in itertools.pairwise(layout.blocks)}
        self.before_table = {key for key, b in self.next_block.items() if isinstance(b, Table)}
        self.title: str | None = None
        self.title_is_bold_line = False  # the title so far is a bold line, not a heading
        self.toc: list[TocEntry] = []
        self.intro: list[IntroItem] = []
        self.intro_subs: list[list[Text]] = []
        self.levels: list[LevelDefinition] = []
        self.scale = build_scale(layout)
        self.builder = _Builder(self.scale)
        self.clusters = cluster_headings(layout, self.scale)
        self.skip: set[int] = set()  # tables read another way (long format, levels declared)
        if self.scale.source is not None:
            self.skip.add(id(self.scale.source))
        self.current_level: int | None = None
        self.current_label: str | None = None  # the `Level N` heading as written
        self.section: str | None = None
        self.section_depth: int | None = None  # heading level of the category section
        self.pending: Paragraph | None = None  # a title paragraph waiting for its content
        self.pending_desc: Paragraph | None = None  # its definition line, printed below it
        self.flow = _Flow()
        self.seen_heading = False
        self.body_started = False  # a level heading, category section or content was seen
        self.in_contents = False  # under a `Contents` line, before the body
        self.loose_heading = False  # ``pending`` is a heading that may be a section instead
        self.section_before: str | None = None  # the section before that heading
        self.depth_before: int | None = None

    def _title_like(self, p: Paragraph) -> bool:
        if id(p) in self.before_table:
            return False  # a line directly over a table names the table, not the document
        if p.heading_level is not None:
            used = self.heading_levels
            # The one most prominent heading (u3 PDF: the only one the reader marks).
            return p.heading_level == 0 or (
                used.count(p.heading_level) == 1 and all(lv >= p.heading_level for lv in used)
            )
        return is_bold(p)

    def _bullets_follow(self, p: Paragraph) -> bool:
        nxt = self.next_block.get(id(p))
        return isinstance(nxt, Paragraph) and nxt.is_list_item

    def _points_at_heading(self, p: Paragraph) -> bool:
        """`Text N` where Text is a later heading: a contents line, whatever its look."""
        m = _TOC_LINE.match(p.text)
        return (
            m is not None
            and p.heading_level is None
            and not p.is_list_item
            and m.group("text").rstrip(" .·…_").casefold() in self.heading_texts
        )

    def _title_from_pending(self) -> _Competency | None:
        """Start the competency whose title line is waiting for its table."""
        if self.pending is None:
            return None
        if self.loose_heading and self.section == self.pending.text:
            # u3: the heading named this table's competency, not a section.
            self.section, self.section_depth = self.section_before, self.depth_before
        comp = self.builder.start(self.pending.text, self.pending, self.pending.where, self.section)
        if self.pending_desc is not None and comp.description is None:
            comp.description = self.pending_desc.text
        return comp

    def _start_pending(self) -> None:
        """Start the competency whose title (and definition) is waiting."""
        if self.loose_heading and self.pending is not None and self.section == self.pending.text:
            # ho3_cf05: the heading named this competency (its levels are sub-headings),
            # not a section
            self.section, self.section_depth = self.section_before, self.depth_before
        self.flow.inside_pending(self.pending, self.pending_desc, self.builder, self.section)
        self.pending = self.pending_desc = None

    # --- paragraphs ---------------------------------------------------------------------

    def paragraph(self, p: Paragraph) -> None:
        if _CONTENTS.match(p.text) and not self.body_started:
            self.in_contents = True  # `Contents`: the lines below are TOC entries
            return
        if self.in_contents and _TOC_LINE.match(p.text) and not p.is_list_item:
            self.toc.append(_toc_entry(p))
            return
        if not self.body_started and self._points_at_heading(p):
            self.toc.append(_toc_entry(p))  # 003 PDF: `Level One 4` with its leaders dropped
            return
        self.in_contents = False
        if _is_toc(p):
            self.toc.append(_toc_entry(p))
        elif (
            self.title is not None
            and not self.body_started
            and (p.text.casefold() == self.title.casefold())
            and id(p) not in self.clusters  # cf16: a cluster heading worded like the title
        ):
            pass  # the title repeated (003: on the contents page)
        elif (
            self.title is None
            and not self.seen_heading
            and not self.toc
            and not self.intro
            and self._title_like(p)
        ):
            self.title = p.text
            self.title_is_bold_line = p.heading_level is None
        elif (
            self.title_is_bold_line
            and not self.seen_heading
            and not self.toc
            and not self.intro
            and p.heading_level is not None
            and self._title_like(p)
        ):
            # cf20: a bold organisation line, then the title in the Title style (or, in the
            # PDF, the one far larger heading): the title is the heading.
            self.title, self.title_is_bold_line = p.text, False
        elif p.heading_level is not None and p.heading_level >= 1:
            self.heading(p)
        elif (
            not self.body_started
            and self.pending is not None
            and self.pending.heading_level is not None
            and _emphasised(p)
            and self.scale.parts(p.text) is not None
            and self._bullets_follow(p)
        ):
            # ho5_cf05: the first competency's heading (and definition), then its first
            # level line over bullets: the body starts here, not the introduction
            self.body_started = True
            self.body_paragraph(p)
        elif not self.body_started and id(p) in self.before_table and _is_title_candidate(p):
            # u3 PDF: a bold title line right over the first competency's table.
            self.pending, self.pending_desc, self.loose_heading = p, None, False
        elif (
            not self.body_started
            and self.title is not None
            and _is_title_candidate(p)
            and self._opens_flow(p)
        ):
            # ho_cf06: no heading styles at all; the first bold line over a bold `Level A`
            # line (a cluster or competency title) starts the body
            self.body_started = True
            self.body_paragraph(p)
        elif not self.body_started and self._defines_pending(p):
            # ho_cf01: the first competency's heading, its plain definition, then its level
            # table: the line defines the competency, it is not the introduction
            self.pending_desc = p
        elif not self.seen_heading and not self.body_started:
            if self.title is None and (is_bold(p) or p.heading_level == 0):
                self.title = p.text
            elif not is_bold(p) and self.title is not None:
                self.introduction(p)
            # other bold lines before the first heading: title-page text
        elif not self.body_started:
            self.introduction(p)
        else:
            self.body_paragraph(p)

    def _opens_flow(self, p: Paragraph, reach: int = 4) -> bool:
        """Whether a bold level label line (`Level A – Essential`, not a bold lead) follows
        within ``reach`` paragraphs, with no table between."""
        nxt = self.next_block.get(id(p))
        for _ in range(reach):
            if not isinstance(nxt, Paragraph):
                return False
            if _emphasised(nxt) and self.scale.parts(nxt.text, need_word=True) is not None:
                return True
            nxt = self.next_block.get(id(nxt))
        return False

    def _defines_pending(self, p: Paragraph) -> bool:
        """A plain line between a waiting heading and a table of level content, or a
        deeper `Level 1` heading (ho3_cf05)."""
        nxt = self.next_block.get(id(p))
        pending = self.pending
        if (
            pending is None
            or pending.heading_level is None
            or self.pending_desc is not None
            or p.is_list_item
            or is_bold(p)
        ):
            return False
        if isinstance(nxt, Table):
            return _holds_levels(nxt, None, self.scale)
        if (
            isinstance(nxt, Paragraph)
            and _emphasised(nxt)
            and self.scale.parts(nxt.text) is not None
            and self._bullets_follow(nxt)
        ):
            return True  # ho5_cf05: a level line over bullets follows the definition
        return (
            isinstance(nxt, Paragraph)
            and nxt.heading_level is not None
            and nxt.heading_level > pending.heading_level
            and self.scale.number(nxt.text, need_word=True) is not None
        )

    def introduction(self, p: Paragraph) -> None:
        self.pending = self.pending_desc = None  # text under it: that heading was no title
        if p.list_level is not None and p.list_level > 0 and self.intro_subs:
            self.intro_subs[-1].append(Text(text=p.text, where=p.where))
        else:
            self.intro.append(IntroItem(text=p.text, where=p.where))
            self.intro_subs.append([])

    def heading(self, p: Paragraph) -> None:
        assert p.heading_level is not None
        self.seen_heading = True
        number = self.scale.number(p.text, need_word=True)
        flow = self.flow
        if number is not None and (self.pending is not None or flow.comp is not None):
            self._start_pending_if_deeper(p)
            if flow.comp is not None and flow.contains(p):
                # `Level 2` as a sub-heading of a competency heading (content not tabled).
                flow.set_level(number, p, self.builder)
                self.body_started = True
                return
        self.pending = self.pending_desc = None
        flow.end_at(p.heading_level)
        if number is not None:
            self.builder.saw_level(number, p.text, p.where)
            self.current_level, self.current_label = number, p.text
            self.section, self.section_depth = None, None
            self.body_started = True
        elif _category_heading(p.text) or id(p) in self.clusters:
            self.section, self.section_depth = p.text, p.heading_level
            self.body_started = True
        elif self.section_depth is not None and p.heading_level > self.section_depth:
            self.pending = p  # a heading under a category section names a competency
        else:
            # Any other heading: a section, unless a table that needs a name follows it.
            self.pending, self.loose_heading = p, True
            if self.body_started:
                self.section_before, self.depth_before = self.section, self.section_depth
                self.section, self.section_depth = p.text, None
            return
        self.loose_heading = False

    def _start_pending_if_deeper(self, p: Paragraph) -> None:
        pending = self.pending
        if pending is not None and (
            pending.heading_level is None or (p.heading_level or 0) > pending.heading_level
        ):
            self._start_pending()

    def body_paragraph(self, p: Paragraph) -> None:
        flow, builder = self.flow, self.builder
        label = self.scale.parts(p.text) if _emphasised(p) else None
        if label is not None and (flow.comp is not None or self.pending is not None):
            # A bold (or underlined: ho3_cf03) `Level 1` line inside a competency's content.
            if self.pending is not None:
                self._start_pending()
            flow.set_level(label[0], p, builder)
        elif p.is_list_item and (self.pending is not None or flow.comp is not None):
            # Statements as bullets straight under the title: no table at all.
            if self.pending is not None:
                self._start_pending()
            flow.add(p, self.current_level)
        elif (
            flow.comp is not None
            and _is_subarea_heading(p)
            and (flow.titled_by_heading or self._bullets_follow(p))
        ):
            # A bold line inside the content: a sub-area when bullets follow it (a new
            # competency's title is followed by its definition or a `Level N` line instead).
            flow.add(p, self.current_level)
        elif (definition := _definition_line(p)) is not None and (
            self.pending is not None and self.pending_desc is None
        ):
            # `**Definition:** Putting residents first.` under the title (ho_cf06)
            self.pending_desc = definition
        elif _is_title_candidate(p):
            if (
                self.pending is not None
                and self.pending_desc is None
                and self.pending.heading_level is None
                and is_bold(self.pending)
                and flow.comp is None
            ):
                # two bold title lines in a row: the first names the group the next
                # competencies belong to (ho_cf06: `DELIVERING FOR RESIDENTS`)
                self.section, self.section_depth = self.pending.text, None
            flow.end()
            self.pending, self.pending_desc = p, None
        elif (
            self.pending is not None
            and not p.is_list_item
            and not is_bold(p)
            and self.pending_desc is None
        ):
            # A plain line under a competency title defines it.
            self.pending_desc = p
        elif flow.comp is not None and flow.closes(p):
            flow.end()
        elif flow.comp is not None:
            flow.add(p, self.current_level)

    # --- tables -------------------------------------------------------------------------

    def table(self, table: Table) -> None:
        flow = self.flow
        heads = _polarity_table(table) if flow.comp is not None else None
        if heads and flow.level is not None and not flow.level.sub_areas:
            # ho5_cf02: a bold `Level 1 – Officer` line over an `Effective | Ineffective`
            # table: each column lists that level's behaviours of one polarity
            _read_polarity_table(table, heads, flow.level)
            return
        flow.end()
        table = transposed(table, self.scale) or table
        box = _prose_box(table)
        if box is not None and self.pending is not None and self.pending_desc is None:
            # ho_cf08: the definition printed in a one-cell shaded box under the heading
            self.pending_desc = box
            return
        labelled = _label_value_rows(table)
        if labelled is not None and labelled[2] is not None:
            # ho6_cf01: an HR system's key-value block names the competency, its group and
            # its definition; its indicators come in the next table
            definition, cluster, title = labelled
            self.pending, self.pending_desc, self.loose_heading = title, definition, False
            self.section, self.section_depth = cluster, None
            self.body_started = True
            return
        if labelled is not None and self.pending is not None and self.pending_desc is None:
            # ho5_cf04: `Definition: | text` and `Cluster: | name` rows under a sheet's
            # title cell describe the competency the title names
            definition, cluster, _ = labelled
            self.pending_desc = definition
            if cluster is not None:
                self.section, self.section_depth = cluster, None
            return
        listed = level_list_columns(table, self.scale) if self.pending is not None else None
        if listed is not None:
            # ho6_cf01: `Lvl | Proficiency | Behaviour indicator` rows under the block
            comp = self._title_from_pending()
            assert comp is not None
            for code, name, cell in level_list_rows(table, listed):
                number = int(code) if code.isdigit() else self.scale.number(code)
                label = name or code
                if number is not None:
                    self.builder.saw_level(number, label, cell.where)
                parse_content(cell_paragraphs(cell), comp.level(number, label, cell.where))
            self.pending = self.pending_desc = None
            return
        definitions = definitions_table(table)
        if definitions is not None:
            self.builder.definitions.update(definitions)  # cf08: defined apart from levels
            self.pending = self.pending_desc = None
            return
        if not self.body_started and not self.levels:
            found = _levels_table(table, self.scale)
            if found:
                self.levels = found
                return
        caption = self.pending.text if self.pending is not None else None
        if is_guidance_table(table, self.scale, caption):
            self.pending = self.pending_desc = None  # roles/grades -> level: not a competency
            return
        columns = _level_columns(table, self.scale)
        if columns is not None:
            self.body_started = True
            above = None
            if min(columns[1]) == 0:
                above = self._title_from_pending() or self.builder.current
            elif self.pending is not None and self.loose_heading and self.pending.heading_level:
                # cf05: a heading right over a table of named competencies is their cluster.
                self.section = self.pending.text
                self.section_depth = self.pending.heading_level
            elif (
                self.pending is not None
                and self.pending.heading_level is None
                and self.pending_desc is None
                and _lead_cues(table, columns)[0]
            ):
                # ho_cf04: a bold line right over a table whose own `Competency` column
                # names its rows (a sheet's title cell) is their cluster, not a competency
                self.section, self.section_depth = self.pending.text, None
            self.section = _read_level_columns(table, columns, self.builder, self.section, above)
            self.pending = self.pending_desc = None
            return
        before = self.builder.current
        started = self._title_from_pending()
        used, self.section = _read_level_rows(
            table, self.builder, self.section, self.current_level, self.current_label
        )
        if not used and started is not None and started is not before and not started.levels:
            # ho6_cf03 PDF: a bold `Document control` line over a version table names no
            # competency; the next table's rows must not become its levels
            self.builder.drop(started, before)
        self.body_started = self.body_started or used
        self.pending = self.pending_desc = None


_CLUSTER_LABEL = re.compile(
    r"^(?:cluster|area|theme|group|domain|pillar|strand|behaviour group)\s*:?$", re.IGNORECASE
)


def _label_value_rows(
    table: Table,
) -> tuple[Paragraph | None, str | None, Paragraph | None] | None:
    """(definition, cluster, title) of a small `Definition: | text`, `Cluster: | name`
    table: every row a label cell then one value cell, a definition label among them; an
    HR system's block also names the competency (`Competency title:`) and its code (a
    reference, ho6_cf01). Else None."""
    definition: Paragraph | None = None
    cluster: str | None = None
    title: Paragraph | None = None
    for row in table.rows:
        filled = [c for c in row if c.text]
        if not filled:
            continue
        if len(filled) != 2 or len(cell_paragraphs(filled[1])) != 1:
            return None
        label, value = clean(filled[0].text).rstrip(":").strip(), cell_paragraphs(filled[1])[0]
        if _DEFINITION_LEAD.match(label) and definition is None:
            definition = value
        elif _CLUSTER_LABEL.match(_SUBJECT.sub("", label)) and cluster is None:
            cluster = value.text
        elif _TITLE_LABEL.match(_SUBJECT.sub("", label)) and _SUBJECT.match(label) and not title:
            title = value
        elif not _CODE_LABEL.match(_SUBJECT.sub("", label)):
            return None
    return (definition, cluster, title) if definition is not None else None


# `Competency title`, `Behaviour group`: the subject word before a key-value label
_SUBJECT = re.compile(r"^(?:competency|competence|behaviou?r|skill|capability)\s+", re.I)
_TITLE_LABEL = re.compile(r"^(?:title|name)$", re.IGNORECASE)
_CODE_LABEL = re.compile(r"^(?:code|ref(?:erence)?|id|number|no\.?)$", re.IGNORECASE)


def _prose_box(table: Table) -> Paragraph | None:
    """A one-cell table holding a sentence or two (no list): its text as one paragraph."""
    cells = [c for c in table.cells() if c.text]
    if len(cells) != 1 or table.n_rows != 1 or cells[0].tables:
        return None
    paras = cell_paragraphs(cells[0])
    text = " ".join(p.text for p in paras)
    if not 1 <= len(paras) <= 3 or any(p.is_list_item for p in paras) or word_count(text) < 4:
        return None
    return dataclasses.replace(paras[0], text=text)


def _definition(builder: _Builder, name: str) -> str | None:
    found = builder.definitions.get(name.casefold())
    return found.text if found else None


def _publish(builder: _Builder) -> tuple[list[Competency], list[FlatStatement], list[SurfaceName]]:
    """Competencies with content, levels in order; the flat statements; surface names."""
    competencies: list[Competency] = []
    statements: list[FlatStatement] = []
    names: list[SurfaceName] = []
    for comp in builder.competencies.values():
        if not any(lv.sub_areas or lv.intro for lv in comp.levels):
            continue  # a one-cell row that named nothing (a role profile's `Purpose` row)
        category = category_of(comp.kind) or category_of(comp.section)
        names.append(SurfaceName(comp.name, "competencies", comp.where))
        out_levels = []
        for lv in sorted(comp.levels, key=lambda x: (x.level is None, x.level or 0)):
            subs = [
                SubArea(name=s.name, where=s.where, statements=s.statements, negative=s.negative)
                for s in lv.sub_areas
            ]
            out_levels.append(
                CompetencyLevel(
                    level=lv.level, label=lv.label, intro=lv.intro, sub_areas=subs, where=lv.where
                )
            )
            statements.extend(
                FlatStatement(
                    competency=comp.name,
                    category=category,
                    level=lv.level,
                    sub_area=s.name,
                    negative=s.negative,
                    text=t.text,
                    code=t.code,
                    where=t.where,
                )
                for s in lv.sub_areas
                for t in s.statements
            )
        competencies.append(
            Competency(
                name=comp.name,
                reference=comp.reference,
                title_raw=comp.title_raw,
                qualifier=comp.qualifier,
                description=comp.description or _definition(builder, comp.name),
                category=category,
                section=comp.section,
                where=comp.where,
                levels=out_levels,
            )
        )
    return competencies, statements, names


def _add_long_format(long: LongFormat, builder: _Builder) -> None:
    """Long-format indicator rows into the builder: competency, level, statement."""
    for row in long.rows:
        comp = builder.start(row.competency, None, row.competency_where, row.section)
        if row.definition and comp.description is None:
            comp.description = row.definition
        comp.kind = comp.kind or row.kind
        lv = comp.level(row.level, row.level_label, row.level_where)
        if not lv.sub_areas:
            lv.sub_areas.append(_SubArea(None, None))
        lv.sub_areas[-1].statements.append(Text(text=row.text, where=row.where, code=row.code))
    builder.current = None


def _one_naming(levels: list[LevelDefinition]) -> list[LevelDefinition]:
    """One scale, one way of naming: when only some numbered labels' words say who the
    level is for (`Level 2 – Officer` between `Level 1 – Assistant` and `Level 3 – Lead`,
    ho6_cf02), those words name the level as the others' do. Where every label says who
    (`Level 1 – Officer … Level 3 – Head of Service`, ho5_cf02) they stay audiences."""
    by_tail = [
        lv
        for lv in levels
        if lv.audience
        and (parts := numbered_parts(lv.name)) is not None
        and parts[1] == lv.audience
    ]
    named = [lv for lv in levels if lv.audience is None and numbered_parts(lv.name) is None]
    if not by_tail or len(named) < len(by_tail):
        return levels
    return [
        lv.model_copy(update={"name": lv.audience, "audience": None}) if lv in by_tail else lv
        for lv in levels
    ]


def _declared(walker: _Walker, long: LongFormat | None) -> list[LevelDefinition]:
    """Levels a levels table, intro list or meanings sheet names, numbered in its order."""
    if long is not None and long.levels:
        return [
            LevelDefinition(
                level=lv.number, name=lv.name, description=lv.description, where=lv.where
            )
            for lv in long.levels
        ]
    return [
        LevelDefinition(
            level=d.number,
            name=d.name,
            audience=d.audience,
            description=d.description,
            where=d.where,
        )
        for d in walker.scale.declared
    ]


# A numbering marker (`1.`, `a)`, Word's `#.` for an auto-numbered item), not a glyph
_NUMBER_MARK = re.compile(r"^[#\dA-Za-z]{1,3}[.)]$")


def _lead_ins_as_level_lines(layout: Layout) -> Layout:
    """ho6_cf06: a lead-in line naming one of the declared levels (`At Foundation level you
    will:`) over bullets is that level's label line, read as the bold `Foundation` line
    other frameworks print. Two or more such lines, or the layout is left as it is."""
    scale = build_scale(layout)
    names = {key: name for key, (_, name) in scale.named.items() if key}
    if len(names) < 2:
        return layout
    blocks = layout.blocks
    found: dict[int, str] = {}
    for i, (block, nxt) in enumerate(itertools.pairwise(blocks)):
        if (
            isinstance(block, Paragraph)
            and isinstance(nxt, Paragraph)
            and nxt.is_list_item
            and not block.is_list_item
            and not block.heading_level
            and block.text.endswith(":")
            and word_count(block.text) <= 10
        ):
            text = block.text.casefold()
            hits = [n for k, n in names.items() if re.search(rf"\b{re.escape(k)}\b", text)]
            if len(hits) == 1:
                found[i] = hits[0]
    if len(found) < 2:
        return layout
    new = list(blocks)
    for i, name in found.items():
        p = new[i]
        assert isinstance(p, Paragraph)
        new[i] = dataclasses.replace(p, text=name, runs=[Run(name, bold=True)], bold=True)
    return dataclasses.replace(layout, blocks=new)


def _numbered_labels_as_lines(layout: Layout) -> Layout:
    """ho5_cf05: levels written as numbered list items (`1. Foundation`) each heading the
    bullets of its indicators read as the bold level lines other frameworks print. An
    item counts when it is a short label (no sentence), numbered, and a list item with
    another marker follows it; two or more such items, or the layout is left as it is."""
    blocks = layout.blocks
    found: list[int] = []
    for i, (block, nxt) in enumerate(itertools.pairwise(blocks)):
        if (
            isinstance(block, Paragraph)
            and isinstance(nxt, Paragraph)
            and block.is_list_item
            and _NUMBER_MARK.match(block.bullet or "")
            and 0 < word_count(block.text) <= 3
            and not block.text.endswith((".", ",", ";", ":"))
            and nxt.is_list_item
            and (nxt.bullet or "") != block.bullet
        ):
            found.append(i)
    if len(found) < 2:
        return layout
    new = list(blocks)
    for i in found:
        p = new[i]
        assert isinstance(p, Paragraph)
        new[i] = dataclasses.replace(p, list_level=None, bullet=None, bold=True)
    return dataclasses.replace(layout, blocks=new)


def extract(layout: Layout) -> Extraction:
    layout = _lead_ins_as_level_lines(_numbered_labels_as_lines(tidy_layout(layout)))
    walker = _Walker(layout)
    long = read_long_format(layout, walker.scale, _headings_over_tables(layout))
    if long is not None:
        walker.skip.update(id(t) for t in long.tables)
        _add_long_format(long, walker.builder)
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            walker.paragraph(block)
        elif id(block) not in walker.skip:
            walker.table(block)
    builder = walker.builder
    competencies, statements, names = _publish(builder)
    introduction = [
        item.model_copy(update={"sub_items": subs})
        for item, subs in zip(walker.intro, walker.intro_subs, strict=True)
    ]
    header = running_header(layout)
    title = walker.title or layout.properties.get("title") or None
    organisation = organisation_from_header(header, title) or organisation_in_text(layout)
    levels = _one_naming(
        walker.levels
        or _declared(walker, long)
        or [builder.levels_seen[n] for n in sorted(builder.levels_seen)]
    )
    warnings = list(builder.warnings)
    if not competencies:
        warnings.append(
            warning(IssueCode.MISSING_SECTION, "No competency with level content was found.")
        )
    content = CompetencyFramework(
        title=title,
        organisation=organisation,
        running_header=header,
        toc=_toc_levels_from_headings(layout, walker.toc),
        introduction=introduction,
        levels=levels,
        cumulative_rule=_cumulative_rule(introduction),
        competencies=competencies,
        statements=statements,
    )
    return Extraction(
        content=content, title=title, organisation=organisation, names=names, warnings=warnings
    )


# `Cluster: Delivering` — a label naming what the title is, before the title itself
_CLUSTER_LEAD = re.compile(
    r"^(?:cluster|area|theme|group|domain|section|pillar|strand)\s*\d*\s*[:–—-]\s+",
    re.IGNORECASE,
)


def _headings_over_tables(layout: Layout) -> dict[int, str]:
    """{id(table): the text of the heading right over it} (a long table's cluster, ho_cf05);
    a lone heading or the document's title heading names no cluster."""
    found: dict[int, str] = {}
    heading: Paragraph | None = None
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            if block.heading_level is not None:
                heading = block if block.heading_level >= 1 else None
            elif block.where.sheet is not None and is_bold(block):
                heading = block  # a sheet's bold title cell (ho3_cf04: `Cluster: Delivering`)
        elif heading is not None:
            found[id(block)] = _CLUSTER_LEAD.sub("", heading.text)
    return found if len(set(found.values())) >= 2 else {}


def _toc_levels_from_headings(layout: Layout, toc: list[TocEntry]) -> list[TocEntry]:
    """TOC lines without a `TOC n` style (PDF) take the rank of the heading they point to:
    heading levels 2 and 4 (PDF font sizes) become TOC levels 1 and 2."""
    if not toc or all(_has_style_level(layout, e) for e in toc):
        return toc
    heading_levels = {
        p.text.casefold(): p.heading_level
        for p in layout.paragraphs()
        if p.heading_level is not None and p.heading_level >= 1 and not _is_toc(p)
    }
    used = sorted({heading_levels[e.text.casefold()] for e in toc if e.text.casefold() in
                   heading_levels})  # fmt: skip
    rank = {level: i + 1 for i, level in enumerate(used)}
    return [
        e.model_copy(update={"level": rank[heading_levels[e.text.casefold()]]})
        if e.text.casefold() in heading_levels and not _has_style_level(layout, e)
        else e
        for e in toc
    ]


def _has_style_level(layout: Layout, entry: TocEntry) -> bool:
    """Whether the TOC entry's level came from a `TOC n` style (then it is authoritative)."""
    for p in layout.paragraphs():
        if p.where == entry.where:
            m = _TOC_STYLE.match(p.style or "")
            return bool(m and m.group(1))
    return False


def _cumulative_rule(introduction: list[IntroItem]) -> Text | None:
    for item in introduction:
        for text, where in [(item.text, item.where)] + [(s.text, s.where) for s in item.sub_items]:
            if _CUMULATIVE.search(text):
                return Text(text=text, where=where)
    return None


def _read_level_rows(
    table: Table,
    builder: _Builder,
    section: str | None,
    current_level: int | None,
    current_label: str | None = None,
) -> tuple[bool, str | None]:
    """Levels as rows (`Level 1 | content`); a one-cell row inside names the competency.
    Returns whether the table held level content, and the section in force after it."""
    used = False
    row_level: int | None = None  # a full-width `Level 2` row sets the level of rows below
    row_label: str | None = None
    polarity = _polarity_columns(table, builder.scale)
    grid = table.grid()
    for _r, row in enumerate(grid):
        cells = distinct_cells(row)
        filled = [c for c in cells if c.text]
        if not filled:
            continue
        label = level_label(cells[0])
        number = builder.scale.number(first_text(cells[0]))
        content_cells = [c for c in cells[1:] if c.text]
        if number is not None and content_cells and _content_richness(content_cells) >= 1:
            comp = builder.current
            builder.saw_level(number, label, cells[0].where)
            if comp is None:
                builder.warnings.append(
                    warning(
                        IssueCode.AMBIGUOUS_LAYOUT,
                        f"Content for {label!r} has no competency title before or above it; "
                        "its statements are not extracted.",
                        cells[0].where,
                    )
                )
                continue
            lv = comp.level(number, label, content_cells[0].where)
            for c in content_cells:
                if c.col in polarity:
                    head = polarity[c.col]
                    lv.sub_areas.append(
                        _SubArea(head.text, head.where, negative=bool(NEGATIVE.search(head.text)))
                    )
                parse_content(cell_paragraphs(c), lv)
            used = True
        elif len(filled) == 1 and filled[0].col == 0 and len(cell_paragraphs(filled[0])) == 1:
            p = cell_paragraphs(filled[0])[0]
            spanned = builder.scale.number(p.text, need_word=True)
            if spanned is not None:
                row_level, row_label = spanned, p.text
                builder.saw_level(spanned, p.text, filled[0].where)
                continue
            if filled[0].col_span >= table.n_cols > 1 and (
                category_of(p.text) is not None
                or (
                    (row_level or current_level) is not None
                    and _named_rows_follow(grid, _r, builder.scale)
                )
            ):
                # a full-width `Core behaviours` row starts a section; so does any full-width
                # row over `Competency | behaviours` rows of a level's table (ho_cf02)
                section = p.text
                continue
            # Managing & Leading People / Corporate Services: the title is the first row.
            builder.start(p.text, p, filled[0].where, section)
        elif (
            len(filled) == 1
            and filled[0].col == 0
            and filled[0].col_span >= table.n_cols > 1
            and _titled_definition(cell_paragraphs(filled[0]))
        ):
            # ho6_cf04: a full-width row holding the bold name over its definition lines
            # (a nested level table opened out under the cell it sat beside)
            name_para, *rest = cell_paragraphs(filled[0])
            comp = builder.start(name_para.text, name_para, filled[0].where, section)
            if comp.description is None:
                comp.description = " ".join(p.text for p in rest)
        elif not cells[0].text and builder.current is not None and builder.current.levels and used:
            # A row continuing the previous level's content (a cell split across pages).
            lv = builder.current.levels[-1]
            for c in cells[1:]:
                parse_content(cell_paragraphs(c), lv)
        elif (
            number is None
            and cells[0].text
            and content_cells
            and _statement_block(content_cells)
            and (row_level or current_level) is not None
        ):
            # A table per level with `Competency | behaviours` rows.
            name_paras = cell_paragraphs(cells[0])
            comp = builder.start(name_paras[0].text, name_paras[0], cells[0].where, section)
            if len(name_paras) > 1 and comp.description is None:
                comp.description = " ".join(p.text for p in name_paras[1:])
            level = row_level or current_level
            written = row_label if row_level else current_label
            lv = comp.level(level, written, content_cells[0].where)
            for c in content_cells:
                parse_content(cell_paragraphs(c), lv)
            used = True
    if not used and builder.current is not None and current_level is not None:
        # No level labels at all: one content table under a `Level N` heading.
        contents = [c for c in table.cells() if len(cell_paragraphs(c)) > 1]
        if contents:
            lv = builder.current.level(current_level, None, contents[0].where)
            for c in contents:
                parse_content(cell_paragraphs(c), lv)
            used = True
    return used, section


def _titled_definition(paras: list[Paragraph]) -> bool:
    """A bold short name line over plain or italic definition lines (not a list)."""
    if len(paras) < 2:
        return False
    name, rest = paras[0], paras[1:]
    return (
        _emphasised(name)
        and 0 < word_count(name.text) <= 8
        and not name.is_list_item
        and not any(p.is_list_item or _emphasised(p) for p in rest)
    )


def _named_rows_follow(grid: list[list[Cell | None]], r: int, scale: LevelScale) -> bool:
    """Whether the next filled row below r is a competency's row (a name that is no level
    label beside statements), so the one-cell row r names their group, not a competency."""
    for row in grid[r + 1 :]:
        cells = [c for c in distinct_cells(row) if c.text]
        if not cells:
            continue
        return (
            len(cells) >= 2
            and scale.number(first_text(cells[0])) is None
            and _statement_block(cells[1:])
        )
    return False


def _polarity_columns(table: Table, scale: LevelScale) -> dict[int, Paragraph]:
    """{column: header} when a header row splits each level's behaviours into effective and
    ineffective columns (cf06: `Level | Effective behaviours | Ineffective behaviours`)."""
    for row in table.grid()[:2]:
        cells = distinct_cells(row)
        if len(cells) < 3 or scale.number(first_text(cells[0])) is not None:
            continue
        heads = {
            c.col: cell_paragraphs(c)[0]
            for c in cells[1:]
            if len(cell_paragraphs(c)) == 1 and word_count(c.text) <= 6
        }
        if len(heads) >= 2 and any(NEGATIVE.search(p.text) for p in heads.values()):
            return heads
    return {}


def _polarity_table(table: Table) -> dict[int, Paragraph] | None:
    """{column: header} of a table whose header row holds nothing but polarity headings
    (`Effective | Ineffective`), one a negative, over rows of behaviours (ho5_cf02)."""
    grid = table.grid()
    if len(grid) < 2:
        return None
    cells = distinct_cells(grid[0])
    heads = {
        c.col: cell_paragraphs(c)[0]
        for c in cells
        if len(cell_paragraphs(c)) == 1 and word_count(c.text) <= 4
    }
    negative = [p for p in heads.values() if NEGATIVE.search(p.text)]
    if len(cells) < 2 or len(heads) != len(cells) or not 1 <= len(negative) < len(heads):
        return None
    return heads


def _read_polarity_table(table: Table, heads: dict[int, Paragraph], into: _Level) -> None:
    """Each polarity column's cells, top to bottom, as one sub-area of the level."""
    grid = table.grid()
    for col, head in heads.items():
        area = _SubArea(head.text, head.where, negative=bool(NEGATIVE.search(head.text)))
        into.sub_areas.append(area)
        column = distinct_cells(row[col] if col < len(row) else None for row in grid[1:])
        for cell in column:
            if cell.col == col:  # not a cell merged in from another column
                area.statements.extend(statement_text(p) for p in cell_paragraphs(cell))


def _statement_block(cells: list[Cell]) -> bool:
    """Cells that hold behaviour statements, not a header (`Competency | Behaviours`)."""
    paras = [p for c in cells for p in cell_paragraphs(c)]
    return (
        any(p.is_list_item for p in paras)
        or len(paras) >= 2
        or any(word_count(p.text) >= 8 for p in paras)
    )


def _read_level_columns(
    table: Table,
    columns: tuple[int, dict[int, tuple[int, str]]],
    builder: _Builder,
    section: str | None,
    above: _Competency | None = None,
) -> str | None:
    """Levels as columns: each row below the header is one competency; full-width rows are
    section headings (`Core competencies`). Returns the section in force at the end.

    When the levels start in the first column there is no name column: the table belongs
    to the competency named above it (``above``: a heading or bold title line)."""
    header_row, level_cols = columns
    grid = table.grid()
    if min(level_cols) == 0:
        if above is None:
            builder.warnings.append(
                warning(
                    IssueCode.AMBIGUOUS_LAYOUT,
                    "A table with levels as columns has no competency name in it or above it; "
                    "its statements are not extracted.",
                    table.where,
                )
            )
            return section
        for r in range(header_row + 1, len(grid)):
            for c, (number, label) in level_cols.items():
                head = grid[header_row][c]
                builder.saw_level(number, label, head.where if head is not None else table.where)
                cell = grid[r][c]
                if cell is None or cell.col != c or cell.row != r or not cell.text:
                    continue
                parse_content(cell_paragraphs(cell), above.level(number, label, cell.where))
        return section
    lead = lead_columns(grid, header_row, min(level_cols))
    polarity = _polarity_subheader(grid, header_row, level_cols)
    first_body = header_row + (2 if polarity else 1)
    for r in range(first_body, len(grid)):
        cells = distinct_cells(grid[r])
        filled = [c for c in cells if c.text]
        if not filled:
            continue
        if len(filled) == 1 and filled[0].col < min(level_cols):
            only = filled[0]
            spans_levels = only.col + only.col_span > min(level_cols)
            if spans_levels or (len(cell_paragraphs(only)) == 1 and category_of(only.text)):
                section = only.text
                continue
        if lead.cluster is not None:
            cluster_cell = grid[r][lead.cluster]
            if cluster_cell is not None and cluster_cell.text:
                section = cluster_cell.text  # cf09: merged down its rows, blank below in PDFs
        name_cell = grid[r][lead.name]
        paras = cell_paragraphs(name_cell) if name_cell is not None else []
        if name_cell is None or not paras:
            continue
        title_para = paras[0]
        comp = builder.start(title_para.text, title_para, name_cell.where, section)
        definition = (
            cell_paragraphs(grid[r][lead.definition]) if lead.definition is not None else []
        )
        if definition and comp.description is None:
            comp.description = " ".join(p.text for p in definition)
        elif len(paras) > 1 and comp.description is None:
            comp.description = " ".join(p.text for p in paras[1:])
        for c, (number, label) in level_cols.items():
            head = grid[header_row][c]
            assert head is not None
            builder.saw_level(number, label, head.where)
            # a level header merged over several columns (ho_cf03: `Positive | Negative
            # indicators` under each level) owns every column it spans
            for sc in range(c, c + head.col_span):
                cell = grid[r][sc]
                if cell is None or cell.col != sc or not cell.text:
                    continue
                lv = comp.level(number, label, cell.where)
                if sc in polarity:
                    sub = polarity[sc]
                    lv.sub_areas.append(
                        _SubArea(sub.text, sub.where, negative=bool(NEGATIVE.search(sub.text)))
                    )
                parse_content(cell_paragraphs(cell), lv)
    return section


def _polarity_subheader(
    grid: list[list[Cell | None]], header_row: int, level_cols: dict[int, tuple[int, str]]
) -> dict[int, Paragraph]:
    """{column: heading} of a second header row splitting each merged level header into
    effective / ineffective columns (ho_cf03), else {}."""
    if header_row + 1 >= len(grid):
        return {}
    heads: dict[int, Paragraph] = {}
    for c in level_cols:
        head = grid[header_row][c]
        if head is None or head.col_span < 2:
            return {}
        for sc in range(c, c + head.col_span):
            cell = grid[header_row + 1][sc]
            paras = cell_paragraphs(cell)
            if cell is None or cell.col != sc or len(paras) != 1 or word_count(cell.text) > 6:
                return {}
            heads[sc] = paras[0]
    return heads if any(NEGATIVE.search(p.text) for p in heads.values()) else {}


def _plain_definition(p: Paragraph) -> bool:
    """A sentence in plain or italic type (not bold, not a list item, not a heading)."""
    return (
        not p.is_list_item
        and not p.heading_level
        and not is_bold(p)
        and word_count(p.text) >= 5
        and p.text.rstrip().endswith(".")
    )


def _bullets_under(paras: list[Paragraph], i: int) -> bool:
    """Statements directly under paragraph i (bullets, or plain one-sentence lines: cf22),
    or bullets under the lead-in line that follows it."""
    nxt = paras[i + 1]
    if nxt.is_list_item or _plain_statement(nxt):
        return True
    return _lead_in(nxt) and i + 2 < len(paras) and paras[i + 2].is_list_item


def _plain_statement(p: Paragraph) -> bool:
    """A plain line that reads as one behaviour: a short sentence, not bold, not a heading."""
    return (
        p.heading_level is None
        and not is_bold(p)
        and p.text.endswith(".")
        and 2 <= word_count(p.text) <= 30
    )


_NAME_COLUMN_HEAD = re.compile(r"competenc|behaviou?r|capabilit", re.IGNORECASE)


def _lead_cues(table: Table, columns: tuple[int, dict[int, tuple[int, str]]]) -> tuple[int, int]:
    """(named, defined): whether a header cell left of the level columns names competencies
    or behaviours (cf09 `Behaviour`, cf10 `Competency`: the rows are competencies, not
    roles), and whether a column there defines them (cf09 `What it means`)."""
    header_row, level_cols = columns
    grid = table.grid()
    first = min(level_cols)
    named = any(
        cell is not None and _NAME_COLUMN_HEAD.search(cell.text)
        for cell in grid[header_row][:first]
    )
    defined = first > 1 and lead_columns(grid, header_row, first).definition is not None
    return int(named), int(defined)


def score(layout: Layout) -> float:
    """Independent cues, each adding to the score (one missing lowers it, none zeroes it):

    - level tables: levels as columns over prose, or level-labelled rows with rich cells;
    - level sections: headings naming a level (`Level Two`);
    - flowing levels: level label lines (numbered or named) directly followed by bullets;
    - a long-format sheet: competency, level and indicator columns, one row per indicator;
    - a levels table or intro list declaring named levels;
    - a level-columns table whose name column is headed `Competency` / `Behaviour`, and
      one with a definition column before its levels;
    - competency/behaviour words in the text.
    Tables that each follow a post heading are a progression framework's role tables.
    """
    layout = _lead_ins_as_level_lines(_numbered_labels_as_lines(tidy_layout(layout)))
    scale = build_scale(layout)
    level_tables = 0
    named_columns = 0  # level-column tables whose name column says `Competency`/`Behaviour`
    defined_columns = 0  # … and with a definition column before the levels
    for table in layout.tables():
        table = transposed(table, scale) or table
        columns = _level_columns(table, scale)
        if columns is not None:
            level_tables += 1
            named, defined = _lead_cues(table, columns)
            named_columns += named
            defined_columns += defined
            continue
        rows_by_level: dict[int, int] = {}  # level -> paragraphs of words beside its label
        for r, grid_row in enumerate(table.grid()):
            # a level cell merged down its indicators labels every row it spans (ho5_cf04)
            label = grid_row[0] if grid_row else None
            cells = [label] if label is not None and label.text else []
            cells += [c for c in distinct_cells(grid_row[1:]) if c.row == r and c.text]
            number = scale.number(first_text(cells[0])) if len(cells) >= 2 else None
            if number is None:
                continue
            richness = _content_richness(cells[1:])
            if richness >= 4 or any(p.is_list_item for c in cells[1:] for p in c.paragraphs):
                level_tables += 1
                break
            rows_by_level[number] = rows_by_level.get(number, 0) + richness
        else:
            # ho5_cf01: `Level 1 – All staff | three short lines` rows, each level once,
            # together rich even when no one row is
            if len(rows_by_level) >= 2 and sum(rows_by_level.values()) >= 2 * len(rows_by_level):
                level_tables += 1
    level_headings = sum(
        1
        for p in layout.paragraphs()
        if p.heading_level and scale.number(p.text, need_word=True) is not None
    )
    # Content without tables: level lines (headings or bold) directly followed by bullets.
    paras = layout.paragraphs()
    flowing = sum(
        1
        for i, p in enumerate(paras[:-1])
        if (p.heading_level or _emphasised(p))
        and scale.number(p.text, need_word=True) is not None
        and _bullets_under(paras, i)
    )
    if flowing >= 2:
        level_tables += flowing // 2
    # ho6_cf06: a title line, its plain definition, then its first level line over bullets:
    # competencies defined in the flow, as a definition column defines them in a table
    defined_columns += sum(
        1
        for i in range(len(paras) - 3)
        if (paras[i].heading_level or _emphasised(paras[i]))
        and scale.number(paras[i].text, need_word=True) is None
        and _plain_definition(paras[i + 1])
        and (paras[i + 2].heading_level or _emphasised(paras[i + 2]))
        and scale.number(paras[i + 2].text, need_word=True) is not None
        and _bullets_under(paras, i + 2)
    )
    # ho5_cf02: `Level 1 – Officer` lines each over an `Effective | Ineffective` table
    blocks = layout.blocks
    level_tables += sum(
        1
        for block, nxt in itertools.pairwise(blocks)
        if isinstance(block, Paragraph)
        and isinstance(nxt, Table)
        and (block.heading_level or _emphasised(block))
        and scale.number(block.text, need_word=True) is not None
        and _polarity_table(nxt) is not None
    )
    # A table per level: `Level N` headings over tables whose cells hold bullet lists; not
    # rows of `Qualifications` / `Experience`, a career path's band requirements (ho7_pf03)
    if level_headings >= 2:
        level_tables += sum(
            1
            for t in layout.tables()
            if any(p.is_list_item for c in t.cells() for p in c.paragraphs)
            and not category_column(t)
        )
    long_tables = sum(
        1 for t in layout.tables() if long_format_columns(titled_rows(t) or t, scale) is not None
    )
    words = sum(1 for t in layout.all_text() if _COMPETENCY_WORD.search(t))
    s = 0.0
    if level_tables or long_tables:
        s += 0.4 + min(0.2, 0.04 * (level_tables + 2 * long_tables))
    if level_headings:
        s += 0.15
    if named_columns:
        s += 0.2
    if defined_columns:
        s += 0.1
    if scale.declared:
        s += 0.1
    if words:
        s += min(0.2, 0.04 * words)
    # Tables that each follow a post heading (`Estate Officer - Scale 4`) are a progression
    # framework's role tables, even when their columns read `Band 1/2/3` like levels.
    if roles_before_tables(layout) >= max(1, level_tables // 2):
        s *= 0.5
    return min(1.0, s)


EXTRACTOR = Extractor(
    DocumentKind.COMPETENCY_FRAMEWORK, "competency_framework", VERSION, score, extract
)
