"""The rules held-out round 4 added (ho4_sm, ho4_je), each on a small hand-built layout.

The foreign corpus checks them on whole documents; these pin each rule's edges: what it
reads and what it must leave alone.
"""

from __future__ import annotations

from dataclasses import replace

from roleframe.parsers.kinds.je_factors import factor_line, level_line, read_units
from roleframe.parsers.kinds.je_fields import FormState, grid_table, post_details
from roleframe.parsers.kinds.je_vocab import is_short_value, roman_level, word_level
from roleframe.parsers.kinds.matrix_cells import LEVEL, View, classify, level_of
from roleframe.parsers.kinds.matrix_reshape import post_tables
from roleframe.parsers.kinds.matrix_scale import (
    find_legend,
    key_block_entries,
    number_entries,
    text_entries,
)
from roleframe.parsers.kinds.matrix_search import find
from roleframe.parsers.layout import Cell, Format, Layout, Paragraph, Table
from roleframe.parsers.pdf_text import hyphen_join
from roleframe.schema import Provenance

HERE = Provenance(paragraph=0)


def _p(text: str, **kw: object) -> Paragraph:
    return Paragraph(text=text, where=HERE, **kw)


def _table(rows: list[list[str]], *, bold_first: bool = False, index: int = 0) -> Table:
    cells = [
        [
            Cell(
                row=r,
                col=c,
                where=Provenance(table=index, row=r, column=c),
                paragraphs=[_p(text, bold=bold_first and r == 0)] if text else [],
                shaded=bold_first and r == 0,
            )
            for c, text in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    return Table(index=index, where=Provenance(table=index), rows=cells, n_cols=len(rows[0]))


# ---------------------------------------------------------------------------- JE forms


def test_roman_numerals_are_levels_but_a_lone_i_only_beside_others() -> None:
    assert roman_level("IV") == 4
    assert roman_level("Level VI") == 6
    assert roman_level("V") == 5
    assert roman_level("I") is None  # a letter grade on a lettered scale
    assert roman_level("I", alone=True) == 1
    assert roman_level("iv") is None  # lower case is text, not a GLPC level
    assert roman_level("F III 3") is None  # a Hay code stays a code
    assert is_short_value("VII")


def test_a_decision_line_gives_the_level_and_its_points() -> None:
    found = level_line(_p("Panel decision – Level 5 (121 points)"))
    assert found is not None
    assert [(label, cell.text) for label, cell in found] == [
        ("Panel decision level", "5"),
        ("Panel decision points", "121"),
    ]
    only_level = level_line(_p("Manager's proposal – Level 3"))
    assert only_level is not None
    assert [(label, c.text) for label, c in only_level] == [("Manager's proposal level", "3")]
    # a sentence with a level in it names no decision: no factor line
    assert level_line(_p("The post works at level 3 most of the time")) is None


def test_details_written_across_are_paired_by_column() -> None:
    table = _table(
        [
            ["Role title", "Department", "Section", "Reports to"],
            ["Student Services Adviser", "Student Experience", "Advice Centre", "Advice Manager"],
        ],
        bold_first=True,
    )
    st = FormState()
    grid_table(table, st)
    post = post_details(st)
    assert post.job_title is not None and post.job_title.value == "Student Services Adviser"
    assert post.directorate is not None and post.directorate.value == "Student Experience"
    assert post.service is not None and post.service.value == "Advice Centre"
    assert post.reports_to is not None and post.reports_to.value == "Advice Manager"


def test_plain_label_value_rows_are_not_read_across() -> None:
    # jef05: a plain two-column table whose first value contains a field word (`Services`)
    table = _table(
        [["Role title", "Head of Digital Services"], ["Department", "Corporate Resources"]]
    )
    st = FormState()
    grid_table(table, st)
    post = post_details(st)
    assert post.job_title is not None and post.job_title.value == "Head of Digital Services"
    assert post.directorate is not None and post.directorate.value == "Corporate Resources"


def test_a_second_unit_label_is_the_service() -> None:
    table = _table([["Department", "Adults and Health"], ["Division", "Commissioning"]])
    st = FormState()
    grid_table(table, st)
    post = post_details(st)
    assert post.directorate is not None and post.directorate.value == "Adults and Health"
    assert post.service is not None and post.service.value == "Commissioning"


# ---------------------------------------------------------------------------- matrices


def test_spaced_codes_after_a_key_cue() -> None:
    entries = text_entries("Key: A Aware P Practitioner E Expert")
    assert number_entries(entries) == {
        "a": 1,
        "aware": 1,
        "p": 2,
        "practitioner": 2,
        "e": 3,
        "expert": 3,
    }
    # without a cue, or with a word no code introduces, it is no key
    assert text_entries("A Aware P Practitioner E Expert") == []
    assert text_entries("Key: see the notes A Aware P Practitioner") == []


def test_a_numbered_levels_paragraph_is_a_legend() -> None:
    entries = text_entries("2. Levels: 1 Foundation; 2 Intermediate; 3 Advanced; 4 Expert.")
    assert number_entries(entries) == {
        "foundation": 1,
        "intermediate": 2,
        "advanced": 3,
        "expert": 4,
    }


def test_level_cells_with_flags_are_no_legend() -> None:
    # `3 (E) | 1 (D) | 2 (E)`: each reads like `3 (Expert)`, but E recurs with other numbers
    layout = Layout(
        format=Format.DOCX,
        blocks=[_table([["Post", "A", "B", "C"], ["Officer", "3 (E)", "1 (D)", "2 (E)"]])],
    )
    assert find_legend(layout) == {}


def test_a_key_block_beside_the_matrix() -> None:
    table = _table(
        [
            ["Post", "Skill 1", "Skill 2", "", "RAG key", ""],
            ["Officer", "Green", "Red", "", "Red", "Awareness"],
            ["Manager", "Amber", "Green", "", "Amber", "Working knowledge"],
            ["Clerk", "Red", "", "", "Green", "Expert"],
        ]
    )
    [entries] = key_block_entries(table)
    assert number_entries(entries) == {
        "red": 1,
        "awareness": 1,
        "amber": 2,
        "working knowledge": 2,
        "green": 3,
        "expert": 3,
    }


def test_one_table_per_post_is_pivoted() -> None:
    blocks: list[Paragraph | Table] = [
        _p("Post outline: Support Worker (Band 3)", heading_level=1),
        _table(
            [["Code", "Dimension", "Level"], ["C1", "Communication", "1"], ["C2", "Quality", "1"]]
        ),
        _p("Agreed with the manager."),
        _p("Post outline: Team Lead (Band 7)", heading_level=1),
        _table(
            [
                ["Code", "Dimension", "Level"],
                ["C1", "Communication", "3"],
                ["C2", "Quality", "2"],
                ["G6", "People management", "3"],
            ],
            index=1,
        ),
    ]
    found = post_tables(blocks)
    assert found is not None
    grid, sources = found
    assert [t.index for t in sources] == [0, 1]
    assert grid.row_texts(0) == ["", "", "Communication", "Quality", "People management"]
    assert grid.row_texts(1) == ["Support Worker", "Band 3", "1", "1", ""]
    assert grid.row_texts(2) == ["Team Lead", "Band 7", "3", "2", "3"]


def test_tables_without_shared_competencies_are_not_posts() -> None:
    blocks: list[Paragraph | Table] = [
        _p("Stage 1", heading_level=1),
        _table([["Skill", "Level"], ["Typing", "1"], ["Filing", "2"]]),
        _p("Stage 2", heading_level=1),
        _table([["Skill", "Level"], ["Budgets", "3"], ["Strategy", "4"]], index=1),
    ]
    assert post_tables(blocks) is None


# ---------------------------------------------------------------------------------------------
# second batch


def test_number_words_are_levels() -> None:
    assert word_level("Level Four") == 4
    assert word_level("three") == 3
    assert word_level("Level Fourteen") is None
    assert word_level("Senior") is None


def test_level_and_points_in_one_cell() -> None:
    table = _table(
        [
            ["Factor 1 – Knowledge", ""],
            ["Panel outcome", "Level 5; 121 points"],
            ["Factor 2 – Mental Skills", ""],
            ["Panel outcome", "Level 4 (52 pts)"],
        ]
    )
    # the factor rows span the table, as a merged row does
    for r in (0, 2):
        table.rows[r] = [replace(table.rows[r][0], col_span=2)]
    units = read_units(table)
    assert units is not None
    got = [(u.name, u.values["agreed_level"].value, u.values["agreed_score"].value) for u in units]
    assert got == [("Knowledge", 5, 121), ("Mental Skills", 4, 52)]


def test_star_runs_are_levels_and_a_star_key_names_them() -> None:
    assert classify("★★★") == LEVEL and level_of("★★★", {}) == 3
    assert classify("*") != LEVEL  # a lone asterisk is a footnote mark
    entries = text_entries("How to read the stars: ★ Basic ★★ Competent ★★★ Expert.")
    assert number_entries(entries)["★★"] == 2
    assert number_entries(entries)["competent"] == 2
    assert text_entries("Use ● for done and ○ for not yet") == []


def test_a_line_broken_after_an_apostrophe_joins_its_tail() -> None:
    assert hyphen_join("Children'", "s activities") == ""
    assert hyphen_join("Parents'", "evening") == " "


def test_a_post_is_no_summary_row_of_the_rows_above() -> None:
    rows = [
        ["Job title", "Grade", "Recording", "Risk", "Capacity", "Court"],
        ["Social Worker", "Grade 9", "3", "3", "3", "1"],
        ["Occupational Therapist", "Grade 9", "3", "2", "2", "1"],
        ["Care Manager", "Grade 7", "2", "2", "2", ""],
    ]
    found = find(View(_table(rows), False))
    assert found is not None and found.summaries == [] and len(found.body) == 3
    rows[3][0] = "Staff at level 2 or above"
    found = find(View(_table(rows), False))
    assert found is not None and found.summaries == [3]


# ---------------------------------------------------------------------------------------------
# third batch


def test_a_factor_on_one_line() -> None:
    unit = factor_line(_p("Knowledge – Level 4 – 86 points"))
    assert unit is not None and unit.name == "Knowledge"
    assert unit.values["proposed_level"].value == 4
    assert unit.values["proposed_score"].value == 86
    # a decision line names whose decision it is, not a factor
    assert factor_line(_p("Panel decision – Level 5 (121 points)")) is None
    assert factor_line(_p("Knowledge is the main factor in this post")) is None


def test_names_wrapped_onto_two_header_rows() -> None:
    rows = [
        ["", "", "Manual", "Vehicle", "Route", "Customer"],
        ["Post", "Grade", "handling", "checks", "planning", "contact"],
        ["Waste Operative", "Grade 2", "2", "1", "", "1"],
        ["Driver", "Grade 3", "2", "3", "1", "1"],
        ["Crew Supervisor", "Grade 5", "3", "3", "2", "2"],
    ]
    found = find(View(_table(rows), False))
    assert found is not None
    assert [found.name(c) for c in found.levels] == [
        "Manual handling",
        "Vehicle checks",
        "Route planning",
        "Customer contact",
    ]
    # a row of codes over the names stays apart (ho_sm04: `C1 | Communication`)
    rows[0] = ["", "", "C1", "C2", "C3", "C4"]
    found = find(View(_table(rows), False))
    assert found is not None and found.name(found.levels[0]) == "handling"
