"""PDF geometry the held-out documents needed (parsers/pdf_text.py, pdf_tables.py): typed
number labels, a bulleted list set a tab away from its bullets, line pitch learnt from
lines of one column, a borderless label that wraps. Hand-placed glyphs."""

from __future__ import annotations

import pytest

from roleframe.parsers.pdf_tables import find_aligned_tables
from roleframe.parsers.pdf_text import Glyph, Line, build_lines, typical_pitch

SIZE = 10.0
ADVANCE = 5.5


def glyphs(text: str, x: float, top: float) -> list[Glyph]:
    out = []
    for ch in text:
        out.append(Glyph(x, x + ADVANCE, top, top + SIZE, ch, SIZE, False, False, True, x, top))
        x += ADVANCE
    return out


def line(*parts: tuple[str, float], top: float = 100.0) -> Line:
    gs = [g for text, x in parts for g in glyphs(text, x, top)]
    (built,) = build_lines(gs, 1)
    return built


@pytest.mark.parametrize("label", ["1.", "(a)", "7.1", "iv)"])
def test_a_typed_number_a_tab_before_its_text_is_a_list_marker(label: str) -> None:
    ln = line((label, 50.0), ("Assess new claims", 90.0))
    assert ln.bullet is not None and ln.bullet.startswith("#")
    assert ln.body_u0 == 90.0


def test_a_number_inside_text_is_no_marker() -> None:
    assert line(("1.5 days a week", 50.0)).bullet is None


def test_a_bulleted_list_with_wide_gaps_is_no_table() -> None:
    """ho_rp04: Verdana bullets a tab away from their text looked like two columns."""
    lines = [
        line(("•", 50.0), ("Manage a caseload of applications", 80.0), top=100.0 + 12 * i)
        for i in range(4)
    ]
    assert find_aligned_tables(lines, 1) == []


def test_two_columns_of_labels_and_values_are_still_a_table() -> None:
    lines = [
        line((label, 50.0), (value, 160.0), top=100.0 + 20 * i)
        for i, (label, value) in enumerate(
            [("Post", "Clerk"), ("Hours", "20"), ("Salary", "SCP 24")]
        )
    ]
    ((_, _, table),) = find_aligned_tables(lines, 1)
    assert (table.n_rows, len(table.xs) - 1) == (3, 2)


def test_a_wrapped_label_stays_in_its_row() -> None:
    """ho_rp07: `Experience and` / `skills` beside two lines of values is one row."""
    lines = [
        line(("Qualifications", 50.0), ("(E) Good general education", 160.0), top=100.0),
        line(("Experience and", 50.0), ("(E) Experience of keeping accounts", 160.0), top=130.0),
        line(("skills", 50.0), top=141.5),
        line(("(E) Confident with spreadsheets", 160.0), top=152.0),
    ]
    ((_, _, table),) = find_aligned_tables(lines, 1)
    assert table.n_rows == 2


def test_line_pitch_is_learnt_from_lines_of_one_column() -> None:
    """A label beside a value two points lower is no 2pt line pitch."""
    lines = [
        line(("Wrapped line one", 160.0), top=100.0),
        line(("Wrapped line two", 160.0), top=111.5),
        line(("Label", 50.0), top=121.5),
        line(("Wrapped line three", 160.0), top=123.0),
    ]
    assert typical_pitch(lines) == {SIZE: 11.5}


def _cell_texts(table: object) -> list[list[str]]:
    rows: dict[int, list[str]] = {}
    for cell in table.cells:  # type: ignore[attr-defined]
        texts = [ln.text.strip() for ln in cell.lines or []]
        rows.setdefault(cell.row, ["", ""])[cell.col] = " / ".join(texts)
    return [rows[r] for r in sorted(rows)]


def test_two_columns_wrapping_on_the_same_line_keep_their_rows() -> None:
    """ho7_rp06's PDF: criteria in two newspaper columns, both wrapping at once, in lower
    case, with no paragraph gap: the wrapped line goes on in the row above (so does a
    wrapped line in the first column alone)."""
    pitch = 11.5  # a line of its paragraph; items are a paragraph gap (20pt) apart
    rows = [
        (100.0, "Essential", "Desirable"),
        (120.0, "Experience of dealing with the", "Knowledge of burial and"),
        (120.0 + pitch, "public in sensitive situations", "cremation law"),
        (151.5, "Able to use a booking system", ""),
        (151.5 + pitch, "and Microsoft Office", ""),
        (183.0, "Accurate record keeping", "Experience of payments"),
    ]
    lines = [
        line(*[(text, x) for text, x in ((left, 50.0), (right, 250.0)) if text], top=top)
        for top, left, right in rows
    ]
    ((_, _, table),) = find_aligned_tables(lines, 1)
    assert _cell_texts(table) == [
        ["Essential", "Desirable"],
        [
            "Experience of dealing with the / public in sensitive situations",
            "Knowledge of burial and / cremation law",
        ],
        ["Able to use a booking system / and Microsoft Office", ""],
        ["Accurate record keeping", "Experience of payments"],
    ]


@pytest.mark.parametrize(
    ("above", "below", "top"),
    [
        ("Experience of casework.", "and more", 111.5),  # the cell above ended a sentence
        ("Experience of dealing with the", "public in sensitive situations", 124.0),  # a gap
        ("Experience of dealing with the", "a) Further criteria", 111.5),  # a list label
        ("Experience of dealing with the", "Public sector experience", 111.5),  # a capital
    ],
)
def test_a_line_that_does_not_go_on_from_the_row_above_starts_a_row(
    above: str, below: str, top: float
) -> None:
    lines = [
        line(("Essential", 50.0), ("Desirable", 250.0), top=88.5),
        line((above, 50.0), ("Knowledge of burial", 250.0), top=100.0),
        line((below, 50.0), ("cremation law", 250.0), top=top),
    ]
    ((_, _, table),) = find_aligned_tables(lines, 1)
    assert table.n_rows == 3
