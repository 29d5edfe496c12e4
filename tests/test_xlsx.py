"""Excel reader: typed values, merged cells, rotated text, sheets, damaged and locked files."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest
from openpyxl.styles import Alignment, Font

from roleframe.ingest.build import read_layout
from roleframe.parsers import xlsx
from roleframe.parsers.detect import OLE2_MAGIC
from roleframe.parsers.errors import ReadError
from roleframe.parsers.layout import Paragraph, Table
from roleframe.parsers.limits import DEFAULT_LIMITS, Limits
from roleframe.schema import IssueCode
from tests.conftest import SAMPLES


def _bytes(wb: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_seed_workbook_sheets_types_and_rotation() -> None:
    layout = xlsx.read((SAMPLES / "000_skills_matrix.xlsx").read_bytes(), DEFAULT_LIMITS)
    assert layout.sheet_names == ["1. Skills needs", "1b. Descriptors"]
    assert layout.hidden_sheets == []
    matrix = layout.tables()[0]
    assert matrix.where.sheet == "1. Skills needs" and matrix.where.cell == "A7"
    header = matrix.rows[0]
    assert not header[0].vertical_text and all(c.vertical_text for c in header[2:])
    grade_1, grade_87 = matrix.rows[1][1], matrix.rows[5][1]
    assert (grade_1.text, grade_1.value) == ("1", 1) and isinstance(grade_1.value, int)
    assert (grade_87.text, grade_87.value) == ("8-7", "8-7")
    assert matrix.rows[1][2].text == "" and matrix.rows[1][2].where.cell == "C8"
    # the descriptor sheet: bordered empty cells trimmed, a blank row between the blocks
    first, second = layout.tables()[1:]
    assert (first.n_cols, second.n_cols) == (4, 4)
    assert (first.where.cell, second.where.cell) == ("A5", "A19")


def test_values_read_as_excel_shows_them() -> None:
    assert xlsx.display_text(1) == "1"
    assert xlsx.display_text(2.0) == "2"
    assert xlsx.display_text(2.5) == "2.5"
    assert xlsx.display_text(0.1 + 0.2) == "0.3"
    assert xlsx.display_text(True) == "TRUE"
    assert xlsx.display_text(dt.datetime(2024, 4, 1)) == "2024-04-01"
    assert xlsx.display_text(None) == ""


def test_merged_cells_are_one_cell_with_spans_and_hidden_sheets_are_read() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Main"
    ws["A1"] = "Title across"
    ws.merge_cells("A1:D1")
    ws["A3"], ws["B3"] = "Role", "Skills"
    ws.merge_cells("B3:D3")
    ws["A4"], ws["B4"], ws["C4"], ws["D4"] = "Officer", 1, 2, 3
    ws["A5"], ws["B5"] = "Two rows", 1
    ws.merge_cells("A5:A6")
    ws["B6"] = 2
    ws["B3"].alignment = Alignment(textRotation=180)
    ws["A1"].font = Font(bold=True, size=14)
    hidden = wb.create_sheet("Codes")
    hidden["A1"], hidden["B1"] = "x", "y"
    hidden.sheet_state = "hidden"
    layout = xlsx.read(_bytes(wb), DEFAULT_LIMITS)
    assert layout.sheet_names == ["Main", "Codes"] and layout.hidden_sheets == ["Codes"]
    title = layout.blocks[0]
    assert isinstance(title, Paragraph) and title.text == "Title across"
    assert title.bold and title.font_size == 14 and title.where.cell == "A1"
    table = layout.blocks[1]
    assert isinstance(table, Table) and table.n_cols == 4
    skills = table.rows[0][1]
    assert (skills.col_span, skills.vertical_text, skills.where.cell) == (3, True, "B3")
    assert len(table.rows[0]) == 2  # the merged range is one cell
    two_rows = table.rows[2][0]
    assert two_rows.row_span == 2 and table.grid()[3][0] is two_rows
    assert layout.tables()[1].where.sheet == "Codes" and layout.tables()[1].index == 1


def test_corrupt_workbook_is_a_read_error() -> None:
    data = bytearray(_bytes(openpyxl.Workbook()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/workbook.xml":
                body = body[: len(body) // 2]  # truncated XML
            dst.writestr(info, body)
    with pytest.raises(ReadError) as info:
        xlsx.read(buffer.getvalue(), DEFAULT_LIMITS)
    assert info.value.code == IssueCode.CORRUPT_FILE
    with pytest.raises(ReadError) as info:
        xlsx.read(b"PK\x03\x04 not really a zip", DEFAULT_LIMITS)
    assert info.value.code == IssueCode.CORRUPT_FILE


def test_password_protected_workbook_is_encrypted() -> None:
    data = OLE2_MAGIC + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(ReadError) as info:
        xlsx.read(data, DEFAULT_LIMITS)
    assert info.value.code == IssueCode.ENCRYPTED


def test_zip_inflation_is_refused_before_openpyxl_reads() -> None:
    """The reader relies on the shared zip guard that read_layout runs for every package."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_bytes(openpyxl.Workbook()))) as src,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr("xl/media/image1.bin", b"\0" * 4_000_000)  # ~1000:1, a bomb's shape
    with pytest.raises(ReadError) as info:
        read_layout(buffer.getvalue(), Limits(max_zip_ratio=200.0))
    assert info.value.code == IssueCode.LIMIT_EXCEEDED
    assert info.value.details["limit"] == "max_zip_ratio"


def test_formulas_without_saved_results_are_flagged_not_silently_empty() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Calc"
    ws.append(["Role", "A", "B"])
    ws.append(["Officer", 1, "=B2+1"])  # openpyxl saves the formula with no cached value
    ws.append(["Manager", "=2*1", 3])
    layout = xlsx.read(_bytes(wb), DEFAULT_LIMITS)
    (issue,) = layout.warnings
    assert issue.code == IssueCode.EMPTY_FIELD
    assert issue.details == {"reason": "formula_not_cached", "cells": 2}
    assert (issue.location.sheet, issue.location.cell) == ("Calc", "C2")
    # the seed workbook has values only: nothing to say
    seed = xlsx.read((SAMPLES / "000_skills_matrix.xlsx").read_bytes(), DEFAULT_LIMITS)
    assert seed.warnings == []


def _declaring(data: bytes, ref: str) -> bytes:
    """The workbook with every sheet's declared size (``<dimension ref=…>``) replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                body, count = re.subn(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), body
                )
                assert count == 1
            dst.writestr(info, body)
    return out.getvalue()


def test_a_wrong_dimension_drops_data() -> None:
    """Regression: read-only openpyxl trusts the declared sheet size, so a workbook whose
    sheet declares ``A1`` (some producers write it) read as a single cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Skills matrix"])
    ws.append([])
    ws.append(["Job title", "Grade", "Planning", "Budgets"])
    ws.append(["Housing Officer", 5, 2, 1])
    ws.append(["Team Leader", 7, 3, 3])
    layout = xlsx.read(_declaring(_bytes(wb), "A1"), DEFAULT_LIMITS)
    assert [p.text for p in layout.paragraphs()] == ["Skills matrix"]
    (table,) = layout.tables()
    assert [[c.text for c in row] for row in table.rows] == [
        ["Job title", "Grade", "Planning", "Budgets"],
        ["Housing Officer", "5", "2", "1"],
        ["Team Leader", "7", "3", "3"],
    ]
    assert table.rows[2][3].where.cell == "D5"
