"""Career progression framework extractor: sections, roles, bands, categories, statements.

Reads only the layout model (Word and PDF alike). Cues:
- headings: the level that is followed by tables is the role level, shallower headings are
  sections (team names); a role heading carries post numbers `(PN: …)`, a grade after a dash
  (`– Range 4`, `- Apprentice Grade`) and sometimes a job-family note in trailing brackets;
- a band table has band labels (`Level A (Developing)`, `Band 2`, `Entry`…) across its
  header row (categories as rows) or down its first column (bands as rows, categories as
  column headers);
- inside a cell the category label is a bold/underlined paragraph of its own, or a bold run
  before the first statement; where a cell has none, the row's other cells or its position
  among the document's category rows give it;
- a role table without band labels (one row of `Level 2 … Apprenticeship` cells) is an
  apprenticeship: it is kept as such, never forced into bands.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from roleframe.parsers.kinds.base import Extraction, Extractor, SurfaceName
from roleframe.parsers.kinds.framework_common import (
    AFTER_POST,
    NO_POST,
    POST_NUMBER,
    POST_TOKEN,
    STEP_WORDS,
    bold_lead,
    cell_paragraphs,
    distinct_cells,
    first_text,
    is_bold,
    looks_like_role,
    organisation_in_text,
    roles_before_tables,
    word_count,
)
from roleframe.parsers.kinds.progression_grades import grade_number
from roleframe.parsers.layout import Cell, Layout, Paragraph, Table
from roleframe.schema import DocumentKind, Issue, IssueCode, Provenance
from roleframe.schema.issues import warning
from roleframe.schema.progression_framework import (
    Apprenticeship,
    Band,
    CategoryRequirements,
    GradeNumber,
    LabelStyle,
    ProgressionFramework,
    Role,
    Text,
)

VERSION = "1"

_PAREN_LINE = re.compile(r"^\((?P<note>[^()]+)\)\.?$")

# `Level A (Developing)`, `Band 2 – Experienced`, `Stage III`
_BAND_LABEL = re.compile(
    r"^(?:level|band|grade|stage|tier|step)\s+(?P<tok>[A-Z]|\d{1,2}|[IVX]{1,4})\b"
    r"(?:\s*\((?P<pname>[^()]*)\)|\s*[:–—-]\s*(?P<dname>[^()]+?))?\s*$",
    re.IGNORECASE,
)
_MAX_LABEL_WORDS = 4
UNLABELLED = "unlabelled"  # category key when neither a label nor the position tells


def category_key(label: str) -> str:
    """`Qualifications:` -> `qualifications`; `Essential Knowledge` -> `essential_knowledge`."""
    return re.sub(r"[^a-z0-9]+", "_", label.casefold()).strip("_")


def _label_text(text: str) -> str:
    return text.strip().rstrip(":").strip()


def band_label(text: str) -> tuple[str, str | None] | None:
    """A band header -> (key, name): `Level A (Developing)` -> (`A`, `Developing`)."""
    text = text.strip()
    m = _BAND_LABEL.match(text)
    if m:
        tok = m.group("tok")
        name = (m.group("pname") or m.group("dname") or "").strip() or None
        return (tok.upper() if tok.isalpha() and len(tok) == 1 else tok), name
    m = STEP_WORDS.match(text)
    if m and word_count(text) <= 3:
        inner = re.search(r"\(([^)]+)\)", text)
        return text, inner.group(1) if inner else None
    return None


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
        if nm:
            title, grade, note = nm.group("title").strip(), nm.group("grade").strip(), nm["note"]
        else:
            title = text
    if pm and grade is None:
        # `Housing Options Officer – Grade 6 (Post ref: HO12)`: the grade before the number.
        nm = NO_POST.match(title)
        if nm:
            title, grade = nm.group("title").strip(), nm.group("grade").strip()
            note = note or nm.group("note")
    numbers = POST_TOKEN.findall(pn) if pn else []
    return Heading(
        title=title,
        post_number_raw=pn,
        post_numbers=numbers,
        grade=grade,
        grade_number=grade_number(grade),
        note=note.strip() if note else None,
    )


# --- tables -----------------------------------------------------------------------------


@dataclass
class _CellLabel:
    label: str | None
    style: LabelStyle
    statements: list[Text]


def _printed_label(p0: Paragraph, known: set[str]) -> tuple[str, LabelStyle, str | None] | None:
    """The category label a cell's first paragraph prints: (label, style, text after it
    when inline), or None."""
    short = word_count(p0.text) <= _MAX_LABEL_WORDS
    # Labels are upright: a bold-italic line is a preamble (`Requirements at this level:`).
    if short and not p0.is_list_item and not p0.italic and (is_bold(p0) or p0.underline):
        return _label_text(p0.text), "underlined" if p0.underline else "paragraph", None
    lead = bold_lead(p0)
    if lead and word_count(lead) <= _MAX_LABEL_WORDS and p0.text.startswith(lead):
        return _label_text(lead), "inline", p0.text[len(lead) :].strip(" :–—-")
    if short and _label_text(p0.text).casefold() in known:
        return _label_text(p0.text), "paragraph", None
    return None


def cell_label(cell: Cell, known: set[str]) -> str | None:
    paras = cell_paragraphs(cell)
    found = _printed_label(paras[0], known) if paras else None
    return found[0] if found else None


def read_cell(cell: Cell, known: set[str]) -> _CellLabel:
    """Split a cell into its category label (if printed) and its statements."""
    paras = cell_paragraphs(cell)
    if not paras:
        return _CellLabel(None, "missing", [])
    p0 = paras[0]
    found = _printed_label(p0, known)
    if found is None:
        return _CellLabel(None, "missing", [Text(text=p.text, where=p.where) for p in paras])
    label, style, tail = found
    first = [Text(text=tail, where=p0.where)] if tail else []
    return _CellLabel(label, style, first + [Text(text=p.text, where=p.where) for p in paras[1:]])


@dataclass
class _BandAxis:
    """Where the bands are: across a header row (`row`) or down the first column (`col`)."""

    orientation: str  # "columns" (bands across) or "rows" (bands down)
    header: int  # header row index
    bands: dict[int, tuple[str, str | None, Cell]]  # column or row index -> (key, name, cell)


def band_axis(table: Table) -> _BandAxis | None:
    grid = table.grid()
    if len(grid) < 2:
        return None  # one row: an apprenticeship level strip, not bands with content
    for r, row in enumerate(grid[:2]):
        found = {}
        for c, cell in enumerate(row):
            if cell is None or cell.col != c or not cell.text:
                continue
            parsed = band_label(first_text(cell)) if len(cell_paragraphs(cell)) == 1 else None
            if parsed:
                found[c] = (*parsed, cell)
        filled = [c for c in distinct_cells(row) if c.text]
        if len(found) >= 2 and len(found) >= len(filled) - 1:
            return _BandAxis("columns", r, found)
    found = {}
    for r in range(1, len(grid)):
        cell = grid[r][0]
        if cell is None or cell.row != r or not cell.text:
            continue
        parsed = band_label(first_text(cell)) if len(cell_paragraphs(cell)) == 1 else None
        if parsed:
            found[r] = (*parsed, cell)
    if len(found) >= 2 and table.n_cols >= 2:
        return _BandAxis("rows", 0, found)
    return None


def _scan_labels(axes: dict[int, _BandAxis], tables: list[Table]) -> list[str]:
    """The document's category order: the most common fully labelled row sequence of its
    band tables (longest first), then any other label in first-seen order."""
    sequences: Counter[tuple[str, ...]] = Counter()
    seen: list[str] = []
    for table in tables:
        axis = axes.get(id(table))
        if axis is None:
            continue
        if axis.orientation == "columns":
            row_labels: list[str | None] = []
            for r in range(axis.header + 1, table.n_rows):
                if _is_requirements_row(table.rows[r], set()):
                    continue
                labels = Counter(lab for cell in table.rows[r] if (lab := cell_label(cell, set())))
                labels.update(
                    _label_text(cell.text)
                    for cell in table.rows[r]
                    if cell.col < min(axis.bands) and 0 < word_count(cell.text) <= 4
                )
                row_labels.append(labels.most_common(1)[0][0] if labels else None)
        else:
            row_labels = [_label_text(cell.text) or None for cell in table.rows[0][1:]]
        seen.extend(lab for lab in row_labels if lab and lab not in seen)
        if row_labels and all(row_labels):
            sequences[tuple(row_labels)] += 1  # type: ignore[arg-type]
    order: list[str] = []
    if sequences:
        order = list(max(sequences, key=lambda seq: (len(seq), sequences[seq])))
    return order + [lab for lab in seen if lab not in order]


def _is_requirements_row(cells: list[Cell], known: set[str]) -> bool:
    """A preamble row (`Requirements at this level in addition to 3A:`): one short line per
    cell, italic or ending with a colon, no category label."""
    filled = [c for c in cells if c.text]
    if not filled:
        return False
    for c in filled:
        paras = cell_paragraphs(c)
        if len(paras) != 1 or _label_text(paras[0].text).casefold() in known:
            return False
        if not (paras[0].italic or paras[0].text.endswith(":")):
            return False
    return True


def _fill_missing(row_labels: list[str | None], order: list[str]) -> list[str | None]:
    """Rows with no printed label take the category their position implies: the one after
    the previous row's in the document's order, or before the next row's."""
    out = list(row_labels)
    folded = [o.casefold() for o in order]
    for i, lab in enumerate(out):
        if lab is not None:
            continue
        used = {x.casefold() for x in out if x}
        prev = next((out[j] for j in range(i - 1, -1, -1) if out[j]), None)
        nxt = next((out[j] for j in range(i + 1, len(out)) if out[j]), None)
        guess = None
        if prev and prev.casefold() in folded:
            k = folded.index(prev.casefold()) + 1
            guess = order[k] if k < len(order) else None
        if guess is None and nxt and nxt.casefold() in folded:
            k = folded.index(nxt.casefold()) - 1
            guess = order[k] if k >= 0 else None
        if guess is None and i < len(order):
            guess = order[i]
        out[i] = guess if guess and guess.casefold() not in used else None
    return out


def _labels_only(read: dict[int, _CellLabel]) -> bool:
    """A row of category labels with no statement in any cell."""
    return all(x.label and not x.statements for x in read.values())


def _pages(cells: dict[int, Cell]) -> list[int]:
    return [c.where.page for c in cells.values() if c.text and c.where.page is not None]


def _continues_on_next_page(
    read: dict[int, _CellLabel], cells: dict[int, Cell], previous: dict[int, Cell]
) -> bool:
    """A label-less row whose text starts on a later page than the row above's ends."""
    if any(x.label for x in read.values()):
        return False
    here, above = _pages(cells), _pages(previous)
    return bool(here and above) and min(here) > max(above)


@dataclass
class _BandBuild:
    key: str
    label: str
    name: str | None
    where: Provenance
    requirements: Text | None = None
    categories: list[CategoryRequirements] = field(default_factory=list)


def read_bands_as_columns(
    table: Table, axis: _BandAxis, order: list[str], known: set[str]
) -> list[_BandBuild]:
    grid = table.grid()
    bands = {
        c: _BandBuild(key, first_text(cell), name, cell.where)
        for c, (key, name, cell) in axis.bands.items()
    }
    rows: list[dict[int, _CellLabel]] = []
    row_cells: list[dict[int, Cell]] = []
    row_heads: list[str | None] = []
    first_band = min(bands)
    header_texts = {c: first_text(grid[axis.header][c]) for c in bands}
    for r in range(axis.header + 1, len(grid)):
        cells = {c: grid[r][c] for c in bands if grid[r][c] is not None and grid[r][c].row == r}
        present = [cell for cell in cells.values() if cell is not None]
        if cells and all(cell.text == header_texts[c] for c, cell in cells.items()):
            continue  # the header row repeated after a page break
        # A label column left of the bands (`Knowledge | … | … | …`) names the row.
        heads = [
            cell_paragraphs(grid[r][c])
            for c in range(first_band)
            if grid[r][c] is not None and grid[r][c].row == r
        ]
        head = next(
            (ps[0].text for ps in heads if len(ps) == 1 and word_count(ps[0].text) <= 4), None
        )
        if not rows and head is None and _is_requirements_row(present, known):
            for c, cell in cells.items():
                if cell is not None and cell.text:
                    p = cell_paragraphs(cell)[0]
                    bands[c].requirements = Text(text=p.text, where=p.where)
            continue
        read = {c: read_cell(cell, known) for c, cell in cells.items() if cell is not None}
        if not any(x.statements or x.label for x in read.values()):
            continue
        if (
            rows
            and head is None
            and (
                _continues_on_next_page(read, cells, row_cells[-1])
                or (_labels_only(rows[-1]) and not any(x.label for x in read.values()))
            )
        ):
            # 004 PDF: a row split by a page break arrives as a second row without labels
            # (sometimes the first part is the labels alone); in unruled PDF tables the label
            # line and the statements under it come out as two rows. The statements belong
            # to the row above.
            for c, x in read.items():
                if c in rows[-1]:
                    rows[-1][c].statements.extend(x.statements)
            continue
        rows.append(read)
        row_cells.append({c: cell for c, cell in cells.items() if cell is not None})
        row_heads.append(_label_text(head) if head else None)
    majority: list[str | None] = []
    for read, head in zip(rows, row_heads, strict=True):
        labels = Counter(x.label for x in read.values() if x.label)
        majority.append(head or (labels.most_common(1)[0][0] if labels else None))
    filled = _fill_missing(majority, order)
    for read, cells, row_label, head in zip(rows, row_cells, filled, row_heads, strict=True):
        for c, x in read.items():
            label = x.label or row_label
            if label is None:
                label = UNLABELLED
            style: LabelStyle = x.style
            if x.label is None and head is not None:
                style = "header"
            bands[c].categories.append(
                CategoryRequirements(
                    category=category_key(label),
                    label=x.label or head,
                    label_style=style,
                    statements=x.statements,
                    where=cells[c].where,
                )
            )
    return [bands[c] for c in sorted(bands)]


def read_bands_as_rows(table: Table, axis: _BandAxis) -> list[_BandBuild]:
    grid = table.grid()
    headers = {
        c: cell
        for c, cell in enumerate(grid[0])
        if c > 0 and cell is not None and cell.col == c and cell.text
    }
    out = []
    for r, (key, name, label_cell) in sorted(axis.bands.items()):
        band = _BandBuild(key, first_text(label_cell), name, label_cell.where)
        for c, head in headers.items():
            cell = grid[r][c]
            if cell is None or cell.row != r:
                continue
            label = _label_text(first_text(head))
            paras = cell_paragraphs(cell)
            # A cell that repeats its column's label keeps it out of the statements.
            if paras and _label_text(paras[0].text).casefold() == label.casefold():
                paras = paras[1:]
            if _label_text(label).casefold().startswith("requirement"):
                if paras:
                    band.requirements = Text(text=paras[0].text, where=paras[0].where)
                continue
            band.categories.append(
                CategoryRequirements(
                    category=category_key(label),
                    label=label,
                    label_style="header",
                    statements=[Text(text=p.text, where=p.where) for p in paras],
                    where=cell.where,
                )
            )
        out.append(band)
    return out


# --- the extractor ----------------------------------------------------------------------


@dataclass
class _RoleBuild:
    heading: Paragraph
    parsed: Heading
    section: str | None
    notes: list[Text] = field(default_factory=list)
    duties: list[Text] = field(default_factory=list)
    family_note: str | None = None
    bands: list[_BandBuild] | None = None
    apprenticeship_levels: list[Text] | None = None
    after: list[Text] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


def _role_level(layout: Layout) -> int | None:
    """The heading level of roles: the level of headings directly followed by a table."""
    counts: Counter[int] = Counter()
    last: Paragraph | None = None
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            if block.heading_level is not None and block.heading_level >= 1:
                last = block
            elif last is not None and is_bold(block) and looks_like_role(block.text):
                last = None  # the role is this bold line; the heading above is a section
        elif last is not None:
            counts[last.heading_level] += 1  # type: ignore[index]
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
    """A paragraph between a role heading and its table: job-family note, note or duty."""
    t = Text(text=p.text, where=p.where)
    pm = _PAREN_LINE.match(p.text)
    if pm and role.family_note is None and not role.duties:
        # Income Arrears Assistant: `(Role sits within …)` on its own line.
        role.family_note = pm.group("note").strip()
    elif (p.italic or is_bold(p)) and not p.is_list_item and word_count(p.text) <= 12:
        role.notes.append(t)
    else:
        role.duties.append(t)


def _role_line(p: Paragraph) -> bool:
    """A body paragraph that can stand for a role heading: post numbers/grade, or a short
    bold upright line that is not a lead-in (`Main duties include:`)."""
    if p.is_list_item:
        return False
    if looks_like_role(p.text):
        return True
    return is_bold(p) and not p.italic and word_count(p.text) <= 14 and not p.text.endswith(":")


def extract(layout: Layout) -> Extraction:
    tables = layout.tables()
    axes = {id(t): axis for t in tables if (axis := band_axis(t)) is not None}
    order = _scan_labels(axes, tables)
    known = {o.casefold() for o in order}
    role_level = _role_level(layout)
    title: str | None = None
    sections: list[Text] = []
    roles: list[_RoleBuild] = []
    role: _RoleBuild | None = None
    after_table = False
    # Paragraphs not owned by a heading role yet: where a role heading is a plain bold
    # paragraph (no heading style), it is found among these when its table arrives.
    loose: list[Paragraph] = []
    warnings: list[Issue] = []

    for block in layout.blocks:
        if isinstance(block, Paragraph):
            p = block
            level = p.heading_level
            if level is not None and level >= 1:
                is_role = (level == role_level) or (role_level is None and looks_like_role(p.text))
                if is_role or (role_level is not None and level > role_level):
                    if is_role:
                        section = sections[-1].text if sections else None
                        role = _RoleBuild(p, parse_role_heading(p.text), section)
                        roles.append(role)
                        after_table = False
                        loose = []
                    continue
                sections.append(Text(text=p.text, where=p.where))
                role, loose = None, []
                continue
            if role is None:
                if title is None and not sections and not loose and (level == 0 or is_bold(p)):
                    title = p.text
                else:
                    loose.append(p)
                continue
            if after_table:
                role.after.append(Text(text=p.text, where=p.where))
                loose.append(p)
                continue
            _lead_paragraph(role, p)
            continue

        table = block
        axis = axes.get(id(table))
        if role is None or after_table:
            at = next((i for i in range(len(loose) - 1, -1, -1) if _role_line(loose[i])), None)
            if at is not None:
                head = loose[at]
                if role is not None:
                    role.after = role.after[: len(role.after) - (len(loose) - at)]
                section = sections[-1].text if sections else None
                role = _RoleBuild(head, parse_role_heading(head.text), section)
                roles.append(role)
                for p in loose[at + 1 :]:
                    _lead_paragraph(role, p)
                after_table = False
            loose = []
        if role is None:
            continue
        if axis is not None:
            built = (
                read_bands_as_columns(table, axis, order, known)
                if axis.orientation == "columns"
                else read_bands_as_rows(table, axis)
            )
            role.bands = (role.bands or []) + built
            for band in built:
                role.warnings.extend(
                    warning(
                        IssueCode.AMBIGUOUS_LAYOUT,
                        f"A requirements cell of band {band.label!r} ({role.parsed.title}) has "
                        "no category label and its position does not imply one.",
                        cat.where,
                    )
                    for cat in band.categories
                    if cat.category == UNLABELLED
                )
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
        after_table = True

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
        or looks_like_role(r.heading.text)
    ]
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


def _finish(r: _RoleBuild) -> Role:
    apprenticeship = None
    trailing = r.after
    if r.apprenticeship_levels is not None and r.bands is None:
        # Housing Income Apprentice repeats the lead-in lines after its table: not content.
        repeated = {n.text for n in r.notes}
        paragraphs = [t for t in r.after if t.text not in repeated]
        apprenticeship = Apprenticeship(levels=r.apprenticeship_levels, paragraphs=paragraphs)
        trailing = []
    bands = None
    if r.bands is not None:
        bands = [
            Band(
                key=b.key,
                label=b.label,
                name=b.name,
                requirements=b.requirements,
                categories=b.categories,
                where=b.where,
            )
            for b in r.bands
        ]
    h = r.parsed
    return Role(
        section=r.section,
        heading_raw=r.heading.text,
        title=h.title,
        post_number_raw=h.post_number_raw,
        post_numbers=h.post_numbers,
        grade=h.grade,
        grade_number=h.grade_number,
        job_family_note=h.note or r.family_note,
        notes=r.notes,
        main_duties=r.duties,
        apprenticeship=apprenticeship,
        bands=bands,
        trailing=trailing,
        where=r.heading.where,
    )


def score(layout: Layout) -> float:
    """Band tables, most of all band tables that follow post headings (PN, grade)."""
    band_tables = sum(1 for t in layout.tables() if band_axis(t) is not None)
    roles = roles_before_tables(layout)
    s = 0.0
    if band_tables:
        s += 0.3 + min(0.15, 0.05 * band_tables)
    s += min(0.45, 0.15 * roles)
    if not roles:
        # Band-like columns alone (`Tier 1/2/3`) also head competency frameworks' tables.
        s *= 0.6
    return min(1.0, s)


EXTRACTOR = Extractor(
    DocumentKind.PROGRESSION_FRAMEWORK, "progression_framework", VERSION, score, extract
)
