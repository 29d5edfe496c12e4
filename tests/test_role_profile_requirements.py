"""Role profile rules added for other councils' layouts (issue 9), on hand-built layouts:
competency requirement tables, heading-led details, one-line details, lead-in lines,
requirement-flag labels, assessment and level keys."""

from __future__ import annotations

import pytest
from word_layouts import lab, layout, para, table, val

from roleframe.parsers.kinds import role_profile
from roleframe.parsers.kinds.role_labels import assessment_key, field_key, inline_pairs
from roleframe.parsers.layout import Run
from roleframe.schema.role_profile import RoleProfile


def _extract(*blocks):
    ex = role_profile.extract(layout(*blocks))
    assert isinstance(ex.content, RoleProfile)
    return ex


def _rp(*blocks) -> RoleProfile:
    content = _extract(*blocks).content
    assert isinstance(content, RoleProfile)
    return content


def _comps(rp: RoleProfile) -> list[tuple[str, str | None, int | None]]:
    return [(c.name, c.level_raw, c.level) for c in rp.competencies]


def test_behaviour_table_with_word_levels_is_requirements_not_duties() -> None:
    """No key in the document: the words are kept as written and get no number."""
    t = table(
        0,
        [
            [val("Behaviour", bold=True), val("Level expected", bold=True)],
            [val("Working together"), val("Working")],
            [val("Customer focus"), val("Advanced")],
        ],
    )
    ex = _extract(para("Role profile", heading=0), para("Behaviours", heading=1), t)
    rp = ex.content
    assert isinstance(rp, RoleProfile)
    assert rp.accountability_sections == []
    assert _comps(rp) == [
        ("Working together", "Working", None),
        ("Customer focus", "Advanced", None),
    ]
    assert {c.group for c in rp.competencies} == {"Behaviours"}
    # the names go to the normaliser like any competency name
    assert [(n.name, n.list) for n in ex.names] == [
        ("Working together", "competencies"),
        ("Customer focus", "competencies"),
    ]
    assert rp.competencies[1].level_where == t.rows[2][1].where


def test_level_words_take_the_documents_own_key() -> None:
    key = para("Levels: 1 = Foundation, 2 = Working, 3 = Advanced, 4 = Expert")
    t = table(
        0,
        [
            [lab("Competency"), lab("What it looks like"), lab("Required level")],
            [val("Negotiation"), val("Reaches agreements that last."), val("Advanced")],
            [val("Coaching"), val("Helps others learn."), val("Level 2")],
            [val("Analysis"), val("Uses data well."), val("Working*")],
        ],
    )
    rp = _rp(key, t)
    assert _comps(rp) == [
        ("Negotiation", "Advanced", 3),
        ("Coaching", "Level 2", 2),
        ("Analysis", "Working*", 2),
    ]
    assert [s.text for s in rp.competencies[0].description] == ["Reaches agreements that last."]


def test_levels_as_columns_with_a_tick_take_the_column_order() -> None:
    t = table(
        0,
        [
            [lab("Skill"), lab("Entry"), lab("Skilled"), lab("Expert")],
            [val("Using the asset system"), val("✓"), val(""), val("")],
            [val("Site safety"), val(""), val(""), val("✓")],
        ],
    )
    rp = _rp(t)
    assert _comps(rp) == [("Using the asset system", "Entry", 1), ("Site safety", "Expert", 3)]


def test_a_descriptor_grid_is_not_a_requirement_table() -> None:
    """Levels as columns holding descriptions (a framework excerpt) have no tick to read."""
    t = table(
        0,
        [
            [lab("Competency"), lab("Level 1"), lab("Level 2")],
            [val("Teamwork"), val("Helps colleagues."), val("Leads a team to agree goals.")],
        ],
    )
    assert _rp(t).competencies == []


def test_heading_labels_fill_the_details() -> None:
    blocks = [
        para("Job Profile", heading=0),
        para("Job title", heading=2),
        para("Parks Officer"),
        para("Grade", heading=2),
        para("PO2"),
        para("Reports to", heading=2),
        para("Parks Manager"),
        para("Job purpose", heading=1),
        para("Look after the parks."),
    ]
    rp = _rp(*blocks)
    assert (rp.title.value, rp.pay_scale.value, rp.reports_to.value) == (
        "Parks Officer",
        "PO2",
        "Parks Manager",
    )
    assert (rp.title.label, rp.title.label_where) == ("Job title", blocks[1].where)
    assert [s.text for s in rp.purpose.statements] == ["Look after the parks."]
    assert rp.other_sections == []


def test_person_spec_title_row_gives_details_not_a_criterion() -> None:
    t = table(
        0,
        [
            [lab("Post: Benefits Officer     Grade: Scale 6", 3)],
            [lab("Criteria"), lab("Essential"), lab("Desirable")],
            [val("Experience", bold=True), val("Claims work"), val("Appeals work")],
        ],
    )
    rp = _rp(t)
    assert (rp.title.value, rp.pay_scale.value) == ("Benefits Officer", "Scale 6")
    assert [p.text for p in rp.person_specification] == ["Claims work", "Appeals work"]
    # and as a bold line inside a heading-led person specification
    rp = _rp(
        para("Person specification", heading=1),
        para("Post: Benefits Officer   Grade: Scale 6", bold=True),
        para("Experience of claims work (E)", bullet="•", list_level=0),
    )
    assert rp.title.value == "Benefits Officer"
    assert [(p.text, p.requirement) for p in rp.person_specification] == [
        ("Experience of claims work (E)", "essential")
    ]


def test_lead_in_line_is_the_intro_not_a_duty() -> None:
    rp = _rp(
        para("Main duties", heading=1),
        para("The post holder will:"),
        para("Inspect sites.", bullet="1.", list_level=0),
        para("Write reports.", bullet="2.", list_level=0),
    )
    (section,) = rp.accountability_sections
    assert [s.text for s in section.intro] == ["The post holder will:"]
    assert [i.accountability[0].text for i in section.items] == ["Inspect sites.", "Write reports."]


def test_essential_and_desirable_label_rows_are_a_person_specification() -> None:
    ess = [para("Driving licence", bullet="•", list_level=0), para("First aid", bullet="•")]
    t = table(
        0,
        [
            [lab("Essential criteria"), val(paras=ess)],
            [lab("Desirable experience"), val("Team leading")],
        ],
    )
    rp = _rp(t)
    assert [(p.section, p.text, p.requirement) for p in rp.person_specification] == [
        (None, "Driving licence", "essential"),
        (None, "First aid", "essential"),
        ("experience", "Team leading", "desirable"),
    ]


def test_inline_pairs_and_field_cues() -> None:
    assert inline_pairs("Post: Benefits Officer   Grade: Scale 6") == [
        ("Post", "Benefits Officer"),
        ("Grade", "Scale 6"),
    ]
    assert inline_pairs("Job title: Clerk Job family: Admin") == [
        ("Job title", "Clerk"),
        ("Job family", "Admin"),
    ]
    assert inline_pairs("Reports to: Head of Service: Housing") == [
        ("Reports to", "Head of Service: Housing")
    ]
    assert inline_pairs("Timescales: meet every deadline") is None
    assert inline_pairs("Note: this is not a field") is None
    assert field_key("Teitl y Swydd / Job Title") == "title"
    assert field_key("Yn atebol i") == "reports_to"


def test_assessment_keys_with_equals_dashes_or_colons() -> None:
    assert assessment_key("Key: A = Application form, I = Interview, T = Test") == {
        "A": "application form",
        "I": "interview",
        "T": "test",
    }
    assert assessment_key("A – Application; I – Interview; T – Written test") == {
        "A": "application",
        "I": "interview",
        "T": "written test",
    }
    assert assessment_key("IT – we support every service with modern systems") == {}


def test_assessment_key_entries_only_spaced_apart_end_at_the_next_code() -> None:
    """ho5_rp03: `A – Application form   I – Interview` with no punctuation between."""
    assert assessment_key("Key: A – Application form   I – Interview   T – Test (written)") == {
        "A": "application form",
        "I": "interview",
        "T": "test",
    }


def test_bold_lead_in_detail_keeps_its_runs_cue() -> None:
    """`Grade:` in a bold run before a plain value, inside a details section."""
    p = para("Grade: Band 7", runs=[Run("Grade:", bold=True), Run(" Band 7")])
    rp = _rp(para("1. Job details", heading=1), p)
    assert rp.pay_scale.value == "Band 7"


def test_duties_grouped_under_sub_headings_stay_duties() -> None:
    rp = _rp(
        para("Job Description", heading=0),
        para("Main duties", heading=1),
        para("Casework", heading=3),
        para("Open cases.", bullet="•", list_level=0),
        para("General", heading=3),
        para("Train new staff.", bullet="•", list_level=0),
        para("Working conditions", heading=1),
        para("Some evening work."),
    )
    assert [
        (s.heading, [i.accountability[0].text for i in s.items]) for s in rp.accountability_sections
    ] == [
        ("Casework", ["Open cases."]),
        ("General", ["Train new staff."]),
    ]
    assert [(o.label, [s.text for s in o.statements]) for o in rp.other_sections] == [
        ("Working conditions", ["Some evening work."])
    ]


def test_behaviours_table_with_no_header_row_under_a_behaviours_heading() -> None:
    rows = [[val("Listening"), val("Skilled")], [val("Owning it"), val("Developing")]]
    rp = _rp(para("Job profile", heading=0), para("Our behaviours", heading=1), table(0, rows))
    assert _comps(rp) == [("Listening", "Skilled", None), ("Owning it", "Developing", None)]
    # the same rows under another heading are details, not requirements
    rp = _rp(para("Job profile", heading=0), para("Other information", heading=1), table(0, rows))
    assert rp.competencies == []
    # and Essential/Desirable flags are criteria, never levels
    flags = [[val("Driving licence"), val("Essential")], [val("Excel"), val("Desirable")]]
    rp = _rp(para("Job profile", heading=0), para("Skills", heading=1), table(0, flags))
    assert rp.competencies == []


def test_bracketed_assessment_codes_and_a_titled_person_specification() -> None:
    assert assessment_key("Application form (AF), Interview (I), Presentation (P)") == {
        "AF": "application form",
        "I": "interview",
        "P": "presentation",
    }
    assert assessment_key("Report to the Town Council (TC) each month") == {}
    rp = _rp(
        para("Person Specification – Youth Worker", bold=True),
        para("Grade: Scale 5"),
        table(
            0,
            [
                [
                    lab("Attribute"),
                    lab("Essential criteria"),
                    lab("Desirable criteria"),
                    lab("Assessed by"),
                ],
                [val("Skills", bold=True), val("Listening"), val("Welsh"), val("AF/I")],
            ],
        ),
        para("Application form (AF), Interview (I)"),
    )
    assert (rp.title.value, rp.pay_scale.value) == ("Youth Worker", "Scale 5")
    assert [(p.text, p.requirement, p.assessed_by) for p in rp.person_specification] == [
        ("Listening", "essential", ["application form", "interview"]),
        ("Welsh", "desirable", ["application form", "interview"]),
    ]


def test_person_spec_title_row_one_pair_to_a_cell_or_under_the_header() -> None:
    header = [lab("Criteria"), lab("Essential"), lab("Desirable")]
    body = [val("Experience", bold=True), val("Claims work"), val("Appeals")]
    for rows in (
        [[lab("Post: Benefits Officer"), lab("Grade: Scale 6", 2)], header, body],
        [header, [lab("Post: Benefits Officer   Grade: Scale 6", 3)], body],
    ):
        rp = _rp(table(0, rows, n_cols=3))
        assert (rp.title.value, rp.pay_scale.value) == ("Benefits Officer", "Scale 6")
        assert [(p.section, p.text) for p in rp.person_specification] == [
            ("Experience", "Claims work"),
            ("Experience", "Appeals"),
        ]


def test_assessment_codes_defined_in_a_small_key_table() -> None:
    criteria = table(
        0,
        [
            [lab("Criteria"), lab("E/D"), lab("Assessed")],
            [val("Driving licence"), val("E"), val("A")],
            [val("Tact"), val("E"), val("I, T")],
        ],
    )
    key = table(
        1,
        [
            [lab("Code"), lab("Method")],
            [val("A"), val("Application form")],
            [val("I"), val("Interview")],
            [val("T"), val("Test")],
        ],
    )
    rp = _rp(criteria, key)
    assert [p.assessed_by for p in rp.person_specification] == [
        ["application form"],
        ["interview", "test"],
    ]
    assert rp.accountability_sections == [] and rp.other_sections == []


def test_a_number_column_before_the_duties_is_not_a_duty() -> None:
    t = table(
        0,
        [
            [lab("No."), lab("Main duties")],
            [val("1"), val("Inspect sites.")],
            [val("2"), val("Write reports.")],
        ],
    )
    (section,) = _rp(para("Job description", heading=0), t).accountability_sections
    assert section.heading == "Main duties"
    assert [(i.accountability[0].text, i.outcomes) for i in section.items] == [
        ("Inspect sites.", []),
        ("Write reports.", []),
    ]


def test_a_bold_competency_name_over_its_description_in_one_cell() -> None:
    name = val(paras=[para("Communication", bold=True), para("Explains things clearly.")])
    rp = _rp(table(0, [[lab("Competency"), lab("Level")], [name, val("2")]]))
    (comp,) = rp.competencies
    assert (comp.name, comp.level, [s.text for s in comp.description]) == (
        "Communication",
        2,
        ["Explains things clearly."],
    )


def test_label_rows_over_value_rows_in_turn() -> None:
    t = table(
        0,
        [
            [lab("Job title"), lab("Grade")],
            [val("Clerk"), val("Scale 3")],
            [lab("Reports to"), lab("Directorate")],
            [val("Office Manager"), val("Resources")],
        ],
    )
    rp = _rp(t)
    assert (rp.title.value, rp.pay_scale.value, rp.reports_to.value) == (
        "Clerk",
        "Scale 3",
        "Office Manager",
    )
    assert rp.accountability_sections == []
    assert [(f.label, f.value) for f in rp.fields][-1] == ("Directorate", "Resources")


def test_criteria_marked_essential_or_desirable_under_a_knowledge_label() -> None:
    crit = [para("Spreadsheets (E)", bullet="•", list_level=0), para("Law (D)", bullet="•")]
    rp = _rp(table(0, [[lab("Knowledge and skills"), val(paras=crit)]]))
    assert [(p.section, p.text, p.requirement) for p in rp.person_specification] == [
        ("Knowledge and skills", "Spreadsheets (E)", "essential"),
        ("Knowledge and skills", "Law (D)", "desirable"),
    ]
    assert rp.knowledge_skills_experience is None


def test_a_level_key_table_numbers_the_levels_and_is_not_content() -> None:
    key = table(
        0,
        [[lab("Level"), lab("Meaning")], [val("1"), val("Developing")], [val("2"), val("Leading")]],
    )
    comps = table(1, [[lab("Behaviour"), lab("Level")], [val("Integrity"), val("Leading")]])
    rp = _rp(para("Role profile", heading=0), key, comps)
    assert _comps(rp) == [("Integrity", "Leading", 2)]
    assert rp.accountability_sections == [] and rp.other_sections == [] and rp.fields == []
    # a numbered list of short duties is not a key
    duties = table(
        0, [[lab("No."), lab("Duties")], [val("1"), val("Budgets")], [val("2"), val("Rotas")]]
    )
    (section,) = _rp(para("Role profile", heading=0), duties).accountability_sections
    assert [i.accountability[0].text for i in section.items] == ["Budgets", "Rotas"]


def test_a_matrix_row_group_named_duties_is_no_duties_cue() -> None:
    """A skills matrix groups rows under `Statutory duties`: level codes follow, not text."""
    grid = table(
        0,
        [
            [lab("Skill area"), lab("Social Worker"), lab("Senior Social Worker")],
            [lab("Statutory duties", 3)],
            [val("Care Act assessments"), val("P"), val("A")],
            [val("Safeguarding enquiries"), val("P"), val("A")],
        ],
    )
    assert role_profile.score(layout(grid)) < 0.3
    profile = table(
        0,
        [
            [lab("Job title"), val("Social Worker")],
            [lab("Statutory duties", 2)],
            [val("Carry out Care Act assessments and reviews.", 2)],
        ],
    )
    assert role_profile.score(layout(profile)) >= 0.4


def test_one_column_of_required_levels_is_a_role_profile_cue() -> None:
    details = [[lab("Job title"), val("Buyer")], [lab("Grade"), val("8")]]
    comps = [[lab("Behaviour"), lab("Level expected")], [val("Teamwork"), val("Working")]]
    without = role_profile.score(layout(table(0, details)))
    assert role_profile.score(layout(table(0, details), table(1, comps))) == pytest.approx(
        without + 0.1
    )


def test_required_competencies_reach_the_name_matcher() -> None:
    """In the pipeline, each required competency is matched on the registry like any other
    competency name."""
    from pathlib import Path

    from roleframe.ingest.build import build_document

    path = Path(__file__).parent / "fixtures/foreign/role_profile/rpf01_behaviour_levels.docx"
    doc = build_document(path.read_bytes(), path.name)
    assert isinstance(doc.content, RoleProfile)
    assert [(n.name, n.list) for n in doc.names] == [
        (c.name, "competencies") for c in doc.content.competencies
    ]


def test_a_bold_lead_in_naming_a_section_opens_it_on_the_same_line() -> None:
    purpose = para(
        "Job purpose: To keep the parks safe.",
        runs=[Run("Job purpose:", bold=True), Run(" To keep the parks safe.")],
    )
    rp = _rp(
        para("Job description", heading=0),
        purpose,
        para("Main duties", heading=1),
        para("Mow.", bullet="•", list_level=0),
    )
    assert (rp.purpose.label, [s.text for s in rp.purpose.statements]) == (
        "Job purpose",
        ["To keep the parks safe."],
    )
    assert [s.heading for s in rp.accountability_sections] == ["Main duties"]


def test_essential_and_desirable_rows_split_a_criteria_table() -> None:
    t = table(
        0,
        [
            [lab("Criteria"), lab("How assessed")],
            [lab("Essential", 2)],
            [val("Driving licence"), val("Application")],
            [val("Tact"), val("")],
            [lab("Desirable", 2)],
            [val("Welsh speaker"), val("Interview")],
        ],
    )
    rp = _rp(para("Person specification", heading=1), t)
    assert [(p.text, p.requirement, p.assessed_by) for p in rp.person_specification] == [
        ("Driving licence", "essential", ["application"]),
        ("Tact", "essential", []),
        ("Welsh speaker", "desirable", ["interview"]),
    ]
    assert rp.other_sections == [] and rp.accountability_sections == []


def test_essential_and_desirable_criteria_headings_without_a_parent() -> None:
    rp = _rp(
        para("Job description", heading=0),
        para("Essential criteria", heading=2),
        para("Driving licence", bullet="•", list_level=0),
        para("Desirable criteria", heading=2),
        para("Welsh speaker", bullet="•", list_level=0),
    )
    assert [(p.section, p.text, p.requirement) for p in rp.person_specification] == [
        (None, "Driving licence", "essential"),
        (None, "Welsh speaker", "desirable"),
    ]


def test_section_labels_repeated_in_a_grid_still_mean_a_framework_of_many_roles() -> None:
    """A progression framework repeats `Knowledge` per band over short cells: those labels
    head no text, yet their repetition keeps counting against a single role profile."""
    duties = [para("Key responsibilities", heading=1), para("Run the service well.")]
    bands = table(0, [[lab("Knowledge"), val("Basic"), val("Some")] for _ in range(4)])
    assert role_profile.score(layout(*duties, bands)) == pytest.approx(
        max(0.0, role_profile.score(layout(*duties)) - 0.4)
    )


def test_welsh_version_then_english_version_is_read_once_in_english() -> None:
    """ho5_rp06: the whole description in Welsh, then again under `English version`."""
    rp = _rp(
        para("Disgrifiad Swydd", heading=0),
        para("Prif ddyletswyddau", heading=1),
        para("Helpu cwsmeriaid.", bullet="•", list_level=0),
        para("Fersiwn Saesneg / English version", bold=True),
        para("Job Description", heading=0),
        para("Main duties", heading=1),
        para("Help customers.", bullet="•", list_level=0),
        para("Issue books.", bullet="•", list_level=0),
    )
    duties = [
        s.text for sec in rp.accountability_sections for i in sec.items for s in i.accountability
    ]
    assert duties == ["Help customers.", "Issue books."]
    assert "Helpu cwsmeriaid." in [n.text for n in rp.notes]
