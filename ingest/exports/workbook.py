"""`roleframe export xlsx`: the HR workbook.

Sheets, each with a frozen bold header row, filters on and column widths set:

* **Matrix** - roles x competencies with the required levels, the shape HR keeps its skills
  matrices in: one row per role of every skills matrix exported, one column per competency
  (its registry name when matched, else as written), the level as a number (the cell as
  written when it holds no number: `S`, a tick);
* **Descriptors** - what each level of each competency means;
* **Statements** - competency framework behaviour statements by competency, level, sub-area;
* **Band statements** - career progression requirements by role, band and category;
* **JE factors** - job evaluation factor levels of each post;
* **Name review** - every name matched onto the registry: status, score, method, runner-up
  and candidates, to filter on `review`;
* **Sources** - the documents exported, and the files that could not be, with their codes.

Writer: XlsxWriter rather than openpyxl. Its ``constant_memory`` mode streams each sheet's
rows to a temporary file with inline strings, so memory stays flat however many documents
go in (openpyxl's write-only mode keeps the shared-strings table in memory); it writes
archive members with a fixed 1980 timestamp and takes fixed document properties, so the
same input gives byte-identical files; and it only writes, which is all this needs (tests
read the file back with openpyxl, what users' tools use). Sheets longer than Excel's
1,048,576 rows continue on `Statements (2)` ...
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from roleframe.ingest.exports.staging import FIXED_TIME, Staged

MAX_ROWS = 1_048_576
MAX_WIDTH = 60
MIN_WIDTH = 8
MATRIX_FIXED = ("Source", "Role", "Grade")

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    field: str  # the entity field it shows (or a derived one, see `_cells`)
    wrap: bool = False  # long text: wrapped at the width cap


SHEETS: dict[str, tuple[str, tuple[Column, ...]]] = {
    # entity type -> (sheet name, columns)
    "descriptor": (
        "Descriptors",
        (
            Column("Source", "_source"),
            Column("Competency", "competency"),
            Column("Registry name", "canonical_name"),
            Column("Level", "level"),
            Column("Description", "text", wrap=True),
        ),
    ),
    "statement": (
        "Statements",
        (
            Column("Source", "_source"),
            Column("Competency", "competency"),
            Column("Registry name", "canonical_name"),
            Column("Category", "category"),
            Column("Level", "level"),
            Column("Sub-area", "sub_area"),
            Column("Statement", "text", wrap=True),
        ),
    ),
    "band_statement": (
        "Band statements",
        (
            Column("Source", "_source"),
            Column("Role", "role"),
            Column("Band", "band"),
            Column("Category", "category"),
            Column("Statement", "text", wrap=True),
        ),
    ),
    "factor_level": (
        "JE factors",
        (
            Column("Source", "_source"),
            Column("Post", "role"),
            Column("Factor", "factor"),
            Column("Basis", "basis"),
            Column("Level", "level"),
            Column("As written", "raw"),
            Column("Score", "score"),
        ),
    ),
    "name_match": (
        "Name review",
        (
            Column("Source", "_source"),
            Column("List", "list"),
            Column("Name as written", "name"),
            Column("Status", "status"),
            Column("Score", "score"),
            Column("Method", "method"),
            Column("Registry name", "canonical_name"),
            Column("Runner-up", "runner_up_name"),
            Column("Runner-up score", "runner_up_score"),
            Column("Candidates", "_candidates", wrap=True),
            Column("Reason", "reason", wrap=True),
        ),
    ),
}
SOURCES = (
    Column("File", "_file"),
    Column("Status", "_status"),
    Column("Kind", "kind"),
    Column("Format", "format"),
    Column("Title", "title"),
    Column("Organisation", "organisation"),
    Column("Service", "service"),
    Column("Warnings", "warnings"),
    Column("Names matched", "names_matched"),
    Column("Names to review", "names_review"),
    Column("Names unmatched", "names_unmatched"),
    Column("Document id", "document_id"),
    Column("SHA-256", "sha256"),
    Column("Error code", "code"),
    Column("Message", "message", wrap=True),
)


class _Sheet:
    """One logical sheet: rows written in order, continued on a new sheet when full."""

    def __init__(
        self,
        book: _Book,
        name: str,
        headers: list[str],
        wraps: list[bool],
        freeze_columns: int = 0,
    ) -> None:
        self.book, self.name, self.freeze_columns = book, name, freeze_columns
        self.headers, self.wraps = headers, wraps
        self.pages: list[tuple[Worksheet, int]] = []  # (worksheet, rows written)
        self.widths = [len(h) for h in headers]
        self._new_page()

    def _new_page(self) -> None:
        suffix = f" ({len(self.pages) + 1})" if self.pages else ""
        sheet = self.book.workbook.add_worksheet(f"{self.name}{suffix}")
        for column, header in enumerate(self.headers):
            sheet.write_string(0, column, header, self.book.header)
        self.pages.append((sheet, 1))

    def add(self, cells: list[Cell]) -> None:
        sheet, rows = self.pages[-1]
        if rows >= MAX_ROWS:
            self._new_page()
            sheet, rows = self.pages[-1]
        for column, value in enumerate(cells):
            if value is None or value == "":
                continue
            if isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(rows, column, value)
                width = len(f"{value:g}")
            else:
                text = str(value)
                wrap = self.wraps[column] if column < len(self.wraps) else False
                sheet.write_string(rows, column, text, self.book.wrap if wrap else None)
                width = max((len(part) for part in text.split("\n")), default=0)
            if column < len(self.widths):
                self.widths[column] = max(self.widths[column], width)
            else:
                self.widths.append(width)
        self.pages[-1] = (sheet, rows + 1)

    def finish(self) -> None:
        for sheet, rows in self.pages:
            for column, width in enumerate(self.widths):
                sheet.set_column(column, column, min(max(width + 2, MIN_WIDTH), MAX_WIDTH))
            sheet.freeze_panes(1, self.freeze_columns)
            sheet.autofilter(0, 0, max(rows - 1, 0), max(len(self.headers) - 1, 0))


class _Book:
    def __init__(self, path: Path, tmpdir: str) -> None:
        self.workbook = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "tmpdir": tmpdir,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        when = FIXED_TIME.replace(tzinfo=None)
        self.workbook.set_properties(
            {"title": "roleframe export", "author": "roleframe", "created": when}
        )
        self.header: Format = self.workbook.add_format(
            {"bold": True, "bottom": 1, "bg_color": "#DDEBF7", "text_wrap": True}
        )
        self.wrap: Format = self.workbook.add_format({"text_wrap": True, "valign": "top"})


class WorkbookWriter:
    """Streams entities into the sheets; the matrix, whose columns are known only at the
    end, is spooled as one JSON line per role and written last."""

    def __init__(self, output: Path) -> None:
        self._staged = Staged(output)
        self._tmp = tempfile.TemporaryDirectory(prefix=".roleframe-xlsx-", dir=output.parent)
        self._book = _Book(self._staged.path, self._tmp.name)
        self._matrix_page = _Sheet(self._book, "Matrix", list(MATRIX_FIXED), [], freeze_columns=2)
        self._sheets = {
            entity_type: _Sheet(
                self._book, name, [c.header for c in columns], [c.wrap for c in columns]
            )
            for entity_type, (name, columns) in SHEETS.items()
        }
        self._sources = _Sheet(
            self._book, "Sources", [c.header for c in SOURCES], [c.wrap for c in SOURCES]
        )
        self._spool: TextIO = open(  # noqa: SIM115
            Path(self._tmp.name) / "matrix.jsonl", "w+", encoding="utf-8"
        )
        self._matrix_columns: dict[str, None] = {}
        self._file = ""
        self._matrix = _MatrixDocument()

    def add(self, entity_type: str, data: dict[str, Any]) -> None:
        if entity_type == "document":
            self._flush_matrix()
            self._file = data["filename"]
            self._sources.add(_cells(SOURCES, {**data, "_file": self._file, "_status": "ok"}))
        elif entity_type == "error":
            self._sources.add(_cells(SOURCES, {**data, "_file": data["path"], "_status": "failed"}))
        elif entity_type == "role" and data["relation"] == "matrix_row":
            self._matrix.roles[data["id"]] = (data["title"], data.get("grade"))
        elif entity_type == "requirement":
            self._matrix.cell(data)
        if entity_type in self._sheets:
            columns = SHEETS[entity_type][1]
            self._sheets[entity_type].add(_cells(columns, {**data, "_source": self._file}))

    def close(self) -> None:
        try:
            self._flush_matrix()
            self._write_matrix()
            for sheet in (*self._sheets.values(), self._sources):
                sheet.finish()
            self._spool.close()
            self._book.workbook.close()
            self._staged.commit()
        except BaseException:
            self._staged.discard()
            raise
        finally:
            self._tmp.cleanup()

    def discard(self) -> None:
        self._spool.close()
        try:
            self._book.workbook.close()
        finally:
            self._staged.discard()
            self._tmp.cleanup()

    def _flush_matrix(self) -> None:
        for role_id, (title, grade) in self._matrix.roles.items():
            cells = self._matrix.cells.get(role_id, {})
            self._matrix_columns.update(dict.fromkeys(cells))
            self._spool.write(json.dumps([self._file, title, grade, cells]) + "\n")
        self._matrix = _MatrixDocument()

    def _write_matrix(self) -> None:
        competencies = list(self._matrix_columns)
        sheet = self._matrix_page
        for column, name in enumerate(competencies, start=len(MATRIX_FIXED)):
            sheet.pages[0][0].write_string(0, column, name, self._book.header)
            sheet.headers.append(name)
            sheet.widths.append(min(len(name), 20))
        self._spool.seek(0)
        for text in self._spool:
            source, title, grade, cells = json.loads(text)
            sheet.add([source, title, grade, *(cells.get(name) for name in competencies)])
        sheet.finish()


class _MatrixDocument:
    """The matrix rows of the document being read: roles, and their cells by column."""

    def __init__(self) -> None:
        self.roles: dict[str, tuple[str, str | None]] = {}
        self.cells: dict[str, dict[str, Cell]] = {}
        self.written_as: dict[str, str] = {}  # column -> the name as written it holds

    def cell(self, data: dict[str, Any]) -> None:
        column = self.column(data)
        value: Cell = data.get("level")
        if value is None:
            value = data.get("raw") or None
        self.cells.setdefault(data.get("role_id") or "", {})[column] = value

    def column(self, data: dict[str, Any]) -> str:
        """The registry name of a matched competency, else the name as written; two names
        of one matrix that match one entry keep their own columns."""
        written = data["competency"]
        column = data.get("canonical_name") if data.get("match_status") == "matched" else None
        column = column or written
        if self.written_as.setdefault(column, written) != written:
            return written
        return column


def _cells(columns: tuple[Column, ...], data: dict[str, Any]) -> list[Cell]:
    cells: list[Cell] = []
    for column in columns:
        if column.field == "_candidates":
            candidates = data.get("candidates") or []
            cells.append(
                "; ".join(f"{c['canonical_name']} ({c['score']:g})" for c in candidates) or None
            )
        else:
            cells.append(data.get(column.field))
    return cells
