"""JE forms as HR systems print them and as scanned forms come back: fixed-width factor
listings, dot-leader labels, spacer columns, results rows of label/value pairs, factor
code columns (held-out round 6). Hand-built layouts: no reader involved."""

from __future__ import annotations

from word_layouts import lab, layout, para, table, val

from roleframe.parsers.kinds import je_form, role_profile
from roleframe.parsers.kinds.formcues import without_spacers
from roleframe.parsers.kinds.je_listing import heading_columns, leader_lines
from roleframe.schema import Provenance
from roleframe.schema.je_form import JEForm


def _form(*blocks) -> JEForm:
    ex = je_form.extract(layout(*blocks))
    assert isinstance(ex.content, JEForm)
    return ex.content


def _levels(form: JEForm) -> list[tuple[str, int | None, int | None, int | None]]:
    return [
        (
            f.name,
            f.number,
            f.proposed_level.value if f.proposed_level else None,
            f.proposed_score.value if f.proposed_score else None,
        )
        for f in form.factors
    ]


def test_a_heading_line_names_the_value_columns_after_the_factor_name() -> None:
    heading = heading_columns("FAC  FACTOR DESCRIPTION   LEVEL   POINTS")
    assert heading is not None and heading.numbered
    assert heading.columns == ["LEVEL", "POINTS"]
    agreed = heading_columns("Element  Proposed level  Agreed level  Pts")
    assert agreed is not None and not agreed.numbered
    assert agreed.columns == ["Proposed level", "Agreed level", "Pts"]


def test_prose_and_single_column_lines_are_no_listing_heading() -> None:
    assert heading_columns("Factor levels") is None  # one column: a heading of prose
    assert heading_columns("The factor level and points were agreed by the panel") is None
    assert heading_columns("LEVEL POINTS") is None  # no factor word


def test_a_fixed_width_listing_reads_as_factors_up_to_its_total() -> None:
    lines = [
        "FAC  FACTOR DESCRIPTION          LEVEL  POINTS",
        "---  ----------------------      -----  ------",
        "01   KNOWLEDGE                       4      94",
        "02   MENTAL SKILLS                   3      48",
        "13   WORKING CONDITIONS              1      13",
        "     ------ ------",
        "     TOTAL                                 155",
        "EVALUATED GRADE : SCALE 6",
    ]
    # the readers fold a line's runs of spaces (as `parsers.text.clean` does)
    form = _form(*(para(" ".join(t.split()), Provenance(paragraph=i)) for i, t in enumerate(lines)))
    assert _levels(form) == [
        ("KNOWLEDGE", 1, 4, 94),
        ("MENTAL SKILLS", 2, 3, 48),
        ("WORKING CONDITIONS", 13, 1, 13),
    ]
    assert form.total_score is not None and form.total_score.value == "155"
    assert form.je_grade is not None and form.je_grade.value == "SCALE 6"
    assert form.factors[0].where == Provenance(paragraph=2)


def test_a_pdf_listing_split_over_a_heading_table_and_a_body_table() -> None:
    """A PDF of the same report: the heading row's words crowd two cells, the body rows
    are the lines; the rows after the factors are the report's lines too."""
    head = table(0, [[val("FAC FACTOR DESCRIPTION"), val("LEVEL POINTS")], [val("---"), val("--")]])
    body = table(
        1,
        [
            [val("01\nKNOWLEDGE"), val("4\n94")],
            [val("02\nMENTAL SKILLS"), val("3\n48 ------")],
            [val("TOTAL"), val("142")],
        ],
    )
    form = _form(head, body)
    assert _levels(form) == [("KNOWLEDGE", 1, 4, 94), ("MENTAL SKILLS", 2, 3, 48)]
    assert form.total_score is not None and form.total_score.value == "142"


def test_a_real_factor_table_is_not_read_as_a_listing() -> None:
    grid = table(
        0,
        [
            [lab("Factor"), lab("Level"), lab("Points"), lab("Evidence")],
            [val("Knowledge"), val("4"), val("94"), val("Needs a degree.")],
        ],
    )
    form = _form(grid)
    assert _levels(form) == [("Knowledge", None, 4, 94)]
    assert [s.text for s in form.factors[0].evidence] == ["Needs a degree."]


def test_dot_leader_lines_a_pdf_joined_split_at_the_known_label() -> None:
    joined = para("Directorate . . . : Finance and Customer Services Section . . . : Payroll")
    assert [p.text for p in leader_lines(joined)] == [
        "Directorate . . . : Finance and Customer Services",
        "Section . . . : Payroll",
    ]
    alone = para("Position Title . . . : Payroll Officer")
    assert leader_lines(alone) == [alone]
    form = _form(joined, para("Position Title . . . : Payroll Officer"))
    assert form.post.job_title is not None and form.post.job_title.value == "Payroll Officer"
    assert form.post.service is not None and form.post.service.value == "Payroll"


def test_spacer_columns_and_rows_of_a_scanned_form_are_dropped() -> None:
    gap = val("")
    grid = table(
        0,
        [
            [val("Post title"), gap, val("Duty Manager"), gap, val("Post ref"), gap, val("L1")],
            [gap, gap, gap, gap, gap, gap, gap],
            [val("Factor"), gap, val("Level"), gap, val("Points"), gap, gap],
            [val("Knowledge"), gap, val("3"), gap, val("66"), gap, gap],
            [val("Mental Skills"), gap, val("3"), gap, val("39"), gap, gap],
            [gap, gap, gap, gap, gap, gap, gap],
            [val("Total points"), gap, val("105"), gap, val("Grade"), gap, val("Scale 5")],
        ],
    )
    flat = without_spacers(grid)
    assert (flat.n_cols, flat.n_rows) == (4, 5)
    assert flat.row_texts(0) == ["Post title", "Duty Manager", "Post ref", "L1"]
    assert flat.rows[0][1].where == Provenance(table=0, row=0, column=2)  # kept in the file
    form = _form(grid)
    assert form.post.job_title is not None and form.post.job_title.value == "Duty Manager"
    assert _levels(form) == [("Knowledge", None, 3, 66), ("Mental Skills", None, 3, 39)]
    assert form.total_score is not None and form.total_score.value == "105"
    assert form.je_grade is not None and form.je_grade.value == "Scale 5"


def test_an_unfilled_forms_blank_value_column_is_no_spacer() -> None:
    """002: `Signed : | | Date : |` — the blank columns are where the values go."""
    grid = table(0, [[val("Signed :"), val(""), val("Date :"), val("")]])
    assert without_spacers(grid) is grid


def test_a_factor_code_column_is_the_number_not_the_name() -> None:
    grid = table(
        0,
        [
            [lab("Factor code"), lab("Factor"), lab("Level"), lab("Points")],
            [val("F01"), val("Knowledge"), val("4"), val("94")],
            [val("F02"), val("Mental Skills"), val("4"), val("65")],
        ],
    )
    assert [f.name for f in _form(grid).factors] == ["Knowledge", "Mental Skills"]


def test_a_factor_table_with_its_own_header_cells_weighs_against_a_role_profile() -> None:
    """A JE record with the job description attached (ho6_je06): the factor table's header
    names the factor and the level in cells of their own."""
    profile = [
        table(0, [[lab("Job title"), val("Planning Officer")], [lab("Grade"), val("SO2")]]),
        para("Job purpose", heading=2),
        para("To determine planning applications within the delegated scheme."),
        para("Main duties and responsibilities", heading=2),
        para("Manage a caseload of planning applications.", bullet="1."),
    ]
    factors = table(
        9,
        [
            [lab("Factor"), lab("Level agreed"), lab("Points")],
            [val("Knowledge"), val("5"), val("121")],
        ],
    )
    alone = role_profile.score(layout(*profile))
    with_factors = role_profile.score(layout(*profile, factors))
    assert with_factors <= alone - 0.5 + 1e-9


def test_post_details_in_the_page_header_fill_what_the_body_leaves_out() -> None:
    """ho6_je08: `Job title | Directorate` over their values in the running header."""
    header = table(
        20,
        [
            [lab("Job title"), lab("Directorate")],
            [val("Neighbourhood Warden"), val("Communities")],
        ],
    )
    factors = table(
        0,
        [
            [lab("Factor"), lab("Panel level"), lab("Points")],
            [val("Knowledge"), val("2"), val("40")],
        ],
    )
    doc = layout(factors)
    doc.edge_tables.append(header)
    form = je_form.extract(doc).content
    assert isinstance(form, JEForm)
    assert form.post.job_title is not None and form.post.job_title.value == "Neighbourhood Warden"
    assert form.post.job_title.where == Provenance(table=20, row=1, column=0, paragraph=0)
    assert form.post.directorate is not None and form.post.directorate.value == "Communities"
    body = layout(para("Job title: Street Warden"), factors)
    body.edge_tables.append(header)
    form = je_form.extract(body).content
    assert isinstance(form, JEForm)
    assert form.post.job_title is not None and form.post.job_title.value == "Street Warden"


def test_points_columns_follow_the_level_column_their_header_names() -> None:
    """ho6_je09: the levels side by side, then the points; `Previous points` scores the
    previous level, `New points` the new one (not the nearest level on the left)."""
    grid = table(
        0,
        [
            [lab("Factor"), lab("Previous level"), lab("New level"), lab("Previous points"),
             lab("New points")],
            [val("Knowledge"), val("4"), val("5"), val("94"), val("121")],
            [val("Total"), val(""), val(""), val("94"), val("121")],
        ],
    )  # fmt: skip
    form = _form(grid)
    knowledge = form.factors[0]
    assert knowledge.comparator_level is not None and knowledge.comparator_level.value == 4
    assert knowledge.comparator_score is not None and knowledge.comparator_score.value == 94
    assert knowledge.proposed_level is not None and knowledge.proposed_level.value == 5
    assert knowledge.proposed_score is not None and knowledge.proposed_score.value == 121
    assert form.total_score is not None and form.total_score.value == "121"
