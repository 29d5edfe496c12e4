"""JE factor rules on hand-built layouts: numbering columns, proposed vs agreed, points,
summaries that repeat factors, totals and sign-off rows, tick and letter levels, factors as
headings over small tables. Issue 9's JE layouts, each as the smallest layout showing it."""

from __future__ import annotations

from pathlib import Path

import pytest
from word_layouts import lab, layout, para, table, val

from roleframe.ingest.build import detect_kind, read_layout
from roleframe.parsers.kinds import je_form, skills_matrix
from roleframe.parsers.kinds.je_vocab import is_scheme_factor, short_form_of, split_numbering
from roleframe.schema import DocumentKind
from roleframe.schema.je_form import Factor, JEForm

FOREIGN = Path(__file__).resolve().parent / "fixtures" / "foreign" / "je_form"


def _form(*blocks) -> JEForm:
    content = je_form.extract(layout(*blocks)).content
    assert isinstance(content, JEForm)
    return content


def _final(f: Factor) -> int | str | None:
    for lv in (f.agreed_level, f.proposed_level):
        if lv is not None and (lv.value is not None or lv.code is not None):
            return lv.value if lv.value is not None else lv.code
    return None


def _points(f: Factor) -> int | None:
    for p in (f.agreed_score, f.proposed_score):
        if p is not None and p.value is not None:
            return p.value
    return None


def _row(*cells: str) -> list[dict]:
    return [val(c) for c in cells]


def test_no_column_before_the_factor_is_its_number_not_its_name() -> None:
    grid = table(
        0,
        [
            [lab("No."), lab("Factor"), lab("Proposed level"), lab("Agreed level"),
             lab("Points"), lab("Justification")],
            _row("1", "Knowledge and Skills Required by the Job", "5", "6", "132", "Chartered."),
            _row("2", "Thinking, Planning and Problem Solving", "4", "", "", "Plans work."),
        ],
    )  # fmt: skip
    form = _form(grid)
    assert [(f.name, f.number) for f in form.factors] == [
        ("Knowledge and Skills Required by the Job", 1),
        ("Thinking, Planning and Problem Solving", 2),
    ]
    # the agreed level is final; without one the proposal stands
    assert [_final(f) for f in form.factors] == [6, 4]
    # a lone Points column right of the agreed level holds the agreed level's points
    first = form.factors[0]
    assert first.agreed_score is not None and first.agreed_score.value == 132
    assert first.proposed_score is None
    assert [s.text for s in first.evidence] == ["Chartered."]


def test_points_beside_a_lone_level_are_the_proposal_points() -> None:
    grid = table(0, [[lab("Factor"), lab("Level"), lab("Points")], _row("Knowledge", "4", "80")])
    (f,) = _form(grid).factors
    assert (f.proposed_level.value, f.proposed_score.value) == (4, 80)
    assert f.agreed_level is None and f.agreed_score is None


def test_whose_decision_a_column_holds_comes_from_its_own_words_then_its_group() -> None:
    grid = table(
        0,
        [
            [lab("Factor"), lab("Benchmark post", 2), lab("This post", 4)],
            [lab(""), lab("Level"), lab("Points"), lab("Manager's level"), lab("Points"),
             lab("Panel level"), lab("Points")],
            _row("Resources", "2", "16", "3", "24", "2", "16"),
        ],
    )  # fmt: skip
    (f,) = _form(grid).factors
    assert (f.comparator_level.value, f.comparator_score.value) == (2, 16)
    assert (f.proposed_level.value, f.proposed_score.value) == (3, 24)
    assert (f.agreed_level.value, f.agreed_score.value) == (2, 16)


def test_a_summary_repeating_the_factors_under_short_names_adds_none_twice() -> None:
    main = table(
        0,
        [
            [lab("Factor"), lab("Proposed"), lab("Agreed"), lab("Points")],
            _row("Knowledge and Skills Required by the Job", "5", "", ""),
            _row("Responsibility for Supervising and Managing People", "3", "3", "36"),
            _row("Physical Effort Required by the Job", "3", "2", "18"),
        ],
    )
    summary = table(
        1,
        [
            [lab("Factor"), lab("Agreed"), lab("Points")],
            _row("Knowledge", "6", "132"),
            _row("Supervising", "3", "36"),
            _row("Physical effort", "2", "18"),
        ],
    )
    form = _form(main, summary)
    assert [f.name for f in form.factors] == [
        "Knowledge and Skills Required by the Job",
        "Responsibility for Supervising and Managing People",
        "Physical Effort Required by the Job",
    ]
    # the summary fills what the factor lacked, and changes nothing it had
    assert [_final(f) for f in form.factors] == [6, 3, 2]
    assert [_points(f) for f in form.factors] == [132, 36, 18]
    assert [n.name for n in je_form.extract(layout(main, summary)).names] == [
        f.name for f in form.factors
    ]


def test_a_summary_matches_by_number_and_position_when_names_differ() -> None:
    units = [
        para("Factor 1 – Supervision and Management of People", heading=2),
        table(0, [[lab("Level proposed"), val("3")], [lab("Level agreed"), val("4")]]),
        para("Factor 2 – Decisions – Discretion", heading=2),
        table(1, [[lab("Level proposed"), val("4")], [lab("Level agreed"), val("4")]]),
    ]
    summary = table(
        2,
        [
            [lab("No."), lab("Factor"), lab("Level"), lab("Points")],
            _row("1", "Supervisory duties", "4", "48"),
            _row("2", "Judgement", "4", "52"),
        ],
    )
    form = _form(*units, summary)
    assert [(f.name, f.number, _final(f), _points(f)) for f in form.factors] == [
        ("Supervision and Management of People", 1, 4, 48),
        ("Decisions – Discretion", 2, 4, 52),
    ]


def test_a_second_table_of_other_factors_is_not_a_summary() -> None:
    first = table(
        0, [[lab("Factor"), lab("Level")], _row("Knowledge", "4"), _row("Mental Skills", "3")]
    )
    second = table(
        1,
        [
            [lab("Factor"), lab("Level")],
            _row("Physical Skills", "2"),
            _row("Working Conditions", "1"),
        ],
    )
    assert [f.name for f in _form(first, second).factors] == [
        "Knowledge",
        "Mental Skills",
        "Physical Skills",
        "Working Conditions",
    ]


def test_total_grade_and_signature_rows_are_not_factors() -> None:
    grid = table(
        0,
        [
            [lab("Factor"), lab("Proposed"), lab("Agreed"), lab("Points")],
            _row("Knowledge", "4", "4", "80"),
            _row("Total points", "", "", "80"),
            _row("Resulting grade", "", "", "PO3"),
            _row("Signed", "A. Evaluator", "", ""),
        ],
    )
    sign = table(
        1,
        [
            [lab(""), lab("Name"), lab("Signature"), lab("Date")],
            _row("Evaluated by", "Ola Brennan", "O. Brennan", "03/03/2025"),
        ],
    )
    form = _form(grid, sign)
    assert [f.name for f in form.factors] == ["Knowledge"]
    assert (form.total_score.value, form.je_grade.value) == ("80", "PO3")


def test_the_ticked_level_column_is_the_level() -> None:
    boxes = ["☐", "☐", "☒", "☐"]
    grid = table(
        0,
        [
            [lab("Factor"), lab("Level proposed (tick one)", 4)],
            [lab(""), lab("1"), lab("2"), lab("3"), lab("4")],
            [val("Contacts and relationships"), *(val(b) for b in boxes)],
            [val("Work demands"), val("☒"), val("☐"), val("☐"), val("☐")],
        ],
    )
    form = _form(grid)
    assert [(f.name, _final(f)) for f in form.factors] == [
        ("Contacts and relationships", 3),
        ("Work demands", 1),
    ]


def test_letter_levels_keep_their_letter() -> None:
    grid = table(
        0,
        [
            [lab("Element"), lab("Proposed"), lab("Agreed"), lab("Points")],
            _row("Freedom to act", "E", "F*", "115"),
        ],
    )
    (f,) = _form(grid).factors
    assert (f.proposed_level.code, f.agreed_level.code, f.agreed_level.raw) == ("E", "F", "F*")
    assert f.agreed_level.value is None and f.agreed_score.value == 115


def test_a_heading_over_a_small_table_across_is_a_factor_with_its_evidence() -> None:
    form = _form(
        para("Factor assessments", heading=1),
        para("Knowledge", heading=2),
        table(0, [[lab("Proposed"), lab("Agreed"), lab("Points")], _row("5", "5", "121")]),
        para("Evidence", bold=True),
        para("Degree-level understanding of the law."),
        para("Mental Skills", heading=2),
        table(1, [[lab("Proposed"), lab("Agreed"), lab("Points")], _row("4", "3", "61")]),
        para("Weighs competing policies.", bullet="•"),
    )
    assert [(f.name, _final(f), _points(f)) for f in form.factors] == [
        ("Knowledge", 5, 121),
        ("Mental Skills", 3, 61),
    ]
    assert [[s.text for s in f.evidence] for f in form.factors] == [
        ["Degree-level understanding of the law."],
        ["Weighs competing policies."],
    ]
    assert all(s.text != "Evidence" for s in form.instructions)


def test_merged_rows_name_the_factors_of_a_labelled_table_down() -> None:
    """A PDF may join two factors' tables into one: each merged row starts a factor."""
    rows = []
    for n, (name, claimed, awarded, points) in enumerate(
        [("Initiative and Independence", "3", "2", "32"), ("Physical Demands", "2", "2", "20")],
        start=5,
    ):
        rows += [
            [lab(f"Factor {n}: {name}", 2)],
            [lab("Level claimed"), val(claimed)],
            [lab("Level awarded"), val(awarded)],
            [lab("Points"), val(points)],
            [lab("Supporting information"), val("Works alone on evening shifts.")],
        ]
    form = _form(table(0, rows))
    assert [(f.name, f.number, _final(f), _points(f)) for f in form.factors] == [
        ("Initiative and Independence", 5, 2, 32),
        ("Physical Demands", 6, 2, 20),
    ]
    assert form.factors[0].proposed_level.value == 3
    assert [s.text for s in form.factors[1].evidence] == ["Works alone on evening shifts."]


def test_a_label_stacked_over_its_value_in_one_cell() -> None:
    """LibreOffice's PDF of a two-row table split by a page: one row, `Label` / `value`."""
    stacked = table(0, [[val(paras=["Proposed", "4"]), val(paras=["Agreed", "4"]),
                         val(paras=["Points", "78"])]])  # fmt: skip
    (f,) = _form(para("Initiative and Independence", heading=2), stacked).factors
    assert (f.name, _final(f), _points(f)) == ("Initiative and Independence", 4, 78)


def test_a_labelled_table_of_post_details_is_no_factor() -> None:
    details = table(0, [[lab("Job title"), val("Payroll Officer")], [lab("Grade"), val("6")]])
    totals = table(1, [[lab("Total points"), val("391")], [lab("Grade"), val("10")]])
    assert _form(para("Post details", heading=2), details, totals).factors == []


@pytest.mark.parametrize(
    "written,name,number",
    [
        ("Factor 3: Interpersonal Skills", "Interpersonal Skills", 3),
        ("Factor 4 – Decisions – Discretion", "Decisions – Discretion", 4),
        ("1. Knowledge", "Knowledge", 1),
        ("F2: Mental skills", "Mental skills", 2),
        ("Decisions – consequences", "Decisions – consequences", None),
        ("3D modelling", "3D modelling", None),
    ],
)  # fmt: skip
def test_numbering_is_not_part_of_a_factor_name(
    written: str, name: str, number: int | None
) -> None:
    assert split_numbering(written) == (name, number)


def test_short_forms_and_scheme_vocabulary() -> None:
    assert short_form_of("Supervising", "Responsibility for Supervising and Managing People")
    assert short_form_of("Mental and emotional demands", "Mental and Emotional Demands of the Job")
    assert not short_form_of("Physical Skills", "Physical Demands")
    assert is_scheme_factor("Knowledge and Skills Required by the Job")
    assert is_scheme_factor("Responsibility for Physical and Information Resources")
    assert not is_scheme_factor("Customer focus")


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
@pytest.mark.parametrize(
    "stem",
    [
        "jef01_factor_headings_summary",
        "jef02_numbered_long_names",
        "jef09_numbered_headings_vertical",
    ],
)
def test_je_record_with_a_summary_table_beats_its_skills_matrix_reading(
    stem: str, suffix: str
) -> None:
    """Issue 9: a summary of factors x levels reads as a transposed matrix; with factor cues
    present the JE form must win, by a visible margin."""
    lay = read_layout((FOREIGN / f"{stem}{suffix}").read_bytes())
    guess = detect_kind(lay)
    assert guess.kind == DocumentKind.JE_FORM
    assert je_form.score(lay) - skills_matrix.score(lay) >= 0.1, guess.scores


def test_kind_cues_combine_so_one_missing_cue_lowers_the_score() -> None:
    grid = table(
        0,
        [
            [lab("Factor"), lab("Proposed"), lab("Agreed"), lab("Points")],
            _row("Knowledge", "4", "4", "80"),
            _row("Mental Skills", "3", "3", "48"),
            _row("Working Conditions", "1", "1", "10"),
            _row("Total", "", "", "138"),
        ],
    )
    full = je_form.score(layout(para("Job evaluation record", heading=0), grid))
    no_words = je_form.score(layout(grid))
    no_structure = je_form.score(layout(para("Job evaluation record", heading=0)))
    assert full > no_words >= 0.5
    assert 0 < no_structure < 0.3


def test_a_stage_column_says_whose_level_each_row_holds() -> None:
    """A factor's name merged down over a `Manager` row and a `Panel` row (jef18)."""
    rows = [[lab("Factor"), lab("Stage"), lab("Level"), lab("Points")]]
    grid = table(0, rows)
    for r, (name, stage, level, points) in enumerate(
        [("Knowledge", "Manager", "5", "121"), ("", "Panel", "6", "161")], start=1
    ):
        grid.rows.append(table(0, [_row(name, stage, level, points)]).rows[0])
        for cell in grid.rows[-1]:
            cell.row = r
    grid.rows[1][0].row_span = 2  # the name merged down over both stages
    grid.rows[2] = grid.rows[2][1:]
    (f,) = _form(grid).factors
    assert (f.proposed_level.value, f.proposed_score.value) == (5, 121)
    assert (f.agreed_level.value, f.agreed_score.value) == (6, 161)


def test_level_lines_under_a_factor_heading_are_its_levels() -> None:
    form = _form(
        para("Evaluation report", heading=1),
        para("1. Knowledge", heading=2),
        para("Level proposed: 3"),
        para("Level agreed: 4"),
        para("Points: 64"),
        para("Knows the council's services."),
        para("2. Mental Skills", heading=2),
        para("Level proposed: 2"),
        para("Points: 26"),
    )
    assert [(f.name, f.number, _final(f), _points(f)) for f in form.factors] == [
        ("Knowledge", 1, 4, 64),
        ("Mental Skills", 2, 2, 26),
    ]
    assert [s.text for s in form.factors[0].evidence] == ["Knows the council's services."]


def test_factors_written_across_a_factor_row() -> None:
    grid = table(
        0,
        [
            _row("Factor", "Knowledge", "Mental Skills", "Physical Skills"),
            _row("Proposed level", "2", "1", "3"),
            _row("Agreed level", "2", "2", "3"),
            _row("Points", "40", "26", "39"),
        ],
    )
    form = _form(grid)
    assert [(f.name, _final(f), _points(f)) for f in form.factors] == [
        ("Knowledge", 2, 40),
        ("Mental Skills", 2, 26),
        ("Physical Skills", 3, 39),
    ]


def test_a_matrix_across_roles_is_no_factor_table() -> None:
    """`Housing Manager` names a role, not the manager's proposed level: weak cue words
    (manager, current, final) only count beside a level word."""
    matrix = table(
        0,
        [
            [lab("Competency"), lab("Housing Manager"), lab("Housing Officer"), lab("Assistant")],
            _row("Communication", "4", "3", "2"),
            _row("Problem solving", "4", "3", "2"),
            _row("Knowledge", "4", "3", "1"),
        ],
    )
    assert _form(matrix).factors == []
    assert je_form.score(layout(matrix)) < 0.3


def test_abbreviated_headers_footnotes_and_group_rows() -> None:
    grid = table(
        0,
        [
            [lab("Element of job"), lab("Mgr lvl"), lab("Panel lvl"), lab("Pts")],
            [val("Skills and knowledge", 4)],
            _row("Mental Skills", "4", "3", "48"),
            _row("Emotional Demands²", "3", "3", "30"),
        ],
    )
    form = _form(grid)
    assert [(f.name, _final(f), _points(f)) for f in form.factors] == [
        ("Mental Skills", 3, 48),
        ("Emotional Demands", 3, 30),
    ]
    assert form.factors[0].proposed_level.value == 4


def test_a_bare_post_label_is_the_job_title() -> None:
    details = table(
        0, [[lab("Post"), val("Customer Services Adviser")], [lab("Post no."), val("CS1")]]
    )
    form = _form(details)
    assert form.post.job_title.value == "Customer Services Adviser"
    assert form.post.position_no.value == "CS1"


def test_a_definition_under_the_bold_name_is_not_part_of_the_name() -> None:
    name_cell = val(paras=[para("Knowledge", bold=True), para("The knowledge the job needs.")])
    wrapped = val(paras=["Responsibility for Physical and", "Information Resources"])
    grid = table(
        0,
        [
            [lab(""), lab("Level claimed"), lab("Level agreed"), lab("Points")],
            [name_cell, val("5"), val("5"), val("121")],
            [wrapped, val("3"), val("3"), val("39")],
        ],
    )
    first, second = _form(grid).factors
    assert first.name == "Knowledge"
    assert [s.text for s in first.definition] == ["The knowledge the job needs."]
    assert second.name == "Responsibility for Physical and Information Resources"
    assert second.definition == []


def test_nested_tables_are_read_where_they_sit_in_the_outer_table() -> None:
    """jef17: a form boxed in one outer table; the grade line after the nested factor
    table is the form's grade, not a post detail."""
    factors = table(
        1,
        [[lab("Factor"), lab("Proposed"), lab("Agreed"), lab("Points")],
         _row("Resources", "1", "1", "8"), _row("Total", "", "", "8")],
    )  # fmt: skip
    outer = table(0, [[val("JOB EVALUATION SUBMISSION")], [val("")], _row("Resulting grade: 7")])
    outer.rows[1][0].tables.append(factors)
    form = _form(outer)
    assert [f.name for f in form.factors] == ["Resources"]
    assert (form.total_score.value, form.je_grade.value) == ("8", "7")


def test_a_current_post_heading_makes_its_lone_levels_the_comparator() -> None:
    current = table(0, [[lab("Factor"), lab("Level")], _row("Knowledge", "3")])
    proposed = table(
        1,
        [[lab("Factor"), lab("Proposed level"), lab("Agreed level")], _row("Knowledge", "4", "4")],
    )
    (f,) = _form(para("Re-evaluation request", heading=1),
                 para("Current post (existing evaluation)", heading=2), current,
                 para("Proposed post", heading=2), proposed).factors  # fmt: skip
    assert [lv.value for lv in (f.comparator_level, f.proposed_level, f.agreed_level)] == [3, 4, 4]


def test_plain_label_pairs_two_to_a_row() -> None:
    """No bold, shading or colon: `Job title | X | Directorate | Y` rows still pair up."""
    details = table(
        0,
        [
            _row("Job title", "Fleet Supervisor", "Directorate", "Environment"),
            _row("Service", "Fleet and Transport", "Reports to", "Fleet Manager"),
        ],
    )
    post = _form(details).post
    assert (post.job_title.value, post.directorate.value) == ("Fleet Supervisor", "Environment")
    assert (post.service.value, post.reports_to.value) == ("Fleet and Transport", "Fleet Manager")


def test_a_factor_table_read_across_with_the_totals_joined_below() -> None:
    """jef20's PDF: the totals table drawn flush under the last factor's table reads as
    its last rows; read across, `Total points` and `Grade` head result columns."""
    rows = [
        ("Factor", "Working environment"),
        ("Proposed level", "4"),
        ("Agreed level", "4"),
        ("Points", "28"),
        ("Comments", "Noise and fumes."),
        ("Total points", "248"),
        ("Grade", "8"),
    ]
    form = _form(table(0, [_row(*r) for r in rows]))
    assert [(f.name, _final(f), _points(f)) for f in form.factors] == [
        ("Working environment", 4, 28)
    ]
    assert (form.total_score.value, form.je_grade.value) == ("248", "8")


def test_a_form_drawn_as_one_grid_has_its_factor_header_below_the_details() -> None:
    details = [[lab("Job title"), val("Caretaker"), lab("Post no."), val(f"CT-{n}")]
               for n in range(12)]  # fmt: skip
    grid = table(
        0,
        [
            *details,
            [lab("Factor"), lab("Proposed level"), lab("Agreed level"), lab("Points")],
            _row("Physical Demands", "3", "3", "30"),
            _row("Working Conditions", "3", "4", "40"),
        ],
    )
    form = _form(grid)
    assert [(f.name, _final(f), _points(f)) for f in form.factors] == [
        ("Physical Demands", 3, 30),
        ("Working Conditions", 4, 40),
    ]
    assert form.post.job_title.value == "Caretaker"


def test_a_summary_first_then_one_section_per_factor_adds_none_twice() -> None:
    summary = table(
        0,
        [
            [lab("Factor"), lab("Level"), lab("Points")],
            _row("Knowledge", "6", "132"),
            _row("Physical effort", "2", "18"),
        ],
    )
    sections = [
        para("Knowledge and Skills Required by the Job", heading=2),
        table(1, [[lab("Proposed"), lab("Agreed")], _row("5", "6")]),
        para("Physical Effort Required by the Job", heading=2),
        table(2, [[lab("Proposed"), lab("Agreed")], _row("3", "2")]),
    ]
    form = _form(para("Evaluation outcome", heading=1), summary, *sections)
    assert [(f.name, _final(f), _points(f)) for f in form.factors] == [
        ("Knowledge", 6, 132),
        ("Physical effort", 2, 18),
    ]


# ---------------------------------------------------------------- held-out layouts (ho_je*)


def test_the_weighted_score_is_the_points_and_the_raw_score_and_weighting_are_not() -> None:
    grid = table(
        0,
        [
            [lab("Factor"), lab("Weighting"), lab("Level"), lab("Raw score"),
             lab("Weighted score")],
            _row("Contacts & Relationships", "15%", "4", "40", "60"),
            _row("Resources", "5%", "2", "20", "10"),
            _row("Total", "100%", "", "60", "70"),
        ],
    )  # fmt: skip
    form = _form(grid)
    assert [(f.name, _final(f), _points(f)) for f in form.factors] == [
        ("Contacts & Relationships", 4, 60),
        ("Resources", 2, 10),
    ]
    assert form.factors[0].evidence == []  # the weighting is no evidence
    assert form.total_score is not None and form.total_score.value == "70"


def test_a_raw_score_alone_is_still_the_points() -> None:
    grid = table(0, [[lab("Factor"), lab("Level"), lab("Raw score")], _row("Knowledge", "4", "80")])
    (f,) = _form(grid).factors
    assert _points(f) == 80


def test_hay_evaluations_are_codes_and_rows_after_the_total_are_no_factors() -> None:
    grid = table(
        0,
        [
            [lab("Element"), lab("Evaluation"), lab("Points")],
            _row("Know-How", "F III 3", "460"),
            _row("Problem Solving", "F4 (50%)", "230"),
            _row("Accountability", "F4P", "400"),
            _row("Total job size", "", "1090"),
            _row("Profile", "P3", ""),
            _row("Salary band", "CO-B", ""),
        ],
    )
    form = _form(grid)
    assert [(f.name, _final(f), _points(f)) for f in form.factors] == [
        ("Know-How", "F III 3", 460),
        ("Problem Solving", "F4 (50%)", 230),
        ("Accountability", "F4P", 400),
    ]
    assert all(f.proposed_level.value is None for f in form.factors)  # no digit is a level
    assert (form.total_score.value, form.je_grade.value) == ("1090", "CO-B")
    assert [(v.label, v.value) for v in form.post.other_fields] == [("Profile", "P3")]


def test_a_sub_total_does_not_close_the_factors() -> None:
    grid = table(
        0,
        [
            [lab("Factor"), lab("Level"), lab("Points")],
            _row("Knowledge", "4", "80"),
            _row("Sub-total (skills)", "", "80"),
            _row("Working Conditions", "2", "20"),
            _row("Total", "", "100"),
        ],
    )
    assert [f.name for f in _form(grid).factors] == ["Knowledge", "Working Conditions"]


def test_an_export_repeating_the_post_on_every_row_fills_the_post_details() -> None:
    head = ["Job No", "Job Title", "Directorate", "Factor No", "Factor", "Level", "Points",
            "Total Points", "Grade"]  # fmt: skip
    grid = table(
        0,
        [
            [lab(h) for h in head],
            _row("J1", "Highways Inspector", "Place", "1", "Knowledge", "4", "80", "100", "6"),
            _row("J1", "Highways Inspector", "Place", "2", "Mental Skills", "2", "20", "100", "6"),
        ],
    )
    form = _form(grid)
    assert [(f.name, f.number, _final(f)) for f in form.factors] == [
        ("Knowledge", 1, 4),
        ("Mental Skills", 2, 2),
    ]
    assert form.factors[0].evidence == []
    assert (form.post.job_title.value, form.post.directorate.value) == (
        "Highways Inspector",
        "Place",
    )
    assert [(v.label, v.value) for v in form.post.other_fields] == [("Job No", "J1")]
    assert (form.total_score.value, form.je_grade.value) == ("100", "6")


def test_a_result_box_above_the_post_details_is_the_result() -> None:
    result = table(0, [[lab("Total points"), val("358"), lab("Grade"), val("Scale 6")]])
    post = table(1, [[lab("Job title"), val("Customer Insight Analyst")]])
    grid = table(
        2,
        [
            [lab("Factor"), lab("Level awarded"), lab("Points")],
            _row("A. Knowledge", "Level 4", "80 pts"),
        ],
    )
    form = _form(result, post, grid)
    assert (form.total_score.value, form.je_grade.value) == ("358", "Scale 6")
    assert form.post.job_title.value == "Customer Insight Analyst"
    assert [(f.name, f.number, _final(f), _points(f)) for f in form.factors] == [
        ("Knowledge", None, 4, 80)
    ]


def test_a_grade_in_the_post_details_without_a_total_is_no_result() -> None:
    post = table(0, [[lab("Job title"), val("Planner"), lab("Grade"), val("8")]])
    grid = table(1, [[lab("Factor"), lab("Level")], _row("Knowledge", "4")])
    form = _form(post, grid)
    assert form.je_grade is None


@pytest.mark.parametrize(
    ("written", "name"),
    [("A. Knowledge", "Knowledge"), ("(b) Mental skills", "Mental skills"),
     ("A Knowledge of law", "A Knowledge of law")],
)  # fmt: skip
def test_lettered_factors_lose_their_letter(written: str, name: str) -> None:
    assert split_numbering(written) == (name, None)


def test_welsh_labels_fill_the_post_details() -> None:
    details = table(
        0,
        [
            [lab("Teitl y swydd"), val("Swyddog Datblygu")],
            [lab("Cyfarwyddiaeth"), val("Prif Weithredwr")],
            [lab("Gwasanaeth"), val("Polisi")],
            [lab("Yn atebol i"), val("Rheolwr Polisi")],
        ],
    )
    grid = table(
        1,
        [
            [lab("Ffactor"), lab("Lefel arfaethedig"), lab("Lefel a gytunwyd"), lab("Pwyntiau")],
            _row("Gwybodaeth", "4", "5", "100"),
            _row("Cyfanswm", "", "", "100"),
        ],
    )
    form = _form(details, grid)
    post = form.post
    assert (post.job_title.value, post.directorate.value, post.service.value,
            post.reports_to.value) == ("Swyddog Datblygu", "Prif Weithredwr", "Polisi",
                                       "Rheolwr Polisi")  # fmt: skip
    assert [(f.name, _final(f), _points(f)) for f in form.factors] == [("Gwybodaeth", 5, 100)]
    assert form.total_score.value == "100"


def test_factors_across_a_blank_corner_over_rows_of_levels() -> None:
    grid = table(
        0,
        [
            [val(""), lab("Knowledge"), lab("Mental Skills"), lab("Working Conditions")],
            [lab("Manager's level"), val("3"), val("2"), val("4")],
            [lab("Panel level"), val("3"), val("3"), val("4")],
            [lab("Points"), val("60"), val("39"), val("40")],
        ],
    )
    form = _form(grid)
    assert [(f.name, _final(f), _points(f)) for f in form.factors] == [
        ("Knowledge", 3, 60),
        ("Mental Skills", 3, 39),
        ("Working Conditions", 4, 40),
    ]


def test_a_descriptor_grid_across_a_blank_corner_is_no_factor_table() -> None:
    grid = table(
        0,
        [
            [val(""), lab("Communication"), lab("Teamwork")],
            [lab("Level 1"), val("Shares information with the team."), val("Helps others.")],
            [lab("Level 2"), val("Explains complex ideas clearly."), val("Leads a team.")],
        ],
    )
    assert _form(grid).factors == []


def test_a_factor_table_in_two_blocks_side_by_side_reads_as_one() -> None:
    """ho_je10: `Factor | Level | Points` written twice across one table; the right block's
    last row empty."""
    grid = table(
        0,
        [
            [lab("Factor"), lab("Level"), lab("Points"), lab("Factor"), lab("Level"),
             lab("Points")],
            _row("1. Knowledge and Experience", "5", "133", "4. Resources", "2", "20"),
            _row("2. Creativity and Innovation", "4", "60", "5. Work Demands", "4", "40"),
            _row("3. Contacts and Relationships", "4", "65", "", "", ""),
        ],
    )  # fmt: skip
    assert [(f.name, _final(f), _points(f)) for f in _form(grid).factors] == [
        ("Knowledge and Experience", 5, 133),
        ("Creativity and Innovation", 4, 60),
        ("Contacts and Relationships", 4, 65),
        ("Resources", 2, 20),
        ("Work Demands", 4, 40),
    ]


def test_a_factor_table_whose_header_does_not_repeat_is_not_split() -> None:
    grid = table(
        0,
        [
            [lab("Factor"), lab("Proposed level"), lab("Agreed level"), lab("Points")],
            _row("Knowledge", "4", "5", "100"),
            _row("Mental Skills", "3", "3", "39"),
        ],
    )
    assert [(f.name, _final(f), _points(f)) for f in _form(grid).factors] == [
        ("Knowledge", 5, 100),
        ("Mental Skills", 3, 39),
    ]
