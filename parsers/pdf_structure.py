"""Tagged PDFs: tables from the logical structure tree, when the producer wrote one.

A tagged PDF (Word's "Save as PDF" with accessibility tags, LibreOffice with "Tagged PDF")
says which marked content belongs to which ``Table``/``TR``/``TD``, including row and
column spans, so rows and cells need no geometry: a table without rules, or with merged
cells, comes back exactly as authored. Glyphs are attached to cells by their marked-content
id (``mcid``). The seed PDFs are untagged LibreOffice exports; they take the geometric path.

Only tables that sit on one page are taken from the tree; a tagged table running over
pages is left to the geometric reader, which joins page fragments and split rows.
"""

from __future__ import annotations

from collections.abc import Iterator

import pdfplumber
from pdfplumber.structure import PDFStructElement, PDFStructTree

from roleframe.parsers.pdf_tables import RawCell, RawTable

_ROW_GROUPS = {"THead", "TBody", "TFoot"}
_CELLS = {"TD", "TH"}


def logical_tables(pdf: pdfplumber.PDF) -> dict[int, list[RawTable]]:
    """Tables per page number from the structure tree; empty when the PDF is untagged."""
    try:
        if "StructTreeRoot" not in pdf.doc.catalog:
            return {}
        tree = PDFStructTree(pdf)
    except Exception:  # a broken tree is no reason to refuse the file: use geometry
        return {}
    out: dict[int, list[RawTable]] = {}
    for element in _walk(tree.children):
        if element.type != "Table":
            continue
        table = _table(element)
        if table is not None:
            out.setdefault(table.page, []).append(table)
    return out


def _walk(elements: list[PDFStructElement]) -> Iterator[PDFStructElement]:
    for el in elements:
        yield el
        if el.type != "Table":  # nested tables are read with their outer table's cells
            yield from _walk(el.children)


def _rows(table: PDFStructElement) -> list[PDFStructElement]:
    rows: list[PDFStructElement] = []
    for child in table.children:
        if child.type == "TR":
            rows.append(child)
        elif child.type in _ROW_GROUPS:
            rows.extend(c for c in child.children if c.type == "TR")
    return rows


def _span(el: PDFStructElement, key: str) -> int:
    value = el.attributes.get(key, 1)
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def _headed_column(
    cell_el: PDFStructElement,
    r: int,
    c: int,
    header_at: dict[str, tuple[int, int]],
    taken: set[tuple[int, int]],
) -> int:
    """The column a cell's ``Headers`` attribute puts it in, when that is further right.

    Chromium leaves an empty HTML ``<td>`` out of the tree, so counting cells moves every
    cell after it one column left; each cell it keeps names its column headers' IDs (PDF
    32000-2, 14.8.5.7), and the rightmost header above the cell is its column
    (foreign ho7_rp03: empty Desirable cells). Never moves a cell left or onto a taken slot.
    """
    refs = cell_el.attributes.get("Headers")
    if not isinstance(refs, list):
        return c
    cols = []
    for ref in refs:
        key = ref.decode("latin-1") if isinstance(ref, bytes) else ref
        at = header_at.get(key) if isinstance(key, str) else None
        if at is not None and at[0] < r:  # a column header (one above; not a row header)
            cols.append(at[1])
    if not cols or max(cols) <= c or (r, max(cols)) in taken:
        return c
    return max(cols)


def _table(element: PDFStructElement) -> RawTable | None:
    """Lay the logical rows out on a grid (HTML's algorithm: spans occupy later rows)."""
    pages = {page for page, _ in element.all_mcids() if page is not None}
    if len(pages) != 1:
        return None
    (page,) = pages
    taken: set[tuple[int, int]] = set()
    cells: list[RawCell] = []
    mcids: dict[int, RawCell] = {}
    header_at: dict[str, tuple[int, int]] = {}  # a header cell's ID -> its (row, column)
    n_cols = 0
    rows = _rows(element)
    for r, row in enumerate(rows):
        c = 0
        for cell_el in (ch for ch in row.children if ch.type in _CELLS):
            while (r, c) in taken:
                c += 1
            c = _headed_column(cell_el, r, c, header_at, taken)
            if cell_el.type == "TH" and cell_el.id:
                header_at[cell_el.id] = (r, c)
            rs = min(_span(cell_el, "RowSpan"), len(rows) - r)
            cs = _span(cell_el, "ColSpan")
            cell = RawCell(r, c, rs, cs, (0.0, 0.0, 0.0, 0.0))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            for _, mcid in cell_el.all_mcids():
                mcids[mcid] = cell
            cells.append(cell)
            c += cs
            n_cols = max(n_cols, c)
    if not cells:
        return None
    table = RawTable(page, (0.0, 0.0, 0.0, 0.0), [], [], cells, ruled=True)
    table.mcids = mcids
    table.n_logical = (len(rows), n_cols)
    return table


def place(table: RawTable) -> None:
    """Boxes for a logical table's cells from the glyphs they received (for reading order,
    hard-break detection and cross-page joins)."""
    boxes = []
    for cell in table.cells:
        if cell.glyphs:
            x0 = min(g.x for g in cell.glyphs) - 3.0
            x1 = max(g.x for g in cell.glyphs) + 3.0
            top = min(g.y for g in cell.glyphs) - 6.0
            bottom = max(g.y for g in cell.glyphs) + 6.0
            cell.bbox = (x0, top, x1, bottom)
            boxes.append(cell.bbox)
    if not boxes:
        return
    table.bbox = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    n_rows, n_cols = table.n_logical
    # grid boundaries: the leftmost start of each column, the topmost start of each row
    xs = [table.bbox[2]] * (n_cols + 1)
    ys = [table.bbox[3]] * (n_rows + 1)
    for cell in table.cells:
        if cell.glyphs:
            xs[cell.col] = min(xs[cell.col], cell.bbox[0])
            ys[cell.row] = min(ys[cell.row], cell.bbox[1])
    for i in range(n_cols - 1, -1, -1):
        xs[i] = min(xs[i], xs[i + 1])
    for i in range(n_rows - 1, -1, -1):
        ys[i] = min(ys[i], ys[i + 1])
    table.xs, table.ys = xs, ys
