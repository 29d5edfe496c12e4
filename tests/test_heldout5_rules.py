"""The rules held-out round 5 added (ho5_sm, ho5_je), each on a small hand-built layout.

The foreign corpus checks them on whole documents; these pin each rule's edges: what it
reads and what it must leave alone.
"""

from __future__ import annotations

from roleframe.parsers.kinds.je_factors import Unit, read_units
from roleframe.parsers.kinds.je_form import extract
from roleframe.parsers.kinds.matrix_scale import number_entries, text_entries
from roleframe.parsers.kinds.skills_matrix import extract as extract_matrix
from roleframe.parsers.layout import Cell, Format, Layout, Paragraph, Table
from roleframe.schema import IssueCode, Provenance
from roleframe.schema.je_form import JEForm
from roleframe.schema.skills_matrix import SkillsMatrix

HERE = Provenance(paragraph=0)


def _table(rows: list[list[str]]) -> Table:
    cells = [
        [
            Cell(
                row=r,
                col=c,
                where=Provenance(table=0, row=r, column=c),
                paragraphs=[Paragraph(text=text, where=HERE)] if text else [],
            )
            for c, text in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    return Table(index=0, where=Provenance(table=0), rows=cells, n_cols=len(rows[0]))


# ---------------------------------------------------------------------------- matrices


def test_abbreviations_with_their_words_in_brackets_are_a_legend() -> None:
    text = "Levels in the grid: Fdn (Foundation), Int (Intermediate), Adv (Advanced)."
    assert number_entries(text_entries(text)) == {
        "fdn": 1,
        "foundation": 1,
        "int": 2,
        "intermediate": 2,
        "adv": 3,
        "advanced": 3,
    }


def test_bracketed_expansions_in_prose_are_no_legend() -> None:
    # abbreviations of words that are no scale words
    assert text_entries("Ask HR (Human Resources) or IT (Information Technology).") == []
    # a code that does not abbreviate its word
    assert text_entries("Xy (Foundation), Zq (Advanced)") == []
    # one pair alone is no scale
    assert text_entries("Adv (Advanced) courses run in spring.") == []


# ---------------------------------------------------------------------------- JE forms


def _level_of(units: list[Unit], slot: str) -> str | None:
    value = units[0].values.get(slot)
    return value.raw if value is not None else None


def test_a_row_of_label_value_pairs_after_a_caption_is_one_unit() -> None:
    units = read_units(_table([["For panel use", "Level awarded", "4", "Points", "78"]]))
    assert units is not None and len(units) == 1
    assert _level_of(units, "agreed_level") == "4"
    assert _level_of(units, "agreed_score") == "78"


def test_a_pairs_row_needs_every_cell_to_be_a_label_or_its_value() -> None:
    # a value with no label before it
    assert read_units(_table([["4", "Level awarded", "5"]])) is None
    # a sentence where a value should be
    assert read_units(_table([["Level awarded", "the panel could not agree"]])) is None
    # a row of ordinary details is no unit
    assert read_units(_table([["Job title", "Clerk", "Grade", "3"]])) is None


def test_an_answer_over_a_pairs_row_is_the_units_evidence() -> None:
    table = _table(
        [
            ["The postholder explains decisions to residents every day.", "", "", "", ""],
            ["For panel use", "Level awarded", "4", "Points", "78"],
        ]
    )
    units = read_units(table)
    assert units is not None and len(units) == 1
    assert _level_of(units, "agreed_level") == "4"
    assert [s.text for s in units[0].evidence] == [
        "The postholder explains decisions to residents every day."
    ]


def _je(rows: list[list[str]]) -> tuple[JEForm, list[IssueCode]]:
    extraction = extract(Layout(format=Format.DOCX, blocks=[_table(rows)]))
    assert isinstance(extraction.content, JEForm)
    return extraction.content, [w.code for w in extraction.warnings]


_FACTORS = ["Knowledge", "Mental Skills", "Physical Skills", "Working Conditions"]


def test_a_results_table_of_several_posts_is_no_factor_list() -> None:
    je, codes = _je(
        [
            ["Post", *_FACTORS, "Total points", "Grade"],
            ["Housing Officer", "4", "3", "2", "2", "398", "Grade 6"],
            ["Lettings Assistant", "3", "2", "2", "1", "276", "Grade 4"],
        ]
    )
    assert je.factors == []  # the posts are not factors
    assert IssueCode.AMBIGUOUS_LAYOUT in codes


def test_one_posts_stages_down_with_the_factors_across_are_still_read() -> None:
    je, codes = _je(
        [
            ["Factor", *_FACTORS],
            ["Manager's level", "4", "3", "2", "2"],
            ["Panel level", "4", "3", "2", "1"],
        ]
    )
    assert [f.name for f in je.factors] == _FACTORS
    assert IssueCode.AMBIGUOUS_LAYOUT not in codes


def test_a_numbered_question_row_names_a_unit_and_its_answer_is_evidence() -> None:
    units = read_units(
        _table(
            [
                ["Q2", "Mental Skills", ""],
                ["", "Diagnoses faults on heating systems and plans the day's jobs.", ""],
                ["", "Level awarded", "3"],
                ["", "Points awarded", "52"],
            ]
        )
    )
    assert units is not None and [(u.name, u.number) for u in units] == [("Mental Skills", 2)]
    assert _level_of(units, "agreed_level") == "3"
    assert [s.text for s in units[0].evidence] == [
        "Diagnoses faults on heating systems and plans the day's jobs."
    ]
    # a bare number is no question number: `2 | Mental Skills` stays for the factor tables
    assert read_units(_table([["2", "Mental Skills"], ["Level awarded", "3"]])) is None


def _matrix_roles(rows: list[list[str]]) -> list[tuple[str, str | None, str | None]]:
    content = extract_matrix(Layout(format=Format.CSV, blocks=[_table(rows)])).content
    assert isinstance(content, SkillsMatrix)
    return [(r.title, r.grade, r.group) for r in content.roles]


_SKILLS = ["Court work", "Direct work", "Case recording", "Safeguarding"]


def test_a_plain_row_holding_only_a_name_groups_the_graded_posts_under_it() -> None:
    rows = [
        ["Post", "Band", *_SKILLS],
        ["Assessment", "", "", "", "", ""],
        ["Social Worker", "Band 9", "3", "3", "2", "3"],
        ["Family Support Worker", "Band 6", "", "2", "2", "2"],
        ["Children in Care", "", "", "", "", ""],
        ["Personal Adviser", "Band 7", "1", "2", "2", "2"],
        ["Business Support Officer", "Band 4", "", "", "", ""],  # no levels: still a post
    ]
    assert _matrix_roles(rows) == [
        ("Social Worker", "Band 9", "Assessment"),
        ("Family Support Worker", "Band 6", "Assessment"),
        ("Personal Adviser", "Band 7", "Children in Care"),
        ("Business Support Officer", "Band 4", "Children in Care"),
    ]


def test_an_ungraded_row_is_a_post_when_other_posts_lack_grades_too() -> None:
    rows = [
        ["Post", "Band", *_SKILLS],
        ["Social Worker", "Band 9", "3", "3", "2", "3"],
        ["Family Support Worker", "", "2", "2", "1", "2"],
        ["Student Social Worker", "", "", "", "", ""],
        ["Personal Adviser", "Band 7", "1", "2", "2", "2"],
    ]
    assert [title for title, _, _ in _matrix_roles(rows)] == [
        "Social Worker",
        "Family Support Worker",
        "Student Social Worker",
        "Personal Adviser",
    ]


def test_a_grade_column_after_the_competencies_is_the_posts_grade() -> None:
    rows = [
        ["Job title", *_SKILLS, "Grade"],
        ["Highway Inspector", "3", "2", "2", "1", "G7"],
        ["Drainage Engineer", "2", "1", "3", "3", "G10"],
        ["Area Manager", "3", "3", "3", "3", "G12"],
    ]
    assert [(t, g) for t, g, _ in _matrix_roles(rows)] == [
        ("Highway Inspector", "G7"),
        ("Drainage Engineer", "G10"),
        ("Area Manager", "G12"),
    ]


def _two_tables(second: list[list[str]]) -> tuple[JEForm, list[IssueCode]]:
    first = _table(
        [
            ["Factor", "Proposed level", "Points"],
            ["Knowledge", "5", "121"],
            ["Mental Skills", "4", "78"],
        ]
    )
    rest = _table(second)
    rest.index = 1
    extraction = extract(Layout(format=Format.DOCX, blocks=[first, rest]))
    assert isinstance(extraction.content, JEForm)
    return extraction.content, [w.code for w in extraction.warnings]


def test_a_headerless_table_after_a_factor_table_continues_it() -> None:
    je, _ = _two_tables([["Physical Skills", "2", "26"], ["Working Conditions", "1", "10"]])
    assert [(f.name, f.proposed_level and f.proposed_level.value) for f in je.factors] == [
        ("Knowledge", 5),
        ("Mental Skills", 4),
        ("Physical Skills", 2),
        ("Working Conditions", 1),
    ]


def test_a_table_of_another_width_or_of_details_continues_nothing() -> None:
    je, _ = _two_tables([["Physical Skills", "2"], ["Working Conditions", "1"]])
    assert [f.name for f in je.factors] == ["Knowledge", "Mental Skills"]
    je, _ = _two_tables([["Signed", "", ""], ["Date", "", ""]])
    assert [f.name for f in je.factors] == ["Knowledge", "Mental Skills"]
