"""The role-profile rules held-out round 6 added (ho6_rp), each on a small hand-built layout.

The foreign corpus checks them on whole documents; these pin each rule's edges: what it
reads and what it must leave alone.
"""

from __future__ import annotations

from word_layouts import layout, para, table, val

from roleframe.parsers.kinds import role_profile
from roleframe.parsers.kinds.matrix_search import best_matrix
from roleframe.parsers.layout import Run
from roleframe.schema.role_profile import RoleProfile


def _rp(*blocks) -> RoleProfile:
    ex = role_profile.extract(layout(*blocks))
    assert isinstance(ex.content, RoleProfile)
    return ex.content


def _duties(rp: RoleProfile) -> list[str]:
    return [
        s.text for sec in rp.accountability_sections for i in sec.items for s in i.accountability
    ]


def _spec(rp: RoleProfile) -> list[tuple[str, str | None, list[str]]]:
    return [(p.text, p.requirement, p.assessed_by) for p in rp.person_specification]


def _bullet(text: str):
    return para(text, bullet="•", list_level=0)


def test_capitals_lines_naming_a_section_are_headings() -> None:
    rp = _rp(
        para("NORTHFLEET COUNTY COUNCIL"),
        para("JOB PURPOSE"),
        para("To keep people safe at home."),
        para("KEY ACCOUNTABILITIES"),
        _bullet("Assess needs."),
        _bullet("Plan adaptations."),
    )
    assert [s.text for s in rp.purpose.statements] == ["To keep people safe at home."]
    assert _duties(rp) == ["Assess needs.", "Plan adaptations."]


def test_capitals_contents_entries_are_no_headings() -> None:
    rp = _rp(
        para("Job title: Therapist"),
        para("JOB PURPOSE ........ 3"),
        para("KEY ACCOUNTABILITIES 3"),
        para("JOB PURPOSE"),
        para("To help people."),
    )
    assert [s.text for s in rp.purpose.statements] == ["To help people."]


def test_a_licence_category_is_no_criterion_reference() -> None:
    rp = _rp(para("Person specification", bold=True, heading=1), para("D1 driving licence"))
    assert _spec(rp) == [("D1 driving licence", None, [])]


def test_a_capitals_value_stays_a_value() -> None:
    # a grade under its heading is the value, not a heading of its own (rpf02)
    rp = _rp(para("Grade", bold=True, heading=2), para("PO2 (SCP 30 – 33)"))
    assert rp.pay_scale.value == "PO2 (SCP 30 – 33)"


def test_a_contents_table_holds_no_sections() -> None:
    contents = table(
        0,
        [
            [val("Job details"), val("3")],
            [val("Job purpose"), val("3")],
            [val("Key accountabilities"), val("4")],
        ],
    )
    rp = _rp(contents, para("Job purpose", bold=True), para("To run the service."))
    assert [s.text for s in rp.purpose.statements] == ["To run the service."]
    assert rp.accountability_sections == []


def test_criteria_references_and_a_separate_assessment_matrix() -> None:
    matrix = table(
        0,
        [
            [val("Ref", bold=True), val("Application", bold=True), val("Interview", bold=True)],
            [val("E1"), val("✓"), val("")],
            [val("D1"), val("✓"), val("✓")],
        ],
    )
    rp = _rp(
        para("Person specification", bold=True, heading=1),
        para("Essential", bold=True),
        para("E1\tA degree in sport"),
        para("Desirable", bold=True),
        para("D1\tCoaching qualification"),
        matrix,
    )
    assert _spec(rp) == [
        ("A degree in sport", "essential", ["application"]),
        ("Coaching qualification", "desirable", ["application", "interview"]),
    ]


def test_a_matrix_of_unknown_references_is_left_alone() -> None:
    matrix = table(
        0,
        [
            [val("Ref", bold=True), val("Application", bold=True)],
            [val("E7"), val("✓")],
        ],
    )
    rp = _rp(
        para("Person specification", bold=True, heading=1),
        para("E1\tA degree in sport"),
        matrix,
    )
    assert rp.person_specification[0].assessed_by == []


def test_assessed_at_line_and_behaviours_at_a_lead_in_level() -> None:
    rp = _rp(
        para("Job title: Policy Adviser"),
        para("Success profile", bold=True, heading=2),
        para("Behaviours", bold=True),
        para("We'll assess you against these behaviours at Level 2:"),
        _bullet("Working Together"),
        _bullet("Delivering at Pace"),
        para("Experience", bold=True),
        para("You will need to show:"),
        _bullet("Experience of writing advice"),
        _bullet("Experience of partnership work"),
        para("Assessed at: Sift, Interview"),
    )
    assert [(c.name, c.level) for c in rp.competencies] == [
        ("Working Together", 2),
        ("Delivering at Pace", 2),
    ]
    assert _spec(rp) == [
        ("Experience of writing advice", None, ["sift", "interview"]),
        ("Experience of partnership work", None, ["sift", "interview"]),
    ]


def test_a_lead_in_without_a_colon_gives_no_level() -> None:
    rp = _rp(
        para("Job title: Policy Adviser"),
        para("Behaviours", bold=True, heading=2),
        para("Level 2 is the standard for this grade."),
        _bullet("Working Together"),
        _bullet("Delivering at Pace"),
    )
    assert [c.level for c in rp.competencies] == [None, None]


def test_a_field_value_listing_and_numbered_duty_rows() -> None:
    t = table(
        0,
        [
            [val("Field"), val("Value")],
            [val("Job Title"), val("Repairs Planner")],
            [val("Grade"), val("Grade 4")],
            [val("Responsibility 1"), val("Book repairs.")],
            [val("Responsibility 2"), val("Order materials.")],
        ],
    )
    rp = _rp(t)
    assert (rp.title.value, rp.pay_scale.value) == ("Repairs Planner", "Grade 4")
    assert _duties(rp) == ["Book repairs.", "Order materials."]


def test_a_row_of_bold_pairs_with_one_known_field() -> None:
    def pair(label: str, value: str):
        return para(f"{label}: {value}", runs=[Run(f"{label}: ", bold=True), Run(value)])

    t = table(
        0, [[val(paras=[pair("Service", "Communities")]), val(paras=[pair("Manager", "Jo")])]]
    )
    rp = _rp(t)
    assert rp.reports_to.value == "Jo"
    assert ("Service", "Communities") in [(f.label, f.value) for f in rp.fields]


def test_a_team_levels_grid_holds_no_duties() -> None:
    grid = table(
        0,
        [
            [val("Skill"), val("JB"), val("KM"), val("RT"), val("SO")],
            [val("Cartography"), val("2"), val("3"), val("1"), val("2")],
            [val("SQL"), val("1"), val("0"), val("3"), val("1")],
        ],
    )
    rp = _rp(para("Responsibilities", bold=True, heading=1), _bullet("Make maps."), grid)
    assert _duties(rp) == ["Make maps."]


def test_a_wrapped_bullets_lower_case_line_joins_it() -> None:
    rp = _rp(
        para("Main duties", bold=True, heading=1),
        _bullet("Patrol the parks and deal with dogs out"),
        para("of control."),
        _bullet("Run guided walks."),
    )
    assert _duties(rp) == [
        "Patrol the parks and deal with dogs out of control.",
        "Run guided walks.",
    ]


def test_dash_rules_and_sequence_numbers_are_no_text() -> None:
    seq = table(
        0,
        [
            [val("Criterion", bold=True), val("E/D", bold=True)],
            [val(paras=["010", "Experience of enforcement"]), val("E")],
        ],
    )
    rp = _rp(para("Person specification", bold=True, heading=1), para("-" * 40), seq)
    assert _spec(rp) == [("Experience of enforcement", "essential", [])]


def test_a_flag_and_methods_column_read_together() -> None:
    spec = table(
        0,
        [
            [val("Criterion", bold=True), val("Ess/Des Assessed", bold=True)],
            [val("Full driving licence"), val(paras=["E", "AF/IV"])],
        ],
    )
    key = para("Key: AF = Application form, IV = Interview")
    rp = _rp(para("Person specification", bold=True, heading=1), spec, key)
    assert _spec(rp) == [("Full driving licence", "essential", ["application form", "interview"])]


def test_a_document_name_run_into_a_detail_on_one_line() -> None:
    rp = _rp(para("Job description Post: Countryside Ranger"), para("Grade: Scale 5"))
    assert (rp.title.value, rp.pay_scale.value) == ("Countryside Ranger", "Scale 5")


def test_a_matrix_appendix_to_a_job_description_scores_below_it() -> None:
    grid = table(
        0,
        [
            [val("Skill"), val("JB"), val("KM"), val("RT"), val("SO")],
            [val("Cartography"), val("2"), val("3"), val("1"), val("2")],
            [val("SQL"), val("1"), val("0"), val("3"), val("1")],
            [val("Python"), val("0"), val("1"), val("3"), val("0")],
            [val("Web mapping"), val("1"), val("2"), val("2"), val("0")],
        ],
    )
    alone = best_matrix(layout(grid))
    sections = (
        para("Role purpose", bold=True, heading=1),
        para("To keep map data accurate."),
        para("Responsibilities", bold=True, heading=1),
        para("Make maps for committee reports."),
    )
    job = best_matrix(layout(para("Role profile – GIS Technician"), *sections, grid))
    detail = best_matrix(layout(para("Job title: GIS Technician"), *sections, grid))
    # the same headings in a team's profile name no single post: its matrix of the team's
    # posts is the document (ho6_sm06), not an appendix
    team = best_matrix(layout(para("Mapping team – team profile"), *sections, grid))
    assert alone is not None and job is not None and detail is not None and team is not None
    assert job.score < alone.score
    assert detail.score == job.score
    assert team.score == alone.score


def test_an_area_column_groups_the_activities_beside_it() -> None:
    t = table(
        0,
        [
            [val("Area", bold=True), val("Activities", bold=True)],
            [
                val("Schools"),
                val(paras=[_bullet("Run assemblies."), _bullet("Support eco-clubs.")]),
            ],
            [val("Campaigns"), val(paras=[_bullet("Plan the food waste campaign.")])],
        ],
    )
    rp = _rp(para("Key responsibilities", bold=True, heading=1), t)
    assert _duties(rp) == [
        "Run assemblies.",
        "Support eco-clubs.",
        "Plan the food waste campaign.",
    ]
    assert [sec.heading for sec in rp.accountability_sections] == ["Schools", "Campaigns"]


def test_an_assessment_key_in_the_page_footer_decodes_the_codes() -> None:
    spec = table(
        0,
        [
            [val("Criteria", bold=True), val("E/D", bold=True), val("Method", bold=True)],
            [val("Full driving licence"), val("E"), val("AF, I")],
        ],
    )
    lay = layout(para("Person specification", bold=True, heading=1), spec)
    lay.footers.append(para("Method key: AF – Application form; I – Interview"))
    ex = role_profile.extract(lay)
    assert isinstance(ex.content, RoleProfile)
    assert _spec(ex.content) == [
        ("Full driving licence", "essential", ["application form", "interview"])
    ]


def test_an_assessed_line_covers_its_own_group_only() -> None:
    rp = _rp(
        para("Person specification", bold=True, heading=1),
        para("Essential", bold=True),
        _bullet("Full driving licence"),
        para("Desirable", bold=True),
        _bullet("First aid certificate"),
        para("Assessed by: Application form"),
        para("Equal opportunities", bold=True, heading=1),
        para("We welcome applications from everyone."),
    )
    assert _spec(rp) == [
        ("Full driving licence", "essential", []),
        ("First aid certificate", "desirable", ["application form"]),
    ]


def test_capitals_criteria_group_lines_flag_their_criteria() -> None:
    rp = _rp(
        para("JOB TITLE: Planning Officer"),
        para("PERSON SPECIFICATION"),
        para("ESSENTIAL CRITERIA"),
        _bullet("Degree in planning"),
        para("DESIRABLE CRITERIA"),
        _bullet("RTPI membership"),
    )
    assert _spec(rp) == [
        ("Degree in planning", "essential", []),
        ("RTPI membership", "desirable", []),
    ]


def test_a_behaviours_heading_naming_a_level_gives_it_to_the_list() -> None:
    rp = _rp(
        para("Job title: Policy Adviser"),
        para("Behaviours (Level 2)", bold=True, heading=2),
        _bullet("Working Together"),
        _bullet("Delivering at Pace"),
    )
    assert [(c.name, c.level, c.level_where is not None) for c in rp.competencies] == [
        ("Working Together", 2, True),
        ("Delivering at Pace", 2, True),
    ]


def test_rows_with_an_empty_label_cell_continue_the_section_above() -> None:
    t = table(
        0,
        [
            [val("Job Title"), val("Parks Officer")],
            [val("Key Responsibilities"), val("Inspect play areas.")],
            [val(""), val("Lead volunteers.")],
            [val("Grade"), val("Grade 5")],
        ],
    )
    rp = _rp(t)
    assert _duties(rp) == ["Inspect play areas.", "Lead volunteers."]
    assert (rp.title.value, rp.pay_scale.value) == ("Parks Officer", "Grade 5")
