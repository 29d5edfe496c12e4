"""Descriptor tables of a skills matrix: competency x level descriptions, linked by name.

Any table other than the matrix whose first used column names the matrix's competencies
(or, read transposed, whose top row does) is a descriptor block; a block without a header
row (the seed's second block) inherits the columns of the block before it.

Tables with one row per level are read too (``Section``): a row naming a competency alone
(merged across, or in the first column with the rest empty) over `1 – Basic | text` rows;
a long table of `competency | level | text` rows (the name left blank under its first row);
and a small `level | text` table right under a heading that names the competency. Headers
cut short in the matrix (`Financial n`), or broken by a PDF's narrow column (`Reade r
development`), are resolved against these names.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from roleframe.parsers.kinds.matrix_cells import DIGIT, TRAILING_MARKER, View
from roleframe.parsers.kinds.matrix_scale import LEVEL_WORDS, label_key, rank_words
from roleframe.parsers.layout import Layout, Paragraph, Table
from roleframe.schema import Issue, IssueCode
from roleframe.schema.issues import warning
from roleframe.schema.skills_matrix import CompetencyColumn, Descriptor


@dataclass(slots=True)
class DescriptorBlock:
    """One descriptor table: where its names and level columns are."""

    table: Table
    header: int | None  # header row index, None for a headerless continuation block
    name_col: int
    level_cols: list[tuple[int, int]]  # (column, level)
    transposed: bool = False  # competencies across the top, levels down the side
    # one row per level: what each row describes, where its text is
    sections: list[Section] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Section:
    """One level row of a table with one row per level."""

    row: int
    competency: str
    level: int
    text_cols: tuple[int, ...]


def norm_name(name: str) -> str:
    """Name for matching: casefolded, footnote marker and ellipsis dropped, spaces folded."""
    name = TRAILING_MARKER.sub("", name.strip()).rstrip(" .…").casefold()
    return " ".join(name.split())


def unspaced(name: str) -> str:
    """A name with no spaces at all: a PDF breaks words in narrow header cells (`Reade r`)."""
    return norm_name(name).replace(" ", "")


def _matches(name: str, competencies: list[str]) -> bool:
    key = norm_name(name)
    if not key:
        return False
    bare = key.replace(" ", "")
    return any(
        key == k or (len(k) >= 4 and key.startswith(k)) or bare == k.replace(" ", "")
        for k in map(norm_name, competencies)
        if k
    )


def descriptor_blocks(
    layout: Layout, skip: list[Table], competencies: list[str], scale: dict[str, int]
) -> list[DescriptorBlock]:
    """Tables whose first used column names the matrix's competencies, with level columns.

    A table with competencies across its top and levels down its side is read transposed.
    """
    blocks: list[DescriptorBlock] = []
    headings = _names_above(layout, competencies)
    for table in layout.tables():
        if any(table is t for t in skip):
            continue
        view = View(table, False)
        sectioned = (
            _sectioned_block(view, competencies, scale, headings.get(id(table)))
            or _long_block(view, competencies, scale)
            or _block_under_heading(view, headings.get(id(table)), scale)
        )
        if sectioned is not None:
            blocks.append(sectioned)
            continue
        for transposed in (False, True):
            block = _descriptor_block(View(table, transposed), competencies, scale, blocks)
            if block is not None:
                blocks.append(block)
                break
    return blocks


def _descriptor_block(
    view: View, competencies: list[str], scale: dict[str, int], before: list[DescriptorBlock]
) -> DescriptorBlock | None:
    used = [c for c in range(view.n_cols) if any(view.texts[r][c] for r in range(view.n_rows))]
    if len(used) < 2:
        return None
    name_col, text_cols = used[0], used[1:]
    rows = range(view.n_rows)
    named = [r for r in rows if _matches(view.texts[r][name_col], competencies)]
    header = _descriptor_header(view, name_col, text_cols, competencies)
    body = [r for r in rows if r != header and any(view.texts[r])]
    if not body or len(named) < max(1, 0.4 * len(body)):
        return None
    if header is not None:
        level_cols = _header_levels(view, header, text_cols, scale)
    elif before:  # a continuation block: same columns as the block before, by position
        previous = [lvl for _, lvl in before[-1].level_cols]
        level_cols = list(zip(text_cols, previous, strict=False))
    else:
        level_cols = [(c, i + 1) for i, c in enumerate(text_cols)]
    return DescriptorBlock(view.table, header, name_col, level_cols, view.transposed)


_LEVEL_LABEL = re.compile(r"^(?:(?:level|lefel|lvl|l)\s*)?(\d{1,2})\b", re.IGNORECASE)


def _sectioned_block(
    view: View, competencies: list[str], scale: dict[str, int], above: str | None = None
) -> DescriptorBlock | None:
    """Rows naming a competency alone (merged across, or first column only) over
    `level label | text` rows. ``above``: a competency named by the paragraph right above
    the table, whose level rows come first (a CSV's first name line is read as a paragraph)."""
    if view.n_cols < 2:
        return None
    first_col = min(
        (c for r in range(view.n_rows) for c, t in enumerate(view.texts[r]) if t), default=0
    )
    headings: list[tuple[int, str]] = []
    for r in range(view.n_rows):
        filled = [c for c, t in enumerate(view.texts[r]) if t]
        if len(filled) != 1:
            continue
        text, cell = view.texts[r][filled[0]], view.cell(r, filled[0])
        merged = cell is not None and view.span(cell)[1] >= max(2, view.n_cols - 1)
        if merged or (filled[0] == first_col and _matches(text, competencies)):
            headings.append((r, text))
    named = [(r, name) for r, name in headings if _matches(name, competencies)]
    if not named or len(named) < 0.5 * len(headings):
        return None
    starts = {r for r, _ in headings}
    by_row = dict(named)
    rows: list[tuple[int, str, str, tuple[int, ...]]] = []  # row, competency, label, text cols
    competency: str | None = above
    for r in range(0 if above else headings[0][0], view.n_rows):
        if r in starts:
            competency = by_row.get(r)
            continue
        filled = [c for c, t in enumerate(view.texts[r]) if t]
        if competency is not None and len(filled) >= 2:
            rows.append((r, competency, view.texts[r][filled[0]], tuple(filled[1:])))
    return _sections(view, rows, scale)


def _long_block(
    view: View, competencies: list[str], scale: dict[str, int]
) -> DescriptorBlock | None:
    """`competency | level | text` rows, the name written once over its levels."""
    if view.n_cols < 3:
        return None
    header = 0 if not _matches(view.texts[0][0], competencies) else None
    body = [r for r in range(0 if header is None else 1, view.n_rows) if any(view.texts[r])]
    if len(body) < 2:
        return None
    for name_col in range(view.n_cols - 2):
        names = [view.texts[r][name_col] for r in body if view.texts[r][name_col]]
        if not names or sum(_matches(n, competencies) for n in names) < 0.6 * len(names):
            continue
        level_col = name_col + 1
        if not view.texts[body[0]][name_col]:
            return None
        rows: list[tuple[int, str, str, tuple[int, ...]]] = []
        competency = ""
        for r in body:
            competency = view.texts[r][name_col] or competency
            text_cols = tuple(c for c in range(level_col + 1, view.n_cols) if view.texts[r][c])
            rows.append((r, competency, view.texts[r][level_col], text_cols))
        return _sections(view, rows, scale)
    return None


def _block_under_heading(
    view: View, competency: str | None, scale: dict[str, int]
) -> DescriptorBlock | None:
    """A small `level | text` table right under a heading that names a competency."""
    if competency is None or view.n_cols < 2:
        return None
    rows: list[tuple[int, str, str, tuple[int, ...]]] = []
    for r in range(view.n_rows):
        filled = [c for c, t in enumerate(view.texts[r]) if t]
        if len(filled) >= 2:
            rows.append((r, competency, view.texts[r][filled[0]], tuple(filled[1:])))
    if rows and _section_levels([rows[0][2]], scale) is None:
        rows = rows[1:]  # a `Level | Description` header row
    return _sections(view, rows, scale)


def _names_above(layout: Layout, competencies: list[str]) -> dict[int, str]:
    """Tables (by id) right under a paragraph that names a competency (a heading per skill)."""
    out: dict[int, str] = {}
    for before, block in itertools.pairwise(layout.blocks):
        if (
            isinstance(block, Table)
            and isinstance(before, Paragraph)
            and _matches(before.text, competencies)
        ):
            out[id(block)] = before.text
    return out


def _sections(
    view: View, rows: list[tuple[int, str, str, tuple[int, ...]]], scale: dict[str, int]
) -> DescriptorBlock | None:
    """A block from (row, competency, level label, text columns), when every label is a level."""
    levels = _section_levels([label for _, _, label, _ in rows], scale)
    if levels is None or not any(cols for *_, cols in rows):
        return None
    sections = [
        Section(r, name, level, cols)
        for (r, name, _, cols), level in zip(rows, levels, strict=True)
    ]
    return DescriptorBlock(view.table, None, 0, [], False, sections)


def _section_levels(labels: list[str], scale: dict[str, int]) -> list[int] | None:
    """Each level label's number (`1 – Basic`, `Level 2`), else its word or code on the
    document's scale, else its word ranked on the vocabulary; None when a label is neither."""
    if not labels:
        return None
    numbers = [_LEVEL_LABEL.match(t) for t in labels]
    if all(numbers):
        return [int(m.group(1)) for m in numbers if m]
    keys = [label_key(t) for t in labels]
    if all(k in scale for k in keys):
        return [scale[k] for k in keys]
    if all(k in LEVEL_WORDS for k in keys):
        ranked = rank_words(set(keys))
        return [ranked[k] for k in keys]
    return None


def _descriptor_header(
    view: View, name_col: int, text_cols: list[int], competencies: list[str]
) -> int | None:
    """Row 0 is a header when it names no competency and its cells are short labels."""
    if view.n_rows < 2 or _matches(view.texts[0][name_col], competencies):
        return None
    head = [view.texts[0][c] for c in text_cols if view.texts[0][c]]
    if not head:
        return None
    body = [view.texts[r][c] for r in range(1, view.n_rows) for c in text_cols if view.texts[r][c]]
    mean_body = sum(map(len, body)) / len(body) if body else 0.0
    cue = sum(1 for t in head if DIGIT.search(t) or t.casefold() in LEVEL_WORDS)
    short = all(len(t) <= max(40, mean_body / 2) for t in head)
    return 0 if short and (cue >= 1 or mean_body > 2 * max(map(len, head))) else None


def _header_levels(
    view: View, header: int, text_cols: list[int], scale: dict[str, int]
) -> list[tuple[int, int]]:
    """Level of each descriptor column: the number in its header (`Level 2 Description`);
    else its level word, on the matrix's own scale or ranked (`Basic | Good | Expert`);
    else its position."""
    texts = [view.texts[header][c] for c in text_cols]
    numbers = [DIGIT.search(t) for t in texts]
    if all(numbers):
        return [(c, int(m.group())) for c, m in zip(text_cols, numbers, strict=True) if m]
    words = [t.casefold() for t in texts]
    if all(w in scale for w in words):
        return [(c, scale[w]) for c, w in zip(text_cols, words, strict=True)]
    if all(w in LEVEL_WORDS for w in words):
        ranked = rank_words(set(words))
        return [(c, ranked[w]) for c, w in zip(text_cols, words, strict=True)]
    return [(c, i + 1) for i, c in enumerate(text_cols)]


def read_descriptors(
    blocks: list[DescriptorBlock], scale: dict[str, int]
) -> tuple[list[Descriptor], list[str]]:
    descriptors: list[Descriptor] = []
    columns: list[str] = []
    for block in blocks:
        view = View(block.table, block.transposed)
        if block.sections:
            if not columns:
                columns = _section_columns(view, block.sections[0].row)
            descriptors.extend(_section_descriptors(view, block))
            continue
        if block.header is not None and not columns:
            columns = [t for t in view.texts[block.header] if t]
        for r in range(view.n_rows):
            if r == block.header:
                continue
            name = view.texts[r][block.name_col]
            if not name:
                continue
            for c, level in block.level_cols:
                cell = view.cell(r, c)
                descriptors.append(
                    Descriptor(
                        competency=name,
                        level=level,
                        text=view.texts[r][c],
                        where=cell.where if cell else block.table.where,
                    )
                )
    return descriptors, columns


def _section_columns(view: View, first: int) -> list[str]:
    """A one-row-per-level table's header: the row above its first level row, if any."""
    above = [r for r in range(first) if sum(1 for t in view.texts[r] if t) >= 2]
    return [t for t in view.texts[above[-1]] if t] if above else []


def _section_descriptors(view: View, block: DescriptorBlock) -> list[Descriptor]:
    out: list[Descriptor] = []
    for section in block.sections:
        text = "\n".join(view.texts[section.row][c] for c in section.text_cols)
        cell = view.cell(section.row, section.text_cols[0]) if section.text_cols else None
        out.append(
            Descriptor(
                competency=section.competency,
                level=section.level,
                text=text,
                where=cell.where if cell else block.table.where,
            )
        )
    return out


def _truncation(header: str, name: str) -> int:
    """How ``header`` reads as ``name`` cut short: 2 = its last word is a prefix of the name's
    word there, 1 = it is a stub of at most two letters that is not, 0 = no truncation.

    The seed's `Financial n` is `Financial management` cut inside its last word (the stub is
    not even a prefix of that word), so a short stub is accepted when nothing better fits.
    """
    h, n = norm_name(header).split(), norm_name(name).split()
    if not h or len(n) < len(h) or h == n or len(" ".join(h)) < 4:
        return 0
    if h[:-1] != n[: len(h) - 1]:
        return 0
    last, word = h[-1], n[len(h) - 1]
    if word.startswith(last):
        return 2
    return 1 if len(last) <= 2 else 0


def link_descriptors(
    competencies: list[CompetencyColumn], descriptors: list[Descriptor]
) -> tuple[list[CompetencyColumn], list[Descriptor], list[Issue]]:
    """Link descriptors to competency columns; resolve truncated headers by unique prefix.

    Exact names (casefolded, footnote markers dropped) link first; a header left over then
    takes the one remaining descriptor name it truncates, when there is exactly one.
    """
    warnings: list[Issue] = []
    by_name: dict[str, list[Descriptor]] = {}
    for d in descriptors:
        by_name.setdefault(norm_name(d.competency), []).append(d)
    target: dict[str, str] = {}  # descriptor name key -> competency id
    for comp in competencies:
        key = norm_name(comp.name)
        if key in by_name and key not in target:
            target[key] = comp.id
    resolved: list[CompetencyColumn] = []
    for comp in competencies:
        if target.get(norm_name(comp.name)) == comp.id:
            resolved.append(comp)
            continue
        # a PDF broke a word of the header in a narrow cell: the same name bar spaces
        broken = [k for k in by_name if k not in target and unspaced(k) == unspaced(comp.name)]
        if len(broken) == 1:
            target[broken[0]] = comp.id
            full = by_name[broken[0]][0].competency
            resolved.append(comp.model_copy(update={"resolved_name": full}))
            continue
        fits = {k: _truncation(comp.name, k) for k in by_name if k not in target}
        free = [k for k, v in fits.items() if v == 2] or [k for k, v in fits.items() if v == 1]
        if len(free) == 1:
            full = by_name[free[0]][0].competency
            target[free[0]] = comp.id
            resolved.append(comp.model_copy(update={"resolved_name": full}))
            warnings.append(
                warning(
                    IssueCode.TRUNCATED_HEADER,
                    f"Header {comp.name!r} looks truncated; read as {full!r}, the only "
                    "descriptor name it can be cut from.",
                    comp.where,
                    header=comp.name,
                    resolved=full,
                )
            )
            continue
        resolved.append(comp)
        if descriptors:
            warnings.append(
                warning(
                    IssueCode.MISSING_DESCRIPTOR,
                    f"Competency {comp.name!r} has no row in the descriptor table.",
                    comp.where,
                    competency=comp.name,
                )
            )
    linked: list[Descriptor] = []
    reported: set[str] = set()
    for d in descriptors:
        key = norm_name(d.competency)
        linked.append(d.model_copy(update={"competency_id": target.get(key)}))
        if key not in reported and all(not x.text for x in by_name[key]):
            reported.add(key)
            warnings.append(
                warning(
                    IssueCode.EMPTY_DESCRIPTOR,
                    f"The descriptor row for {d.competency!r} is empty; kept with empty texts.",
                    d.where.with_(column=None, cell=None),
                    competency=d.competency,
                )
            )
    return resolved, linked, warnings
