"""Skills matrix extractor: layout model -> ``SkillsMatrix``.

The matrix table is found in ``matrix_search`` (by shape, in both orientations; its module
docstring lists the structural cues the kind score combines). This module reads it: one
role per body row (continuation tables included), one requirement per cell, competency
groups, the Current half of `Required | Current` pairs, and the level scale from the
document's legend or the documented scale-word order (``matrix_scale``). Descriptor tables
(competency x level descriptions, or sections under merged competency rows) are read in
``matrix_descriptors``; the cell vocabulary and the table views live in ``matrix_cells``.

Everything document-level (title, service, intro, footnotes, descriptor heading) comes from
the paragraphs around those tables, by position and a few cues (a `Label:` line, a leading
footnote marker matching a header's trailing marker).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal

from roleframe.parsers.errors import ReadError
from roleframe.parsers.kinds.base import Extraction, Extractor, SurfaceName
from roleframe.parsers.kinds.formcues import unwrap_layout_tables
from roleframe.parsers.kinds.matrix_cells import (
    COUNTED,
    LEVELISH,
    MARK,
    SHORT,
    TRAILING_MARKER,
    WORD,
    View,
    classify,
    level_label,
    level_of,
    one_line,
)
from roleframe.parsers.kinds.matrix_codes import code_glossary
from roleframe.parsers.kinds.matrix_descriptors import (
    descriptor_blocks,
    link_descriptors,
    norm_name,
    read_descriptors,
)
from roleframe.parsers.kinds.matrix_scale import LEVEL_WORDS, label_key, rank_words, text_entries
from roleframe.parsers.kinds.matrix_search import Found, all_matrices, best_matrix, legend_of
from roleframe.parsers.layout import Layout, Paragraph, Table
from roleframe.schema import DocumentKind, Issue, IssueCode, Provenance
from roleframe.schema.ids import stable_id
from roleframe.schema.issues import warning
from roleframe.schema.skills_matrix import (
    CompetencyColumn,
    CurrentLevel,
    MatrixRole,
    Note,
    Requirement,
    SkillsMatrix,
)

VERSION = "1"

_LABEL = re.compile(
    r"^(?P<label>service(?: area)?|team|directorate|department|division|section|unit|"
    r"organi[sz]ation|council|authority)\s*[:\-–—]\s*(?P<value>\S.*)$",
    re.I,
)
_NOTE_LABEL = re.compile(r"^(key|legend|notes?|n\.?b\.?|please note)\s*[:\-–]", re.I)
_MARKER = re.compile(r"^(\*+|†|‡|§|¹|²|³|\(\d\)|\[\d\]|\d\))\s*")


def score(layout: Layout) -> float:
    """High for a table of levels under a header of names; 0 where tables hold text (the
    cues are listed in ``matrix_search``)."""
    found = best_matrix(_unwrapped(layout))
    return round(found.score, 3) if found else 0.0


_last_unwrapped: tuple[Layout, Layout] | None = None


def _unwrapped(layout: Layout) -> Layout:
    """The layout with its layout tables unwrapped (the matrix nested in a one-column
    banner table, ho6_sm04), one object per layout so the matrix search's cache holds
    from the kind score to the extraction."""
    global _last_unwrapped
    if _last_unwrapped is None or _last_unwrapped[0] is not layout:
        _last_unwrapped = (layout, unwrap_layout_tables(layout))
    return _last_unwrapped[1]


# ---------------------------------------------------------------------------------------------
# Extraction


def extract(layout: Layout) -> Extraction:
    """Read the strongest matrix table (plus its continuations), the descriptor tables that
    name its competencies, and the paragraphs around them."""
    layout = _unwrapped(layout)
    found = best_matrix(layout)
    if found is None:
        raise ReadError(
            IssueCode.UNRECOGNISED_KIND,
            "No skills matrix here: no table of levels under a header of names.",
        )
    warnings: list[Issue] = []
    view, h = found.view, found.header
    table = view.source  # where the matrix sits (a rewritten grid stands for its sources)
    _extend_with_continuations(layout, found)

    header_row = [
        found.name(c) if c in found.levels else view.header_text(h, c) for c in range(view.n_cols)
    ]
    header_row_trimmed_to = max(
        [c for c, t in enumerate(header_row) if t] + [found.levels[-1], found.title_col]
    )
    header_row = header_row[: header_row_trimmed_to + 1]

    role_columns = {"title": header_row[found.title_col]}
    if found.grade_col is not None:
        role_columns["grade"] = header_row[found.grade_col]

    blocks = layout.blocks
    matrix_pos = blocks.index(table)
    scale, scale_source = _level_scale(layout, found)
    sources = [*view.sources, *(v.table for v, _ in found.extra_views)]
    # header codes spelt out in a `Code | Competency` table (ho6_sm09): no descriptors
    glossary = code_glossary(layout, [header_row[c] for c in found.levels], sources)
    desc_blocks = descriptor_blocks(
        layout,
        [*sources, *([glossary.table] if glossary else [])],
        [header_row[c] for c in found.levels],
        scale,
    )

    # Paragraphs around the matrix: preamble (title, service, intro) and what follows it.
    preamble = _paragraphs_before(layout, matrix_pos) + _rows_above_header(view, h)
    title, service, intro, organisation, places, notes_above = _preamble(preamble)
    if title is None:  # a key table between the heading and the matrix: the heading still counts
        heading = _heading_before(layout, matrix_pos)
        if heading is not None:
            title, places["title"] = heading.text, heading.where
    places["matrix"] = table.where
    notes_and_headings = _paragraphs_after(layout, matrix_pos)
    next_desc = desc_blocks[0].table if desc_blocks else None
    footnotes_p, desc_preamble = _split_after(notes_and_headings, table, next_desc)
    footnotes_p = notes_above + _rows_below_body(view, found) + footnotes_p
    footnotes = [_note(p) for p in footnotes_p]

    # Competencies
    competencies: list[CompetencyColumn] = []
    seen: Counter[str] = Counter()
    for c in found.levels:
        name = header_row[c]
        seen[name.casefold()] += 1
        cell = view.cell(h, c)
        competencies.append(
            CompetencyColumn(
                id=stable_id("skills_matrix", "competency", name, seen[name.casefold()]),
                name=name,
                index=c,
                group=found.groups.get(c) or _group_above(view, h, c),
                note=_note_for(name, footnotes),
                where=cell.where if cell else table.where,
            )
        )

    if glossary is not None:
        competencies = [
            c.model_copy(update={"resolved_name": glossary.names[norm_name(c.name)]})
            for c in competencies
        ]
    competencies = _without_shared_prefix(competencies)
    roles, requirements, currents, role_warnings = _roles(found, header_row, competencies, scale)
    warnings.extend(role_warnings)

    warnings.extend(_layout_warnings(layout, found))

    # Descriptors, linked to competencies
    descriptors, descriptor_columns = read_descriptors(desc_blocks, scale)
    competencies, descriptors, link_warnings = link_descriptors(competencies, descriptors)
    warnings.extend(link_warnings)

    d_title, d_intro, d_places = _descriptor_heading(desc_preamble)
    places.update(d_places)

    content = SkillsMatrix(
        title=title,
        service=service,
        intro=intro,
        orientation="roles_in_columns" if view.transposed else "roles_in_rows",
        header_row=header_row,
        role_columns=role_columns,
        roles=roles,
        competencies=competencies,
        requirements=requirements,
        current_levels=currents,
        level_scale=scale,
        level_scale_source=scale_source,
        footnotes=footnotes,
        descriptors_title=d_title,
        descriptors_intro=d_intro,
        descriptor_columns=descriptor_columns,
        descriptors=descriptors,
        where=places,
    )
    names = [SurfaceName(c.name, "competencies", c.where) for c in competencies]
    return Extraction(
        content=content,
        title=title,
        organisation=organisation,
        service=service,
        warnings=warnings,
        names=names,
    )


_PREFIX_END = re.compile(r"\s+[-–—]\s+|:\s+")


def _without_shared_prefix(competencies: list[CompetencyColumn]) -> list[CompetencyColumn]:
    """Headers that all open with the same words and a dash or colon (an HR export's
    `Competency Framework Level Required - Customer Focus`, ho4_sm03) name the competency
    after it: that part is the resolved name, the header stays as written."""
    if len(competencies) < 2:
        return competencies
    first = competencies[0].name
    for m in _PREFIX_END.finditer(first):
        prefix = first[: m.end()]
        if len(prefix.split()) < 2:
            continue
        rests = [c.name[len(prefix) :].strip() for c in competencies]
        if all(c.name.startswith(prefix) for c in competencies) and all(rests):
            return [
                c if c.resolved_name else c.model_copy(update={"resolved_name": rest})
                for c, rest in zip(competencies, rests, strict=True)
            ]
    return competencies


def _layout_warnings(layout: Layout, found: Found) -> list[Issue]:
    """What was seen but not read: rows of the matrix with no levels, other matrix tables."""
    view, table = found.view, found.view.source
    warnings: list[Issue] = []
    for r in found.skipped:
        first = next((view.cell(r, c) for c, t in enumerate(view.texts[r]) if t), None)
        warnings.append(
            warning(
                IssueCode.AMBIGUOUS_LAYOUT,
                f"A row of the matrix ({view.texts[r][found.title_col]!r}) holds no levels "
                "and was not read as a role.",
                first.where if first else table.where,
            )
        )
    for r in found.summaries:
        first = next((view.cell(r, c) for c, t in enumerate(view.texts[r]) if t), None)
        warnings.append(
            warning(
                IssueCode.AMBIGUOUS_LAYOUT,
                f"A row of the matrix ({view.texts[r][found.title_col]!r}) counts the levels "
                "of the rows above it and was not read as a role.",
                first.where if first else table.where,
            )
        )
    for c in found.summary_columns:
        cell = view.cell(found.header, c)
        warnings.append(
            warning(
                IssueCode.AMBIGUOUS_LAYOUT,
                f"A column of the matrix ({view.header_text(found.header, c)!r}) counts the "
                "levels of the columns before it and was not read as a competency.",
                cell.where if cell else table.where,
            )
        )
    used = {t.index for t in view.sources} | {v.table.index for v, _ in found.extra_views}
    for other in all_matrices(layout):
        if other.view.source.index not in used:
            warnings.append(
                warning(
                    IssueCode.AMBIGUOUS_LAYOUT,
                    f"Table {other.view.source.index} also looks like a skills matrix; only "
                    f"table {table.index} (the strongest) was extracted.",
                    other.view.source.where,
                )
            )
    return warnings


def _roles(
    found: Found,
    header_row: list[str],
    competencies: list[CompetencyColumn],
    scale: dict[str, int],
) -> tuple[list[MatrixRole], list[Requirement], list[CurrentLevel], list[Issue]]:
    """One role per body row (continuation tables included) and one requirement per cell.

    A row that is one cell merged across the table is a group heading for the rows under it.
    """
    view = found.view
    warnings: list[Issue] = []
    odd: dict[str, list[tuple[str, str, Provenance]]] = {}  # non-level value -> its cells
    roles: list[MatrixRole] = []
    requirements: list[Requirement] = []
    currents: list[CurrentLevel] = []  # the Current half of Required | Current pairs
    role_seen: Counter[tuple[str, str]] = Counter()
    group: str | None = None
    for part_view, rows in [(view, found.body), *found.extra_views]:
        for r in rows:
            texts = part_view.texts[r]
            spanning = _spanning_text(part_view, r) or _section_row(part_view, r, rows, found)
            if spanning is not None:
                group = spanning
                continue
            title_cell = part_view.cell(r, found.title_col)
            role_title = texts[found.title_col]
            if not role_title and not any(texts[c] for c in found.levels):
                continue  # a trailer line under the rows (`End of report`, ho4_sm03)
            grade_cell = part_view.cell(r, found.grade_col) if found.grade_col is not None else None
            grade = texts[found.grade_col] if found.grade_col is not None else None
            key = (role_title.casefold(), (grade or "").casefold())
            role_seen[key] += 1
            where = title_cell.where if title_cell else part_view.table.where
            if not role_title:
                warnings.append(
                    warning(IssueCode.EMPTY_FIELD, "A matrix row has no role title.", where)
                )
            others = [c for c in found.labels if c not in (found.title_col, found.grade_col)]
            # a label merged down over several rows (a job family) is every one's value
            attributes = {header_row[c]: _covering_text(part_view, r, c) for c in others}
            family = next(
                (_covering_text(part_view, r, c) for c in others if _merged_down(part_view, r, c)),
                None,
            )
            role = MatrixRole(
                id=stable_id("skills_matrix", "role", role_title, grade or "", role_seen[key]),
                title=role_title,
                grade=grade or None,
                group=group or family or None,
                attributes={k: v for k, v in attributes.items() if k and v},
                where=where,
                grade_where=grade_cell.where if grade_cell and grade else None,
            )
            roles.append(role)
            for comp in competencies:
                cell = part_view.cell(r, comp.index)
                raw = texts[comp.index]
                level = level_of(raw, scale)
                cell_where = cell.where if cell else where
                if raw and level is None and classify(raw, view.vocab) != MARK:
                    odd.setdefault(raw, []).append((role_title, comp.name, cell_where))
                current = found.current.get(comp.index)
                if current is not None:
                    current_cell = part_view.cell(r, current)
                    currents.append(
                        CurrentLevel(
                            role_id=role.id,
                            role=role_title,
                            competency_id=comp.id,
                            competency=comp.name,
                            raw=texts[current],
                            level=level_of(texts[current], scale),
                            where=current_cell.where if current_cell else cell_where,
                        )
                    )
                requirements.append(
                    Requirement(
                        role_id=role.id,
                        role=role_title,
                        competency_id=comp.id,
                        competency=comp.name,
                        raw=raw,
                        level=level,
                        where=cell_where,
                    )
                )

    warnings.extend(_non_numeric_warnings(odd))
    return roles, requirements, currents, warnings


def _non_numeric_warnings(odd: dict[str, list[tuple[str, str, Provenance]]]) -> list[Issue]:
    """One warning per odd cell (the seed's lone `S`); a code used throughout the matrix
    (`E`/`D` for essential/desirable) gets one warning with its count, not one per cell."""
    out: list[Issue] = []
    for raw, cells in odd.items():
        role, competency, where = cells[0]
        if len(cells) == 1:
            message = (
                f"{role!r} x {competency!r} holds {raw!r}, which is not a level; "
                "kept as written with no level."
            )
            out.append(
                warning(
                    IssueCode.NON_NUMERIC_LEVEL,
                    message,
                    where,
                    raw=raw,
                    role=role,
                    competency=competency,
                )
            )
            continue
        message = (
            f"{raw!r} is in {len(cells)} cells (first: {role!r} x {competency!r}) and is not "
            "a level; kept as written with no level."
        )
        out.append(warning(IssueCode.NON_NUMERIC_LEVEL, message, where, raw=raw, cells=len(cells)))
    return out


_PAGE_LINES = 3  # a printout's lines above the repeated header on each page


def _extend_with_continuations(layout: Layout, found: Found) -> None:
    """Tables right after the matrix with the same width and level columns continue it.

    A matrix broken by a page (a PDF, or a Word table split by the author) repeats or drops
    its header; either way its rows carry on under the same columns.
    """
    view = found.view
    if view.table is not view.source:  # a rewritten grid: its source tables say it all
        return
    tables = layout.tables()
    pos = tables.index(view.table)
    header = [view.header_text(found.header, c) for c in range(view.n_cols)]
    for table in tables[pos + 1 :]:
        if found.view.transposed or table.n_cols != view.table.n_cols:
            break
        nxt = View(table, False, view.vocab)
        # the header repeated, maybe under a printout's page lines (`Page 2 of 2`, a run
        # date: a paged report saved as CSV, ho6_sm07); those lines are no rows
        repeated = (
            k
            for k in range(min(_PAGE_LINES + 1, nxt.n_rows))
            if [nxt.header_text(k, c) for c in range(nxt.n_cols)] == header
        )
        start = next(repeated, -1) + 1
        rows = [r for r in range(start, nxt.n_rows) if any(nxt.texts[r])]
        if not rows:
            break
        kinds = [classify(nxt.texts[r][c], view.vocab) for r in rows for c in found.levels]
        if sum(k in LEVELISH for k in kinds) < 0.9 * len(kinds) or not any(
            k in COUNTED for k in kinds
        ):
            break
        found.extra_views.append((nxt, rows))


def _covering_text(view: View, r: int, c: int) -> str:
    """The text of the cell covering (r, c), merged from above or not."""
    cell = view.cell(r, c)
    return one_line(cell) if cell is not None else ""


def _merged_down(view: View, r: int, c: int) -> bool:
    """Whether (r, c) lies in a cell merged over several rows (in view coordinates)."""
    cell = view.cell(r, c)
    return cell is not None and view.span(cell)[0] > 1 and bool(one_line(cell))


def _spanning_text(view: View, r: int) -> str | None:
    """The text of a row that is one cell merged across the table (a group heading)."""
    filled = [c for c, t in enumerate(view.texts[r]) if t]
    if len(filled) != 1:
        return None
    cell = view.cell(r, filled[0])
    if cell is None or view.span(cell)[1] < max(2, view.n_cols // 2):
        return None
    return view.texts[r][filled[0]]


def _section_row(view: View, r: int, rows: list[int], found: Found) -> str | None:
    """A title with nothing else on its row, no grade and no level, over the posts under it
    (a service sub-header written in the first column only, not merged): a group heading,
    not a role, when it is bold (a spreadsheet, ho5_sm03), or when every post with levels
    has a grade (a plain CSV export has no formatting, ho5_sm04; a post left without
    levels but with its grade stays a post)."""
    texts = view.texts[r]
    if [c for c, t in enumerate(texts) if t] != [found.title_col]:
        return None
    cell = view.cell(r, found.title_col)
    paras = [p for p in cell.paragraphs if p.text] if cell is not None else []
    if paras and all(p.bold for p in paras):
        return texts[found.title_col]
    grade = found.grade_col
    if grade is None or rows[-1] == r:
        return None
    posts = [k for k in rows if any(view.texts[k][c] for c in found.levels)]
    if len(posts) < 2 or not all(view.texts[k][grade] for k in posts):
        return None
    return texts[found.title_col]


def _rows_above_header(view: View, h: int) -> list[Paragraph]:
    """Rows above the header inside the table that hold one text (a merged title row)."""
    out: list[Paragraph] = []
    for r in range(h):
        filled = [c for c, t in enumerate(view.texts[r]) if t]
        if len(filled) == 1 and not _spanning_is_group(view, r, h):
            cell = view.cell(r, filled[0])
            if cell is not None:
                out.extend(cell.paragraphs)
    return out


def _spanning_is_group(view: View, r: int, h: int) -> bool:
    """A row just above the header with several spanning cells groups columns, it is no title."""
    return r == h - 1 and sum(1 for t in view.texts[r] if t) > 1


def _rows_below_body(view: View, found: Found) -> list[Paragraph]:
    """Trailing one-cell rows inside the table (a footnote kept in the table's last row)."""
    out: list[Paragraph] = []
    for r in reversed(found.body):
        text = _spanning_text(view, r)
        if text is None:
            text = _note_row(view, r)
        if text is None:
            break
        cell = view.cell(r, next(c for c, t in enumerate(view.texts[r]) if t))
        if cell is not None:
            out[:0] = cell.paragraphs
        found.body.remove(r)
    return out


def _note_row(view: View, r: int) -> str | None:
    """A row with one text, not merged, that reads as a note or a key, not a post: a CSV's
    `Key: F = Foundation; …,,,` line keeps its commas and so its place in the table."""
    filled = [t for t in view.texts[r] if t]
    if len(filled) != 1:
        return None
    text = filled[0]
    if _MARKER.match(text) or _NOTE_LABEL.match(text) or text_entries(text):
        return text
    return None


def _group_above(view: View, h: int, c: int) -> str | None:
    if h == 0:
        return None
    cell = view.cell(h - 1, c)
    if cell is None or view.span(cell)[1] < 2:
        return None
    text = cell.text
    return text or None


def _paragraphs_before(layout: Layout, pos: int) -> list[Paragraph]:
    out: list[Paragraph] = []
    sheet = layout.blocks[pos].where.sheet
    for block in reversed(layout.blocks[:pos]):
        if isinstance(block, Table) or block.where.sheet != sheet:
            break
        out.insert(0, block)
    return out


def _heading_before(layout: Layout, pos: int) -> Paragraph | None:
    """The nearest heading above the matrix on its sheet, across any tables in between."""
    sheet = layout.blocks[pos].where.sheet
    for block in reversed(layout.blocks[:pos]):
        if block.where.sheet != sheet:
            return None
        if isinstance(block, Paragraph) and block.heading_level is not None:
            return block
    return None


def _paragraphs_after(layout: Layout, pos: int) -> list[Paragraph]:
    out: list[Paragraph] = []
    for block in layout.blocks[pos + 1 :]:
        if isinstance(block, Table):
            break
        out.append(block)
    return out


def _preamble(
    paragraphs: list[Paragraph],
) -> tuple[str | None, str | None, str | None, str | None, dict[str, Provenance], list[Paragraph]]:
    """Title, service, intro, organisation and notes from the paragraphs above the matrix.

    A `Key:`/`Note:` line or a marker-led line above the matrix is a note, not intro text.
    """
    places: dict[str, Provenance] = {}
    service = organisation = None
    rest: list[Paragraph] = []
    notes: list[Paragraph] = []
    for p in paragraphs:
        if _MARKER.match(p.text) or _NOTE_LABEL.match(p.text):
            notes.append(p)
            continue
        m = _LABEL.match(p.text)
        if m:
            label = m.group("label").casefold()
            if label.startswith(("organ", "council", "authority")):
                organisation = m.group("value")
            else:
                service = m.group("value")
                places["service"] = p.where
            continue
        rest.append(p)
    title_p = next((p for p in rest if p.heading_level is not None), rest[0] if rest else None)
    title = title_p.text if title_p else None
    if title_p:
        places["title"] = title_p.where
    intro_ps = [p for p in rest if p is not title_p]
    intro = "\n".join(p.text for p in intro_ps) or None
    if intro_ps:
        places["intro"] = intro_ps[0].where
    return title, service, intro, organisation, places, notes


def _split_after(
    paragraphs: list[Paragraph], matrix: Table, descriptors: Table | None
) -> tuple[list[Paragraph], list[Paragraph]]:
    """Paragraphs after the matrix: footnotes first, then the descriptor table's heading.

    Without a descriptor table next, all are notes. Otherwise notes are the leading
    marker-led paragraphs, and any paragraph on the matrix's sheet when the descriptors sit on
    another sheet; the first heading always starts the descriptor preamble.
    """
    if descriptors is None:
        return paragraphs, []
    notes: list[Paragraph] = []
    other_sheet = descriptors.where.sheet != matrix.where.sheet
    for i, p in enumerate(paragraphs):
        if p.heading_level is not None:
            return notes, paragraphs[i:]
        if other_sheet and p.where.sheet == matrix.where.sheet:
            notes.append(p)
            continue
        if not _MARKER.match(p.text) and _heading_like(p):
            return notes, paragraphs[i:]
        notes.append(p)
    return notes, []


def _heading_like(p: Paragraph) -> bool:
    """Short, unpunctuated and not a `Label:` line: reads as a heading, not as a note."""
    text = p.text
    return (
        len(text) <= 100
        and not text.endswith((".", ";", ","))
        and not re.match(r"^\w+(\s\w+)?\s*:", text)
    )


def _note(p: Paragraph) -> Note:
    m = _MARKER.match(p.text)
    marker = m.group(1) if m else None
    return Note(text=p.text, marker=marker, where=p.where)


def _note_for(name: str, notes: list[Note]) -> str | None:
    m = TRAILING_MARKER.search(name)
    if not m:
        return None
    return next((n.text for n in notes if n.marker == m.group(1)), None)


def _descriptor_heading(
    paragraphs: list[Paragraph],
) -> tuple[str | None, str | None, dict[str, Provenance]]:
    if not paragraphs:
        return None, None, {}
    title_p = next((p for p in paragraphs if p.heading_level is not None), paragraphs[0])
    rest = [p for p in paragraphs if p is not title_p]
    places = {"descriptors_title": title_p.where}
    if rest:
        places["descriptors_intro"] = rest[0].where
    return title_p.text, "\n".join(p.text for p in rest) or None, places


# ---------------------------------------------------------------------------------------------
# Levels


def _level_scale(
    layout: Layout, found: Found
) -> tuple[dict[str, int], Literal["legend", "word_order"] | None]:
    """Level labels -> numbers: the document's legend when it covers every label the cells
    use (digit matrices keep theirs too), else the scale words used, ranked on the vocabulary.

    Codes nobody explains (`S`, `E`/`D` with no key) stay off the scale: they are kept as
    written with no level.
    """
    legend = legend_of(layout)
    used: set[str] = set()
    for part_view, rows in [(found.view, found.body), *found.extra_views]:
        for r in rows:
            for c in found.levels:
                raw = part_view.texts[r][c]
                if raw and classify(raw, part_view.vocab) in (WORD, SHORT, MARK):
                    used.add(level_label(label_key(raw), part_view.vocab))
    words = {w for w in used if w in LEVEL_WORDS}
    if legend and all(w in legend for w in words):
        return dict(legend), "legend"
    if not words:
        return {}, None
    return rank_words(words), "word_order"


EXTRACTOR = Extractor(DocumentKind.SKILLS_MATRIX, "skills_matrix", VERSION, score, extract)
