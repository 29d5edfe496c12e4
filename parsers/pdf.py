"""PDF reader: bytes -> layout model, from page primitives (``pdf_source``).

The goal is the layout a Word reader gives for the same document (the seed PDFs are
LibreOffice exports of the .docx renditions), so the kind extractors see the same cells and
paragraphs whichever format arrived. An engine (PDFium by default, pdfplumber as the
reference: ``Limits.pdf_engine``) gives each page's chars, rules and size once; everything
here works from those:

1. glyphs from chars (rotated text in its own reading frame, see ``pdf_text``); thin
   strokes under text mark underlines; small squares become check boxes and leave the page
   objects before table finding (else they are phantom columns: 002 JE form);
2. ruled tables from pdfplumber's table finder (``lines`` strategy) run on the edges of the
   page's rules, with spans rebuilt from cell boxes; glyphs are assigned to cells by
   position, the rest is body text;
3. body lines: tables without rules found from aligned text, the rest paragraphs.

Then, across pages: running headers/footers (lines repeated in the margins) leave the
body; a table that continues on the next page is joined (repeated header rows dropped, a
row split by the page break joined back); paragraphs cut by a page break are rejoined;
heading levels come from font size relative to the body text.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar, cast

from pdfplumber.table import TableFinder
from pdfplumber.utils import obj_to_edges
from pdfplumber.utils.exceptions import PdfminerException

if TYPE_CHECKING:
    from pdfplumber.page import Page

from roleframe.parsers.errors import ReadError
from roleframe.parsers.layout import Cell, Layout, Paragraph, Table
from roleframe.parsers.limits import Limits
from roleframe.parsers.pdf_bullets import find_drawn_bullets
from roleframe.parsers.pdf_plumber import DAMAGED, open_error
from roleframe.parsers.pdf_source import (
    REFERENCE_ENGINE,
    EngineRefused,
    PagePrimitives,
    PdfSource,
    open_source,
)
from roleframe.parsers.pdf_structure import place
from roleframe.parsers.pdf_tables import (
    TABLE_SETTINGS,
    BBox,
    RawCell,
    RawTable,
    assign_to_cells,
    checkbox_field,
    find_aligned_tables,
    find_checkboxes,
    grid_from_boxes,
    is_shading,
)
from roleframe.parsers.pdf_text import (
    Glyph,
    Line,
    ParaDraft,
    assign_list_levels,
    build_lines,
    continues,
    group_paragraphs,
    make_paragraph,
    mark_flush_numbers,
    typical_pitch,
    whole_words,
)
from roleframe.parsers.safety import Deadline, check_page_chars, check_pdf_pages, start_deadline
from roleframe.schema import Format, IssueCode, Provenance, Severity
from roleframe.schema.issues import Issue

T = TypeVar("T")

# "Page 3", "Page 3 of 19", "3 of 19", "- 3 -", "3"
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–(]?\s*\d{1,4}\s*(?:(?:of|/)\s*\d{1,4})?\s*[-–)]?$", re.I
)
_MARGIN = 0.12  # share of the page height where running headers/footers sit


@dataclass(slots=True)
class PageData:
    """What one page contributes, in reading order, before cross-page joining."""

    number: int
    width: float
    height: float
    items: list[Line | RawTable] = field(default_factory=list)
    rights: dict[int, float] = field(default_factory=dict)  # body text's right edge per
    # text direction (hard-break detection)


def read(data: bytes, limits: Limits, deadline: Deadline | None = None) -> Layout:
    """Read a PDF into the layout model; ``ReadError`` for files that cannot be read.

    ``deadline`` (default: ``limits.timeout_seconds`` from now) is checked before each page.
    """
    if not data:
        raise ReadError(IssueCode.EMPTY_FILE, "The PDF file is empty.")
    deadline = start_deadline(limits, deadline)
    with collector_paused():
        try:
            return _read_with(data, limits, deadline)
        except EngineRefused:
            reference = dataclasses.replace(limits, pdf_engine=REFERENCE_ENGINE)
            return _read_with(data, reference, deadline)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a read.

    A read keeps every page's glyphs and lines until the pages are joined: hundreds of
    thousands of small objects, none in a reference cycle. Each full collection walks them
    all, so the collector's cost grows with the square of the pages read (a 284-page
    corpus read took twice as long with it running). Memory is freed by reference counts
    as before; the collector resumes when the read ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_with(data: bytes, limits: Limits, deadline: Deadline) -> Layout:
    source = guarded(open_source, data, limits.pdf_engine)
    try:
        return guarded(_read_open, source, data, limits, deadline)
    finally:
        source.close()


def guarded(fn: Callable[..., T], *args: object) -> T:
    """Run ``fn``; pdfminer's errors on damaged input become coded ``ReadError``s (the one
    translation, shared by the serial read and the page workers, so codes match)."""
    try:
        return fn(*args)
    except ReadError:
        raise
    except PdfminerException as exc:
        raise open_error(exc) from None
    except DAMAGED as exc:
        raise ReadError(
            IssueCode.CORRUPT_FILE, f"The PDF is damaged and could not be read: {exc}."
        ) from None


@dataclass(slots=True)
class PageRange:
    """Pages ``[first, last)`` read on their own: pure data, picklable, so a page worker
    can read a range and the parent assemble the ranges in order."""

    pages: list[PageData] = field(default_factory=list)
    image_only: list[int] = field(default_factory=list)  # pages without any text
    with_images: set[int] = field(default_factory=set)


def read_pages(
    source: PdfSource, first: int, last: int, limits: Limits, deadline: Deadline
) -> PageRange:
    """Read pages ``[first, last)`` (0-based) of an open PDF; the serial read and the page
    workers both go through here, so their output is identical."""
    structured = source.logical_tables()
    out = PageRange()
    for index in range(first, last):
        deadline.check(f"page {index + 1}")
        page = source.page(index)
        pd, has_images = _read_page(page, limits, structured.get(page.number))
        if has_images:
            out.with_images.add(page.number)
        if not pd.items:
            out.image_only.append(page.number)
        out.pages.append(pd)
    return out


def _read_open(source: PdfSource, data: bytes, limits: Limits, deadline: Deadline) -> Layout:
    count = source.page_count
    check_pdf_pages(count, limits)
    if limits.pdf_page_workers > 1 and count >= limits.pdf_parallel_min_pages:
        from roleframe.parsers.pdf_pages import read_parallel  # processes only when asked

        ranges = read_parallel(data, count, limits, deadline)
    else:
        ranges = [read_pages(source, 0, count, limits, deadline)]
    page_data = [pd for r in ranges for pd in r.pages]
    image_only = [n for r in ranges for n in r.image_only]
    with_images = {n for r in ranges for n in r.with_images}
    has_text = any(pd.items for pd in page_data)
    if not has_text:
        named = ", ".join(str(n) for n in image_only)
        raise ReadError(
            IssueCode.NO_TEXT_LAYER,
            f"The PDF has no text layer (scanned or image-only pages: {named}); it needs OCR.",
            pages=named,
        )
    layout = Layout(format=Format.PDF, page_count=count)
    blank = [n for n in image_only if n in with_images]
    if blank:
        layout.warnings.append(
            Issue(
                code=IssueCode.NO_TEXT_LAYER,
                severity=Severity.WARNING,
                message="Pages with images but no text layer were skipped (they need OCR): "
                + ", ".join(map(str, blank)),
                details={"pages": ", ".join(map(str, blank))},
            )
        )
    for key, value in source.metadata().items():
        if value.strip():
            layout.properties[key.lower()] = value.strip()
    _split_running(page_data, layout)
    _assemble(page_data, layout)
    return layout


# --- one page --------------------------------------------------------------------------------


def _read_page(
    page: PagePrimitives, limits: Limits, logical: list[RawTable] | None
) -> tuple[PageData, bool]:
    number = page.number
    glyphs = page.glyphs
    check_page_chars(len(glyphs), number, limits)
    pd = PageData(number, page.width, page.height)
    has_images = page.has_images
    rects = page.rects
    strokes = page.lines
    tagged: dict[int, RawCell] = {}
    if logical:
        # tagged tables: glyphs go to the cell whose marked content they are
        by_mcid = {m: cell for t in logical for m, cell in (t.mcids or {}).items()}
        for g, mcid in zip(glyphs, page.mcids, strict=True):
            cell = by_mcid.get(mcid) if isinstance(mcid, int) else None
            if cell is not None:
                tagged[id(g)] = cell
    segments = [s for s in strokes if abs(s["bottom"] - s["top"]) <= 1.5] + [
        r for r in rects if r["height"] <= 1.5 and r["width"] > 3 * r["height"]
    ]
    excluded = _mark_underlines(glyphs, segments)
    boxes = find_checkboxes(rects)
    for box in boxes:
        excluded.add(id(box))
        inside = [
            s
            for s in (*strokes, *page.curves)
            if box["x0"] <= s["x0"]
            and s["x1"] <= box["x1"]
            and box["top"] <= s["top"]
            and s["bottom"] <= box["bottom"]
            and id(s) != id(box)
        ]
        for s in inside:
            excluded.add(id(s))
        glyphs = [g for g in glyphs if not _inside(g, box)] + [_box_glyph(box, glyphs, inside)]
    # list bullets a browser paints as dots or squares (ho7_pf03): typed bullets of their line
    for shape, bullet in find_drawn_bullets([*rects, *page.curves], glyphs):
        excluded.add(id(shape))
        glyphs.append(bullet)
    body: list[Glyph] = []
    if logical:
        tables = list(logical)
        for g in glyphs:
            cell = tagged.get(id(g))
            (body if cell is None else cell.glyphs).append(g)
        for t in tables:
            place(t)
    else:
        tables = _ruled_tables(page, excluded)
        body = assign_to_cells(glyphs, tables)
    for t in tables:
        _shade(t, rects)
    tables = [t for t in tables if any(c.glyphs for c in t.cells)]
    lines = build_lines(body, number)
    # reading order: down the page; on a page turned by /Rotate (all text at 90 degrees)
    # "down" is the lines' own frame
    turned = Counter(ln.rot for ln in lines for _ in ln.glyphs).most_common(1)
    page_rot = turned[0][0] if turned else 0

    def order(ln: Line) -> float:
        return ln.v0 if page_rot and ln.rot == page_rot else min(g.y for g in ln.glyphs)

    lines.sort(key=order)
    aligned = find_aligned_tables(lines, number)
    items: list[tuple[float, int, Line | RawTable]] = []
    skip: set[int] = set()
    for start, end, table in aligned:
        skip.update(range(start, end))
        tables.append(table)
    for i, line in enumerate(lines):
        if i not in skip:
            items.append((order(line), 1, line))
    for t in tables:
        items.append((t.bbox[1], 0, t))
    items.sort(key=lambda it: (it[0], it[1]))
    pd.items = [it[2] for it in items]
    return pd, has_images


def _ruled_tables(page: PagePrimitives, excluded: set[int]) -> list[RawTable]:
    """pdfplumber's lines strategy on the page's rules, without check boxes and underlines."""

    def keep(obj: dict) -> bool:
        return id(obj) not in excluded

    # pdfplumber's edge order: lines, then rects, then curves
    edges = [
        e
        for kind in (page.lines, page.rects, page.curves)
        for obj in kind
        if keep(obj)
        for e in obj_to_edges(obj)
    ]
    settings = dict(TABLE_SETTINGS, explicit_horizontal_lines=_closing_lines(edges))
    ruling = _Ruling(edges, (0.0, 0.0, page.width, page.height))
    found = TableFinder(cast("Page", ruling), settings).tables  # it reads .edges and .bbox
    boxes = [[(c[0], c[1], c[2], c[3]) for c in t.cells] for t in found]
    nested = _nest_tables([t.bbox for t in found], boxes)
    out = []
    for i, t in enumerate(found):
        if i in nested:
            continue  # read as part of the outer table's cell
        raw = grid_from_boxes(page.number, t.bbox, boxes[i])
        if raw is not None:
            out.append(raw)
    return out


def _nest_tables(bboxes: list[BBox], boxes: list[list[BBox]], tol: float = 1.0) -> set[int]:
    """Tables drawn inside one cell of another table, whose rules do not touch the cell's
    (a Word table nested in a cell, ho5_rp01): their cells join the outer table's boxes,
    with the cell's space above and below the nested table as cells of their own (a lead-in
    line), so the outer cell's box gives way to them (``grid_from_boxes`` keeps the
    innermost boxes). Returns the indexes of the tables so absorbed; ``boxes`` is updated."""
    absorbed: set[int] = set()
    for i, inner in enumerate(bboxes):
        for j, outer_cells in enumerate(boxes):
            if j == i or j in absorbed:
                continue
            cell = next((c for c in outer_cells if _within(inner, c, tol)), None)
            if cell is None:
                continue
            extra = [
                (cell[0], top, cell[2], bottom)
                for top, bottom in ((cell[1], inner[1]), (inner[3], cell[3]))
                if bottom - top > 2.0
            ]
            # the nested table's outer edges snap to the cell's, so the cell's padding
            # makes no sliver columns
            snapped = [
                (
                    cell[0] if abs(b[0] - inner[0]) <= tol else b[0],
                    b[1],
                    cell[2] if abs(b[2] - inner[2]) <= tol else b[2],
                    b[3],
                )
                for b in boxes[i]
            ]
            boxes[j] = [*outer_cells, *snapped, *extra]
            absorbed.add(i)
            break
    return absorbed


def _within(inner: BBox, cell: BBox, tol: float) -> bool:
    """Whether a table's box lies inside a cell's (and is not the cell itself)."""
    return (
        inner[0] >= cell[0] - tol
        and inner[1] >= cell[1] - tol
        and inner[2] <= cell[2] + tol
        and inner[3] <= cell[3] + tol
        and (inner[2] - inner[0]) < (cell[2] - cell[0]) + tol
        and inner != cell
    )


@dataclass(slots=True)
class _Ruling:
    """What pdfplumber's ``TableFinder`` reads of a page for the lines strategy."""

    edges: list[dict]
    bbox: tuple[float, float, float, float]


def _closing_lines(edges: list[dict]) -> list[dict]:
    """Horizontal lines closing grids whose rules stop without a border.

    A row broken by a page break may be drawn open at the bottom (reportlab's split rows;
    Word's "no border at break"): where two or more vertical rules end at the same height
    and no horizontal rule joins them, pdfplumber finds no cell. Joining their ends
    restores the last row.
    """
    ends: dict[tuple[str, int], list[dict]] = {}
    for e in edges:
        if e["orientation"] != "v" or e["bottom"] - e["top"] < 3:
            continue
        ends.setdefault(("bottom", round(e["bottom"])), []).append(e)
        ends.setdefault(("top", round(e["top"])), []).append(e)
    out = []
    for (_, y), group in ends.items():
        if len(group) < 2:
            continue
        x0 = min(e["x0"] for e in group)
        x1 = max(e["x1"] for e in group)
        out.append(
            {
                "object_type": "line",
                "x0": x0,
                "x1": x1,
                "top": float(y),
                "bottom": float(y),
                "width": x1 - x0,
                "height": 0.0,
            }
        )
    return out


def _mark_underlines(glyphs: list[Glyph], segments: list[dict]) -> set[int]:
    """Flag glyphs with a thin stroke just under their baseline; return those strokes' ids."""
    used: set[int] = set()
    if not segments:
        return used
    upright = [g for g in glyphs if g.upright and g.text.strip()]
    upright.sort(key=lambda g: g.v1)
    bottoms = [g.v1 for g in upright]
    import bisect

    for s in segments:
        y = (s["top"] + s["bottom"]) / 2
        lo = bisect.bisect_left(bottoms, y - 1.5)
        hi = bisect.bisect_right(bottoms, y + 6.0)
        hits = [
            g
            for g in upright[lo:hi]
            if s["x0"] - 1 <= g.x <= s["x1"] + 1 and g.v1 - 0.35 * g.size <= y <= g.v1 + 1.5
        ]
        if not hits:
            continue
        span = max(g.u1 for g in hits) - min(g.u0 for g in hits)
        if s["x1"] - s["x0"] > span + 4 * max(g.size for g in hits):
            continue  # a rule much wider than the text above it is a border, not an underline
        for g in hits:
            g.underline = True
        used.add(id(s))
    return used


def _inside(g: Glyph, box: dict) -> bool:
    return box["x0"] <= g.x <= box["x1"] and box["top"] <= g.y <= box["bottom"]


def _box_glyph(box: dict, glyphs: list[Glyph], inside: list[dict]) -> Glyph:
    """A check box as a text-less glyph, so it lands in the line and paragraph it sits in."""
    fieldv = checkbox_field(box, glyphs, inside)
    h = box["bottom"] - box["top"]
    g = Glyph(
        box["x0"],
        box["x1"],
        box["top"],
        box["bottom"],
        "",
        h * 0.95,
        False,
        False,
        True,
        (box["x0"] + box["x1"]) / 2,
        (box["top"] + box["bottom"]) / 2,
    )
    g.field = fieldv
    return g


def _shade(table: RawTable, rects: list[dict]) -> None:
    fills = [r for r in rects if is_shading(r)]
    if not fills:
        return
    for cell in table.cells:
        x0, t0, x1, b0 = cell.bbox
        cx, cy = (x0 + x1) / 2, (t0 + b0) / 2
        area = max((x1 - x0) * (b0 - t0), 1e-6)
        for r in fills:
            covers = r["x0"] <= cx <= r["x1"] and r["top"] <= cy <= r["bottom"]
            if covers and r["width"] * r["height"] >= 0.5 * area:
                cell.shaded = True
                break


# --- running headers and footers ----------------------------------------------------------


def _norm_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def _split_running(pages: list[PageData], layout: Layout) -> None:
    """Move lines repeated in the top/bottom margins (and page numbers) out of the body."""
    zone: list[tuple[Line, str]] = []  # line, "h"/"f"
    for pd in pages:
        for it in pd.items:
            if not isinstance(it, Line) or it.rot:
                continue
            if it.v1 <= pd.height * _MARGIN:
                zone.append((it, "h"))
            elif it.v0 >= pd.height * (1 - _MARGIN):
                zone.append((it, "f"))
    counts: Counter[tuple[str, str, int]] = Counter()
    keys: dict[int, tuple[str, str, int]] = {}
    for line, where in zone:
        key = (where, _norm_key(line.text), round(line.v0 / 6))
        keys[id(line)] = key
        counts[key] += 1
    n_pages = len(pages)
    running: dict[int, str] = {}
    for line, where in zone:
        key = keys[id(line)]
        near = sum(counts[(key[0], key[1], key[2] + d)] for d in (-1, 0, 1))
        if (near >= 2 and near >= 0.3 * n_pages) or _PAGE_NUMBER.match(line.text.strip()):
            running[id(line)] = where
    # a header/footer seen once (one-page files): plain, body-size-or-smaller text at the
    # very edge of the page, set apart from the body by a gap
    sizes = Counter(ln.size for pd in pages for it in pd.items for ln in _lines_of(it))
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    for pd in pages:
        lines = [it for it in pd.items if isinstance(it, Line)]
        if not lines or any(running.get(id(ln)) for ln in lines):
            continue
        edge = 0.075 * pd.height
        first, last = pd.items[0], pd.items[-1]
        if (
            isinstance(first, Line)
            and first.v1 <= edge
            and _lone_running(first, pd.items[1:2], body)
        ):
            running[id(first)] = "h"
        if (
            isinstance(last, Line)
            and last.v0 >= pd.height - edge
            and last is not first
            and _lone_running(last, pd.items[-2:-1], body)
        ):
            running[id(last)] = "f"
    seen: set[tuple[str, str]] = set()
    for pd in pages:
        kept: list[Line | RawTable] = []
        for it in pd.items:
            place = running.get(id(it)) if isinstance(it, Line) else None
            if place is None or not isinstance(it, Line):
                kept.append(it)
                continue
            text_key = (place, _norm_key(it.text))
            if text_key in seen:
                continue
            seen.add(text_key)
            para = make_paragraph(ParaDraft([it]), Provenance(page=pd.number))
            (layout.headers if place == "h" else layout.footers).append(para)
        pd.items = kept


def _lone_running(line: Line, neighbour: list[Line | RawTable], body: float) -> bool:
    if line.bold or line.size > body + 0.5 or not line.glyphs[0].upright:
        return False
    if not neighbour:
        return True
    other = neighbour[0]
    top = other.bbox[1] if isinstance(other, RawTable) else other.v0
    bottom = other.bbox[3] if isinstance(other, RawTable) else other.v1
    gap = top - line.v1 if top >= line.v1 else line.v0 - bottom
    return gap >= 1.5 * line.size


# --- across pages ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Logical:
    """A table being built from one or more page fragments."""

    parts: list[RawTable]
    rows: list[list[tuple[RawCell, list[ParaDraft]]]]
    xs: list[float]
    header_rows: int = 0


_FlowItem = ParaDraft | _Logical  # a block of the reading order


def _assemble(pages: list[PageData], layout: Layout) -> None:
    all_lines = [ln for pd in pages for it in pd.items for ln in _lines_of(it)]
    pitches = typical_pitch(all_lines)
    # the document's whole words tell a word broken at a narrow cell's edge (pdf_text)
    for pd in pages:
        for it in pd.items:
            if isinstance(it, RawTable):
                _cell_lines(it, pd)
    words = whole_words(ln for pd in pages for it in pd.items for ln in _lines_of(it))
    # numbering labels set flush against their text (pdf_text.mark_flush_numbers)
    mark_flush_numbers([it for pd in pages for it in pd.items if isinstance(it, Line)])
    for pd in pages:
        for it in pd.items:
            if isinstance(it, RawTable):
                for cell in it.cells:
                    mark_flush_numbers(cell.lines or [])
    # the body's right edge per page shape: the furthest any body line reaches (a line
    # that ends well short of it, with room for the next word, ended a paragraph)
    rights: dict[tuple[int, int], float] = {}
    for pd in pages:
        for it in pd.items:
            if isinstance(it, Line):
                key = (round(pd.width), it.rot)
                rights[key] = max(rights.get(key, 0.0), it.u1)
    for pd in pages:
        pd.rights = {rot: r for (w, rot), r in rights.items() if w == round(pd.width)}
    # where the body ends on pages of each shape: the lowest text or table anywhere
    foot: dict[tuple[int, int], float] = {}
    for pd in pages:
        shape = (round(pd.width), round(pd.height))
        for it in pd.items:
            low = it.bbox[3] if isinstance(it, RawTable) else (it.v1 if not it.rot else 0.0)
            foot[shape] = max(foot.get(shape, 0.0), low)
    for pd in pages:
        limit = foot.get((round(pd.width), round(pd.height)), pd.height)
        for it in pd.items:
            if isinstance(it, RawTable):
                it.at_foot = it.bbox[3] >= limit - 24.0
    flow: list[tuple[PageData, _FlowItem]] = []  # reading order
    columns: list[tuple[float, float, float]] = []  # text columns seen: x0, x1, text edge
    for pd in pages:
        run: list[Line] = []
        for it in pd.items:
            if isinstance(it, Line):
                run.append(it)
                continue
            _flush(run, pd, pitches, flow, _column_right(run, columns))
            run = []
            if it.text_columns:
                columns = _column_edges(it)
                _flush_columns(it, pd, pitches, flow)
                continue
            _add_table(it, pd, pitches, flow, words)
        _flush(run, pd, pitches, flow, _column_right(run, columns))
    body_size = _body_size(flow)
    heading_sizes = _heading_sizes(flow, body_size)
    para_index = 0
    table_index = 0
    bodies: list[tuple[Paragraph, float]] = []
    tocs: list[tuple[Paragraph, float]] = []
    for _, item in flow:
        if isinstance(item, ParaDraft):
            para = make_paragraph(item, Provenance(page=item.first.page, paragraph=para_index))
            para_index += 1
            if not para.text and not para.fields:
                continue
            text = " ".join(ln.text for ln in item.lines)
            if _LEADER.search(text):
                tocs.append((para, item.first.u0))
            if (
                item.first.size in heading_sizes
                and para.bullet is None
                and not _LEADER.search(text)
            ):
                para.heading_level = heading_sizes[item.first.size]
            bodies.append((para, item.first.u0 - item.origin))
            layout.blocks.append(para)
        else:
            assert isinstance(item, _Logical)
            layout.blocks.append(_emit_table(item, table_index))
            table_index += 1
    _body_list_levels(bodies)
    # dot-leader lines are a table of contents: Word's "TOC n" styles, n from the indent
    indents = sorted({round(x / 4) for _, x in tocs})
    for para, x in tocs:
        para.style = f"TOC {indents.index(round(x / 4)) + 1}"


def _lines_of(item: Line | RawTable) -> list[Line]:
    if isinstance(item, Line):
        return [item]
    return [ln for c in item.cells for ln in (c.lines or [])]


def _flush(
    run: list[Line],
    pd: PageData,
    pitches: dict[float, float],
    flow: list[tuple[PageData, _FlowItem]],
    right: float | None = None,
) -> None:
    """Body lines into paragraphs; ``right`` is their text edge when it is not the page's
    (the lines of a text column run on alone: ho3_cf06's last page)."""
    if not run:
        return
    edge = right if right is not None else pd.rights.get(run[0].rot, pd.width)
    drafts = group_paragraphs(run, edge, pitches)
    # a paragraph cut by the page break continues at the top of this page
    prev_pd, prev = flow[-1] if flow else (pd, None)
    if (
        isinstance(prev, ParaDraft)
        and prev_pd is not pd
        and prev.last.page == pd.number - 1
        and continues(
            prev,
            drafts[0].first,
            prev_pd.rights.get(prev.last.rot, prev_pd.width),
            pitches,
            same_page=False,
        )
    ):
        prev.lines.extend(drafts[0].lines)
        drafts = drafts[1:]
    flow.extend((pd, d) for d in drafts)


def _flush_columns(
    raw: RawTable,
    pd: PageData,
    pitches: dict[float, float],
    flow: list[tuple[PageData, _FlowItem]],
) -> None:
    """Newspaper columns (ho3_cf06): each column's lines are body text, read down the first
    column, then the next; a paragraph cut at the foot of a column (or page) goes on at the
    top of the next."""
    left: float | None = None
    for cell in sorted(raw.cells, key=lambda c: c.col):
        lines = cell.lines or []
        if not lines:
            continue
        right = max(ln.u1 for ln in lines)
        drafts = group_paragraphs(lines, right, pitches)
        start = min(ln.u0 for ln in lines)
        left = start if left is None else left
        for d in drafts:
            d.origin = start - left
        prev = flow[-1][1] if flow else None
        if isinstance(prev, ParaDraft) and continues(
            prev, drafts[0].first, max(ln.u1 for ln in prev.lines), pitches, False
        ):
            prev.lines.extend(drafts[0].lines)
            drafts = drafts[1:]
        flow.extend((pd, d) for d in drafts)


def _column_edges(raw: RawTable) -> list[tuple[float, float, float]]:
    """Each text column's x-range and where its text ends."""
    out = []
    for cell in sorted(raw.cells, key=lambda c: c.col):
        lines = cell.lines or []
        if lines:
            out.append((cell.bbox[0], cell.bbox[2], max(ln.u1 for ln in lines)))
    return out


def _column_right(run: list[Line], columns: list[tuple[float, float, float]]) -> float | None:
    """The text edge of the column a run of body lines sits in wholly, after a page of
    text columns; None when the run is not inside one."""
    for x0, x1, edge in columns:
        if run and all(x0 - 3.0 <= ln.u0 and ln.u1 <= x1 + 3.0 for ln in run):
            return edge
    return None


def _cell_drafts(
    cell: RawCell,
    ruled: bool,
    pitches: dict[float, float],
    spaced: bool = False,
    words: frozenset[str] | None = None,
    column_right: float | None = None,
) -> list[ParaDraft]:
    """A cell's paragraphs; the right edge for hard-break detection is the cell's text edge
    (its box less the same padding as on the left), so short lines of their own are seen.
    When the table's text carries space glyphs (LibreOffice), that edge is also where
    words too wide for the column are broken (``pdf_text.broken_word``)."""
    lines = cell.lines or []
    if not lines:
        return []
    right = max(ln.u1 for ln in lines)
    edge = None
    if lines[0].glyphs[0].upright:
        if ruled:
            pad = max(1.0, min(ln.u0 for ln in lines) - cell.bbox[0])
            right = max(right, cell.bbox[2] - pad)
            edge = cell.bbox[2] - pad if spaced else None
        else:
            right = max(right, cell.bbox[2] - 6.0)  # half the narrowest gutter
            if column_right is not None:
                # no rule marks the cell's edge: its column's text does (foreign ho_rp07:
                # a borderless layout table whose value cells wrap at the same edge)
                right = max(right, column_right)
    return group_paragraphs(lines, right, pitches, edge, words if edge is not None else None)


def _cell_lines(raw: RawTable, pd: PageData) -> None:
    """Build each cell's lines once (on the page the table sits on)."""
    for cell in raw.cells:
        if cell.lines is None:
            cell.lines = build_lines(cell.glyphs, pd.number)
        for ln in cell.lines:
            ln.page = pd.number


def _add_table(
    raw: RawTable,
    pd: PageData,
    pitches: dict[float, float],
    flow: list[tuple[PageData, _FlowItem]],
    words: frozenset[str] | None = None,
) -> None:
    _cell_lines(raw, pd)
    rows: list[list[tuple[RawCell, list[ParaDraft]]]] = [[] for _ in range(raw.n_rows)]
    # a producer that writes space glyphs ends a word-boundary wrap with one
    spaced = any(g.text == " " for c in raw.cells for ln in c.lines or [] for g in ln.glyphs)
    edges: dict[int, float] = {}  # unruled: where each column's text ends
    if not raw.ruled:
        for cell in raw.cells:
            if cell.col_span == 1 and cell.lines:
                edge = max(ln.u1 for ln in cell.lines)
                edges[cell.col] = max(edges.get(cell.col, edge), edge)
    for cell in sorted(raw.cells, key=lambda c: (c.row, c.col)):
        drafts = _cell_drafts(cell, raw.ruled, pitches, spaced, words, edges.get(cell.col))
        rows[cell.row].append((cell, drafts))
    prev = _last_table_before(flow, pd)
    if prev is not None and _same_columns(prev.xs, raw.xs):
        _join(prev, raw, rows, pitches)
        return
    flow.append((pd, _Logical([raw], rows, list(raw.xs))))


def _last_table_before(flow: list[tuple[PageData, _FlowItem]], pd: PageData) -> _Logical | None:
    """The table this one may continue: the last block of the previous page, nothing between."""
    if not flow:
        return None
    _, item = flow[-1]
    if not isinstance(item, _Logical) or item.parts[-1].page != pd.number - 1:
        return None
    # nothing of this page may come before the continuation
    return item if not any(p is pd for p, _ in flow) else None


def _same_columns(a: list[float], b: list[float]) -> bool:
    if abs(a[0] - b[0]) > 3 or abs(a[-1] - b[-1]) > 3:
        return False
    return all(any(abs(x - y) <= 2.5 for y in a) for x in b)


def _row_texts(row: list[tuple[RawCell, list[ParaDraft]]]) -> list[str]:
    return [" ".join(ln.text for d in drafts for ln in d.lines).strip() for _, drafts in row]


def _join(
    log: _Logical,
    raw: RawTable,
    rows: list[list[tuple[RawCell, list[ParaDraft]]]],
    pitches: dict[float, float],
) -> None:
    """Append a page fragment to the table it continues (repeated headers, split rows)."""
    xs = log.xs
    # re-index the fragment's columns onto the table's grid
    for row in rows:
        for cell, _ in row:
            c0 = min(range(len(xs)), key=lambda i: abs(xs[i] - raw.xs[cell.col]))
            c1 = min(range(len(xs)), key=lambda i: abs(xs[i] - raw.xs[cell.col + cell.col_span]))
            cell.col, cell.col_span = c0, max(1, c1 - c0)
    # header rows repeated at the top of the page (Word's "repeat as header row")
    k = 0
    for n in range(min(3, len(rows), len(log.rows) - 1), 0, -1):
        if all(
            _row_texts(rows[i]) == _row_texts(log.rows[i]) and any(_row_texts(rows[i]))
            for i in range(n)
        ):
            k = n
            break
    if k:
        rows = rows[k:]
        log.header_rows = max(log.header_rows, k)
    if rows and log.rows and _is_split_row(log, rows[0], pitches):
        last = log.rows[-1]
        for cell, drafts in rows[0]:
            target = next((t for t in last if t[0].col == cell.col), None)
            if target is None:
                last.append((cell, drafts))
                continue
            tdrafts = target[1]
            if (
                drafts
                and tdrafts
                and continues(
                    tdrafts[-1], drafts[0].first, _right(target[0]), pitches, same_page=False
                )
            ):
                tdrafts[-1].lines.extend(drafts[0].lines)
                drafts = drafts[1:]
            tdrafts.extend(drafts)
        rows = rows[1:]
    log.rows.extend(rows)
    log.parts.append(raw)


def _right(cell: RawCell) -> float:
    lines = cell.lines or []
    if not lines:
        return cell.bbox[2]
    pad = max(1.0, min(ln.u0 for ln in lines) - cell.bbox[0])
    return max(max(ln.u1 for ln in lines), cell.bbox[2] - pad)


def _short_value_restarts(
    pairs: list[tuple[tuple[RawCell, list[ParaDraft]], list[ParaDraft]]],
) -> bool:
    """Every cell past the first that goes on after the break held one short line, well
    inside its width, before it: those values ended, so the row with its own first cell is
    a new row (ho_sm09's pdf: a matrix of one-letter levels over a page break without a
    repeated header), however full the title cell's line was. One longer value (a list
    whose first item is short) or a bold label leaves the question to the other cues."""
    seen = False
    for (prev_cell, prev_drafts), drafts in pairs:
        if prev_cell.col == 0 or not drafts or not prev_drafts:
            continue
        lines = [ln for d in prev_drafts for ln in d.lines]
        width = prev_cell.bbox[2] - prev_cell.bbox[0]
        if len(lines) != 1 or lines[0].u1 - lines[0].u0 >= 0.5 * width:
            return False
        if _is_label(prev_drafts[-1]):
            return False  # a bold label left at the page foot announces its content (004)
        seen = True
    return seen


def _is_split_row(
    log: _Logical, first: list[tuple[RawCell, list[ParaDraft]]], pitches: dict[float, float]
) -> bool:
    """Whether the fragment's first row is the rest of the table's last row (a split row).

    LibreOffice lets rows break across pages (001 role profile, 004 bands). The
    continuation shows as a row whose first cell is empty while the row before has a first
    cell (a row label column), or as a cell whose text carries on mid-paragraph: the last
    line before the break was full and did not end a sentence.
    """
    last = log.rows[-1]
    texts_now = _row_texts(first)
    if not any(texts_now):
        return True
    by_col = {cell.col: (cell, drafts) for cell, drafts in last}
    first_now = next((t for (c, _), t in zip(first, texts_now, strict=True) if c.col == 0), "")
    prev0 = by_col.get(0)
    if prev0 and prev0[1] and not first_now and len(first) > 1:
        return True
    # a label column (every row so far opens its first cell with a bold label) and this row
    # opens its first cell with a new one: a new row, whatever the cells before the break
    # end with (foreign ho_cf05: a competency merged down its rows, its last level cell
    # `3 – Advanced` full to the edge above the page break)
    openers = [ds[0] for row in log.rows for c, ds in row if c.col == 0 and ds]
    now0 = next((ds for c, ds in first if c.col == 0 and ds), None)
    label_column = len(openers) >= 2 and all(_is_label(d) for d in openers)
    if label_column and now0 is not None and _is_label(now0[0]) and not _is_label_only(prev0):
        return False
    pairs = [(by_col[c.col], drafts) for c, drafts in first if c.col in by_col]
    if first_now and prev0 and prev0[1] and _short_value_restarts(pairs):
        return False
    for (prev_cell, prev_drafts), drafts in pairs:
        if not drafts or not prev_drafts:
            continue
        tail = prev_drafts[-1]
        if tail.last.text.rstrip().endswith((".", "!", "?", ":", ";")):
            continue
        if continues(tail, drafts[0].first, _right(prev_cell), pitches, same_page=False):
            return True
    # a label left alone at the foot of the page (004: "Experience" above a page break),
    # its content at the top of the next: every filled cell ended on a bold label
    filled = [(pd, d) for (_, pd), d in pairs if pd and d]
    if filled and all(_is_label(pd[-1]) and not _is_label(d[0]) for pd, d in filled):
        return True
    # a list broken by the page (u3 behaviours table): the fragment before ran to the foot
    # of the page, every filled cell there ended in a list item and every filled cell here
    # opens with one
    before = log.parts[-1]
    if (
        before.at_foot
        and filled
        and len(filled) == sum(1 for _, ds in last if ds)
        and all(
            pd[-1].first.bullet is not None and d[0].first.bullet is not None for pd, d in filled
        )
    ):
        return True
    # a label column (every row so far opens its first cell with a bold label: competency
    # names, row headings) and no cell of this row opens with one: the cells' text carried
    # over the page at a paragraph boundary (foreign cf15: a definition's sentences continue
    # at the top of the next page, every cell breaking between paragraphs), not a new row
    if (
        now0 is not None
        and prev0 is not None
        and prev0[1]
        and label_column
        and not any(_is_label(ds[0]) for _, ds in first if ds)  # 004: `Skills` opens cells
    ):
        return True
    # the rest of a row: fewer filled cells than the row before, none opening with a label
    # (004: "Attention to detail …" under Skills; a new row would fill its label column)
    n_prev = sum(1 for _, ds in last if ds)
    n_now = sum(1 for _, ds in first if ds)
    opening = [ds[0] for _, ds in sorted(first, key=lambda t: t[0].col) if ds]
    return 0 < n_now < n_prev and not _is_label(opening[0])


def _is_label_only(cell: tuple[RawCell, list[ParaDraft]] | None) -> bool:
    """A first cell holding nothing but a label (004: `Experience` left at the page foot,
    its content on the next page)."""
    return cell is not None and len(cell[1]) == 1 and _is_label(cell[1][0])


def _is_label(d: ParaDraft) -> bool:
    """A short bold line without a full stop: a row label or sub-heading inside a cell."""
    text = " ".join(ln.text for ln in d.lines).strip()
    return all(ln.bold for ln in d.lines) and len(text) <= 60 and not text.endswith((".", ";"))


def _emit_table(log: _Logical, index: int) -> Table:
    first = log.parts[0]
    n_cols = len(log.xs) - 1
    table = Table(
        index=index,
        where=Provenance(page=first.page, table=index),
        n_cols=n_cols,
        header_rows=log.header_rows,
        continued=len(log.parts) > 1,
    )
    for r, row in enumerate(log.rows):
        out_row: list[Cell] = []
        for cell, drafts in sorted(row, key=lambda t: t[0].col):
            page = drafts[0].first.page if drafts else first.page
            where = Provenance(page=page, table=index, row=r, column=cell.col)
            paras: list[Paragraph] = []
            indents: list[float] = []
            for pi, d in enumerate(drafts):
                p = make_paragraph(
                    d,
                    Provenance(
                        page=d.first.page, table=index, row=r, column=cell.col, paragraph=pi
                    ),
                )
                if p.text or p.fields:
                    paras.append(p)
                    indents.append(d.first.u0)
            assign_list_levels(paras, indents)
            vertical = (
                bool(cell.glyphs) and sum(not g.upright for g in cell.glyphs) > len(cell.glyphs) / 2
            )
            out_row.append(
                Cell(
                    row=r,
                    col=cell.col,
                    where=where,
                    paragraphs=paras,
                    row_span=min(cell.row_span, max(1, len(log.rows) - r)),
                    col_span=cell.col_span,
                    shaded=cell.shaded,
                    vertical_text=vertical,
                )
            )
        table.rows.append(out_row)
    _fix_row_spans(table, log)
    return table


def _fix_row_spans(table: Table, log: _Logical) -> None:
    """Row spans are per fragment; rows were renumbered when fragments were joined."""
    for r, row in enumerate(table.rows):
        for cell in row:
            cell.row = r
            cell.row_span = max(1, min(cell.row_span, len(table.rows) - r))


def _body_size(flow: list[tuple[PageData, _FlowItem]]) -> float:
    """The body text size: the commonest size of body paragraphs (of all text if few)."""
    body: Counter[float] = Counter()
    every: Counter[float] = Counter()
    for _, item in flow:
        drafts = (
            [item]
            if isinstance(item, ParaDraft)
            else [d for row in item.rows for _, ds in row for d in ds]
        )
        for d in drafts:
            for ln in d.lines:
                every[ln.size] += len(ln.glyphs)
                if isinstance(item, ParaDraft):
                    body[ln.size] += len(ln.glyphs)
    sizes = body if sum(body.values()) >= 300 else every
    return sizes.most_common(1)[0][0] if sizes else 10.0


_LEADER = re.compile(r"(?:\.\s*){4,}\d*\s*$")


def _heading_sizes(flow: list[tuple[PageData, _FlowItem]], body_size: float) -> dict[float, int]:
    """Heading level per font size: clearly larger than the body, short lines.

    A size whose paragraphs are long on average is emphasised body text, not a heading;
    dot-leader TOC lines (003) never make a size a heading size. The largest size, used
    once above other heading sizes, is the title: level 0, as Word's Title style (004: the
    24 pt title over 16 pt sections and 12.5 pt roles). The other sizes are levels 1, 2, …
    largest first, except a size used once between repeated heading sizes (emphasis).
    """
    lengths: dict[float, list[int]] = {}
    for _, d in flow:
        if not isinstance(d, ParaDraft) or d.first.size < max(body_size + 1.0, body_size * 1.15):
            continue
        text = " ".join(ln.text for ln in d.lines)
        if d.first.bullet is not None or _LEADER.search(text):
            continue
        lengths.setdefault(d.first.size, []).append(len(text.strip()))
    good = sorted((s for s, ls in lengths.items() if sum(ls) / len(ls) <= 90), reverse=True)
    repeated = [s for s in good if len(lengths[s]) > 1]
    top = repeated[0] if repeated else 0.0
    levels: dict[float, int] = {}
    rank = 0
    for i, size in enumerate(good):
        once = len(lengths[size]) == 1
        if once and i == 0 and len(good) > 1:
            levels[size] = 0  # the title
        elif once and size < top and any(r < size for r in repeated):
            continue  # emphasis between heading sizes (003's 20 pt TOC caption)
        else:
            rank += 1
            levels[size] = rank
    return levels


def _body_list_levels(bodies: list[tuple[Paragraph, float]]) -> None:
    """Nesting of bulleted body paragraphs from their bullet indents across the document."""
    assign_list_levels([p for p, _ in bodies], [x for _, x in bodies])
