"""Role profile rules on hand-built layouts: labels by cue, in any column, sections by cue."""

from __future__ import annotations

from word_layouts import lab, layout, para, table, val

from roleframe.parsers.kinds import role_profile
from roleframe.parsers.layout import Run
from roleframe.schema.role_profile import RoleProfile


def _rp(*blocks) -> RoleProfile:
    ex = role_profile.extract(layout(*blocks))
    assert isinstance(ex.content, RoleProfile)
    return ex.content


def test_label_in_either_column_and_bold_values() -> None:
    """001's title value is bold too: the shaded cell is the label, wherever it sits."""
    t = table(
        0,
        [
            [lab("Role Title"), val("Parks Officer", bold=True)],
            [val("Grade 4"), lab("Pay band")],
            [lab("Job Family"), val("Place")],
        ],
    )
    rp = _rp(t)
    assert rp.title.value == "Parks Officer"
    assert (rp.pay_scale.label, rp.pay_scale.value) == ("Pay band", "Grade 4")
    assert rp.job_family.value == "Place"
    assert rp.accountability_sections == []


def test_progression_stage_labels() -> None:
    t = table(
        0,
        [
            [lab("Scale 6"), val("Basic duties under supervision.")],
            [lab("SO1 – progress at 6 months"), val("Most duties;"), val("")],
            [lab("Band 3 progression"), val("Full duties.")],
        ],
    )
    rp = _rp(t)
    assert [(s.stage, s.description) for s in rp.progression_stages] == [
        ("Scale 6", "Basic duties under supervision."),
        ("SO1 – progress at 6 months", "Most duties;"),
        ("Band 3 progression", "Full duties."),
    ]


def test_accountability_table_with_outcome_bullets() -> None:
    outcomes = [
        para("Complete:"),
        para("Training", bullet="\uf0b7", list_level=0),
        para("Shadowing", bullet="\uf0b7", list_level=0),
    ]
    t = table(
        0,
        [
            [lab("Generic Accountabilities"), lab("End Results/ Outcomes")],
            [val("Learn the job."), val(paras=outcomes)],
            [val("Keep records."), val("Records are kept.")],
        ],
    )
    rp = _rp(t)
    (sec,) = rp.accountability_sections
    assert (sec.heading, sec.outcomes_heading) == (
        "Generic Accountabilities",
        "End Results/ Outcomes",
    )
    first = sec.items[0]
    assert [(s.text, s.bulleted) for s in first.outcomes] == [
        ("Complete:", False),
        ("Training", True),
        ("Shadowing", True),
    ]
    assert [a.accountability[0].text for a in sec.items] == ["Learn the job.", "Keep records."]


def test_heading_row_and_label_paragraph_inside_a_cell() -> None:
    key_facts = [
        para("Key Facts and Figures", bold=True),
        para("Reports to; Team Manager"),
        para("Responsible for: 3 officers"),
    ]
    t = table(
        0,
        [
            [lab("Purpose", 2)],
            [val("Deliver the service.", 2)],
            [val(paras=key_facts, span=2)],
        ],
    )
    rp = _rp(t, table(1, [[val("The above profile is not exhaustive.")]]))
    assert [s.text for s in rp.purpose.statements] == ["Deliver the service."]
    assert rp.dimensions.label == "Key Facts and Figures"
    assert (rp.reports_to.label, rp.reports_to.value, rp.reports_to.raw) == (
        "Reports to",
        "Team Manager",
        "Reports to; Team Manager",
    )
    assert rp.responsible_for.value == "3 officers"
    assert [n.text for n in rp.notes] == ["The above profile is not exhaustive."]


def test_vertical_label_row_with_values_below() -> None:
    t = table(
        0,
        [
            [lab("Job title"), lab("Grade"), lab("Directorate")],
            [val("Clerk"), val("3"), val("Resources")],
        ],
    )
    rp = _rp(t)
    assert [(f.label, f.value) for f in rp.fields] == [
        ("Job title", "Clerk"),
        ("Grade", "3"),
        ("Directorate", "Resources"),
    ]


def test_headings_with_numbered_duties_and_inline_fields() -> None:
    inline = para(
        "Job title: Street Warden",
        runs=[Run("Job title:", bold=True), Run(" Street Warden")],
    )
    blocks = [
        para("Job Description", heading=0),
        inline,
        para("Key responsibilities", heading=1),
        para("Patrol the town centre.", bullet="1.", list_level=0),
        para("Record incidents:", bullet="2.", list_level=0),
        para("on the app", bullet="a)", list_level=1),
        para("Skills and experience", heading=1),
        para("Good communicator", bullet="•", list_level=0),
    ]
    rp = _rp(*blocks)
    assert rp.layout == "headings"
    assert rp.title.value == "Street Warden"
    (duties,) = rp.accountability_sections
    assert [[s.text for s in a.accountability] for a in duties.items] == [
        ["Patrol the town centre."],
        ["Record incidents:", "on the app"],
    ]
    assert [s.text for s in rp.knowledge_skills_experience.statements] == ["Good communicator"]


def test_score_prefers_role_profile_cues() -> None:
    t = table(
        0,
        [
            [lab("Job title"), val("Clerk")],
            [lab("Purpose"), val("Do things.")],
            [lab("Key accountabilities"), val("A thing.")],
        ],
    )
    assert role_profile.score(layout(t)) >= 0.5
    assert role_profile.score(layout(table(0, [[val("Just text")]]))) == 0


def test_title_from_heading_inline_fields_and_closing_note() -> None:
    blocks = [
        para("Job Description – Library Assistant", heading=0),
        para("Grade: Scale 3"),  # no bold lead-in, but above every section
        para("Main duties", heading=1),
        para("Issue and return books.", bullet="•", list_level=0),
        para("Run children's reading groups.", bullet="•", list_level=0),
        para("This description is not exhaustive and may change."),
    ]
    rp = _rp(*blocks)
    assert (rp.title.label, rp.title.value) == ("Job Description", "Library Assistant")
    assert rp.pay_scale.value == "Scale 3"
    (duties,) = rp.accountability_sections
    assert len(duties.items) == 2
    assert [n.text for n in rp.notes] == ["This description is not exhaustive and may change."]


def test_last_section_of_plain_paragraphs_is_not_a_note() -> None:
    blocks = [
        para("Purpose", heading=1),
        para("Run the library."),
        para("Keep it open."),
    ]
    rp = _rp(*blocks)
    assert [s.text for s in rp.purpose.statements] == ["Run the library.", "Keep it open."]
    assert rp.notes == []


def test_person_spec_ticked_columns_from_a_word_file(tmp_path) -> None:
    """One criterion per row with ✓ under Essential or Desirable (read through the reader:
    a cell holding only a tick must not lose it as a bullet glyph)."""
    from docx import Document

    from roleframe.ingest.build import build_document

    doc = Document()
    t = doc.add_table(rows=3, cols=4)
    for c, text in enumerate(("Criteria", "Essential", "Desirable", "How identified")):
        t.cell(0, c).paragraphs[0].add_run(text).bold = True
    for r, (crit, e, d, how) in enumerate(
        [("Full driving licence", "✓", "", "AF"), ("First aid certificate", "", "✓", "AF/I")],
        start=1,
    ):
        for c, text in enumerate((crit, e, d, how)):
            t.cell(r, c).text = text
    doc.add_paragraph("AF = Application form, I = Interview")
    path = tmp_path / "ticks.docx"
    doc.save(path)
    rp = build_document(path.read_bytes(), path.name, kind=None).content
    assert isinstance(rp, RoleProfile)
    got = [(i.text, i.requirement, i.assessed_by) for i in rp.person_specification]
    assert got == [
        ("Full driving licence", "essential", ["application form"]),
        ("First aid certificate", "desirable", ["application form", "interview"]),
    ]


def test_bold_values_beside_unshaded_labels() -> None:
    t = table(
        0,
        [
            [val("Job Title", bold=True), val("Housing Officer", bold=True)],
            [val("Grade:", bold=True), val("Band 4", bold=True)],
        ],
    )
    rp = _rp(t)
    assert (rp.title.value, rp.pay_scale.value) == ("Housing Officer", "Band 4")


def test_lone_label_heads_the_rows_below_and_person_spec_at_the_tail() -> None:
    """One long two-column table: a label alone in its row over its text, then the person
    specification's Essential/Desirable header part-way down."""
    t = table(
        0,
        [
            [lab("Job purpose"), val("")],
            [val("Keep the parks safe and clean."), val("")],
            [lab("Responsible to"), val("Parks Manager")],
            [lab("Criteria"), lab("Essential"), lab("Desirable")],
            [val("Experience", bold=True), val("Grounds work"), val("Tree surgery")],
        ],
        n_cols=3,
    )
    rp = _rp(t)
    assert [s.text for s in rp.purpose.statements] == ["Keep the parks safe and clean."]
    assert rp.reports_to.value == "Parks Manager"
    assert [(i.section, i.requirement, i.text) for i in rp.person_specification] == [
        ("Experience", "essential", "Grounds work"),
        ("Experience", "desirable", "Tree surgery"),
    ]


def test_bold_numbered_headings() -> None:
    blocks = [
        para("Job Purpose", bold=True, bullet="1.", list_level=0),
        para("Keep residents informed."),
        para("Main Duties", bold=True, bullet="2.", list_level=0),
        para("Answer calls.", bullet="a)", list_level=0),
        para("Log repairs.", bullet="b)", list_level=0),
    ]
    rp = _rp(*blocks)
    assert [s.text for s in rp.purpose.statements] == ["Keep residents informed."]
    (duties,) = rp.accountability_sections
    assert duties.heading == "Main Duties" and len(duties.items) == 2


def test_seed_specific_schema_slots_have_generic_names_with_the_label_kept() -> None:
    """Issue 14: `key_facts` and `resourcing` were one form's labels. Other councils write
    `Job dimensions` or `Requirements of the post`: the same slots, each label as printed."""
    assert "key_facts" not in RoleProfile.model_fields
    assert "resourcing" not in str(RoleProfile.model_json_schema())
    for label in ("Key Facts and Figures", "Job dimensions"):
        t = table(0, [[lab(label, 2)], [val("Budget: £1.2m", 2)], [lab("Resourcing", 2)]])
        rp = _rp(t)
        assert (rp.dimensions.label, [s.text for s in rp.dimensions.statements]) == (
            label,
            ["Budget: £1.2m"],
        )
        (heading,) = rp.other_sections
        assert (heading.key, heading.label) == ("requirements", "Resourcing")
