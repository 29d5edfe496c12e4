"""Progression rules the held-out round 3 documents (tests/fixtures/foreign/
progression_framework/ho_pf*) exposed, each pinned on a hand-built layout.

The held-out fixtures cover the same layouts in Word, PDF, Excel and CSV; these tests pin
each rule on its own so a later change that breaks one names it.
"""

from __future__ import annotations

from typing import Any

import pytest

from roleframe.parsers.grid import GridCell, GridRow, grid_to_blocks
from roleframe.parsers.kinds import progression_framework as pf
from roleframe.parsers.kinds.framework_common import looks_like_role
from roleframe.parsers.kinds.progression_bands import cell_band_label, parse_band_label
from roleframe.parsers.kinds.progression_long import long_columns
from roleframe.parsers.layout import Block, Cell, Layout, Paragraph, Run, Table
from roleframe.parsers.limits import DEFAULT_LIMITS
from roleframe.schema import Format, Provenance
from roleframe.schema.progression_framework import ProgressionFramework


def P(text: str, i: int = 0, **kw: Any) -> Paragraph:
    runs = kw.pop("runs", None)
    p = Paragraph(text=text, where=Provenance(paragraph=i), **kw)
    p.runs = runs if runs is not None else [Run(text, p.bold, p.italic, p.underline)]
    return p


def B(text: str) -> Paragraph:
    return P(text, list_level=0, bullet="•")


def C(r: int, c: int, *paras: Paragraph, **kw: Any) -> Cell:
    return Cell(
        row=r, col=c, where=Provenance(table=0, row=r, column=c), paragraphs=list(paras), **kw
    )


def T(rows: list[list[Cell]], n_cols: int) -> Table:
    return Table(index=0, where=Provenance(table=0), rows=rows, n_cols=n_cols)


def _extract(*blocks: Block) -> ProgressionFramework:
    content = pf.extract(Layout(format=Format.DOCX, blocks=list(blocks))).content
    assert isinstance(content, ProgressionFramework)
    return content


def _statements(content: ProgressionFramework) -> list[tuple[str, str, str]]:
    return [
        (band.label, cat.label or cat.category, s.text)
        for role in content.roles
        for band in role.bands or []
        for cat in band.categories
        for s in cat.statements
    ]


@pytest.mark.parametrize("text", ["Entry criteria", "Entry requirements", "Senior requirements:"])
def test_a_step_word_over_a_requirement_noun_is_no_band(text: str) -> None:
    assert parse_band_label(text) is None


def test_a_job_title_over_its_grade_heads_a_band_column() -> None:
    cell = C(0, 1, P("Senior Planning Officer", bold=True), P("SCP 29–32"))
    label = cell_band_label(cell, graded=True)
    assert label is not None and (label.key, label.grade) == (
        "Senior Planning Officer",
        "SCP 29–32",
    )
    plain = C(0, 1, P("Planning Officer", bold=True), P("SCP 23–28"))
    assert cell_band_label(plain) is None  # only header rows read a job title as a band


def test_a_job_title_with_a_bracketed_grade_heads_a_band_column() -> None:
    label = cell_band_label(C(0, 1, P("Officer (Grade 6)")), graded=True)
    assert label is not None and (label.key, label.grade) == ("Officer", "Grade 6")


def test_a_bilingual_band_heading_is_measured_by_its_longer_side() -> None:
    content = _extract(
        P("Home Care Worker – Grade 3 to 5", heading_level=1),
        P("Cam 1 – Newydd-ddyfodiad / Step 1 – New Starter (Grade 3)", 1, bold=True),
        P("Gwybodaeth / Knowledge", 2, bold=True),
        B("The induction framework"),
    )
    band = (content.roles[0].bands or [])[0]
    assert (band.key, band.name, band.grade) == ("1", "Newydd-ddyfodiad", "Grade 3")


def test_gateway_sign_off_is_guidance() -> None:
    lead = [
        Run("Gateway sign-off: ", True, False, False),
        Run("Head of Service.", False, False, False),
    ]
    content = _extract(
        P("Social Worker – Grades 9 to 12", heading_level=1),
        P("Step 1 – ASYE (Grade 9)", 1, heading_level=2),
        P("Entry criteria", 2, bold=True),
        B("Social work degree"),
        P("Gateway sign-off: Head of Service.", 3, runs=lead),
    )
    band = (content.roles[0].bands or [])[0]
    assert [c.label for c in band.categories] == ["Entry criteria"]
    assert [g.text for g in band.guidance] == ["Gateway sign-off: Head of Service."]


def test_a_progression_gateway_row_of_a_band_table_is_guidance() -> None:
    table = T(
        [
            [C(0, 0, P("Grade 8 – Officer", bold=True), col_span=2)],
            [C(1, 0, P("Criteria", bold=True)), C(1, 1, B("Inspects premises"))],
            [C(2, 0, P("Progression gateway", bold=True)), C(2, 1, P("Manager confirms."))],
        ],
        2,
    )
    content = _extract(P("Officer – Grade 8 to Grade 10", heading_level=1), table)
    band = (content.roles[0].bands or [])[0]
    assert [c.label for c in band.categories] == ["Criteria"]
    assert [g.text for g in band.guidance] == ["Manager confirms."]


def test_typed_letters_and_tick_boxes_are_not_statement_text() -> None:
    content = _extract(
        P("Surveyor (Grades 8–11)", bold=True),
        P("2.1 Grade 8 – Trainee", 1, bold=True),
        P("Entry requirements:", 2),
        P("a) HNC in Building Studies", 3),
        P("☐ Full driving licence", 4),
        P("3. Appeals", 5, bold=True),
        P("3.1 An officer may appeal.", 6),
    )
    assert _statements(content) == [
        ("2.1 Grade 8 – Trainee", "Entry requirements", "HNC in Building Studies"),
        ("2.1 Grade 8 – Trainee", "Entry requirements", "Full driving licence"),
    ]  # `3. Appeals`, numbered like the role, ends the band


def test_a_sign_off_form_under_a_band_is_no_category() -> None:
    form = T(
        [
            [
                C(0, 0, P("Name", bold=True)),
                C(0, 1, P("Signature", bold=True)),
                C(0, 2, P("Date", bold=True)),
            ]
        ],
        3,
    )
    content = _extract(
        P("Planner (Grades 6–9)", heading_level=1),
        P("Level 1 – Assistant Planner", 1, heading_level=2),
        P("Knowledge", 2, underline=True),
        B("The local plan process"),
        form,
    )
    assert _statements(content) == [
        ("Level 1 – Assistant Planner", "Knowledge", "The local plan process")
    ]


def test_a_role_named_in_the_table_title_row() -> None:
    table = T(
        [
            [C(0, 0, P("Pest Control Officer – Grade 3 to 4", bold=True), col_span=3)],
            [C(1, 0), C(1, 1, P("Stage A", bold=True)), C(1, 2, P("Stage B", bold=True))],
            [
                C(2, 0, P("Skills", bold=True)),
                C(2, 1, B("Domestic treatments")),
                C(2, 2, B("Commercial contracts")),
            ],
        ],
        3,
    )
    content = _extract(P("Environmental Health – Career Grade Progression", heading_level=0), table)
    assert [(r.title, r.grade) for r in content.roles] == [("Pest Control Officer", "Grade 3 to 4")]
    assert [b.label for b in content.roles[0].bands or []] == ["Stage A", "Stage B"]


def test_a_document_title_after_a_dash_is_no_grade() -> None:
    assert not looks_like_role("Environmental Health – Career Grade Progression")
    assert looks_like_role("Income Officer – Apprentice Grade")


def test_named_bands_under_a_band_header() -> None:
    rows = [[C(0, 0, P("Band", bold=True)), C(0, 1, P("Skills", bold=True))]]
    for r, name in enumerate(["Trainee", "Operator"], start=1):
        rows.append([C(r, 0, P(name)), C(r, 1, P(f"Skill of the {name.lower()}"))])
    content = _extract(P("CCTV Operator (Grade 3 – 4)", heading_level=1), T(rows, 2))
    assert [b.label for b in content.roles[0].bands or []] == ["Trainee", "Operator"]


def test_a_category_cell_merged_down_its_statement_rows() -> None:
    k = C(1, 0, P("Knowledge", bold=True), row_span=2)
    table = T(
        [
            [
                C(0, 0, P("Category", bold=True)),
                C(0, 1, P("Trainee (Grade 5)", bold=True)),
                C(0, 2, P("Senior (Grade 7)", bold=True)),
            ],
            [k, C(1, 1, P("Housing law")), C(1, 2, P("Case law"))],
            [C(2, 1, P("The allocations scheme")), C(2, 2)],
        ],
        3,
    )
    content = _extract(P("Housing Options Officer (Grade 5–7)", heading_level=1), table)
    assert _statements(content) == [
        ("Trainee (Grade 5)", "Knowledge", "Housing law"),
        ("Trainee (Grade 5)", "Knowledge", "The allocations scheme"),
        ("Senior (Grade 7)", "Knowledge", "Case law"),
    ]


def test_long_format_headers_career_grade_and_descriptor() -> None:
    header = [
        "Ref",
        "Job Title",
        "Career Grade",
        "Progression Step",
        "Requirement Area",
        "Descriptor",
    ]
    table = T(
        [[C(0, c, P(h)) for c, h in enumerate(header)], [C(1, c, P("x")) for c in range(6)]], 6
    )
    assert long_columns(table) == {"role": 1, "grade": 2, "band": 3, "category": 4, "statement": 5}


def test_a_continuation_row_right_of_the_first_column_stays_in_the_table() -> None:
    def row(r: int, *cells: tuple[int, str]) -> GridRow:
        return GridRow(
            cells={c: GridCell(t, Provenance(sheet="S", cell=f"{r}{c}")) for c, t in cells}
        )

    rows = [
        row(0, (0, "Area"), (1, "Criteria")),
        row(1, (0, "Practical"), (1, "Shadows")),
        row(2, (1, "Keeps the log")),
        row(3, (0, "To move to Band 2: pass.")),
    ]
    blocks = grid_to_blocks(rows, 0, DEFAULT_LIMITS, sheet="S")
    assert isinstance(blocks[0], Table) and blocks[0].n_rows == 3
    assert isinstance(blocks[1], Paragraph) and blocks[1].text == "To move to Band 2: pass."
