"""Skills-matrix shapes of held-out round 6 on hand-built layouts: a Required row and a
Current row per post, the matrix nested in a one-column layout table, a level per
bold-lead paragraph with its description after a colon."""

from __future__ import annotations

from dataclasses import replace

from roleframe.parsers.kinds import skills_matrix
from roleframe.parsers.kinds.matrix_reshape import stage_rows
from roleframe.parsers.kinds.matrix_scale import find_legend
from roleframe.parsers.layout import Table
from roleframe.schema import Provenance
from roleframe.schema.skills_matrix import SkillsMatrix
from tests.matrix_layouts import COMPETENCIES, layout, para, table

STAGED = [
    ["Post", "Grade", "", *COMPETENCIES],
    ["Finance Officer", "G5", "Required", "2", "1", "", "1"],
    ["", "", "Current", "1", "1", "", "2"],
    ["Finance Manager", "G8", "Required", "3", "3", "1", "2"],
    ["", "", "Current", "3", "2", "1", "2"],
    ["Finance Assistant", "G3", "Required", "1", "", "", "1"],
    ["", "", "Current", "1", "", "", "1"],
]


def _merged_down(rows: list[list[str]], columns: tuple[int, ...]) -> Table:
    """The table with each post's title and grade merged down over its Current row."""
    t = table(rows)
    for r in range(1, len(rows), 2):
        t.rows[r] = [replace(c, row_span=2) if c.col in columns else c for c in t.rows[r]]
        t.rows[r + 1] = [c for c in t.rows[r + 1] if c.col not in columns]
    return t


def test_required_and_current_rows_become_a_pair_of_columns_per_competency() -> None:
    t = _merged_down(STAGED, (0, 1))
    grid = stage_rows(t)
    assert grid is not None
    assert grid.n_cols == 2 + 2 * len(COMPETENCIES)
    assert grid.row_texts(1)[2:6] == ["Required", "Current", "Required", "Current"]
    assert grid.row_texts(2)[:6] == ["Finance Officer", "G5", "2", "1", "1", "1"]
    # the current level keeps where it sits in the file
    current = next(c for c in grid.rows[2] if c.col == 3)
    assert current.where == Provenance(table=0, row=2, column=3)


def test_the_matrix_reads_required_levels_and_current_levels_per_post() -> None:
    m = skills_matrix.extract(layout(_merged_down(STAGED, (0, 1)))).content
    assert isinstance(m, SkillsMatrix)
    assert [(r.title, r.grade) for r in m.roles] == [
        ("Finance Officer", "G5"),
        ("Finance Manager", "G8"),
        ("Finance Assistant", "G3"),
    ]
    assert [(q.role, q.competency, q.level) for q in m.requirements if q.raw][:3] == [
        ("Finance Officer", "Budgeting", 2),
        ("Finance Officer", "Procurement", 1),
        ("Finance Officer", "Data protection", 1),
    ]
    assert [(c.role, c.competency, c.level) for c in m.current_levels if c.raw][:3] == [
        ("Finance Officer", "Budgeting", 1),
        ("Finance Officer", "Procurement", 1),
        ("Finance Officer", "Data protection", 2),
    ]


def test_rows_the_stage_column_does_not_explain_leave_the_table_alone() -> None:
    rows = [*STAGED, ["Finance Director", "G12", "", "4", "4", "3", "3"]]
    assert stage_rows(_merged_down(rows[:-1], (0, 1))) is not None
    assert stage_rows(table(rows)) is None


def test_a_matrix_nested_in_a_one_column_layout_table_is_found() -> None:
    inner = table(
        [
            ["Post", "Grade", *COMPETENCIES],
            ["Finance Officer", "5", "2", "1", "0", "1"],
            ["Finance Manager", "8", "3", "3", "1", "2"],
            ["Finance Assistant", "3", "1", "0", "0", "1"],
        ],
        index=1,
    )
    outer = table([["Finance team – skills matrix"], [""]])
    host = outer.rows[1][0]
    outer.rows[1][0] = replace(host, tables=[inner])
    doc = layout(outer)
    assert skills_matrix.score(doc) >= 0.8
    m = skills_matrix.extract(doc).content
    assert isinstance(m, SkillsMatrix)
    assert [r.title for r in m.roles] == ["Finance Officer", "Finance Manager", "Finance Assistant"]
    assert m.where["matrix"] == Provenance(table=1)


def test_a_level_per_paragraph_with_its_description_after_a_colon() -> None:
    lines = [
        "Skills are rated on four levels:",
        "Level 1 – Aware: knows the task exists.",
        "Level 2 – Practised: does the task unsupervised.",
        "Level 3 – Skilled: handles exceptions and shows others how.",
        "Level 4 – Lead: sets the standard.",
    ]
    legend = find_legend(layout(*(para(t) for t in lines)))
    assert legend == {"aware": 1, "practised": 2, "skilled": 3, "lead": 4}


def test_one_numbered_line_with_a_description_is_no_legend() -> None:
    legend = find_legend(layout(para("Section 2 – Review: the matrix is reviewed yearly.")))
    assert legend == {}


def test_a_paged_printout_continues_under_its_repeated_page_lines_and_header() -> None:
    """A report saved as CSV repeats its page lines and the column headings per page."""
    head = ["Post", "Grade", *COMPETENCIES]
    page_1 = table(
        [
            head,
            ["Finance Officer", "5", "2", "1", "", "1"],
            ["Finance Manager", "8", "3", "3", "1", "2"],
            ["Finance Assistant", "3", "1", "", "", "1"],
        ]
    )
    page_2 = table(
        [
            ["SKR02 Skills by post", "", "", "", "", "Page 2 of 2"],
            ["Run date: 01/12/2026", "", "", "", "", ""],
            head,
            ["Payroll Officer", "5", "1", "1", "2", "3"],
        ],
        index=1,
    )
    m = skills_matrix.extract(layout(page_1, para("Page 1 of 2"), page_2)).content
    assert isinstance(m, SkillsMatrix)
    assert [r.title for r in m.roles] == [
        "Finance Officer",
        "Finance Manager",
        "Finance Assistant",
        "Payroll Officer",
    ]


def test_header_codes_take_the_names_a_code_table_spells_out() -> None:
    codes = ["HO1", "HO2", "HO3", "HO4"]
    matrix = table(
        [
            ["Post", "Grade", *codes],
            ["Housing Officer", "5", "2", "1", "3", "3"],
            ["Housing Manager", "8", "3", "3", "1", "2"],
            ["Allocations Officer", "4", "1", "4", "2", "4"],
        ]
    )
    glossary = table(
        [
            ["Code", "Competency"],
            ["HO1", "Homelessness prevention"],
            ["HO2", "Housing allocations"],
            ["HO3", "Temporary accommodation"],
            ["HO4", "Housing law"],
        ],
        index=1,
    )
    m = skills_matrix.extract(layout(matrix, glossary)).content
    assert isinstance(m, SkillsMatrix)
    assert [(c.name, c.resolved_name) for c in m.competencies] == [
        ("HO1", "Homelessness prevention"),
        ("HO2", "Housing allocations"),
        ("HO3", "Temporary accommodation"),
        ("HO4", "Housing law"),
    ]
    assert m.descriptors == []  # the code table is no descriptor table


def test_a_code_table_that_misses_a_code_resolves_nothing() -> None:
    matrix = table(
        [
            ["Post", "Grade", "HO1", "HO2", "HO3"],
            ["Housing Officer", "5", "2", "1", "3"],
            ["Housing Manager", "8", "3", "3", "1"],
            ["Allocations Officer", "4", "1", "4", "2"],
        ]
    )
    glossary = table([["HO1", "Homelessness prevention"], ["HO2", "Allocations"]], index=1)
    m = skills_matrix.extract(layout(matrix, glossary)).content
    assert isinstance(m, SkillsMatrix)
    assert all(c.resolved_name is None for c in m.competencies)
