"""PDF reader on layouts the seeds do not have (tests/fixtures/pdf, made by
make_fixtures.py with reportlab: a second producer besides LibreOffice), golden layouts,
and the error contract (encrypted, damaged, image-only, limits)."""

from __future__ import annotations

import io
import json
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any

import pdfplumber
import pytest
from conftest import FIXTURES, GOLDEN
from golden import check_golden
from pydantic import BaseModel

from roleframe.parsers.errors import ReadError
from roleframe.parsers.layout import Layout, Paragraph, Table
from roleframe.parsers.limits import DEFAULT_LIMITS, Limits
from roleframe.parsers.pdf import read
from roleframe.parsers.pdf_tables import find_checkboxes
from roleframe.schema import IssueCode

PDF = FIXTURES / "pdf"


@cache
def layout_of(name: str) -> Layout:
    return read((PDF / name).read_bytes(), DEFAULT_LIMITS)


def as_data(obj: Any) -> Any:
    """Layout -> plain JSON data, deterministically; unset/false/empty fields left out."""
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json")
    if is_dataclass(obj):
        out = {}
        for f in fields(obj):
            value = as_data(getattr(obj, f.name))
            if value is None or value is False or value == [] or value == {}:
                continue
            out[f.name] = value
        return out
    if isinstance(obj, list):
        return [as_data(v) for v in obj]
    if isinstance(obj, float):
        return round(obj, 2)
    return obj


def dump_layout(layout: Layout) -> str:
    return json.dumps(as_data(layout), sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def only_table(layout: Layout) -> Table:
    tables = layout.tables()
    assert len(tables) == 1
    return tables[0]


@pytest.mark.parametrize(
    "name", ["borderless_table", "merged_cells", "rotated_header", "paragraphs", "split_row"]
)
def test_golden_layout(name: str, update_golden: bool) -> None:
    check_golden(GOLDEN / f"pdf_{name}.json", dump_layout(layout_of(f"{name}.pdf")), update_golden)


def test_table_without_ruling_lines_from_alignment() -> None:
    layout = layout_of("borderless_table.pdf")
    table = only_table(layout)
    assert (table.n_rows, table.n_cols) == (4, 3)
    assert table.row_texts(0) == ["Role", "Grade", "Main purpose"]
    # the wrapped cell is one paragraph, not two rows
    assert table.row_texts(1)[2] == (
        "Manages a patch of tenancies and visits residents at home when needed."
    )
    texts = [b.text if isinstance(b, Paragraph) else "<table>" for b in layout.blocks]
    assert texts == [
        "Staffing summary",
        "The posts in the service are listed below.",
        "<table>",
        "Grades follow the council's pay scale agreed in the last review.",
    ]
    assert layout.blocks[0].heading_level == 1
    assert layout.blocks[1].heading_level is None


def test_table_over_pages_is_one_table() -> None:
    layout = layout_of("split_table.pdf")
    table = only_table(layout)
    assert table.continued and table.header_rows == 1
    # header once, then 60 factor rows: the header repeated on pages 2 and 3 is gone
    assert table.n_rows == 61
    assert [table.row_texts(r)[0] for r in range(1, 61)] == [f"Factor {i}" for i in range(1, 61)]
    pages = [row[0].where.page for row in table.rows]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == 3
    assert [p.text for p in layout.headers] == ["Northshire Council – Job evaluation record"]
    assert [p.text for p in layout.footers] == ["Page 1 of 3"]
    assert all("Page" not in b.text for b in layout.paragraphs())


def test_row_split_by_page_break_is_joined() -> None:
    table = only_table(layout_of("split_row.pdf"))
    assert table.continued and table.n_rows == 13
    assert [table.row_texts(r)[0] for r in range(1, 13)] == [f"Factor {i}" for i in range(1, 13)]
    split = table.rows[7][2]
    duties = " ".join(
        f"Duty {i}: the post holder manages a caseload of complex cases and advises colleagues."
        for i in range(1, 9)
    )
    assert [p.text for p in split.paragraphs] == [duties]
    # the cell starts on page 1 (its provenance); the row after it is on page 2
    assert split.where.page == 1
    assert table.rows[8][0].where.page == 2


def test_merged_cells_come_back_once_with_spans() -> None:
    table = only_table(layout_of("merged_cells.pdf"))
    spans = {(c.row, c.col): (c.row_span, c.col_span, c.text) for c in table.cells()}
    assert spans == {
        (0, 0): (1, 4, "Post details"),
        (1, 0): (1, 1, "Job title:"),
        (1, 1): (1, 1, "Senior Officer"),
        (1, 2): (1, 1, "Post ref:"),
        (1, 3): (1, 1, "AB12"),
        (2, 0): (1, 1, "Directorate:"),
        (2, 1): (1, 3, "Housing"),
        (3, 0): (2, 1, "Notes:"),
        (3, 1): (2, 2, "Covers two rows of the grid."),
        (3, 3): (1, 1, "Right"),
        (4, 3): (1, 1, "Lower right"),
    }
    grid = table.grid()
    assert grid[4][1] is grid[3][1] and grid[4][0] is grid[3][0]
    assert table.rows[0][0].shaded and not table.rows[1][0].shaded


def test_rotated_header_reads_in_order() -> None:
    table = only_table(layout_of("rotated_header.pdf"))
    assert table.row_texts(0) == [
        "Job Title",
        "Grade",
        "Housing law",
        "Planning policy and procedures",
        "Lone Working",
        "IT Skills",
    ]
    assert [c.vertical_text for c in table.rows[0]] == [False, False, True, True, True, True]
    assert table.row_texts(2) == ["Team Leader", "6", "1", "2", "", "0"]
    assert not layout_of("rotated_header.pdf").paragraphs()[1:]


def test_paragraph_cues() -> None:
    layout = layout_of("paragraphs.pdf")
    raw = pdfplumber.open(PDF / "paragraphs.pdf").pages[0].extract_text()
    assert "hard-\nto-reach" in raw  # the fixture really breaks the word after its hyphen
    paras = layout.paragraphs()
    by_text = {p.text: p for p in paras}
    bullets = [(p.bullet, p.list_level, p.text) for p in paras if p.bullet]
    assert bullets == [
        (
            "•",
            0,
            "Work with residents, partners and community groups to reach the many "
            "hard-to-reach households across the district.",
        ),
        ("•", 0, "Keep accurate case records."),
        ("◦", 1, "Including the housing register and the repairs log."),
        ("•", 0, "Report hazards."),
    ]
    quals = by_text[
        "Qualifications Level 3 qualification in housing or a related field, or "
        "equivalent experience."
    ]
    assert quals.runs[0].bold and quals.runs[0].text.strip() == "Qualifications"
    assert not quals.bold and not quals.runs[1].bold
    assert by_text["Main duties include:"].bold
    assert (
        "An indented first line starts this paragraph, which then carries on at the left "
        "margin as wrapped text does."
    ) in by_text
    assert "A short line." in by_text
    assert "Another paragraph straight after it, with no spacing." in by_text
    experience = by_text["Experience"]
    assert experience.underline and experience.bold
    assert not by_text["Experience of working with tenants."].underline


def test_checkboxes_are_fields_not_columns() -> None:
    layout = layout_of("paragraphs.pdf")
    row = next(p for p in layout.paragraphs() if p.fields)
    assert row.text == "Job description Person specification"
    assert [(f.kind, f.checked) for f in row.fields] == [("checkbox", True), ("checkbox", False)]
    table = only_table(layout)
    assert table.n_cols == 2  # the box inside the cell did not become a column
    assert [(f.kind, f.checked) for f in table.rows[0][1].fields] == [("checkbox", False)]


def test_shaded_square_cells_become_check_boxes() -> None:
    """Regression: a matrix whose level cells are small light-grey filled squares (13 pt)
    lost every level to phantom check boxes. Only a stroked, unfilled (or white) square is
    a check box; the fixture's shaded squares keep their values."""
    table = only_table(layout_of("shaded_level_cells.pdf"))
    levels = [[c.text for c in row[2:]] for row in table.rows[1:]]
    assert levels == [["1", "2", "3", "1"], ["2", "3", "1", "2"], ["3", "1", "2", "3"]]
    cells = [c for row in table.rows[1:] for c in row[2:]]
    assert all(c.shaded for c in cells)
    assert not any(c.fields for c in cells)


@pytest.mark.parametrize(
    ("stroke", "fill", "colour", "is_box"),
    [
        (True, False, (0.0,), True),  # an outline: LibreOffice's legacy check box (002)
        (True, True, (1.0, 1.0, 1.0), True),  # outlined, white inside
        (True, True, (0.0, 0.0, 0.0, 0.0), True),  # CMYK white
        (False, True, (0.85, 0.85, 0.85), False),  # a shaded cell (000's matrix)
        (True, True, (0.85, 0.85, 0.85), False),  # a shaded cell with a border
        (True, True, (0.1,), False),  # a dark filled square (a bullet)
        (False, False, (0.0,), False),  # neither stroked nor filled: invisible
    ],
)
def test_only_stroked_unfilled_squares_are_check_boxes(
    stroke: bool, fill: bool, colour: tuple[float, ...], is_box: bool
) -> None:
    rect = {"width": 10.0, "height": 10.0, "stroke": stroke, "fill": fill,
            "non_stroking_color": colour}  # fmt: skip
    assert bool(find_checkboxes([rect])) is is_box


# --- errors ---------------------------------------------------------------------------------


def read_error(data: bytes, limits: Limits = DEFAULT_LIMITS) -> ReadError:
    with pytest.raises(ReadError) as info:
        read(data, limits)
    return info.value


def test_encrypted_pdf() -> None:
    assert read_error((PDF / "encrypted.pdf").read_bytes()).code is IssueCode.ENCRYPTED


def test_image_only_pdf_names_its_pages() -> None:
    err = read_error((PDF / "no_text.pdf").read_bytes())
    assert err.code is IssueCode.NO_TEXT_LAYER
    assert "1, 2" in err.message


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n%garbage that is not a PDF body\n",
        b"not a pdf at all",
        b"\x00" * 64,
    ],
)
def test_damaged_pdf(data: bytes) -> None:
    assert read_error(data).code is IssueCode.CORRUPT_FILE


def test_truncated_pdf() -> None:
    data = (PDF / "merged_cells.pdf").read_bytes()
    err = read_error(data[: len(data) // 3])
    assert err.code in (IssueCode.CORRUPT_FILE, IssueCode.NO_TEXT_LAYER)


def test_empty_pdf() -> None:
    assert read_error(b"").code is IssueCode.EMPTY_FILE


def test_page_limit() -> None:
    err = read_error((PDF / "split_table.pdf").read_bytes(), Limits(max_pages=1))
    assert err.code is IssueCode.LIMIT_EXCEEDED
    assert err.details["limit"] == "max_pages"


def test_page_chars_limit() -> None:
    err = read_error((PDF / "split_table.pdf").read_bytes(), Limits(max_page_chars=100))
    assert err.code is IssueCode.LIMIT_EXCEEDED
    assert err.details["limit"] == "max_page_chars"


def test_reads_from_bytes_without_touching_disk() -> None:
    data = (PDF / "merged_cells.pdf").read_bytes()
    assert read(bytes(io.BytesIO(data).getbuffer()), DEFAULT_LIMITS).page_count == 1


def test_tagged_pdf_tables_come_from_the_structure_tree() -> None:
    layout = layout_of("tagged_table.pdf")
    table = only_table(layout)
    assert (table.n_rows, table.n_cols) == (3, 3)
    head = table.rows[0]
    assert [(c.col, c.col_span, c.text) for c in head] == [(0, 1, "Role"), (1, 2, "Levels")]
    assert table.row_texts(2) == ["Manager", "3", "Expert"]
    assert [b.text for b in layout.paragraphs()] == ["Tagged table"]


def test_seed_pdfs_are_untagged_and_take_the_geometric_path() -> None:
    from conftest import SAMPLES

    from roleframe.parsers.pdf_structure import logical_tables

    for path in sorted(SAMPLES.glob("*.pdf")):
        with pdfplumber.open(path) as doc:
            assert logical_tables(doc) == {}, path.name


def test_image_only_page_among_text_pages_is_a_warning() -> None:
    layout = layout_of("scanned_page.pdf")
    assert [p.text for p in layout.paragraphs()] == ["Role profile: Housing Officer"]
    (warning,) = layout.warnings
    assert warning.code is IssueCode.NO_TEXT_LAYER
    assert warning.details["pages"] == "2"


def test_page_turned_by_rotate_reads_top_down() -> None:
    layout = layout_of("rotated_page.pdf")
    paras = layout.paragraphs()
    assert [p.text for p in paras] == [
        "Rotated page title",
        "The first paragraph of the turned page.",
        "The second paragraph.",
    ]
    assert [p.font_size for p in paras] == [14.0, 10.0, 10.0]
    assert paras[0].heading_level is not None and paras[0].bold


def test_row_of_lists_broken_by_the_page_is_one_row() -> None:
    table = only_table(layout_of("split_list_row.pdf"))
    assert table.continued and (table.n_rows, table.n_cols) == (2, 3)
    for c, cell in enumerate(table.rows[1], start=1):
        assert [p.text for p in cell.paragraphs] == [
            f"Indicator {c}.{k} shown in day to day work" for k in range(1, 9)
        ]
        assert all(p.bullet == "•" and p.list_level == 0 for p in cell.paragraphs)
        assert {p.where.page for p in cell.paragraphs} == {1, 2}


def test_words_broken_in_narrow_columns_read_as_in_word() -> None:
    """LibreOffice breaks words wider than a column mid-word (narrow_columns.pdf, made by
    make_lo_fixtures.py)."""
    from roleframe.parsers.docx import read as read_docx

    def cells(layout: Layout) -> list[list[str]]:
        table = only_table(layout)
        return [[" ".join(p.text for p in c.paragraphs) for c in row] for row in table.rows]

    word = cells(read_docx((PDF / "narrow_columns.docx").read_bytes(), DEFAULT_LIMITS))
    pdf = cells(layout_of("narrow_columns.pdf"))
    # nothing lost or reordered, and no word joined to the next ("Data" / "Protection")
    assert [[c.replace(" ", "") for c in row] for row in pdf] == [
        [c.replace(" ", "") for c in row] for row in word
    ]
    assert pdf[3][1] == word[3][1] == "Data Protection Act"
    # breaks that left room for a space are joined by geometry; where even a space would
    # not have fitted ("proce" / "dures"), by words: the pieces are no words, their join is
    assert pdf[1][0] == word[1][0] == "ICT Support"
    assert pdf == word
