"""Excel (.xlsx) reader: bytes -> layout model, every sheet through ``parsers.grid``.

openpyxl reads the workbook in read-only mode (streamed rows, shared strings) with
``data_only=True`` (the cached result of a formula, not its text). Values keep their type in
``Cell.value``; their text is what Excel shows under the General format (an int 1 reads "1",
never "1.0"). Merged ranges are not exposed in read-only mode, so they are read from each
sheet's XML (`<mergeCell ref="A1:C1"/>`). Rotated text (the seed's 90 deg competency
headers) becomes ``Cell.vertical_text``. Hidden sheets are read too and listed in
``Layout.hidden_sheets``. The package has been vetted by ``parsers.safety.check_zip``
before this reader runs (see ``ingest.build.read_layout``)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from roleframe.parsers.errors import ReadError
from roleframe.parsers.grid import GridCell, GridRow, column_letter, grid_to_blocks
from roleframe.parsers.layout import Block, Layout, Table
from roleframe.parsers.limits import Limits
from roleframe.parsers.safety import Deadline, limit_exceeded, start_deadline
from roleframe.schema import Format, Issue, IssueCode, Provenance
from roleframe.schema.issues import warning

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?"')
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A cell element with a body: `<c r="B2" …>…</c>` (prefixed or not; self-closing empty cells
# `<c r="A1" s="1"/>` excluded); its formula and value are inside.
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+\d+)"[^>]*?(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]+</(?:\w+:)?v>")


def read(data: bytes, limits: Limits, deadline: Deadline | None = None) -> Layout:
    """Read every sheet of a workbook into paragraphs and tables (sheet order); ``deadline``
    (default ``limits.timeout_seconds`` from now) is checked per row."""
    deadline = start_deadline(limits, deadline)
    if data.startswith(_OLE2):  # password-protected .xlsx files are OLE2 "EncryptedPackage"
        raise ReadError(
            IssueCode.ENCRYPTED, "The workbook is password-protected; remove it and try again."
        )
    # Zip bombs, odd member names and DTDs are refused before this point, by the one shared
    # guard (parsers.safety.check_zip, called in ingest.build.read_layout for every zip format):
    # openpyxl itself offers no such protection.
    import openpyxl  # deferred: a slow import only paid when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReadError(IssueCode.CORRUPT_FILE, f"The workbook cannot be opened: {exc}.") from exc
    except Exception as exc:  # XML parse errors come in several types from lxml/etree
        raise ReadError(IssueCode.CORRUPT_FILE, f"The workbook cannot be opened: {exc}.") from exc
    layout = Layout(format=Format.XLSX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for sheet in workbook.worksheets:
                layout.sheet_names.append(sheet.title)
                if getattr(sheet, "sheet_state", "visible") != "visible":
                    layout.hidden_sheets.append(sheet.title)
                xml = _sheet_xml(archive, getattr(sheet, "_worksheet_path", None))
                merges = _merges(xml)
                layout.warnings.extend(_uncached_formulas(xml, sheet.title))
                rows = _sheet_rows(sheet, merges, limits, deadline)
                first = sum(1 for b in layout.blocks if isinstance(b, Table))
                blocks: list[Block] = grid_to_blocks(rows, first, limits, sheet=sheet.title)
                layout.blocks.extend(blocks)
    except ReadError:
        raise
    except Exception as exc:  # a damaged sheet part surfaces only while streaming its rows
        raise ReadError(IssueCode.CORRUPT_FILE, f"The workbook cannot be read: {exc}.") from exc
    finally:
        workbook.close()
    props = workbook.properties
    for key in ("title", "creator", "subject"):
        value = getattr(props, key, None)
        if value:
            layout.properties[key] = str(value)
    return layout


def _sheet_xml(archive: zipfile.ZipFile, path: str | None) -> bytes:
    """A sheet part's XML (bounded by the zip guard), or b"" when the path is unknown."""
    if not path:
        return b""
    try:
        return archive.read(path.lstrip("/"))
    except KeyError:
        return b""


def _uncached_formulas(xml: bytes, sheet: str) -> list[Issue]:
    """Formula cells saved without a result (a workbook written by a script, never opened in
    Excel): with ``data_only`` they read as empty, so say so instead of losing them quietly."""
    if b"<f" not in xml and b":f" not in xml:
        return []
    refs = [m.group(1).decode() for m in _CELL.finditer(xml) if _uncached(m.group(2))]
    if not refs:
        return []
    return [
        warning(
            IssueCode.EMPTY_FIELD,
            f"{len(refs)} formula cell(s) on sheet {sheet!r} have no saved result and read as "
            "empty; open and save the workbook in Excel to store the values.",
            Provenance(sheet=sheet, cell=refs[0]),
            reason="formula_not_cached",
            cells=len(refs),
        )
    ]


def _uncached(body: bytes) -> bool:
    return _FORMULA.search(body) is not None and _VALUE.search(body) is None


def _merges(xml: bytes) -> dict[tuple[int, int], tuple[int, int]]:
    """Merged ranges of one sheet: (row, col) of the top-left -> (row_span, col_span), 0-based."""
    merges: dict[tuple[int, int], tuple[int, int]] = {}
    for m in _MERGE.finditer(xml):
        c1, r1 = _col_index(m.group(1)), int(m.group(2)) - 1
        c2 = _col_index(m.group(3)) if m.group(3) else c1
        r2 = int(m.group(4)) - 1 if m.group(4) else r1
        merges[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
    return merges


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def _sheet_rows(
    sheet: Any,
    merges: dict[tuple[int, int], tuple[int, int]],
    limits: Limits,
    deadline: Deadline,
) -> list[GridRow]:
    """Stream a sheet's rows into grid rows (0-based positions, sheet coordinates kept)."""
    rows: list[GridRow] = []
    # Read-only iter_rows() stops at the size the sheet *declares* (<dimension ref="A1"/>):
    # producers that write a wrong one would lose every cell past it. openpyxl's advice:
    # forget the declared size and read what is there.
    sheet.reset_dimensions()
    for r, source_row in enumerate(sheet.iter_rows()):
        if r >= limits.max_rows:
            raise limit_exceeded(
                "max_rows",
                r + 1,
                limits.max_rows,
                f"Sheet {sheet.title!r} has more than {limits.max_rows:,} rows (max_rows).",
                sheet=sheet.title,
            )
        deadline.check(f"sheet {sheet.title!r}, row {r + 1}")
        row = GridRow()
        for c, cell in enumerate(source_row):
            value = getattr(cell, "value", None)
            span = merges.get((r, c))
            if value is None and span is None:
                continue
            if c >= limits.max_cols:
                raise limit_exceeded(
                    "max_cols",
                    c + 1,
                    limits.max_cols,
                    f"Sheet {sheet.title!r} uses more than {limits.max_cols:,} columns (max_cols).",
                    sheet=sheet.title,
                )
            text = display_text(value)
            font = getattr(cell, "font", None)
            alignment = getattr(cell, "alignment", None)
            row.cells[c] = GridCell(
                text=text,
                where=Provenance(sheet=sheet.title, cell=f"{column_letter(c)}{r + 1}"),
                value=value,
                row_span=span[0] if span else 1,
                col_span=span[1] if span else 1,
                vertical_text=_rotated(alignment),
                bold=bool(font and font.b),
                italic=bool(font and font.i),
                underline=bool(font and font.u),
                font_size=float(font.sz) if font and font.sz else None,
            )
        rows.append(row)
    while rows and not rows[-1].cells:  # read-only sheets can stream empty styled rows
        rows.pop()
    return rows


def _rotated(alignment: Any) -> bool:
    """Text turned 45 deg or more (openpyxl: 0-90 up, 91-180 down, 255 stacked)."""
    rotation = int(getattr(alignment, "textRotation", 0) or 0) if alignment else 0
    if rotation == 255:
        return True
    angle = rotation if rotation <= 90 else rotation - 90
    return angle >= 45


def display_text(value: object) -> str:
    """A typed cell value as Excel's General format shows it (1 -> "1", 2.5 -> "2.5")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
