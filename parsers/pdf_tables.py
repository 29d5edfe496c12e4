"""PDF table geometry: ruled grids, merged-cell spans, text-aligned tables and check boxes.

LibreOffice draws every Word table border as a line, so pdfplumber's ``lines`` strategy
finds the grids; what it returns for a merged cell is one cell box plus ``None`` at the
covered positions. Spans are recovered here from the boxes themselves: the grid is the
union of all cell edges, and each box covers a rectangle of grid columns and rows.
Tables without ruling lines are found from text alignment (columns of text separated by
gutters that run through several consecutive lines).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

from roleframe.parsers.layout import FormField
from roleframe.parsers.pdf_text import Glyph, Line, split_line

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom

TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}


@dataclass(slots=True)
class RawCell:
    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox
    glyphs: list[Glyph] = field(default_factory=list)
    shaded: bool = False
    lines: list[Line] | None = None  # set for text-aligned tables (already laid out)


@dataclass(slots=True)
class RawTable:
    """One table on one page, before cross-page joining."""

    page: int
    bbox: BBox
    xs: list[float]  # column boundaries (n_cols + 1)
    ys: list[float]  # row boundaries (n_rows + 1)
    cells: list[RawCell]
    ruled: bool = True
    mcids: dict[int, RawCell] | None = None  # tagged PDFs: marked-content id -> cell
    n_logical: tuple[int, int] = (0, 0)  # tagged PDFs: rows, columns of the logical grid
    lookup: dict[tuple[int, int], RawCell] | None = None  # grid position -> covering cell
    at_foot: bool = False  # ends where the page's body ends (a row may go on overleaf)
    text_columns: bool = False  # newspaper columns: each cell is one column's running text

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1


def _cluster(values: list[float], tol: float) -> list[float]:
    """Sorted representative values, merging values closer than ``tol``."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(bounds: list[float], v: float, tol: float) -> int:
    i = bisect.bisect_left(bounds, v - tol)
    return min(i, len(bounds) - 1)


def grid_from_boxes(page: int, bbox: BBox, boxes: list[BBox]) -> RawTable | None:
    """Turn pdfplumber cell boxes into a grid with spans (merged cells become one cell).

    A cell drawn around a nested table (a form boxed in an outer table, jef17) holds the
    nested table's cells: the inner cells are kept and the box around them dropped, so the
    nested rows become rows of the grid instead of one cell of run-together text.
    """
    boxes = _innermost(boxes)
    if not boxes:
        return None
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes], 2.0)
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes], 2.0)
    if len(xs) < 2 or len(ys) < 2:
        return None
    cells: list[RawCell] = []
    taken: set[tuple[int, int]] = set()
    for b in sorted(boxes, key=lambda b: (round(b[1], 1), b[0])):
        c0, c1 = _index(xs, b[0], 2.0), _index(xs, b[2], 2.0)
        r0, r1 = _index(ys, b[1], 2.0), _index(ys, b[3], 2.0)
        if c1 <= c0 or r1 <= r0 or (r0, c0) in taken:
            continue
        for r in range(r0, r1):
            for c in range(c0, c1):
                taken.add((r, c))
        cells.append(RawCell(r0, c0, r1 - r0, c1 - c0, b))
    return RawTable(page, bbox, xs, ys, cells)


def _innermost(boxes: list[BBox], tol: float = 1.0) -> list[BBox]:
    """The boxes with no other box inside them (``_inside``), in their order.

    Only a box starting within ``tol`` of another's left edge and before its right edge
    can lie inside it, so each box is tested against those alone (boxes sorted by left
    edge), not against every box: a skills matrix page has hundreds of cells.
    """
    order = sorted(boxes, key=lambda b: b[0])
    lefts = [b[0] for b in order]
    kept = []
    for b in boxes:
        lo = bisect.bisect_left(lefts, b[0] - tol)
        hi = bisect.bisect_right(lefts, b[2] + tol)
        if not any(o is not b and _inside(o, b, tol) for o in order[lo:hi]):
            kept.append(b)
    return kept


def _inside(inner: BBox, outer: BBox, tol: float = 1.0) -> bool:
    """Whether ``inner`` lies within ``outer`` and is smaller than it."""
    return (
        inner[0] >= outer[0] - tol
        and inner[1] >= outer[1] - tol
        and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
        and (inner[2] - inner[0]) * (inner[3] - inner[1])
        < (outer[2] - outer[0]) * (outer[3] - outer[1]) - tol
    )


def _lookup(table: RawTable) -> dict[tuple[int, int], RawCell]:
    """Grid position -> the cell covering it (merged cells cover several positions)."""
    if table.lookup is None:
        table.lookup = {
            (r, c): cell
            for cell in table.cells
            for r in range(cell.row, cell.row + cell.row_span)
            for c in range(cell.col, cell.col + cell.col_span)
        }
    return table.lookup


def assign_to_cells(glyphs: list[Glyph], tables: list[RawTable], slack: float = 0.5) -> list[Glyph]:
    """Put each glyph into the cell under its centre, in the first table whose box (with
    ``slack`` points around it) holds the centre; return the glyphs in no table, in order.

    The glyphs of a line share their centre's height, so the tables that span it and the
    row each puts it in are found once for the run of glyphs at that height, and only the
    column is looked up per glyph (a page of tables holds thousands of glyphs in a few
    hundred lines).
    """
    body: list[Glyph] = []
    if not tables:
        return list(glyphs)
    boxes = [
        (t.bbox[0] - slack, t.bbox[1] - slack, t.bbox[2] + slack, t.bbox[3] + slack, t)
        for t in tables
    ]
    bisect_right = bisect.bisect_right
    last_y = math.nan
    # for the current height: (x0, x1, column bounds, row, lookup or None) per table
    spans: list[tuple[float, float, list[float], int, dict | None]] = []
    for g in glyphs:
        x, y = g.x, g.y
        if y != last_y:
            last_y = y
            spans = []
            for x0, y0, x1, y1, t in boxes:
                if y0 <= y <= y1:
                    r = bisect_right(t.ys, y) - 1
                    inside = 0 <= r < len(t.ys) - 1
                    spans.append((x0, x1, t.xs, r, _lookup(t) if inside else None))
        cell = None
        for x0, x1, xs, r, lookup in spans:
            if x0 <= x <= x1:
                if lookup is not None:
                    c = bisect_right(xs, x) - 1
                    if 0 <= c < len(xs) - 1:
                        cell = lookup.get((r, c))
                break
        if cell is None:
            body.append(g)
        else:
            cell.glyphs.append(g)
    return body


# --- check boxes ----------------------------------------------------------------------------


def find_checkboxes(rects: list[dict]) -> list[dict]:
    """Small square outlines: Word legacy check boxes drawn by LibreOffice (002 JE form).

    They must leave the page objects before table finding, or their edges become phantom
    columns. A box is ticked when a glyph or a stroke sits inside it. Only a *stroked*
    square with no fill or a white fill is a box: a filled square is a shaded cell, and a
    matrix with narrow level columns is full of them (000 skills matrix PDF: 13 pt grey
    cells; tests/fixtures/pdf/shaded_level_cells.pdf holds values in such cells).
    """
    boxes = []
    for r in rects:
        w, h = r["width"], r["height"]
        if 5.0 <= w <= 16.0 and abs(w - h) <= 1.0 and r.get("stroke") and unfilled(r):
            boxes.append(r)
    return boxes


def checkbox_field(box: dict, glyphs: list[Glyph], segments: list[dict]) -> FormField:
    x0, top, x1, bottom = box["x0"], box["top"], box["x1"], box["bottom"]
    inner = (x0 + 1.0, top + 1.0, x1 - 1.0, bottom - 1.0)
    ticked = any(
        g.text.strip() and inner[0] <= g.x <= inner[2] and inner[1] <= g.y <= inner[3]
        for g in glyphs
    ) or any(
        inner[0] <= (s["x0"] + s["x1"]) / 2 <= inner[2]
        and inner[1] <= (s["top"] + s["bottom"]) / 2 <= inner[3]
        for s in segments
    )
    return FormField(kind="checkbox", checked=ticked)


def unfilled(r: dict) -> bool:
    """No fill, or a white one (gray 1, RGB 1 1 1, CMYK 0 0 0 0); any other fill is shading."""
    if not r.get("fill"):
        return True
    color = r.get("non_stroking_color")
    if not isinstance(color, (tuple, list)) or not color:
        return isinstance(color, (int, float)) and color >= 0.97  # a bare gray level
    if not all(isinstance(v, (int, float)) for v in color):
        return False  # a pattern or named colour: not known to be white
    if len(color) == 4:
        return max(color) <= 0.03
    return min(color) >= 0.97


def is_shading(r: dict) -> bool:
    """A filled, non-white rectangle (cell shading)."""
    if not r.get("fill"):
        return False
    color = r.get("non_stroking_color")
    if isinstance(color, (tuple, list)) and all(isinstance(v, (int, float)) for v in color):
        if len(color) == 1:
            return color[0] < 0.97
        if len(color) == 3:
            return min(color) < 0.97
        if len(color) == 4:
            return max(color) > 0.03
    return False


# --- tables without ruling lines ------------------------------------------------------------


def find_aligned_tables(lines: list[Line], page: int) -> list[tuple[int, int, RawTable]]:
    """Tables laid out with tabs/positions only, from columns of aligned text.

    A candidate line splits into segments at wide gaps (>= 1.5 em). A run of at least two
    such lines whose segments never straddle the same gutters is a table: the gutters are
    x-ranges no line in the run covers. Lines with text only in later columns continue
    the previous row (wrapped cells); lines with text in the first column only at the end
    of a run are left out of it. Returns (first line index, end index, table).
    """
    found: list[tuple[int, int, RawTable]] = []
    segs = [_segments(line) for line in lines]
    i = 0
    n = len(lines)
    while i < n:
        if len(segs[i]) < 2:
            i += 1
            continue
        j = i + 1
        while j < n and _fits_run(segs, i, j, lines):
            j += 1
        # a line at the end of the run with text in the first column only is what follows
        # the table (rp_plain_labels_lists: the heading "Purpose of the job" under a
        # borderless label table), not a row whose value is empty
        left = min(p.u0 for k in range(i, j) for p in segs[k])
        while j - 1 > i and len(segs[j - 1]) == 1 and segs[j - 1][0].u0 <= left + 2.0:
            j -= 1
        j = _label_block_end(segs, i, j)
        multi = sum(1 for k in range(i, j) if len(segs[k]) >= 2)
        table = _aligned_table(segs[i:j], lines[i:j], page) if multi >= 2 else None
        if table is not None and _text_columns(table):
            table = _as_columns(table)
        if table is not None:
            found.append((i, j, table))
            i = j
        else:
            i += 1
    return found


def _label_block_end(segs: list[list[Line]], i: int, j: int) -> int:
    """Where a block of two-part lines (`Job title:  Senior Planning Officer`) ends when a
    table of more columns follows it in the same run (ho4_je09, drawn with no rules): the
    block's values would otherwise cover the wider table's gutters. ``j`` when the run is
    one table."""
    k = i
    while k < j and len(segs[k]) == 2:
        k += 1
    if k - i < 2 or j - k < 2 or len(segs[k]) < 4:
        return j
    return k


def _segments(line: Line) -> list[Line]:
    """A line's parts split at wide gaps; a list marker (a bullet glyph or `1.` set apart
    from its text by a tab) stays with the text it marks: a bulleted list is no table
    (foreign ho_rp04: Verdana bullets a wide gap before their text)."""
    marker = line.marker_glyphs if line.bullet is not None else 0
    return split_line(line, 1.5 * max(line.size, 1.0), marker or -1)


def _wraps_label(by_col: list[list[Line]], rows: list[list[list[Line]]]) -> bool:
    """A line with text in the first column only, in lower case, right under the row's
    first-column text: the label wrapping (foreign ho_rp07: `Experience and` / `skills`),
    not a new row."""
    if not rows or any(by_col[1:]) or len(by_col[0]) != 1 or not rows[-1][0]:
        return False
    part, above = by_col[0][0], rows[-1][0][-1]
    return (
        part.text[:1].islower()
        and abs(part.u0 - above.u0) <= 2.0
        and 0 < part.baseline - above.baseline <= 1.5 * max(above.size, 1.0)
    )


def _covered(parts: list[Line]) -> list[tuple[float, float]]:
    return [(p.u0, p.u1) for p in parts]


def _gutters(spans: list[tuple[float, float]], lo: float, hi: float) -> list[tuple[float, float]]:
    """Uncovered x-ranges between lo and hi that are at least 6pt wide."""
    out = []
    cursor = lo
    for a, b in sorted(spans):
        if a - cursor >= 6.0:
            out.append((cursor, a))
        cursor = max(cursor, b)
    return out


def _fits_run(segs: list[list[Line]], i: int, j: int, lines: list[Line]) -> bool:
    """Whether line j can join the run of table lines i..j-1."""
    prev = lines[j - 1]
    line = lines[j]
    if line.v0 - prev.v1 > 2.5 * max(prev.size, 1.0):
        return False
    spans = [s for k in range(i, j + 1) for s in _covered(segs[k])]
    lo = min(a for a, _ in spans)
    hi = max(b for _, b in spans)
    # the run's gutters must survive the new line: a full-width paragraph line after the
    # table covers them and ends the run; a wrapped cell line stays inside its column
    return bool(_gutters(spans, lo, hi))


def _aligned_table(segs: list[list[Line]], lines: list[Line], page: int) -> RawTable | None:
    spans = [s for parts in segs for s in _covered(parts)]
    lo = min(a for a, _ in spans)
    hi = max(b for _, b in spans)
    gutters = _gutters(spans, lo, hi)
    if not gutters:
        return None
    xs = [lo - 2.0] + [(a + b) / 2 for a, b in gutters] + [hi + 2.0]
    n_cols = len(xs) - 1
    rows: list[list[list[Line]]] = []
    row_tops: list[float] = []
    for parts in segs:
        by_col: list[list[Line]] = [[] for _ in range(n_cols)]
        for p in parts:
            c = bisect.bisect_right(xs, (p.u0 + p.u1) / 2) - 1
            by_col[max(0, min(c, n_cols - 1))].append(p)
        starts_row = (
            bool(by_col[0]) and not _wraps_label(by_col, rows) and not _wraps_row(by_col, rows)
        ) or not rows
        if starts_row:
            rows.append(by_col)
            row_tops.append(min(p.v0 for p in parts))
        else:
            for c in range(n_cols):
                rows[-1][c].extend(by_col[c])
    if len(rows) < 2:
        return None
    bottom = max(line.v1 for line in lines)
    ys = [*row_tops, bottom + 1.0]
    cells: list[RawCell] = []
    for r, row in enumerate(rows):
        for c in range(n_cols):
            cell = RawCell(r, c, 1, 1, (xs[c], ys[r], xs[c + 1], ys[r + 1]))
            cell.lines = row[c]
            cells.append(cell)
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return RawTable(page, bbox, xs, ys, cells, ruled=False)


# a word in lower case opening a line: a wrapped sentence going on (not a list label `a)`)
_GOES_ON = re.compile(r"^[a-z][a-z'’-]*(?![.)\w])")


def _wraps_row(by_col: list[list[Line]], rows: list[list[list[Line]]]) -> bool:
    """Whether every filled cell of a line goes on from the cell above it: in lower case,
    under a cell of the row before that stopped mid-sentence, with no paragraph gap between.
    Two columns of criteria wrap on the same line (ho7_rp06's PDF: `Experience of dealing
    with the` / `public in sensitive situations` beside `Knowledge of burial and` /
    `cremation law`), so no column is empty to tell the line from a new row."""
    if not rows:
        return False
    filled = [c for c, parts in enumerate(by_col) if parts]
    for c in filled:
        above = rows[-1][c]
        if not above:
            return False
        first, last = by_col[c][0], above[-1]
        if not _GOES_ON.match(first.text.lstrip()) or last.text.rstrip()[-1:] in ".:;!?":
            return False
        if first.v0 - last.v1 > _WRAP_GAP * max(first.size, 1.0):
            return False
    return bool(filled)


_WRAP_GAP = 0.5  # the most white between a line and the next one of its paragraph, in ems


# newspaper-style text columns (ho3_cf06): two columns of about the same width, each with
# lines enough to be running text, most of the aligned "rows" one line beside one line
_MIN_COLUMN_LINES = 8
_MAX_WIDTH_RATIO = 1.35


def _text_columns(table: RawTable) -> bool:
    """Whether a text-aligned two-column "table" is two columns of running text: columns of
    about equal width, both wrapping prose at their right edge, and rows that pair single
    lines (a table's rows pair a label with its wrapped value, or cells of several lines)."""
    if table.n_cols != 2 or table.n_rows < _MIN_COLUMN_LINES:
        return False
    widths = [table.xs[1] - table.xs[0], table.xs[2] - table.xs[1]]
    if max(widths) > _MAX_WIDTH_RATIO * min(widths):
        return False
    by_row: dict[int, list[int]] = {}
    for cell in table.cells:
        by_row.setdefault(cell.row, [0, 0])[cell.col] = len(cell.lines or [])
    # the second column may stop short of the first (the text ran out: ho7_pf02's page of
    # two-column text), and a paragraph gap in one column leaves the other alone in its
    # "row": only rows with text on both sides are counted; a column in a smaller font
    # than the other's title lines puts two of its lines beside one (ho7_pf02)
    beside = {r: n for r, n in by_row.items() if n[0] and n[1]}
    paired = sum(1 for n in beside.values() if max(n) <= 2 and min(n) == 1)
    # two in three: a heading line or a paragraph gap in one column merges a few "rows"
    # of several lines (ho6_rp08's two-column section: 6 of 9)
    if not beside or 3 * paired < 2 * len(beside):
        return False
    for col in (0, 1):
        lines = [ln for c in table.cells if c.col == col for ln in c.lines or []]
        if len(lines) < _MIN_COLUMN_LINES:
            return False
        edge = max(ln.u1 for ln in lines)
        full = sum(1 for ln in lines if edge - ln.u1 <= 0.15 * widths[col])
        # sentences wrap inside the column: lines going on in lower case
        wrapped = sum(1 for ln in lines if ln.text.lstrip()[:1].islower())
        if 5 * full < len(lines) or wrapped < 2:
            return False
    return True


def _as_columns(table: RawTable) -> RawTable:
    """The same region as one row of two cells, each holding its column's lines in order."""
    cells = []
    for col in (0, 1):
        lines = [
            ln
            for c in sorted(table.cells, key=lambda c: c.row)
            if c.col == col
            for ln in c.lines or []
        ]
        cell = RawCell(0, col, 1, 1, (table.xs[col], table.ys[0], table.xs[col + 1], table.ys[-1]))
        cell.lines = lines
        cells.append(cell)
    return RawTable(
        table.page,
        table.bbox,
        table.xs,
        [table.ys[0], table.ys[-1]],
        cells,
        ruled=False,
        text_columns=True,
    )
