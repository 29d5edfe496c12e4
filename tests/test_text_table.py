"""CSV/TSV reader and the shared grid splitter: delimiters, quoting, encodings, blocks."""

from __future__ import annotations

import codecs

import pytest

from roleframe.parsers import text_table
from roleframe.parsers.errors import ReadError
from roleframe.parsers.layout import Paragraph, Table
from roleframe.parsers.limits import DEFAULT_LIMITS, Limits
from roleframe.schema import Format, IssueCode
from tests.conftest import SAMPLES


def _read(text: str | bytes, limits: Limits = DEFAULT_LIMITS):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return text_table.read(data, limits)


def _kinds(layout) -> list[str]:
    return ["T" if isinstance(b, Table) else "P" for b in layout.blocks]


def test_seed_tsv_blocks_and_trimmed_descriptor_tables() -> None:
    layout = _read((SAMPLES / "000_skills_matrix.tsv").read_bytes())
    assert layout.format == Format.TSV
    assert _kinds(layout) == ["P", "P", "P", "T", "P", "P", "P", "T", "T"]
    matrix, first, second = layout.tables()
    assert (matrix.n_rows, matrix.n_cols) == (12, 25)
    # 4 trailing empty tab fields on the first block, 3 on the second: both trimmed to 4
    assert (first.n_rows, first.n_cols) == (13, 4) and (second.n_rows, second.n_cols) == (9, 4)
    assert [t.index for t in layout.tables()] == [0, 1, 2]
    # the empty "Economic development and regeneration" row stays inside its table
    assert first.row_texts(8) == ["Economic development and regeneration", "", "", ""]
    assert first.rows[8][1].where.line == 34


def test_cell_provenance_is_line_table_row_column() -> None:
    layout = _read("Title\n\nName\tA\tB\nX\t1\t2\n")
    cell = layout.tables()[0].rows[1][2]
    assert (cell.where.line, cell.where.table, cell.where.row, cell.where.column) == (4, 0, 1, 2)
    assert cell.paragraphs[0].where.paragraph == 0
    title = layout.blocks[0]
    assert isinstance(title, Paragraph) and title.where.line == 1 and title.where.table is None


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Name\tNotes\nA\tone, two, three, four\nB\tfive, six\n", "\t"),
        ("Name;Notes;Level\nA;one, two, three;1\nB;four, five;2\n", ";"),
        ('Name,Notes\nA,"one, two; three"\nB,"four\tfive"\n', ","),
    ],
)
def test_sniffed_delimiter_is_the_consistent_one(text: str, delimiter: str) -> None:
    assert text_table.sniff_delimiter(text) == delimiter
    table = _read(text).tables()[0]
    assert table.n_cols == len(text.splitlines()[0].split(delimiter))


def test_quoted_fields_keep_commas_quotes_and_line_breaks() -> None:
    text = 'Role,Level\n"Officer, Lettings",1\n"Manager\n(Allocations)",2\n"Say ""hi""",3\n'
    layout = _read(text)
    assert layout.format == Format.CSV
    table = layout.tables()[0]
    assert table.row_texts(1)[0] == "Officer, Lettings"
    assert [p.text for p in table.rows[2][0].paragraphs] == ["Manager", "(Allocations)"]
    assert table.row_texts(3)[0] == 'Say "hi"'
    assert [row[0].where.line for row in table.rows] == [1, 2, 3, 5]


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("cp1252"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),
    ],
)
def test_encodings(encode) -> None:
    text = "Name\tCost\nCafé – £5\t1\n"
    table = _read(encode(text)).tables()[0]
    assert table.row_texts(1)[0] == "Café – £5"


def test_one_value_row_after_a_table_is_a_paragraph_unless_the_line_kept_its_fields() -> None:
    layout = _read("A\tB\n1\t2\nNote under the table\n")
    assert _kinds(layout) == ["T", "P"]
    layout = _read("A\tB\n1\t2\nOnly name\t\n")
    assert _kinds(layout) == ["T"] and layout.tables()[0].n_rows == 3


def test_blank_line_splits_tables_and_leading_empty_columns_are_trimmed() -> None:
    layout = _read("\tA\tB\n\tx\ty\n\n\tC\tD\n")
    first, second = layout.tables()
    assert first.n_cols == 2 and first.row_texts(0) == ["A", "B"]
    assert first.rows[0][0].where.column == 0 and second.index == 1


def test_limits_are_enforced_with_named_limits() -> None:
    with pytest.raises(ReadError) as info:
        _read("a\tb\n" * 20, Limits(max_rows=10))
    assert info.value.code == IssueCode.LIMIT_EXCEEDED and info.value.details["limit"] == "max_rows"
    with pytest.raises(ReadError) as info:
        _read("\t".join("x" * 30) + "\n", Limits(max_cols=10))
    assert info.value.details["limit"] == "max_cols"


def test_a_blank_row_under_a_header_row_does_not_split_the_table() -> None:
    layout = _read("Role\tA\tB\tC\n\nOfficer\t1\t2\t3\nManager\t2\t3\t3\n")
    (table,) = layout.tables()
    assert table.n_rows == 3 and table.row_texts(1)[0] == "Officer"
    assert table.rows[1][0].where.line == 3
    # a two-cell label line is no header: the blank row after it still ends it
    layout = _read("Service\tHousing\n\nRole\tA\tB\nOfficer\t1\t2\n")
    assert len(layout.tables()) == 2


# -- issue 14: the reader changed the process-wide csv.field_size_limit (regression) ------


def test_reading_a_text_table_leaves_the_process_csv_field_size_limit_alone() -> None:
    import csv

    before = csv.field_size_limit()
    _read("Name,Level\nHousing law,1\n")
    assert csv.field_size_limit() == before


def test_a_field_over_the_csv_field_size_limit_is_a_named_limit_not_a_corrupt_file() -> None:
    import csv

    long_field = "x" * (csv.field_size_limit() + 1)
    with pytest.raises(ReadError) as err:
        _read(f'Name,Notes\nA,"{long_field}"\n')
    assert err.value.code == IssueCode.LIMIT_EXCEEDED
    assert err.value.details["limit"] == "csv_field_size_limit"
