"""Skills-matrix rules on hand-built layouts: detection, levels, linking, document texts."""

from __future__ import annotations

from roleframe.parsers.kinds import skills_matrix
from roleframe.schema import IssueCode
from roleframe.schema.skills_matrix import SkillsMatrix
from tests.matrix_layouts import COMPETENCIES, layout, matrix_rows, para, table

BASIC = [
    ["Finance Officer", "5", "2", "1", "0", "1"],
    ["Finance Manager", "8", "3", "3", "1", "2"],
    ["Finance Assistant", "3", "1", "0", "0", "1"],
]


def _extract(*blocks) -> tuple[SkillsMatrix, list]:
    out = skills_matrix.extract(layout(*blocks))
    assert isinstance(out.content, SkillsMatrix)
    return out.content, out.warnings


def test_score_high_for_a_matrix_and_zero_for_tables_of_text() -> None:
    assert skills_matrix.score(layout(table(matrix_rows(BASIC)))) >= 0.8
    profile = table(
        [
            ["Role Title", "Housing Options Officer"],
            ["Purpose", "To deliver a housing options service to residents in need."],
            ["Key accountabilities", "Assess applications; give advice; keep records."],
        ]
    )
    framework = table(
        [
            ["Level 1", "Works with colleagues; shares information; asks for help."],
            ["Level 2", "Leads small pieces of work and supports others to deliver."],
        ]
    )
    assert skills_matrix.score(layout(profile, framework)) == 0.0


def test_score_zero_for_a_je_factor_table_of_levels_and_points() -> None:
    je = table(
        [
            ["Factor", "level", "score", "level", "agreed", "Commentary/evidence"],
            ["Knowledge", "5", "121", "5", "", "Degree-level knowledge of housing law."],
            ["Mental skills", "4", "78", "4", "", "Analyses complex cases."],
            ["Interpersonal skills", "4", "78", "", "", ""],
        ]
    )
    assert skills_matrix.score(layout(je)) < 0.3


def test_header_found_below_title_rows_inside_the_table() -> None:
    rows = [["Finance skills matrix", "", "", "", "", ""], *matrix_rows(BASIC)]
    m, _ = _extract(table(rows, spans={(0, 0): 6}))
    assert m.title == "Finance skills matrix"
    assert m.header_row[:2] == ["Job Title", "Grade"]
    assert [c.name for c in m.competencies] == COMPETENCIES
    assert m.competencies[0].index == 2 and m.competencies[0].where.row == 1


def test_integer_grade_column_by_horizontal_header_among_vertical_ones() -> None:
    rows = matrix_rows(BASIC, header=("Post", "Lvl"))
    m, _ = _extract(table(rows, vertical_header={2, 3, 4, 5}))
    assert m.role_columns == {"title": "Post", "grade": "Lvl"}
    assert [r.grade for r in m.roles] == ["5", "8", "3"]


def test_integer_grade_column_without_cues_stays_a_competency() -> None:
    """No grade word, no vertical headers: a column of small integers is read as levels."""
    rows = matrix_rows(BASIC, header=("Post", "Lvl"))
    m, _ = _extract(table(rows))
    assert m.role_columns == {"title": "Post"}
    assert m.competencies[0].name == "Lvl"


def test_non_numeric_cells_are_kept_raw_without_a_level() -> None:
    cells = [["Finance Officer", "5", "S", "✓", "", "2"], *BASIC[1:]]
    m, warnings = _extract(table(matrix_rows(cells)))
    by_comp = {q.competency: q for q in m.requirements if q.role == "Finance Officer"}
    assert (by_comp["Budgeting"].raw, by_comp["Budgeting"].level) == ("S", None)
    assert (by_comp["Procurement"].raw, by_comp["Procurement"].level) == ("✓", None)
    assert (by_comp["Safeguarding"].raw, by_comp["Safeguarding"].level) == ("", None)
    codes = [(w.code, w.details.get("raw")) for w in warnings]
    assert codes == [(IssueCode.NON_NUMERIC_LEVEL, "S")]  # a tick is a mark, not an error


def test_level_words_follow_a_legend_over_the_built_in_order() -> None:
    cells = [
        ["Finance Officer", "5", "Good", "Expert", "Good", "Good"],
        ["Finance Manager", "8", "Expert", "Expert", "Good", "Expert"],
        ["Finance Assistant", "3", "Good", "Good", "Good", "Good"],
    ]
    m, _ = _extract(table(matrix_rows(cells)), para("Key: 3 = Good, 4 = Expert", line=9))
    assert m.level_scale == {"good": 3, "expert": 4} and m.level_scale_source == "legend"
    m2, _ = _extract(table(matrix_rows(cells)))
    assert m2.level_scale == {"good": 1, "expert": 2} and m2.level_scale_source == "word_order"


def test_transposed_matrix_with_job_nouns_on_the_columns() -> None:
    rows = [
        ["Skill", "Finance Officer", "Finance Manager", "Finance Assistant"],
        *[[name, *[BASIC[r][2 + i] for r in range(3)]] for i, name in enumerate(COMPETENCIES)],
    ]
    m, _ = _extract(table(rows))
    assert m.orientation == "roles_in_columns"
    assert [r.title for r in m.roles] == ["Finance Officer", "Finance Manager", "Finance Assistant"]
    assert [c.name for c in m.competencies] == COMPETENCIES
    q = next(
        q for q in m.requirements if q.role == "Finance Manager" and q.competency == "Budgeting"
    )
    assert q.level == 3 and (q.where.row, q.where.column) == (1, 2)


def _descriptor_table(names: list[str], index: int = 1, header: bool = True):
    rows = [["Competency", "Level 1", "Level 2", "Level 3"]] if header else []
    rows += [[n, f"Basic {n}", f"Good {n}", f"Expert {n}"] for n in names]
    return table(rows, index=index)


def test_truncated_header_resolved_by_unique_word_prefix() -> None:
    rows = matrix_rows(BASIC)
    rows[0][2] = "Budg"  # cut inside the word
    rows[0][3] = "Procurement a"  # a stub that is no prefix of the next word
    descriptors = _descriptor_table(["Budget setting", "Procurement and contracts"])
    m, warnings = _extract(table(rows), descriptors)
    resolved = {c.name: c.resolved_name for c in m.competencies}
    assert resolved["Budg"] == "Budget setting"
    assert resolved["Procurement a"] == "Procurement and contracts"
    assert sum(w.code == IssueCode.TRUNCATED_HEADER for w in warnings) == 2


def test_truncated_header_left_alone_when_ambiguous() -> None:
    rows = matrix_rows(BASIC)
    rows[0][2] = "Budget s"
    descriptors = _descriptor_table(["Budget setting", "Budget scrutiny"])
    m, warnings = _extract(table(rows), descriptors)
    assert m.competencies[0].resolved_name is None
    missing = [w.details["competency"] for w in warnings if w.code == IssueCode.MISSING_DESCRIPTOR]
    assert "Budget s" in missing


def test_headerless_descriptor_block_continues_the_one_before() -> None:
    first = _descriptor_table(COMPETENCIES[:2], index=1)
    second = _descriptor_table(COMPETENCIES[2:], index=2, header=False)
    m, warnings = _extract(table(matrix_rows(BASIC)), first, second)
    assert m.descriptor_columns == ["Competency", "Level 1", "Level 2", "Level 3"]
    assert len(m.descriptors) == 12
    assert [d.level for d in m.descriptors[6:9]] == [1, 2, 3]
    assert m.descriptors[6].where.table == 2
    assert not warnings


def test_empty_descriptor_row_is_kept_and_flagged() -> None:
    descriptors = _descriptor_table(COMPETENCIES)
    descriptors.rows[3] = [
        descriptors.rows[3][0],
        *[type(c)(row=c.row, col=c.col, where=c.where) for c in descriptors.rows[3][1:]],
    ]
    m, warnings = _extract(table(matrix_rows(BASIC)), descriptors)
    empty = [d for d in m.descriptors if d.competency == "Safeguarding"]
    assert [d.text for d in empty] == ["", "", ""]
    assert [w.code for w in warnings] == [IssueCode.EMPTY_DESCRIPTOR]


def test_title_service_intro_footnote_and_descriptor_heading_by_position() -> None:
    rows = matrix_rows(BASIC)
    rows[0][4] = "Safeguarding*"
    m, _ = _extract(
        para("Finance Team Skills", line=1),
        para("Directorate - Resources", line=2),
        para("What each post needs.", line=3),
        table(rows),
        para("* Level 2 for anyone working with children.", line=8),
        para("Level descriptions", line=9),
        para("What each level means.", line=10),
        _descriptor_table(COMPETENCIES),
    )
    assert (m.title, m.service, m.intro) == (
        "Finance Team Skills",
        "Resources",
        "What each post needs.",
    )
    assert m.competencies[2].note == "* Level 2 for anyone working with children."
    assert [n.marker for n in m.footnotes] == ["*"]
    assert (m.descriptors_title, m.descriptors_intro) == (
        "Level descriptions",
        "What each level means.",
    )


def test_matrix_split_over_two_tables_is_one_matrix() -> None:
    first = table(matrix_rows(BASIC[:2]), index=0)
    second = table(matrix_rows(BASIC[2:]), index=1)  # repeats the header
    m, _ = _extract(first, second)
    assert [r.title for r in m.roles] == [r[0] for r in BASIC]
    assert m.roles[2].where.table == 1 and len(m.requirements) == 12


def test_group_rows_and_in_table_footnote() -> None:
    rows = matrix_rows(BASIC)
    rows.insert(1, ["Finance team"] + [""] * 5)
    rows.append(["* Levels reviewed yearly."] + [""] * 5)
    spans = {(1, 0): 6, (len(rows) - 1, 0): 6}
    m, _ = _extract(table(rows, spans=spans))
    assert {r.group for r in m.roles} == {"Finance team"}
    assert [n.text for n in m.footnotes] == ["* Levels reviewed yearly."]
    assert len(m.roles) == 3


def test_extract_refuses_a_layout_without_a_matrix() -> None:
    import pytest

    from roleframe.parsers.errors import ReadError

    with pytest.raises(ReadError) as info:
        skills_matrix.extract(layout(para("Just a letter.")))
    assert info.value.code == IssueCode.UNRECOGNISED_KIND


def test_level_with_a_footnote_marker_keeps_its_number() -> None:
    cells = [["Finance Officer", "5", "2*", "1", "0", "1"], *BASIC[1:]]
    m, warnings = _extract(table(matrix_rows(cells)))
    q = m.requirements[0]
    assert (q.raw, q.level) == ("2*", 2) and not warnings


def test_grade_header_beats_a_column_of_reference_codes() -> None:
    rows = [
        ["Ref", "Job Title", "Grade", *COMPETENCIES],
        *[[f"HO{i}", *r] for i, r in enumerate(BASIC)],
    ]
    m, _ = _extract(table(rows))
    assert m.role_columns == {"title": "Job Title", "grade": "Grade"}
    assert m.roles[0].attributes == {"Ref": "HO0"}


def test_a_second_matrix_table_is_reported_not_merged() -> None:
    other = [["Post", "Grade", "Driving", "First aid", "Welsh"], ["Caretaker", "2", "1", "2", "0"]]
    other += [["Cleaner", "1", "0", "1", "0"]]
    m, warnings = _extract(table(matrix_rows(BASIC), index=0), table(other, index=1))
    assert [c.name for c in m.competencies] == COMPETENCIES
    assert [w.code for w in warnings] == [IssueCode.AMBIGUOUS_LAYOUT]
    assert warnings[0].location.table == 1


def test_tick_matrix_and_level_written_as_words() -> None:
    cells = [
        ["Finance Officer", "5", "✓", "✓", "", "L2"],
        ["Finance Manager", "8", "✓", "", "✓", "Level 3"],
        ["Finance Assistant", "3", "", "✓", "", ""],
    ]
    m, warnings = _extract(table(matrix_rows(cells)))
    assert [q.level for q in m.requirements if q.competency == "Data protection"] == [2, 3, None]
    assert {q.raw for q in m.requirements if q.competency == "Budgeting"} == {"✓", ""}
    assert not warnings


def test_a_total_row_is_not_a_role() -> None:
    cells = [*BASIC, ["Total", "", "16", "24", "11", "14"]]
    m, warnings = _extract(table(matrix_rows(cells)))
    assert [r.title for r in m.roles] == [r[0] for r in BASIC]
    assert [w.code for w in warnings] == [IssueCode.AMBIGUOUS_LAYOUT]
    assert "'Total'" in warnings[0].message


def test_essential_desirable_letters_make_a_matrix_with_one_warning_per_letter() -> None:
    cells = [
        ["Finance Officer", "5", "E", "D", "E", ""],
        ["Finance Manager", "8", "E", "E", "D", "E"],
        ["Finance Assistant", "3", "D", "", "", "E"],
    ]
    m, warnings = _extract(table(matrix_rows(cells)))
    assert len(m.roles) == 3 and all(q.level is None for q in m.requirements)
    counts = {w.details["raw"]: w.details["cells"] for w in warnings}
    assert counts == {"E": 6, "D": 3}
    assert all(w.code == IssueCode.NON_NUMERIC_LEVEL for w in warnings)


def test_post_numbers_are_no_grades() -> None:
    rows = [
        ["Post No", "Job Title", *COMPETENCIES],
        *[[f"1114{i}", r[0], *r[2:]] for i, r in enumerate(BASIC)],
    ]
    m, _ = _extract(table(rows))
    assert m.role_columns == {"title": "Job Title"}
    assert m.roles[0].attributes == {"Post No": "11140"} and m.roles[0].grade is None


def test_key_table_before_the_matrix_gives_the_scale_and_the_heading_still_titles() -> None:
    key = table([["Level", "Meaning"], ["2", "Working"], ["5", "Expert"]], index=0)
    cells = [
        ["Finance Officer", "5", "Working", "Expert", "Working", "Working"],
        ["Finance Manager", "8", "Expert", "Expert", "Working", "Expert"],
        ["Finance Assistant", "3", "Working", "Working", "", "Working"],
    ]
    m, _ = _extract(para("Finance skills", heading=1), key, table(matrix_rows(cells), index=1))
    assert m.level_scale == {"working": 2, "expert": 5} and m.level_scale_source == "legend"
    assert m.title == "Finance skills" and m.intro is None


def test_orientation_from_the_descriptor_table_when_names_give_no_cue() -> None:
    """Roles named only by codes (no job nouns, no grade line): the descriptor table, whose
    rows are competencies, says which axis the competencies are on."""
    roles = ["RO5", "SRO6", "PRO7"]
    rows = [["", *roles]] + [
        [name, *[BASIC[r][2 + i] for r in range(3)]] for i, name in enumerate(COMPETENCIES)
    ]
    m, _ = _extract(table(rows), _descriptor_table(COMPETENCIES))
    assert m.orientation == "roles_in_columns"
    assert [r.title for r in m.roles] == roles
    assert [c.name for c in m.competencies] == COMPETENCIES


def test_numbers_with_their_labels_and_wingdings_ticks() -> None:
    cells = [
        ["Finance Officer", "5", "2 - Working", "3 (Expert)", "\uf0fc", "1: Basic"],
        ["Finance Manager", "8", "3 - Expert", "3 (Expert)", "ü", "2: Good"],
        ["Finance Assistant", "3", "1 - Basic", "0 (None)", "", "1: Basic"],
    ]
    m, warnings = _extract(table(matrix_rows(cells)))
    first = [q.level for q in m.requirements if q.role == "Finance Officer"]
    assert first == [2, 3, None, 1]
    assert m.requirements[0].raw == "2 - Working"
    assert not warnings  # the Wingdings ticks are marks


def test_a_person_specification_tick_grid_is_no_matrix() -> None:
    """Criteria x Essential/Desirable/how assessed: ticks and letters under distinct headers,
    but no levels and no posts in the rows."""
    spec = table(
        [
            ["Criteria", "Essential", "Desirable", "Application", "Interview", "Test"],
            ["Degree in housing", "E", "", "✓", "", ""],
            ["Casework experience", "E", "", "✓", "✓", ""],
            ["Housing law", "", "D", "", "✓", "✓"],
            ["Driving licence", "E", "", "✓", "", ""],
        ]
    )
    assert skills_matrix.score(layout(spec)) < 0.3
    ticks = [
        ["Finance Officer", "5", "✓", "✓", "", "✓"],
        ["Finance Manager", "8", "✓", "", "✓", ""],
    ]
    assert skills_matrix.score(layout(table(matrix_rows(ticks)))) >= 0.4


# --- legends, codes and the layouts of other councils (issue 9) ------------------------------


def test_letter_codes_and_words_decode_on_a_trailing_key_row() -> None:
    """Codes, words, lower case, stray spaces and a star after a word all read on the key
    the table's last merged row gives (`F = Foundation; I = …`), in the key's order."""
    cells = [
        ["Finance Officer", "5", "F", "intermediate", " a ", "Expert*"],
        ["Finance Manager", "8", "E", "A", "Advanced", "i"],
        ["Finance Assistant", "3", "f", "", "F", "Foundation"],
    ]
    rows = [
        *matrix_rows(cells),
        ["Key: F = Foundation; I = Intermediate; A = Advanced; E = Expert"],
    ]
    m, warnings = _extract(table(rows, spans={(4, 0): 6}))
    assert [[q.level for q in m.requirements if q.role == r[0]] for r in cells] == [
        [1, 2, 3, 4],
        [4, 3, 3, 2],
        [1, None, 1, 1],
    ]
    assert m.level_scale_source == "legend"
    assert m.level_scale == {
        "f": 1,
        "foundation": 1,
        "i": 2,
        "intermediate": 2,
        "a": 3,
        "advanced": 3,
        "e": 4,
        "expert": 4,
    }
    assert len(m.roles) == 3 and [n.text[:4] for n in m.footnotes] == ["Key:"]
    assert not warnings


def test_words_only_a_key_table_knows_make_the_matrix() -> None:
    """`Capable` is no scale word: the key table (level | code | meaning, no numbers) makes it
    a level, numbered by the key's row order."""
    key = table(
        [
            ["Level", "Short code", "What it means"],
            ["Aware", "AW", "Knows where to find guidance."],
            ["Capable", "CA", "Works without supervision."],
            ["Leading", "LD", "Sets the approach."],
        ],
        index=1,
    )
    cells = [
        ["Finance Officer", "5", "Capable", "AW", "ca", "Leading"],
        ["Finance Manager", "8", "LD", "Leading", "CA", "Capable"],
        ["Finance Assistant", "3", "AW", "Aware", "", "AW"],
    ]
    assert skills_matrix.score(layout(table(matrix_rows(cells)), key)) >= 0.8
    m, _ = _extract(table(matrix_rows(cells)), key)
    assert [q.level for q in m.requirements if q.role == "Finance Officer"] == [2, 1, 2, 3]


def test_a_digit_matrix_keeps_the_legend_of_its_intro() -> None:
    m, _ = _extract(
        para("Finance skills", heading=1),
        para("Levels: 1 = Basic, 2 = Competent, 3 = Advanced. Blank: not needed.", line=2),
        table(matrix_rows(BASIC)),
    )
    assert m.level_scale == {"basic": 1, "competent": 2, "advanced": 3}
    assert m.level_scale_source == "legend"
    assert m.requirements[0].level == 2


def test_the_scale_word_order_reads_aware_working_practitioner_expert_as_four_levels() -> None:
    cells = [
        ["Finance Officer", "5", "Aware", "Working", "Practitioner", "Expert"],
        ["Finance Manager", "8", "Expert", "Practitioner", "Working", "Aware"],
        ["Finance Assistant", "3", "Aware", "Aware", "Working", ""],
    ]
    m, _ = _extract(table(matrix_rows(cells)))
    assert m.level_scale == {"aware": 1, "working": 2, "practitioner": 3, "expert": 4}
    assert m.level_scale_source == "word_order"


def test_transposed_matrix_with_competency_groups_as_merged_rows() -> None:
    """Roles across the top with a grade line; full-width rows group the competencies."""
    roles = ["Finance Officer", "Finance Manager", "Finance Assistant"]
    rows = [
        ["Skill area", *roles],
        ["Grade", "5", "8", "3"],
        ["Money"],
        ["Budgeting", "P", "A", "E"],
        ["Procurement", "E", "A", ""],
        ["People"],
        ["Safeguarding", "P", "p", "E"],
        ["Data protection", "A", "A", "P"],
    ]
    m, _ = _extract(
        para("Scale: E/P/A (Essential/Proficient/Advanced)"),
        table(rows, spans={(2, 0): 4, (5, 0): 4}),
    )
    assert m.orientation == "roles_in_columns"
    assert [(c.name, c.group) for c in m.competencies] == [
        ("Budgeting", "Money"),
        ("Procurement", "Money"),
        ("Safeguarding", "People"),
        ("Data protection", "People"),
    ]
    assert [r.grade for r in m.roles] == ["5", "8", "3"]
    assert [q.level for q in m.requirements if q.role == "Finance Manager"] == [3, 3, 2, 3]


def test_required_and_current_pairs_read_the_required_level() -> None:
    names = ["Budgeting", "Procurement", "Safeguarding"]
    header = ["Job Title", "Grade"]
    for name in names:
        header += [name, ""]
    rows = [
        header,
        ["", "", *["Required", "Current"] * 3],
        ["Finance Officer", "5", "2", "1", "3", "3", "1", ""],
        ["Finance Manager", "8", "3", "3", "2", "1", "2", "2"],
    ]
    spans = {(0, 2): 2, (0, 4): 2, (0, 6): 2}
    m, _ = _extract(table(rows, spans=spans))
    assert [c.name for c in m.competencies] == names
    assert [q.level for q in m.requirements if q.role == "Finance Officer"] == [2, 3, 1]
    current = [
        (c.competency, c.raw, c.level) for c in m.current_levels if c.role == "Finance Officer"
    ]
    assert current == [("Budgeting", "1", 1), ("Procurement", "3", 3), ("Safeguarding", "", None)]
    assert m.current_levels[0].where.column == 3


def test_descriptor_sections_under_merged_competency_rows() -> None:
    sections = table(
        [
            ["Level", "What it looks like"],
            ["Budgeting"],
            ["1 – Basic", "Keeps to a budget someone else sets."],
            ["2 – Good", "Sets a team budget."],
            ["Procurement"],
            ["1 – Basic", "Raises orders."],
            ["2 – Good", "Runs quotes."],
        ],
        index=1,
        spans={(1, 0): 2, (4, 0): 2},
    )
    m, _ = _extract(table(matrix_rows(BASIC)), sections)
    assert [(d.competency, d.level, d.text) for d in m.descriptors] == [
        ("Budgeting", 1, "Keeps to a budget someone else sets."),
        ("Budgeting", 2, "Sets a team budget."),
        ("Procurement", 1, "Raises orders."),
        ("Procurement", 2, "Runs quotes."),
    ]
    assert m.descriptor_columns == ["Level", "What it looks like"]
    assert m.descriptors[0].where.row == 2 and m.descriptors[0].where.column == 1
    assert all(d.competency_id for d in m.descriptors)


def test_a_header_broken_by_a_pdf_cell_resolves_to_the_descriptor_name() -> None:
    rows = matrix_rows(BASIC)
    rows[0][3] = "Procure ment"  # LibreOffice broke the word at a narrow cell's edge
    m, warnings = _extract(table(rows), _descriptor_table(COMPETENCIES))
    assert m.competencies[1].resolved_name == "Procurement"
    assert not [w for w in warnings if w.code == IssueCode.MISSING_DESCRIPTOR]


FACTORS = [
    "Knowledge",
    "Mental skills",
    "Interpersonal and communication skills",
    "Physical skills",
    "Initiative and independence",
    "Physical demands",
    "Emotional demands",
    "Responsibility for people",
    "Working conditions",
]


def test_a_je_factor_summary_is_no_matrix() -> None:
    """Factors x proposed/agreed levels reads as a transposed matrix by shape; the JE cues
    (factor names, JE column words, a `Factor` corner, JE words around) keep it out."""
    summary = [["Factor", "Proposed level", "Agreed level", "Points"]] + [
        [f, str(3 + i % 3), str(3 + i % 2), str(40 + 7 * i)] for i, f in enumerate(FACTORS)
    ]
    assert skills_matrix.score(layout(table(summary))) < 0.1
    bare = [["", "Proposed", "Agreed", "Points"], *summary[1:]]
    assert skills_matrix.score(layout(table(bare))) < 0.3
    across = [
        ["Element", *FACTORS],
        ["Level", *[str(3 + i % 3) for i in range(len(FACTORS))]],
        ["Agreed", *[str(3 + i % 2) for i in range(len(FACTORS))]],
    ]
    assert skills_matrix.score(layout(table(across))) < 0.1
    titled = layout(para("Job evaluation record", heading=1), table(bare))
    assert skills_matrix.score(titled) < 0.2
    # the same shape with posts and skills stays a matrix
    assert skills_matrix.score(layout(table(matrix_rows(BASIC)))) >= 0.8


def test_a_role_profiles_requirement_table_is_no_matrix() -> None:
    """`Behaviour | Level expected` read transposed is one row of levels named like a column;
    a person specification's criteria are sentences under `E / D | How assessed`, even with a
    key that explains its codes."""
    behaviours = table(
        [
            ["Behaviour", "Level expected"],
            ["Working together", "Working"],
            ["Customer focus", "Advanced"],
            ["Managing resources", "Working"],
            ["Delivering results", "Expert"],
        ]
    )
    assert skills_matrix.score(layout(behaviours)) < 0.3
    spec = table(
        [
            ["Requirement", "E / D", "How assessed (A/I/T)"],
            ["Experience of assessing benefit claims in a local authority", "E", "A"],
            ["Ability to explain complex rules in plain language to residents", "E", "I"],
            ["Accurate calculation and data entry under time pressure", "E", "T"],
            ["Willingness to attend training away from the office", "D", "I"],
        ]
    )
    key = para("Key: A = Application form, I = Interview, T = Test", line=9)
    assert skills_matrix.score(layout(spec, key)) < 0.3


def test_long_descriptor_table_with_the_name_written_once() -> None:
    long = table(
        [
            ["Competency", "Level", "Descriptor"],
            ["Budgeting", "1", "Keeps to a budget someone else sets."],
            ["", "2", "Sets a team budget."],
            ["Procurement", "1", "Raises orders."],
            ["", "2", "Runs quotes."],
        ],
        index=1,
    )
    m, _ = _extract(table(matrix_rows(BASIC)), long)
    assert [(d.competency, d.level, d.text) for d in m.descriptors] == [
        ("Budgeting", 1, "Keeps to a budget someone else sets."),
        ("Budgeting", 2, "Sets a team budget."),
        ("Procurement", 1, "Raises orders."),
        ("Procurement", 2, "Runs quotes."),
    ]
    assert m.descriptors[1].where.row == 2 and m.descriptors[1].where.column == 2


def test_a_level_table_under_each_competency_heading() -> None:
    """Word: `Budgeting` as a heading, then `Level | Description` rows in codes of the key."""
    blocks = [
        table(matrix_rows([["Finance Officer", "5", "B", "S", "B", "S"], *BASIC[1:]]), index=0),
        para("Key: B = Basic, S = Skilled", line=5),
    ]
    for i, name in enumerate(["Budgeting", "Procurement"], start=1):
        blocks.append(para(name, heading=3, line=10 * i))
        rows = [["Level", "Description"], ["B", f"Basic {name}."], ["S", f"Skilled {name}."]]
        blocks.append(table(rows, index=i))
    m, _ = _extract(*blocks)
    assert [(d.competency, d.level, d.text) for d in m.descriptors] == [
        ("Budgeting", 1, "Basic Budgeting."),
        ("Budgeting", 2, "Skilled Budgeting."),
        ("Procurement", 1, "Basic Procurement."),
        ("Procurement", 2, "Skilled Procurement."),
    ]


def test_section_rows_in_the_first_column_without_a_merge() -> None:
    """A sheet or CSV cannot merge: the competency sits alone in the first column."""
    sections = table(
        [
            ["Budgeting", ""],
            ["Awareness", "Knows the budget cycle."],
            ["Expert", "Advises on budget strategy."],
            ["Procurement", ""],
            ["Awareness", "Knows the contract rules."],
            ["Expert", "Writes the contract rules."],
        ],
        index=1,
    )
    m, _ = _extract(table(matrix_rows(BASIC)), sections)
    assert [(d.competency, d.level) for d in m.descriptors] == [
        ("Budgeting", 1),
        ("Budgeting", 2),
        ("Procurement", 1),
        ("Procurement", 2),
    ]


def test_a_job_family_merged_down_the_first_column_groups_its_roles() -> None:
    rows = [
        ["Family", "Job title", "Grade", *COMPETENCIES],
        ["Finance", *BASIC[0]],
        ["", *BASIC[1]],
        ["Support", *BASIC[2]],
    ]
    t = table(rows)
    t.rows[1][0].row_span = 2
    t.rows[2] = t.rows[2][1:]  # the merged cell covers (2, 0)
    m, _ = _extract(t)
    assert [(r.title, r.group, r.attributes) for r in m.roles] == [
        ("Finance Officer", "Finance", {"Family": "Finance"}),
        ("Finance Manager", "Finance", {"Family": "Finance"}),
        ("Finance Assistant", None, {"Family": "Support"}),
    ]


def test_codes_with_their_words_and_words_with_a_qualifier_decode() -> None:
    cells = [
        ["Finance Officer", "5", "P (Proficient)", "E – Expert", "Expert level", "N/R"],
        ["Finance Manager", "8", "E (Expert)", "P – Proficient", "Proficient level", "P"],
        ["Finance Assistant", "3", "N/R", "", "n/r", "E"],
    ]
    key = para("Key: N/R = not required, P = Proficient, E = Expert", line=9)
    m, warnings = _extract(table(matrix_rows(cells)), key)
    assert [[q.level for q in m.requirements if q.role == r[0]] for r in cells] == [
        [1, 2, 2, 0],
        [2, 1, 1, 1],
        [0, None, 0, 2],
    ]
    assert not warnings
    # without the key the words still rank on the vocabulary; codes alone stay as written
    m2, _ = _extract(table(matrix_rows(cells)))
    assert m2.level_scale == {"proficient": 1, "expert": 2}
    assert m2.requirements[0].level == 1 and m2.requirements[3].level is None


def test_a_csv_key_line_kept_in_the_table_is_a_note_not_a_role() -> None:
    """A CSV writer keeps the commas of a key line under the matrix: one text, no merge."""
    cells = [
        ["Finance Officer", "5", "F", "I", "A", "F"],
        ["Finance Manager", "8", "A", "A", "I", "A"],
        ["Finance Assistant", "3", "F", "", "F", "I"],
    ]
    rows = [*matrix_rows(cells), ["Key: F = Foundation; I = Intermediate; A = Advanced"]]
    m, _ = _extract(table(rows))
    assert [r.title for r in m.roles] == [r[0] for r in cells]
    assert [n.text[:4] for n in m.footnotes] == ["Key:"]
    assert m.requirements[1].level == 2


# ---------------------------------------------------------------------------------------------
# Held-out layouts (ho_sm*): other shapes of the same matrix


def test_tick_the_level_columns_read_the_number_over_the_mark() -> None:
    names = ["Budgeting", "Procurement", "Safeguarding"]
    head = ["Job Title", "Grade"]
    for name in names:
        head += [name, "", ""]
    numbers = ["", "", *(["1", "2", "3"] * len(names))]
    rows = [
        head,
        numbers,
        ["Finance Officer", "5", "", "X", "", "X", "", "", "", "", ""],
        ["Finance Manager", "8", "", "", "X", "", "X", "", "", "", "X"],
        ["Finance Assistant", "3", "X", "", "", "", "", "", "", "X", ""],
    ]
    spans = {(0, 2 + 3 * i): 3 for i in range(len(names))}
    m, _ = _extract(table(rows, spans=spans))
    assert [c.name for c in m.competencies] == names
    got = [(q.role, q.competency, q.level) for q in m.requirements if q.raw]
    assert got == [
        ("Finance Officer", "Budgeting", 2),
        ("Finance Officer", "Procurement", 1),
        ("Finance Manager", "Budgeting", 3),
        ("Finance Manager", "Procurement", 2),
        ("Finance Manager", "Safeguarding", 3),
        ("Finance Assistant", "Budgeting", 1),
        ("Finance Assistant", "Safeguarding", 2),
    ]
    # the requirement sits where the mark is
    q = next(q for q in m.requirements if q.role == "Finance Officer" and q.level == 2)
    assert (q.where.row, q.where.column) == (2, 3)


def test_a_long_format_export_is_pivoted_to_roles_and_competencies() -> None:
    rows = [["Post ID", "Post title", "Grade", "Skill area", "Skill", "Required level", "Name"]]
    data = [
        ("P1", "Surveyor", "G9", "Technical", "Fire safety", "2", "Intermediate"),
        ("P1", "Surveyor", "G9", "Technical", "Site inspection", "3", "Advanced"),
        ("P1", "Surveyor", "G9", "Customer", "Fee calculation", "1", "Foundation"),
        ("P2", "Technician", "G6", "Technical", "Site inspection", "1", "Foundation"),
        ("P2", "Technician", "G6", "Customer", "Fee calculation", "2", "Intermediate"),
    ]
    rows[0][-1] = "Level name"
    m, _ = _extract(table([*rows, *[list(r) for r in data]]))
    assert [(r.title, r.grade, r.attributes) for r in m.roles] == [
        ("Surveyor", "G9", {"Post ID": "P1"}),
        ("Technician", "G6", {"Post ID": "P2"}),
    ]
    assert [(c.name, c.group) for c in m.competencies] == [
        ("Fire safety", "Technical"),
        ("Site inspection", "Technical"),
        ("Fee calculation", None),  # a group of one column has no merged cell over it
    ]
    got = [(q.role, q.competency, q.level) for q in m.requirements if q.raw]
    assert got == [
        ("Surveyor", "Fire safety", 2),
        ("Surveyor", "Site inspection", 3),
        ("Surveyor", "Fee calculation", 1),
        ("Technician", "Site inspection", 1),
        ("Technician", "Fee calculation", 2),
    ]
    assert m.level_scale == {"foundation": 1, "intermediate": 2, "advanced": 3}
    # every requirement keeps the provenance of its row in the export
    q = next(q for q in m.requirements if q.role == "Technician" and q.level == 2)
    assert (q.where.row, q.where.column) == (5, 5)


def test_a_matrix_split_into_parts_with_the_same_roles_is_one_matrix() -> None:
    part_b = [
        ["Job Title", "Grade", "Coaching", "Presenting", "Deadlines", "Welsh"],
        *[[r[0], r[1], "1", "2", "3", "0"] for r in BASIC],
    ]
    m, warnings = _extract(
        table(matrix_rows(BASIC), index=0), para("Part B"), table(part_b, index=1)
    )
    assert [c.name for c in m.competencies] == [*COMPETENCIES, "Coaching", "Presenting",
                                                "Deadlines", "Welsh"]  # fmt: skip
    assert [r.title for r in m.roles] == [r[0] for r in BASIC]
    coaching = [q for q in m.requirements if q.competency == "Coaching"]
    assert [q.level for q in coaching] == [1, 1, 1] and coaching[0].where.table == 1
    assert not warnings


def test_a_key_in_the_page_footer_gives_the_scale() -> None:
    cells = [[r[0], r[1], "B", "I", "A", "B"] for r in BASIC]
    lay = layout(table(matrix_rows(cells)))
    lay.footers = [para("Key: B = Basic   I = Intermediate   A = Advanced"), para("Page 1 of 2")]
    m = skills_matrix.extract(lay).content
    assert isinstance(m, SkillsMatrix)
    assert m.level_scale == {"b": 1, "basic": 1, "i": 2, "intermediate": 2, "a": 3, "advanced": 3}
    assert [q.level for q in m.requirements[:4]] == [1, 2, 3, 1]


def test_count_columns_and_a_summary_row_are_no_competencies_or_roles() -> None:
    rows = [
        ["Job Title", "Grade", "No. of posts", *COMPETENCIES],
        *[[r[0], r[1], str(i + 2), *r[2:]] for i, r in enumerate(BASIC)],
    ]
    m, _ = _extract(table(rows))
    assert [c.name for c in m.competencies] == COMPETENCIES
    assert m.roles[0].attributes == {"No. of posts": "2"}
    people = ["AB", "CD", "JK", "MP"]
    tasks = [["Billing", "4", "3", "2", "1"], ["Refunds", "1", "3", "3", "0"],
             ["Recovery", "0", "2", "4", "3"], ["Reliefs", "2", "2", "1", "1"]]  # fmt: skip
    by_task = [[*t, str(sum(int(v) >= 3 for v in t[1:]))] for t in tasks]
    team = table([["Task", *people, "Staff at level 3 or 4"], *by_task])
    m, warnings = _extract(para("Key: 0 = None, 1 = Basic, 2 = Good, 3 = Expert"), team)
    assert [r.title for r in m.roles] == people
    assert [c.name for c in m.competencies] == [t[0] for t in tasks]
    assert any("counts" in w.message for w in warnings)
    # the same count as a column after the competencies (roles down the side)
    rows = [["Job Title", "Grade", *COMPETENCIES, "No. at 2 or above"]]
    rows += [[*r, str(sum(int(v) >= 2 for v in r[2:]))] for r in BASIC]
    m, warnings = _extract(table(rows))
    assert [c.name for c in m.competencies] == COMPETENCIES
    assert any("('No. at 2 or above') counts" in w.message for w in warnings)


def test_empty_spacer_columns_between_groups_do_not_split_the_matrix() -> None:
    rows = [
        ["Job Title", "Grade", "Budgeting", "Procurement", "", "Safeguarding", "Data protection"],
        *[[*r[:4], "", *r[4:]] for r in BASIC],
    ]
    m, _ = _extract(table(rows))
    assert [c.name for c in m.competencies] == COMPETENCIES
    assert [c.index for c in m.competencies] == [2, 3, 5, 6]


def test_a_code_row_over_the_names_leaves_the_names_as_competencies() -> None:
    roles = ["Finance Officer", "Finance Manager", "Finance Assistant"]
    rows = [
        ["Code", "Dimension", *roles],
        ["", "", "Band 5", "Band 8", "Band 3"],
        ["Core dimensions"],
        ["C1", "Communication", "1", "2", "1"],
        ["C2", "Personal development", "1", "2", "1"],
        ["Specific dimensions"],
        ["HWB2", "Assessment and care planning", "2", "3", ""],
        ["IK1", "Information processing", "1", "2", "2"],
    ]
    m, _ = _extract(table(rows, spans={(2, 0): 5, (5, 0): 5}))
    assert m.orientation == "roles_in_columns"
    assert [(c.name, c.group) for c in m.competencies] == [
        ("Communication", "Core dimensions"),
        ("Personal development", "Core dimensions"),
        ("Assessment and care planning", "Specific dimensions"),
        ("Information processing", "Specific dimensions"),
    ]
    assert (m.roles[0].title, m.roles[0].grade) == ("Finance Officer", "Band 5")


def test_welsh_headers_name_the_grade_and_the_role_columns() -> None:
    rows = [["Teitl swydd", "Gradd", *COMPETENCIES], *[[r[0], r[1], *r[2:]] for r in BASIC]]
    m, _ = _extract(table(rows))
    assert m.role_columns == {"title": "Teitl swydd", "grade": "Gradd"}
    assert [c.name for c in m.competencies] == COMPETENCIES
