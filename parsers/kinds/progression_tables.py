"""Band tables of progression frameworks: where the bands are, and what each cell states.

A role's requirements come in one of these table shapes (cues, not strings):
- bands across a header row (`Level A (Developing)` … or two-line `Entry` / `(Grade 8)`),
  categories as rows, named inside the cells (a bold or underlined line, a bold lead run)
  or by a label column left of the bands;
- bands down the first column (`Band 2`, or bare `1`–`4` under a `Band` header cell),
  categories as the column headers;
- full-width band rows (`Trainee`, a merged shaded row) each over `category | statements`
  rows — also one small table per band, which a PDF joins into one;
- a `category | statements` table with no band in it, under a band heading (see
  ``progression_sections``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from roleframe.parsers.kinds.framework_common import (
    ROLE_LABEL,
    bold_lead,
    cell_paragraphs,
    distinct_cells,
    first_text,
    is_bold,
    looks_like_role,
    word_count,
)
from roleframe.parsers.kinds.progression_bands import (
    BAND_HEADER,
    BandLabel,
    cell_band_label,
)
from roleframe.parsers.kinds.progression_grades import is_grade
from roleframe.parsers.layout import Cell, Paragraph, Table
from roleframe.schema import Provenance
from roleframe.schema.progression_framework import CategoryRequirements, LabelStyle, Text

_MAX_LABEL_WORDS = 4
_MAX_LABEL_COLUMN_WORDS = 6
UNLABELLED = "unlabelled"  # category key when neither a label nor the position tells
_BAND_ROWS_SCAN = 30  # rows scanned for a first band label down a column
# A skills matrix's cell: a level digit, a short code, a tick or a yes/no.
_LEVELISH = re.compile(r"^(?:\d{1,2}(?:\.\d)?|[A-Za-z]{1,2}\d?|[✓✔✗✕xX•*–-]|yes|no|n/?a)$", re.I)
# Bullets typed into a cell's text (spreadsheets have no list formatting).
# Also typed list letters and tick boxes (ho_pf10 `a) HNC in …`, ho_pf13 `☐ Drafts …`).
_TYPED_BULLET = re.compile(
    r"^(?:[•▪◦●‣∙·○■□➢➤►✓✔☐☑☒–-]|\(?[a-h]\)|\(?(?:i{1,3}|iv|v|vi{1,3})\))\s+"
)
# The same glyphs mid-paragraph, between statements (never a hyphen: it joins words).
_INLINE_BULLET = re.compile(r"\s+[•▪◦●‣∙○■□➢➤►]\s+")
# Header words of the role and grade columns of a roles x bands matrix.
_ROLE_HEADER = re.compile(r"^(role|post|job|position|job\s+title|role\s+title|post\s+title)$", re.I)
_GRADE_HEADER = re.compile(r"^(grade|grades|scale|pay\s+band|pay\s+grade|range|salary)$", re.I)


# Advice on moving up, not a requirement: `How to progress`, `Moving to the next stage`,
# `To progress to Band 3 …`, `Move to Stage 2 when …`, and who confirms the move (`Gateway
# sign-off: Head of Service`, ho_pf01; a `Progression gateway` row, ho_pf04).
GUIDANCE = re.compile(
    r"\b(?:progress(?:ion|ing)?|next\s+(?:stage|band|level|step|grade|tier)|"
    r"mov(?:e|es|ing)\s+(?:up|on|to|between)|how\s+to\s+(?:reach|get\s+to|move)|"
    r"gateways?|sign(?:ed)?[- ]?off)\b",
    re.IGNORECASE,
)


def guidance_category(cat: CategoryRequirements) -> bool:
    """A table row or column labelled as advice on moving up (`Progression gateway`, `How
    to progress`): guidance, not a category of requirements."""
    label = cat.label or ""
    return 0 < word_count(label) <= 8 and bool(GUIDANCE.search(label))


def split_guidance(band: BandBuild) -> None:
    """Move the band's guidance-labelled categories into its guidance (ho_pf04)."""
    keep = []
    for cat in band.categories:
        if guidance_category(cat):
            band.guidance.extend(cat.statements)
        else:
            keep.append(cat)
    band.categories = keep


def category_key(label: str) -> str:
    """`Qualifications:` -> `qualifications`; `Essential Knowledge` -> `essential_knowledge`."""
    return re.sub(r"[^a-z0-9]+", "_", label.casefold()).strip("_")


def label_text(text: str) -> str:
    return text.strip().rstrip(":").strip()


def statement(p: Paragraph, text: str | None = None) -> Text:
    """A statement as written, without a bullet typed into the text (`• Park byelaws`)."""
    return Text(text=_TYPED_BULLET.sub("", p.text if text is None else text), where=p.where)


def statements(p: Paragraph, text: str | None = None) -> list[Text]:
    """The statements of one paragraph: typed bullets joined by soft line breaks come out
    of the reader as one paragraph (`Cell one • Cell two`); each bullet is a statement."""
    whole = _TYPED_BULLET.sub("", p.text if text is None else text)
    parts = [part.strip() for part in _INLINE_BULLET.split(whole)]
    return [Text(text=part, where=p.where) for part in parts if part]


@dataclass
class BandBuild:
    """A band being read: its label parts, then its categories."""

    label: BandLabel
    where: Provenance
    grade: str | None = None  # printed apart from the label (a grade row under the header)
    name: str | None = None  # printed apart from the label (a name row under the header)
    requirements: Text | None = None
    categories: list[CategoryRequirements] = field(default_factory=list)
    guidance: list[Text] = field(default_factory=list)


# --- cells ------------------------------------------------------------------------------


@dataclass
class CellLabel:
    label: str | None
    style: LabelStyle
    statements: list[Text]


def _printed_label(p0: Paragraph, known: set[str]) -> tuple[str, LabelStyle, str | None] | None:
    """The category label a cell's first paragraph prints: (label, style, text after it
    when inline), or None."""
    short = word_count(p0.text) <= _MAX_LABEL_WORDS
    # Labels are upright: a bold-italic line is a preamble (`Requirements at this level:`).
    if short and not p0.is_list_item and not p0.italic and (is_bold(p0) or p0.underline):
        return label_text(p0.text), "underlined" if p0.underline else "paragraph", None
    lead = bold_lead(p0)
    if lead and word_count(lead) <= _MAX_LABEL_WORDS and p0.text.startswith(lead):
        return label_text(lead), "inline", p0.text[len(lead) :].strip(" :–—-")
    if short and label_text(p0.text).casefold() in known:
        return label_text(p0.text), "paragraph", None
    return None


def cell_label(cell: Cell, known: set[str]) -> str | None:
    paras = cell_paragraphs(cell)
    found = _printed_label(paras[0], known) if paras else None
    return found[0] if found else None


def read_cell(cell: Cell, known: set[str]) -> CellLabel:
    """Split a cell into its category label (if printed) and its statements."""
    paras = cell_paragraphs(cell)
    if not paras:
        return CellLabel(None, "missing", [])
    p0 = paras[0]
    found = _printed_label(p0, known)
    if found is None:
        return CellLabel(None, "missing", [t for p in paras for t in statements(p)])
    label, style, tail = found
    first = statements(p0, tail) if tail else []
    return CellLabel(label, style, first + [t for p in paras[1:] for t in statements(p)])


def _short_label(cell: Cell | None) -> str | None:
    """A label-column cell's text: one short line that is not a list item."""
    paras = cell_paragraphs(cell)
    if len(paras) == 1 and not paras[0].is_list_item:
        text = paras[0].text
        if word_count(text) <= _MAX_LABEL_COLUMN_WORDS:
            return label_text(text)
    return None


# --- where the bands are ------------------------------------------------------------------


Orientation = Literal["columns", "rows", "blocks"]


@dataclass
class BandAxis:
    """Where the bands are: across a header row (`columns`), down the first column
    (`rows`), or as full-width rows over `category | statements` rows (`blocks`)."""

    orientation: Orientation
    header: int  # header row index (columns); 0 otherwise
    bands: dict[int, tuple[BandLabel, Cell]]  # column or row index -> (label, cell)
    label_col: int = 0  # rows: the column holding the band labels (role/grade columns left)

    @property
    def first_band(self) -> int:
        return min(self.bands)


def _header_bands(table: Table) -> BandAxis | None:
    """Bands across one of the first two rows: a run of band labels at the row's right end,
    left of them at most a few short label cells (`Area`, `Role | Grade | Category`)."""
    grid = table.grid()
    for r, row in enumerate(grid[:3]):
        if r and not _preamble(grid[r - 1]):
            break  # a lower row heads the bands only under title and form rows
        found: dict[int, tuple[BandLabel, Cell]] = {}
        for c, cell in enumerate(row):
            if cell is None or cell.col != c or cell.row != r or not cell.text:
                continue
            parsed = cell_band_label(cell, graded=True)
            if parsed:
                found[c] = (parsed, cell)
        if len(found) < 2:
            continue
        # A ladder of job titles (`Trainee Surveyor | Surveyor | Senior Surveyor`): a short
        # header between two band labels is a band too.
        for c in range(min(found) + 1, max(found)):
            cell = row[c]
            if c in found or cell is None or cell.col != c or cell.row != r:
                continue
            text = _short_label(cell)
            if text and word_count(text) <= 4:
                found[c] = (BandLabel(text, None, None, text, worded=False), cell)
        first = min(found)
        right = [c for c in distinct_cells(row[first:]) if c.text]
        left = [c for c in distinct_cells(row[:first]) if c.text]
        if len(right) - len(found) > 1:
            continue  # other text among the band labels: not a band header
        if len(left) > 3 or any(_short_label(c) is None for c in left):
            continue
        return BandAxis("columns", r, found)
    return None


# `Job title: Library Assistant`, `Service:`: a form's label (and value) in one cell
_FORM_CELL = re.compile(r"^[A-Z][A-Za-z ]{1,30}:(?:\s|$)")


def _preamble(row: list[Cell | None]) -> bool:
    """A row above a band header: one title cell (ho_pf12), or a scanned form's labelled
    cells (`Job title: … | Grade range: …`, ho6_pf02)."""
    cells = [c for c in distinct_cells(row) if c.text]
    return len(cells) <= 1 or all(_FORM_CELL.match(first_text(c)) for c in cells)


def form_role_lines(table: Table, axis: BandAxis) -> list[Paragraph]:
    """The labelled lines of a form's rows above the band header when one names the post
    (`Job title: Library Assistant | Grade range: Grades 2–4`, ho6_pf02), else []."""
    if axis.orientation != "columns" or axis.header < 1:
        return []
    lines = [
        p
        for row in table.rows[: axis.header]
        for c in row
        if _FORM_CELL.match(first_text(c))
        for p in cell_paragraphs(c)
    ]
    return lines if any(ROLE_LABEL.match(p.text) for p in lines) else []


def _column_bands(table: Table) -> BandAxis | None:
    """Bands down the first column (or down a column right of role and grade columns, in a
    roles x bands spreadsheet); bare numbers count under a `Band`/`Level` header."""
    grid = table.grid()
    if not grid or table.n_cols < 2:
        return None
    role_column = _ROLE_HEADER.match(label_text(first_text(grid[0][0]))) is not None
    for col in range(min(3, table.n_cols - 1)):
        header = grid[0][col]
        if col and not role_column:
            break  # a band column right of others only beside a `Role`/`Job title` column
        bare = bool(BAND_HEADER.match(first_text(header)))
        found: dict[int, tuple[BandLabel, Cell]] = {}
        for r in range(1, len(grid)):
            if r > _BAND_ROWS_SCAN and not found:
                break  # bands come first; a long column of names is no band column
            cell = grid[r][col]
            if cell is None or cell.row != r or cell.col != col or not cell.text:
                continue
            if cell.col_span >= table.n_cols:
                continue  # a full-width row is a block band, not a row band
            parsed = cell_band_label(cell, bare_number=bare, graded=bare)
            if parsed is None and bare:
                # Under a `Band` / `Stage` header any short name is a band (ho_pf05
                # `Apprentice (Level 3)`, ho_pf06 `Officer`, `Operator`).
                text = _short_label(cell)
                if text and word_count(text) <= 5:
                    parsed = BandLabel(text, None, None, text, worded=False)
            if parsed:
                found[r] = (parsed, cell)
        if len(found) >= 2 and (col == 0 or bare):
            return BandAxis("rows", 0, found, label_col=col)
    return None


def _block_bands(table: Table) -> BandAxis | None:
    """Full-width rows that name a band (`Trainee`, merged across the table), each over
    `category | statements` rows; the first row must be one of them."""
    if table.n_cols < 2 or table.n_rows < 2:
        return None
    found: dict[int, tuple[BandLabel, Cell]] = {}
    first = 0  # ho6_pf04: a full-width role row may head the table, over the first band
    for r, row in enumerate(table.rows):
        filled = [c for c in row if c.text]
        full = len(filled) == 1 and (filled[0].col_span >= table.n_cols or len(row) == 1)
        if full and filled[0].col == 0:
            parsed = cell_band_label(filled[0])
            if parsed:
                found[r] = (parsed, filled[0])
            elif r == 0 and looks_like_role(first_text(filled[0])):
                first = 1
                continue
        if r == first and first not in found:
            return None  # the first row must name a band (and big tables stop here)
    return BandAxis("blocks", first, found)


def band_axis(table: Table) -> BandAxis | None:
    if table.n_rows < 2:
        return None  # one row: an apprenticeship level strip, not bands with content
    axis = _header_bands(table) or _block_bands(table) or _column_bands(table)
    if axis is not None and axis.orientation != "blocks" and not _textual(table, axis):
        return None  # `Role | Band | skill columns` of level digits: a skills matrix
    return axis


def _textual(table: Table, axis: BandAxis) -> bool:
    """Whether the requirement cells hold requirements, not a skills matrix's levels (digits,
    codes, ticks, or a few scale words repeated across the grid)."""
    grid = table.grid()
    texts: list[str] = []
    if axis.orientation == "columns":
        for r in range(axis.header + 1, min(len(grid), axis.header + 1 + _BAND_ROWS_SCAN)):
            texts += [cell.text for c in axis.bands if (cell := grid[r][c]) is not None]
    else:
        for r in list(axis.bands)[:_BAND_ROWS_SCAN]:
            texts += [
                cell.text for cell in distinct_cells(grid[r][axis.label_col + 1 :]) if cell.row == r
            ]
    filled = [t for t in texts if t]
    if not filled:
        return False
    if 5 * sum(bool(_LEVELISH.match(t)) for t in filled) >= 3 * len(filled):
        return False  # mostly digits, codes or ticks
    # A few words repeated across the grid (`Basic | Competent | Expert`) are a scale.
    scale = len(filled) >= 6 and len(set(filled)) <= 5
    return not (scale and all(word_count(t) <= 2 for t in filled))


# --- category order -------------------------------------------------------------------------


def scan_labels(axes: dict[int, BandAxis], tables: list[Table]) -> list[str]:
    """The document's category order: the most common fully labelled row sequence of its
    band tables (longest first), then any other label in first-seen order."""
    sequences: Counter[tuple[str, ...]] = Counter()
    seen: list[str] = []
    for table in tables:
        axis = axes.get(id(table))
        if axis is None or axis.orientation == "blocks":
            continue
        row_labels: list[str | None] = []
        if axis.orientation == "columns":
            for r in range(axis.header + 1, table.n_rows):
                if _is_requirements_row(table.rows[r], set()):
                    continue
                labels = Counter(lab for cell in table.rows[r] if (lab := cell_label(cell, set())))
                head = _row_head(table, r, axis.first_band)
                if head:
                    labels[head] += 1
                row_labels.append(labels.most_common(1)[0][0] if labels else None)
        else:
            row_labels = [label_text(cell.text) or None for cell in table.rows[0][1:]]
        seen.extend(lab for lab in row_labels if lab and lab not in seen)
        labelled = [lab for lab in row_labels if lab]
        if row_labels and len(labelled) == len(row_labels):
            sequences[tuple(labelled)] += 1
    order: list[str] = []
    if sequences:
        best = max(sequences.items(), key=lambda kv: (len(kv[0]), kv[1]))
        order = list(best[0])
    return order + [lab for lab in seen if lab not in order]


def _row_head(table: Table, r: int, first_band: int) -> str | None:
    """The category a label column names for row r: the label cell nearest the bands
    (a `Role | Grade | Category` matrix names the category last)."""
    grid = table.grid()
    for c in range(first_band - 1, -1, -1):
        cell = grid[r][c]
        if cell is None:
            continue
        if cell.row != r:
            return None  # merged down from above: a role or grade cell, not this row's label
        return _short_label(cell)
    return None


def _head_merged_down(table: Table, r: int, first_band: int) -> bool:
    """Whether the label cell next to the bands in row r is merged down from a row above
    (a category named once over several one-statement rows)."""
    if first_band < 1:
        return False
    cell = table.grid()[r][first_band - 1]
    return cell is not None and cell.row < r and _short_label(cell) is not None


def _is_requirements_row(cells: list[Cell], known: set[str]) -> bool:
    """A preamble row (`Requirements at this level in addition to 3A:`): one short line per
    cell, italic or ending with a colon, no category label."""
    filled = [c for c in cells if c.text]
    if not filled:
        return False
    for c in filled:
        paras = cell_paragraphs(c)
        if len(paras) != 1 or label_text(paras[0].text).casefold() in known:
            return False
        if not (paras[0].italic or paras[0].text.endswith(":")):
            return False
    return True


def _is_grade_row(cells: dict[int, Cell]) -> bool:
    """A row under the band header whose every band cell is one grade (`Grade 4`, `SO1`)."""
    return bool(cells) and all(
        len(cell_paragraphs(cell)) == 1 and is_grade(label_text(cell.text))
        for cell in cells.values()
    )


def _is_name_row(cells: dict[int, Cell]) -> bool:
    """A row of one short line per band cell (`Assistant | Officer | Senior Officer`)."""
    return len(cells) >= 2 and all(
        len(paras := cell_paragraphs(cell)) == 1
        and not paras[0].is_list_item
        and 0 < word_count(paras[0].text) <= 4
        for cell in cells.values()
    )


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


def _labels_only(read: dict[int, CellLabel]) -> bool:
    """A row of category labels with no statement in any cell."""
    return all(x.label and not x.statements for x in read.values())


def _pages(cells: dict[int, Cell]) -> list[int]:
    return [c.where.page for c in cells.values() if c.text and c.where.page is not None]


def _continues_on_next_page(
    read: dict[int, CellLabel], cells: dict[int, Cell], previous: dict[int, Cell]
) -> bool:
    """A label-less row whose text starts on a later page than the row above's ends."""
    if any(x.label for x in read.values()):
        return False
    here, above = _pages(cells), _pages(previous)
    return bool(here and above) and min(here) > max(above)


# --- reading ------------------------------------------------------------------------------


def read_bands_as_columns(
    table: Table,
    axis: BandAxis,
    order: list[str],
    known: set[str],
    rows: range | None = None,
) -> list[BandBuild]:
    """Bands across: each row below the header is one category (``rows``: only these)."""
    grid = table.grid()
    bands = {c: BandBuild(label, cell.where) for c, (label, cell) in axis.bands.items()}
    read_rows: list[dict[int, CellLabel]] = []
    row_cells: list[dict[int, Cell]] = []
    row_heads: list[str | None] = []
    first_band = axis.first_band
    header_texts = {c: first_text(grid[axis.header][c]) for c in bands}
    for r in rows if rows is not None else range(axis.header + 1, len(grid)):
        cells: dict[int, Cell] = {}
        for c in bands:
            cell = grid[r][c]
            if cell is not None and cell.row == r:
                cells[c] = cell
        if cells and all(first_text(cell) == header_texts[c] for c, cell in cells.items()):
            continue  # the header row repeated after a page break
        head = _row_head(table, r, first_band)
        if (
            not read_rows
            and (head is None or _GRADE_HEADER.match(label_text(head)))
            and _is_grade_row(cells)
        ):
            # two_header_rows: `Grade 4 | Grade 5 | Grade 6` under the band names; ho5_pf01:
            # the row's label cell says `Grade`.
            for c, cell in cells.items():
                bands[c].grade = label_text(cell.text)
            continue
        if not read_rows and head is None and first_band >= 1 and _is_name_row(cells):
            # `Stage 1 | Stage 2` over `Assistant | Officer`: the bands' names, under an
            # empty label cell.
            for c, cell in cells.items():
                bands[c].name = label_text(cell.text)
            continue
        if not read_rows and head is None and _is_requirements_row(list(cells.values()), known):
            for c, cell in cells.items():
                if cell.text:
                    p = cell_paragraphs(cell)[0]
                    bands[c].requirements = Text(text=p.text, where=p.where)
            continue
        read = {c: read_cell(cell, known) for c, cell in cells.items()}
        if not any(x.statements or x.label for x in read.values()):
            continue
        if read_rows and head is None and _head_merged_down(table, r, first_band):
            # ho_pf11: one statement per row, the category cell merged down its rows.
            for c, x in read.items():
                if c in read_rows[-1]:
                    read_rows[-1][c].statements.extend(x.statements)
                else:
                    read_rows[-1][c], row_cells[-1][c] = x, cells[c]
            continue
        if (
            read_rows
            and head is None
            and (
                _continues_on_next_page(read, cells, row_cells[-1])
                or (_labels_only(read_rows[-1]) and not any(x.label for x in read.values()))
            )
        ):
            # 004 PDF: a row split by a page break arrives as a second row without labels
            # (sometimes the first part is the labels alone); in unruled PDF tables the label
            # line and the statements under it come out as two rows. The statements belong
            # to the row above.
            for c, x in read.items():
                if c in read_rows[-1]:
                    read_rows[-1][c].statements.extend(x.statements)
            continue
        read_rows.append(read)
        row_cells.append(cells)
        row_heads.append(head)
    majority: list[str | None] = []
    for read, head in zip(read_rows, row_heads, strict=True):
        labels = Counter(x.label for x in read.values() if x.label)
        majority.append(head or (labels.most_common(1)[0][0] if labels else None))
    filled = _fill_missing(majority, order)
    for read, cells, row_label, head in zip(read_rows, row_cells, filled, row_heads, strict=True):
        for c, x in read.items():
            label = x.label or row_label or UNLABELLED
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


def read_bands_as_rows(table: Table, axis: BandAxis, rows: range | None = None) -> list[BandBuild]:
    """Bands down: each column right of the band labels is one category (``rows``: only
    the bands in these rows)."""
    grid = table.grid()
    headers = {
        c: cell
        for c, cell in enumerate(grid[0])
        if c > axis.label_col and cell is not None and cell.col == c and cell.text
    }
    out = []
    for r, (label, label_cell) in sorted(axis.bands.items()):
        if rows is not None and r not in rows:
            continue
        band = BandBuild(label, label_cell.where)
        for c, head in headers.items():
            cell = grid[r][c]
            if cell is None or cell.row != r:
                continue
            name = label_text(" ".join(p.text for p in cell_paragraphs(head)))
            paras = cell_paragraphs(cell)
            if _GRADE_HEADER.match(name) and len(paras) == 1 and is_grade(paras[0].text):
                band.grade = label_text(paras[0].text)  # `Band | Grade | Knowledge …`
                continue
            # A cell that repeats its column's label keeps it out of the statements.
            if paras and label_text(paras[0].text).casefold() == name.casefold():
                paras = paras[1:]
            if name.casefold().startswith("requirement"):
                if paras:
                    band.requirements = Text(text=paras[0].text, where=paras[0].where)
                continue
            band.categories.append(
                CategoryRequirements(
                    category=category_key(name),
                    label=name,
                    label_style="header",
                    statements=[t for p in paras for t in statements(p)],
                    where=cell.where,
                )
            )
        out.append(band)
    return out


def read_category_rows(table: Table, rows: range, known: set[str]) -> list[CategoryRequirements]:
    """`category | statements` rows: the first cell names the category (a short line),
    the cells right of it hold the statements."""
    grid = table.grid()
    out: list[CategoryRequirements] = []
    for r in rows:
        row = [c for c in distinct_cells(grid[r]) if c.row == r]
        if r == rows.start and _is_column_header(row, table):
            continue  # `Category | Requirements` over the rows
        if not row:
            continue
        head, rest = row[0], row[1:]
        name = _short_label(head)
        if not head.text and out and rest:
            # ho_pf03: the label cell left blank on a category's second and later rows.
            out[-1].statements.extend(
                t for cell in rest for p in cell_paragraphs(cell) for t in statements(p)
            )
            continue
        if name is None or not rest:
            # One cell holding a label and its statements (`Knowledge` then bullets).
            read = read_cell(head, known)
            if read.label is None and not read.statements:
                continue
            if read.label is None and out:
                out[-1].statements.extend(read.statements)  # a row broken over a page
                continue
            out.append(
                CategoryRequirements(
                    category=category_key(read.label or UNLABELLED),
                    label=read.label,
                    label_style=read.style,
                    statements=read.statements,
                    where=head.where,
                )
            )
            continue
        found = [t for cell in rest for p in cell_paragraphs(cell) for t in statements(p)]
        out.append(
            CategoryRequirements(
                category=category_key(name),
                label=name,
                label_style="header",
                statements=found,
                where=head.where,
            )
        )
    return out


def _is_column_header(row: list[Cell], table: Table) -> bool:
    """A first row of short bold cells (`Area | What is needed`) over rows whose right
    cells are not bold: column names, not a category."""
    if len(row) < 2 or table.n_rows < 2:
        return False
    if not all(c.text and is_bold_cell(c) and word_count(c.text) <= 4 for c in row):
        return False
    below = [c for r in table.rows[row[0].row + 1 :] for c in r if c.col > 0 and c.text]
    return bool(below) and not all(is_bold_cell(c) for c in below)


def is_bold_cell(cell: Cell) -> bool:
    paras = cell_paragraphs(cell)
    return bool(paras) and all(is_bold(p) for p in paras)


def read_band_blocks(table: Table, axis: BandAxis, known: set[str]) -> list[BandBuild]:
    """Full-width band rows, each over its `category | statements` rows."""
    starts = sorted(axis.bands)
    out = []
    for i, r in enumerate(starts):
        label, cell = axis.bands[r]
        end = starts[i + 1] if i + 1 < len(starts) else table.n_rows
        band = BandBuild(label, cell.where)
        band.categories = read_category_rows(table, range(r + 1, end), known)
        out.append(band)
    return out


def read_category_columns(table: Table) -> list[CategoryRequirements] | None:
    """Categories as columns under a band heading: a header row of short labels
    (`Knowledge | Skills | Experience`), the statements in the rows below. None when the
    table is not that shape."""
    grid = table.grid()
    if table.n_cols < 2 or len(grid) < 2:
        return None
    heads = [c for c in distinct_cells(grid[0]) if c.row == 0]
    if len(heads) < 2 or any(_short_label(c) is None for c in heads):
        return None
    out: list[CategoryRequirements] = []
    for head in heads:
        found = [
            t
            for r in range(1, len(grid))
            if (cell := grid[r][head.col]) is not None and cell.row == r and cell.col == head.col
            for p in cell_paragraphs(cell)
            for t in statements(p)
        ]
        name = _short_label(head) or UNLABELLED
        out.append(
            CategoryRequirements(
                category=category_key(name),
                label=name,
                label_style="header",
                statements=found,
                where=head.where,
            )
        )
    return out if any(c.statements for c in out) else None


# Captions of a sign-off form's boxes (`Name | Signature | Date`).
_FORM_WORD = re.compile(
    r"^(?:(?:employee|manager|officer|assessor|reviewer)(?:'s)?\s+)?"
    r"(?:name|signature|signed|date|job\s+title|position|comments?|print\s+name)\W*$",
    re.IGNORECASE,
)


def is_form_table(table: Table) -> bool:
    """A sign-off form: every filled cell a form caption (ho_pf13's `Name | Signature |
    Date` under each band), boxes left empty for the signatures. Not requirements."""
    texts = [cell.text for cell in table.cells() if cell.text]
    return len(texts) >= 2 and all(_FORM_WORD.match(label_text(t)) for t in texts)


def is_category_table(table: Table) -> bool:
    """A table of `category | statements` rows: short labels down the first column, text
    right of them, no band labels anywhere."""
    grid = table.grid()
    if table.n_cols < 2 or not grid:
        return False
    labelled = 0
    for r in range(len(grid)):
        row = [c for c in distinct_cells(grid[r]) if c.row == r]
        if len(row) < 2 or (r == 0 and _is_column_header(row, table)):
            continue
        if labelled and not row[0].text and any(c.text for c in row[1:]):
            continue  # a blank label cell continues the category above
        if _short_label(row[0]) is None or not any(c.text for c in row[1:]):
            return False
        labelled += 1
    return labelled >= 1


def scores_table(table: Table) -> bool:
    """`Factor | Level | Points` (ho6_pf06: a job-evaluation summary in an appendix): every
    cell right of the first column below the header a number; scores, no requirements."""
    grid = table.grid()
    values = [
        c.text
        for r in range(1, len(grid))
        for c in distinct_cells(grid[r][1:])
        if c.row == r and c.col > 0 and c.text
    ]
    return len(values) >= 2 and all(re.fullmatch(r"[\d.,%]+", v.strip()) for v in values)


def title_row_role(table: Table, axis: BandAxis) -> Cell | None:
    """The post a table names in a full-width row above its band header (ho_pf12:
    `Environmental Health Technical Officer – Grade 6 to 7` over `| Stage A | Stage B`)."""
    if axis.orientation == "rows" or axis.header < 1:
        return None
    filled = [c for r in range(axis.header) for c in table.rows[r] if c.text]
    if len(filled) != 1:
        return None
    cell = filled[0]
    spans = cell.col_span >= table.n_cols or len(table.rows[cell.row]) == 1
    return cell if spans and looks_like_role(first_text(cell)) else None


# --- roles x bands matrices -----------------------------------------------------------------


@dataclass(frozen=True)
class MatrixRole:
    """One role of a roles x bands matrix: its name and grade cells, and its rows."""

    title: Cell
    grade: Cell | None
    rows: range


def matrix_roles(table: Table, axis: BandAxis) -> list[MatrixRole] | None:
    """A bands table with a role column left of the bands (a roles x bands spreadsheet
    matrix): the rows of each role. Bands across have role (grade) and category columns
    left of them; bands down have role (grade) columns left of the band column. None when
    there is no role column."""
    if axis.orientation == "columns" and axis.first_band >= 2:
        left = range(axis.first_band - 1)  # the column next to the bands is the category
    elif axis.orientation == "rows" and axis.label_col >= 1:
        left = range(axis.label_col)
    else:
        return None
    grid = table.grid()
    header = grid[axis.header]
    role_col = grade_col = None
    for c in left:
        text = label_text(first_text(header[c]))
        if _ROLE_HEADER.match(text) and role_col is None:
            role_col = c
        elif _GRADE_HEADER.match(text) and grade_col is None:
            grade_col = c
    if role_col is None:
        merged = any(
            cell is not None and cell.col == 0 and cell.row_span > 1 and cell.text
            for cell in (grid[r][0] for r in range(axis.header + 1, len(grid)))
        )
        role_col = 0 if merged else None
    if role_col is None:
        return None
    out: list[MatrixRole] = []
    start: Cell | None = None
    first = axis.header + 1
    for r in range(axis.header + 1, len(grid) + 1):
        cell = grid[r][role_col] if r < len(grid) else None
        new = r == len(grid) or (
            cell is not None
            and cell.row == r
            and bool(cell.text)
            and (start is None or cell.text != start.text)  # a role name repeated per row
        )
        if new and start is not None and r > first:
            grade = grid[first][grade_col] if grade_col is not None else None
            out.append(MatrixRole(start, grade, range(first, r)))
        if new and r < len(grid):
            start, first = cell, r
    return out or None
