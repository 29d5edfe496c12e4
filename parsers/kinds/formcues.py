"""Structural cues shared by the form-like kinds (role profiles, JE forms).

Forms from different councils word their labels differently but build them the same way: a
label is a short cell, usually bold or shaded, often ending in a colon, followed (to its
right or below) by the content. These helpers read those cues from the layout model only,
so they work on any reader's output (Word today, PDF tables later).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from roleframe.parsers.layout import Cell, FormField, Layout, Paragraph, Table
from roleframe.schema import Provenance
from roleframe.schema.role_profile import Statement

# A label is short: longer cells are content even when bold (002's evidence is never bold,
# but 001's bold role title value is, so boldness alone cannot decide).
MAX_LABEL_CHARS = 90
MAX_LABEL_WORDS = 12

# Printed placeholders that mean "not answered": option lists (`Yes/No`, `Y / N`), dotted or
# underscored lines (002's panel members), Word content-control prompts.
_OPTIONS = r"(?:yes|no|y|n|n/?a|true|false)"
_PLACEHOLDER = re.compile(
    rf"^(?:{_OPTIONS}(?:\s*/\s*{_OPTIONS})+"
    r"|[\s._\u2026\-–—]+"
    r"|click (?:or tap )?here to enter (?:text|a date)\.?"
    r"|\[?(?:insert|enter)[^\]]*\]?"
    r"|tbc|tbd)$",
    re.IGNORECASE,
)
_TRAIL = re.compile(r"[\s:;\-–—.*]+$")


def label_text(text: str) -> str:
    """A label as printed without its trailing colon/semicolon (`Job title :` -> `Job title`)
    and without a pictogram typed before it (`🎯 Why the role matters`, ho3_rp02)."""
    return _TRAIL.sub("", strip_pictogram(text)).strip()


def strip_pictogram(text: str) -> str:
    """Text without leading symbols (emoji, dingbats, private-use Wingdings glyphs) that
    stand apart from the word after them; a lone symbol (a tick) is kept."""
    i = 0
    while i < len(text) and (
        unicodedata.category(text[i]) in ("So", "Co", "Sk", "Mn", "Cf") or text[i] in "️"
    ):
        i += 1
    if i == 0 or i == len(text) or not text[i].isspace():
        return text
    rest = text[i:].lstrip()
    return rest if rest[:1].isalnum() else text


def not_given(text: str | None) -> bool:
    """True for blank cells and printed placeholders (`Yes/No`, dotted lines, prompts)."""
    return text is None or not text.strip() or bool(_PLACEHOLDER.match(text.strip()))


def is_label_text(text: str) -> bool:
    return 0 < len(text) <= MAX_LABEL_CHARS and len(text.split()) <= MAX_LABEL_WORDS


def is_label_cell(cell: Cell) -> bool:
    """A cell that names what sits next to it: short text, and shaded, bold or colon-ended."""
    paras = [p for p in cell.paragraphs if p.text]
    if not paras or len(paras) > 2 or cell.tables:
        return False
    text = " ".join(p.text for p in paras)
    if any(f.kind == "text" and f.value for f in cell.fields):
        return False
    emphasised = all(p.bold for p in paras)
    if cell.shaded and emphasised:
        # both cues together allow a longer label (001: `Job Specific Accountabilities at SO2
        # level and above in line with spinal column progression`)
        return 0 < len(text) <= 2 * MAX_LABEL_CHARS and len(text.split()) <= 2 * MAX_LABEL_WORDS
    if not is_label_text(text):
        return False
    return cell.shaded or emphasised or text.rstrip().endswith((":", ";"))


def is_heading_para(p: Paragraph) -> bool:
    """A paragraph that heads what follows: a heading style, or short, bold and not a list item."""
    if not p.text:
        return False
    if p.heading_level is not None:
        return True
    return p.bold and not p.is_list_item and is_label_text(p.text)


def statement(p: Paragraph) -> Statement:
    return Statement(
        text=p.text,
        bulleted=p.is_list_item,
        list_level=p.list_level if p.is_list_item else None,
        where=p.where,
    )


def statements(paragraphs: Iterable[Paragraph]) -> list[Statement]:
    """Non-empty paragraphs as statements (each bullet is its own statement)."""
    return [statement(p) for p in paragraphs if p.text]


def cell_paragraphs(cell: Cell) -> Iterator[Paragraph]:
    """A cell's paragraphs, then those of its nested tables in reading order."""
    yield from cell.paragraphs
    for nested in cell.tables:
        for row in nested.rows:
            for c in row:
                yield from cell_paragraphs(c)


def row_is_blank(row: list[Cell]) -> bool:
    return all(not c.text and not c.fields and not c.tables for c in row)


def without_spacers(table: Table) -> Table:
    """The table without its spacer columns and rows: a paper form scanned into Word draws
    an empty narrow column between its real ones and empty rows between its blocks
    (ho6_je03), which keep a label from the value beside it. Spacers alternate with the
    real columns: every other column holds nothing at all, three real ones or more. An
    unfilled form's blank value column beside its labels (002's `Signed : | | Date : |`)
    does not alternate so, and keeps its place: it is where the value goes. Merged cells
    across a spacer lose the span; cells keep where they sit in the file. The table itself
    when it has no spacers."""
    filled_cols = {c.col for c in table.cells() if c.text or c.fields or c.tables}
    alternating = all((c in filled_cols) != (c + 1 in filled_cols) for c in range(table.n_cols - 1))
    if not alternating or len(filled_cols) < 3 or table.n_cols - len(filled_cols) < 2:
        return table
    filled_rows = [r for r, row in enumerate(table.rows) if not row_is_blank(row)]
    if not filled_rows:
        return table
    keep = sorted(filled_cols)
    new_col = {c: i for i, c in enumerate(keep)}
    new_row = {r: i for i, r in enumerate(filled_rows)}
    rows: list[list[Cell]] = []
    for r in filled_rows:
        row: list[Cell] = []
        for cell in table.rows[r]:
            covered = [c for c in keep if cell.col <= c < cell.col + cell.col_span]
            if not covered:
                continue
            below = [x for x in filled_rows if cell.row <= x < cell.row + cell.row_span]
            row.append(
                replace(
                    cell,
                    row=new_row[r],
                    col=new_col[covered[0]],
                    col_span=len(covered),
                    row_span=max(1, len(below)),
                )
            )
        rows.append(row)
    return Table(
        index=table.index,
        where=table.where,
        rows=rows,
        n_cols=len(keep),
        header_rows=min(table.header_rows, len(rows)),
        continued=table.continued,
    )


def is_layout_table(table: Table) -> bool:
    """A table used to lay the page out, not to hold data: one column of cells (a banner
    row, a row holding the real table nested in its cell; ho6_sm04)."""
    return table.n_cols == 1 and any(cell.tables for cell in table.cells())


def unwrap_layout_tables(layout: Layout) -> Layout:
    """The layout with each layout table replaced by what its cells hold, in order: their
    paragraphs, then the tables nested in them, so the data table reads as a table of the
    body. Nested tables keep their own index and provenance. The layout itself when it
    has no layout table."""
    if not any(isinstance(b, Table) and is_layout_table(b) for b in layout.blocks):
        return layout
    blocks: list[Paragraph | Table] = []
    for block in layout.blocks:
        if isinstance(block, Table) and is_layout_table(block):
            for cell in block.cells():
                blocks.extend(cell.paragraphs)
                blocks.extend(cell.tables)
        else:
            blocks.append(block)
    return replace(layout, blocks=blocks)


def full_width(table: Table, row: list[Cell]) -> Cell | None:
    """The one non-empty cell of a row when it spans (almost) the whole width, else None."""
    filled = [c for c in row if c.text or c.fields]
    if len(filled) != 1:
        return None
    cell = filled[0]
    return cell if cell.col_span >= max(1, table.n_cols - 1) or len(row) == 1 else None


@dataclass(slots=True)
class Pair:
    """A label cell and the value cells that follow it in the same row (by grid position)."""

    label: Cell
    values: list[Cell]

    @property
    def label_text(self) -> str:
        return label_text(self.label.text)

    @property
    def value_paragraphs(self) -> list[Paragraph]:
        return [p for c in self.values for p in cell_paragraphs(c)]

    @property
    def value_text(self) -> str:
        return "\n".join(p.text for p in self.value_paragraphs if p.text)

    @property
    def value_where(self) -> Provenance:
        if self.values:
            filled = [p for p in self.value_paragraphs if p.text]
            return filled[0].where if filled else self.values[0].where
        return self.label.where


def strongest_labels(row: list[Cell]) -> list[Cell]:
    """Label-like cells of a row; when some are shaded and some not, only the shaded ones.

    001's `Role Title` (shaded, bold) sits beside a bold but unshaded title: the value.
    """
    labels = [c for c in row if is_label_cell(c)]
    if any(c.shaded for c in labels) and not all(c.shaded for c in labels):
        labels = [c for c in labels if c.shaded]
    if any(c.text.rstrip().endswith((":", ";")) for c in labels):
        # `Job title: | **Senior Officer**`: the colon marks the label, the bold is emphasis;
        # shaded cells stay labels (002's `Position no. (if vacant)` has no colon)
        labels = [c for c in labels if c.shaded or c.text.rstrip().endswith((":", ";"))]
    return labels


def implicit_labels(table: Table, known: Callable[[str], bool]) -> list[Cell]:
    """Plain label cells: a two-column table with no shaded/bold/colon cue anywhere, whose
    first column is short one-line text, mostly naming fields the caller knows
    (`Job title | Caretaker`, `Department | Housing`); or the same pairs two to a row
    (`Job title | Caretaker | Directorate | Place`, jef20)."""
    if any(is_label_cell(c) for c in table.cells()):
        return []
    firsts: list[Cell] = []
    for row in table.rows:
        filled = sorted((c for c in row if c.text), key=lambda c: c.col)
        if len(filled) in (2, 4):
            firsts.extend(filled[0::2])
        elif len(filled) > 2:
            return []
    if not firsts:
        return []
    short = all(
        len([p for p in c.paragraphs if p.text]) == 1 and len(c.text.split()) <= 6 for c in firsts
    )
    hits = sum(1 for c in firsts if known(c.text))
    return firsts if short and hits * 2 >= len(firsts) and hits >= 1 else []


def row_pairs(row: list[Cell], implicit: list[Cell] | None = None) -> list[Pair]:
    """Label/value pairs of one row: each label takes the cells up to the next label.

    Merged grids (002's 12-column post details) put labels at any column, so pairing is by
    position in the row, never by column index. ``implicit`` adds plain label cells found
    by the table's shape (see ``implicit_labels``).
    """
    pairs: list[Pair] = []
    labels = strongest_labels(row) or [c for c in row if any(c is i for i in implicit or [])]
    for cell in sorted(row, key=lambda c: c.col):
        if any(cell is lab for lab in labels):
            pairs.append(Pair(cell, []))
        elif pairs:
            pairs[-1].values.append(cell)
    return pairs


def first_number(text: str) -> int | None:
    m = re.search(r"\d+", text)
    return int(m.group()) if m else None


def all_tables(layout: Layout) -> Iterator[Table]:
    """Every table in reading order, nested ones right after their parent's cell."""

    def walk(table: Table) -> Iterator[Table]:
        yield table
        for cell in table.cells():
            for nested in cell.tables:
                yield from walk(nested)

    for block in layout.blocks:
        if isinstance(block, Table):
            yield from walk(block)


def has_word(text: str, *words: str) -> bool:
    """Whole-word-prefix cue match, case-insensitive (`account` matches `Accountabilities`)."""
    low = text.lower()
    return any(re.search(rf"(?<![a-z]){re.escape(w)}", low) for w in words)


# Check boxes typed or drawn as characters: Unicode ballot boxes and the Wingdings ones Word
# inserts from Insert > Symbol (U+F0A8 empty, U+F0FE ticked, U+F0FD crossed); a PDF of a
# content-control check box also shows them as text (☐/☒).
BOX_GLYPHS = {
    "☐": False,
    "□": False,
    "▢": False,
    "\uf0a8": False,
    "\uf06f": False,
    "☑": True,
    "☒": True,
    "\uf0fe": True,
    "\uf0fd": True,
}


def glyph_checkboxes(p: Paragraph) -> tuple[Paragraph, list[FormField]]:
    """Check boxes written as box characters: a copy of ``p`` without the glyphs, and one
    check-box field per glyph placed (by offset) where the glyph was."""
    states: list[bool] = []
    if p.bullet in BOX_GLYPHS:  # `□ Job description`: the reader took the box for a bullet
        states.append(BOX_GLYPHS[p.bullet])
    marked = "".join("\0" if ch in BOX_GLYPHS else ch for ch in p.text)
    if not states and "\0" not in marked:
        return p, []
    states += [BOX_GLYPHS[ch] for ch in p.text if ch in BOX_GLYPHS]
    # remove each glyph with the space around it, noting where in the clean text it was
    parts = [" ".join(part.split()) for part in marked.split("\0")]
    offsets: list[int] = [0] * (len(states) - len(parts) + 1)
    text = parts[0]
    for part in parts[1:]:
        offsets.append(len(text))
        text = f"{text} {part}" if text and part else text + part
    fields = [
        FormField("checkbox", checked=c, offset=o) for c, o in zip(states, offsets, strict=True)
    ]
    copy = Paragraph(text=text, where=p.where, style=p.style, runs=p.runs, fields=fields)
    return copy, fields


def organisation(layout: Layout) -> str | None:
    """The `<Name> Council` named in the body, else in running headers/footers."""
    from roleframe.parsers.kinds.framework_common import organisation_in_text

    edges = Layout(format=layout.format, blocks=[*layout.headers, *layout.footers])
    return organisation_in_text(layout) or organisation_in_text(edges)


# The closing noun of a title that names a document of another type than the five kinds:
# `Recruitment and Selection Policy`, `Annual Appraisal Form`, `Course Catalogue 2025`
# (near misses in tests/fixtures/near_miss). A post title never ends so (`Policy Officer`).
_OTHER_DOCUMENT = re.compile(
    r"\b(?:polic(?:y|ies)|procedures?|guidance|guidelines|handbook|minutes|catalogue|"
    r"prospectus|toolkit|(?:appraisal|review|application|feedback|expenses|leave) form)"
    r"(?:\s*(?:\(.*\)|\d{4}(?:[/-]\d{2,4})?|v(?:ersion)?\s*[\d.]+))?$",
    re.IGNORECASE,
)


def title_line(layout: Layout) -> Paragraph | None:
    """The document's title: its first title- or heading-styled paragraph, else its first
    bold paragraph, among the first few blocks."""
    firsts = [b for b in layout.blocks[:6] if isinstance(b, Paragraph) and b.text]
    return next((p for p in firsts if p.heading_level is not None), None) or next(
        (p for p in firsts if p.bold), None
    )


def names_another_document(layout: Layout, own_names: Iterable[str]) -> bool:
    """Whether the title names a document of another type (a policy, a form, minutes, a
    catalogue) and none of ``own_names`` (the kind's own document names)."""
    title = title_line(layout)
    if title is None:
        return False
    text = title.text.lower()
    return bool(_OTHER_DOCUMENT.search(text)) and not any(n in text for n in own_names)
