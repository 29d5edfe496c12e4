"""Progression layouts other councils use, on hand-built layouts: band labels with grades,
bands as sections with how-to-progress guidance, two-line band cells, a grade row under
the band header, roles x bands matrices and long-format tables.

The foreign corpus (tests/fixtures/foreign/progression_framework) covers the same layouts
in Word, PDF and spreadsheets; these tests pin each rule on its own.
"""

from __future__ import annotations

from typing import Any

import pytest

from roleframe.parsers.kinds import progression_framework as pf
from roleframe.parsers.kinds.progression_bands import parse_band_label
from roleframe.parsers.kinds.progression_grades import grade_number, is_grade
from roleframe.parsers.kinds.progression_long import long_columns
from roleframe.parsers.layout import Block, Cell, Layout, Paragraph, Run, Table
from roleframe.schema import DocumentKind, Format, Provenance
from roleframe.schema.progression_framework import ProgressionFramework


def P(text: str, i: int = 0, **kw: Any) -> Paragraph:
    runs = kw.pop("runs", None)
    p = Paragraph(text=text, where=Provenance(paragraph=i), **kw)
    p.runs = runs if runs is not None else [Run(text, p.bold, p.italic, p.underline)]
    return p


def B(text: str) -> Paragraph:
    """A bullet."""
    return P(text, list_level=0, bullet="•")


def C(r: int, c: int, *paras: Paragraph, **kw: Any) -> Cell:
    where = Provenance(table=0, row=r, column=c)
    return Cell(row=r, col=c, where=where, paragraphs=list(paras), **kw)


def T(rows: list[list[Cell]], n_cols: int) -> Table:
    return Table(index=0, where=Provenance(table=0), rows=rows, n_cols=n_cols)


def _extract(*blocks: Block) -> ProgressionFramework:
    content = pf.extract(Layout(format=Format.DOCX, blocks=list(blocks))).content
    assert isinstance(content, ProgressionFramework)
    return content


# --- labels and grades --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "name", "grade"),
    [
        ("Stage 2 – Practitioner (Grade 8)", "2", "Practitioner", "Grade 8"),
        ("Band 1: Entry (Scale 4)", "1", "Entry", "Scale 4"),
        ("Band 3: Advanced (SO1)", "3", "Advanced", "SO1"),
        ("Level A (Developing)", "A", "Developing", None),
        ("Entry (Grade 8)", "Entry", None, "Grade 8"),
        ("Qualified", "Qualified", None, None),
        ("Stage 1 / Cam 1", "1", None, None),
        ("Cam 2 / Stage 2", "2", None, None),
        ("Stage Two", "Two", None, None),
        ("Band A (Grades 3–4): Entry level", "A", "Entry level", "Grades 3–4"),
        ("Progression Stage 1: Assistant", "1", "Assistant", None),
        ("2.1 Stage 1 – Trainee", "1", "Trainee", None),
        ("Grade 6", "6", None, "Grade 6"),
    ],
)
def test_band_label_parts(text: str, key: str, name: str | None, grade: str | None) -> None:
    label = parse_band_label(text)
    assert label is not None
    assert (label.key, label.name, label.grade, label.label) == (key, name, grade, text)


@pytest.mark.parametrize(
    "text", ["Level 2 Intermediate Apprenticeship", "Knowledge and understanding", "3"]
)
def test_not_band_labels(text: str) -> None:
    assert parse_band_label(text) is None


def test_a_bare_number_is_a_band_only_where_the_header_says_so() -> None:
    assert parse_band_label("3", bare_number=True) is not None


@pytest.mark.parametrize(
    ("text", "grade"),
    [("Grade 8", True), ("(Scale 4)", True), ("SO1", True), ("Scale 4 to SO1", True),
     ("Developing", False), ("Step 2", False), ("Apprentice Grade", False)],
)  # fmt: skip
def test_grade_phrases(text: str, grade: bool) -> None:
    assert is_grade(text) is grade


def test_grade_numbers_keep_their_word_and_range() -> None:
    got = grade_number("Scale 3 to Scale 5")
    assert got is not None and (got.label, got.number, got.upper) == ("Scale", 3, 5)
    got = grade_number("Scale 4 to SO1")
    assert got is not None and (got.number, got.upper) == (4, None)
    assert grade_number("Apprentice Grade") is None


@pytest.mark.parametrize(
    ("heading", "title", "grade"),
    [
        ("Environmental Health Officer (Grades 7–9)", "Environmental Health Officer", "Grades 7–9"),
        ("1. Licensing Officer – Scale 4 to SO1", "Licensing Officer", "Scale 4 to SO1"),
        ("Senior Licensing Officer (Post LS04) – SO1 to SO2", "Senior Licensing Officer",
         "SO1 to SO2"),
        ("Housing Officer – Grades 5 to 7 (Post ref HS-221)", "Housing Officer", "Grades 5 to 7"),
        ("Customer Adviser (Scales 3–5)", "Customer Adviser", "Scales 3–5"),
    ],
)  # fmt: skip
def test_role_heading_grade_ranges_are_the_grade(heading: str, title: str, grade: str) -> None:
    h = pf.parse_role_heading(heading)
    assert (h.title, h.grade, h.note) == (title, grade, None)


# --- bands as sections --------------------------------------------------------------------


def _stages() -> list[Block]:
    return [
        P("Career Grade Scheme", heading_level=0),
        P("Pest Control Officer (Grades 3–4)", heading_level=1),
        P("Treats infestations in homes and businesses."),
        P("Stage 1 – Trainee (Grade 3)", heading_level=2, bold=True),
        P("Knowledge and understanding", bold=True),
        B("Rodent biology"),
        B("Safe use of baits"),
        P("Skills and abilities", bold=True),
        B("Completes site surveys"),
        P("How to progress", bold=True),
        P("Move to Stage 2 after passing the pest management certificate."),
        P("Stage 2 – Practitioner (Grade 4)", heading_level=2, bold=True),
        P("Knowledge and understanding", bold=True),
        B("Insect control methods"),
        P("Moving to the next stage: not applicable, this is the top stage."),
    ]


def test_bands_as_sections_read_categories_and_keep_guidance_apart() -> None:
    content = _extract(*_stages())
    (role,) = content.roles
    assert (role.title, role.grade) == ("Pest Control Officer", "Grades 3–4")
    assert [t.text for t in role.main_duties] == ["Treats infestations in homes and businesses."]
    stage1, stage2 = role.bands or []
    assert (stage1.key, stage1.name, stage1.grade) == ("1", "Trainee", "Grade 3")
    assert stage1.grade_number is not None and stage1.grade_number.number == 3
    got = {c.label: [s.text for s in c.statements] for c in stage1.categories}
    assert got == {
        "Knowledge and understanding": ["Rodent biology", "Safe use of baits"],
        "Skills and abilities": ["Completes site surveys"],
    }
    assert [g.text for g in stage1.guidance] == [
        "Move to Stage 2 after passing the pest management certificate."
    ]
    assert [g.text for g in stage2.guidance] == [
        "Moving to the next stage: not applicable, this is the top stage."
    ]
    assert [len(c.statements) for c in stage2.categories] == [1]


def test_bands_as_sections_score_as_a_progression_framework() -> None:
    layout = Layout(format=Format.DOCX, blocks=_stages())
    from roleframe.ingest.build import detect_kind

    assert detect_kind(layout).kind is DocumentKind.PROGRESSION_FRAMEWORK


def test_a_level_heading_over_competency_headings_is_no_band() -> None:
    """003-like: `Level One` (H1) over `Core Competencies` (H2) and tables of competencies."""
    competencies = T(
        [
            [C(0, 0, P("Level 1", bold=True)), C(0, 1, P("Listens to others"))],
            [C(1, 0, P("Level 2", bold=True)), C(1, 1, P("Builds a team's trust"))],
        ],
        2,
    )
    content = _extract(
        P("Level One", heading_level=1),
        P("Core Competencies", heading_level=2),
        P(
            "Working together – how we behave",
            runs=[Run("Working together", bold=True), Run(" – how we behave")],
        ),
        competencies,
    )
    assert content.roles == []


def test_the_next_bold_role_line_ends_the_last_band() -> None:
    """manual_formatting: no heading styles; a bold role line follows the last band."""
    content = _extract(
        P("Cleaner – Grade 1", bold=True),
        P("Trainee (Grade 1)", bold=True, underline=True),
        P("Skills", underline=True),
        P("- Uses cleaning chemicals safely"),
        P("Caretaker – Grade 2", bold=True),
        P("Looks after a block of flats."),
        P("Trainee (Grade 2)", bold=True, underline=True),
        P("Skills", underline=True),
        P("- Carries out fire checks"),
    )
    assert [(r.title, [b.label for b in r.bands or []]) for r in content.roles] == [
        ("Cleaner", ["Trainee (Grade 1)"]),
        ("Caretaker", ["Trainee (Grade 2)"]),
    ]
    statements = [
        s.text for r in content.roles for c in r.bands[0].categories for s in c.statements
    ]  # type: ignore[index]
    assert statements == ["Uses cleaning chemicals safely", "Carries out fire checks"]


# --- band tables ----------------------------------------------------------------------------


def test_two_line_band_cells_are_bands_with_their_grade() -> None:
    table = T(
        [
            [
                C(0, 0, P("Area", bold=True)),
                C(0, 1, P("Entry", bold=True), P("(Grade 8)", bold=True)),
                C(0, 2, P("Senior", bold=True), P("(Grade 9)", bold=True)),
            ],
            [C(1, 0, P("Knowledge", bold=True)), C(1, 1, B("Local plan")), C(1, 2, B("NPPF"))],
        ],
        3,
    )
    content = _extract(P("Planner – Grades 8 to 9", heading_level=2), table)
    (role,) = content.roles
    assert [(b.label, b.key, b.grade) for b in role.bands or []] == [
        ("Entry (Grade 8)", "Entry", "Grade 8"),
        ("Senior (Grade 9)", "Senior", "Grade 9"),
    ]
    assert role.grade_number is not None and role.grade_number.upper == 9


def test_a_grade_row_under_the_band_header_gives_each_band_its_grade() -> None:
    table = T(
        [
            [C(0, 0, P("Requirement")), C(0, 1, P("Trainee")), C(0, 2, P("Qualified"))],
            [C(1, 0), C(1, 1, P("Grade 4", italic=True)), C(1, 2, P("Grade 5", italic=True))],
            [C(2, 0, P("Skills", bold=True)), C(2, 1, B("Patrols")), C(2, 2, B("Briefs"))],
        ],
        3,
    )
    content = _extract(P("Warden – Grade 4 to Grade 5", heading_level=1), table)
    (role,) = content.roles
    bands = role.bands or []
    assert [(b.label, b.grade) for b in bands] == [("Trainee", "Grade 4"), ("Qualified", "Grade 5")]
    assert [[s.text for s in c.statements] for b in bands for c in b.categories] == [
        ["Patrols"],
        ["Briefs"],
    ]


def test_full_width_band_rows_over_category_rows() -> None:
    def band_row(r: int, text: str) -> list[Cell]:
        return [C(r, 0, P(text, bold=True), col_span=2)]

    table = T(
        [
            band_row(0, "Trainee"),
            [C(1, 0, P("Knowledge", bold=True)), C(1, 1, B("Weights law"))],
            band_row(2, "Qualified"),
            [C(3, 0, P("Knowledge", bold=True)), C(3, 1, B("Product safety"), B("Recalls"))],
        ],
        2,
    )
    content = _extract(P("Inspector (Grades 6–7)", heading_level=1), table)
    (role,) = content.roles
    got = [
        (b.label, [s.text for c in b.categories for s in c.statements]) for b in role.bands or []
    ]
    assert got == [("Trainee", ["Weights law"]), ("Qualified", ["Product safety", "Recalls"])]


def test_a_roles_by_bands_matrix_gives_one_role_per_merged_role_cell() -> None:
    def head(c: int, text: str) -> Cell:
        return C(0, c, P(text, bold=True))

    rows = [
        [head(0, "Role"), head(1, "Grade"), head(2, "Category"), head(3, "Trainee"),
         head(4, "Senior")],
        [C(1, 0, P("Loader"), row_span=2), C(1, 1, P("Grade 2"), row_span=2),
         C(1, 2, P("Knowledge", bold=True)), C(1, 3, P("• Lifting")), C(1, 4, P("• Routes"))],
        [C(2, 2, P("Skills", bold=True)), C(2, 3, P("• Bins")), C(2, 4, P("• Reversing"))],
        [C(3, 0, P("Driver")), C(3, 1, P("Grade 4")), C(3, 2, P("Knowledge", bold=True)),
         C(3, 3, P("• Hours rules")), C(3, 4, P("• Tachographs"))],
    ]  # fmt: skip
    content = _extract(T(rows, 5))
    got = [
        (r.title, r.grade, [(b.label, c.label, [s.text for s in c.statements])
                            for b in r.bands or [] for c in b.categories])
        for r in content.roles
    ]  # fmt: skip
    assert got == [
        ("Loader", "Grade 2", [("Trainee", "Knowledge", ["Lifting"]),
                               ("Trainee", "Skills", ["Bins"]),
                               ("Senior", "Knowledge", ["Routes"]),
                               ("Senior", "Skills", ["Reversing"])]),
        ("Driver", "Grade 4", [("Trainee", "Knowledge", ["Hours rules"]),
                               ("Senior", "Knowledge", ["Tachographs"])]),
    ]  # fmt: skip


# --- long format ----------------------------------------------------------------------------


def _header(*names: str) -> Table:
    return T([[C(0, c, P(n)) for c, n in enumerate(names)], [C(1, 0, P("x"))]], len(names))


def test_long_format_columns_are_found_by_header_words() -> None:
    found = long_columns(_header("Job title", "Pay grade", "Stage", "Area", "Requirement"))
    assert found == {"role": 0, "grade": 1, "band": 2, "category": 3, "statement": 4}


def test_a_competency_long_format_is_not_a_progression_one() -> None:
    """The competency kind's long format (`Competency | Level | Indicator`) stays theirs."""
    assert long_columns(_header("Ref", "Type", "Competency", "Level", "Indicator")) is None
    assert long_columns(_header("Band", "Requirement")) is None  # no role, no category


def test_a_header_cell_of_label_name_and_grade_lines() -> None:
    from roleframe.parsers.kinds.progression_bands import cell_band_label

    cell = C(0, 1, P("Stage 1", bold=True), P("Trainee"), P("Grade 5"))
    label = cell_band_label(cell)
    assert label is not None
    assert (label.key, label.name, label.grade, label.label) == (
        "1",
        "Trainee",
        "Grade 5",
        "Stage 1 Trainee Grade 5",
    )
    # A sentence under the label is a description: no band header.
    assert cell_band_label(C(0, 1, P("Stage 1"), P("You work under close supervision."))) is None


def test_roles_down_with_a_numbered_band_column() -> None:
    """roles_down.xlsx: `Job title | Pay grade | Band | Knowledge | Skills`, one row per role
    and band, the role repeated on every row."""

    def row(r: int, role: str, grade: str, band: str, k: str, s: str) -> list[Cell]:
        return [C(r, 0, P(role)), C(r, 1, P(grade)), C(r, 2, P(band)), C(r, 3, P(k)),
                C(r, 4, P(s))]  # fmt: skip

    header = [C(0, c, P(t, bold=True)) for c, t in
              enumerate(["Job title", "Pay grade", "Band", "Knowledge", "Skills"])]  # fmt: skip
    table = T(
        [
            header,
            row(1, "Technician", "Grade 3", "1", "Biology", "Baiting"),
            row(2, "Technician", "Grade 3", "2", "Biocides", "Surveys"),
            row(3, "Officer", "Grade 7", "1", "Nuisance law", "Noise monitoring"),
        ],
        5,
    )
    content = _extract(table)
    got = [
        (r.title, r.grade, [(b.label, [s.text for c in b.categories for s in c.statements])
                            for b in r.bands or []])
        for r in content.roles
    ]  # fmt: skip
    assert got == [
        ("Technician", "Grade 3", [("1", ["Biology", "Baiting"]), ("2", ["Biocides", "Surveys"])]),
        ("Officer", "Grade 7", [("1", ["Nuisance law", "Noise monitoring"])]),
    ]


def test_a_category_table_under_a_band_heading_skips_its_column_names() -> None:
    table = T(
        [
            [C(0, 0, P("Area", bold=True)), C(0, 1, P("What is needed", bold=True))],
            [C(1, 0, P("Knowledge", bold=True)), C(1, 1, B("Byelaws"))],
            [C(2, 0, P("Skills", bold=True)), C(2, 1, B("Guided walks"))],
        ],
        2,
    )
    content = _extract(
        P("Ranger (Grades 4–5)", heading_level=1),
        P("Stage 1 – Trainee (Grade 4)", heading_level=2),
        table,
    )
    (role,) = content.roles
    (band,) = role.bands or []
    assert [(c.label, [s.text for s in c.statements]) for c in band.categories] == [
        ("Knowledge", ["Byelaws"]),
        ("Skills", ["Guided walks"]),
    ]


# --- mixed conventions ----------------------------------------------------------------------


def test_typed_bullets_joined_by_soft_breaks_are_separate_statements() -> None:
    from roleframe.parsers.kinds.progression_tables import statements

    p = P("Cell one • Cell two ▪ Cell three", bullet="•")
    assert [t.text for t in statements(p)] == ["Cell one", "Cell two", "Cell three"]
    # A hyphen inside a statement is no bullet.
    assert [t.text for t in statements(P("Risk - based inspections"))] == [
        "Risk - based inspections"
    ]


def test_a_ladder_of_job_titles_keeps_the_title_without_a_step_word() -> None:
    header = [
        C(0, 0, P("Area", bold=True)),
        C(0, 1, P("Trainee Surveyor", bold=True)),
        C(0, 2, P("Surveyor", bold=True)),
        C(0, 3, P("Senior Surveyor", bold=True)),
    ]
    skills = {1: "Measured surveys", 2: "Schedules of condition", 3: "Works programmes"}
    body = [C(1, 0, P("Skills", bold=True))] + [C(1, c, B(skills[c])) for c in (1, 2, 3)]
    content = _extract(
        P("Job title: Building Surveyor", heading_level=1),
        P("Grade: 9 to 11"),
        T([header, body], 4),
    )
    (role,) = content.roles
    assert (role.title, role.grade) == ("Building Surveyor", "9 to 11")
    assert role.grade_number is not None and (
        role.grade_number.number,
        role.grade_number.upper,
    ) == (
        9,
        11,
    )
    assert [b.label for b in role.bands or []] == [
        "Trainee Surveyor",
        "Surveyor",
        "Senior Surveyor",
    ]


def test_grade_headings_over_category_column_tables() -> None:
    def table(k: str, s: str) -> Table:
        return T(
            [
                [C(0, 0, P("Knowledge", bold=True)), C(0, 1, P("Skills", bold=True))],
                [C(1, 0, B(k)), C(1, 1, B(s))],
            ],
            2,
        )

    content = _extract(
        P("Estates Officer", heading_level=1),
        P("Grades 6–7"),
        P("Grade 6", heading_level=2),
        table("Lease basics", "Rent collection"),
        P("Grade 7", heading_level=2),
        table("1954 Act", "Renewals"),
    )
    (role,) = content.roles
    assert role.grade == "Grades 6–7"
    got = [
        (b.label, b.grade, [(c.label, [t.text for t in c.statements]) for c in b.categories])
        for b in role.bands or []
    ]
    assert got == [
        ("Grade 6", "Grade 6", [("Knowledge", ["Lease basics"]), ("Skills", ["Rent collection"])]),
        ("Grade 7", "Grade 7", [("Knowledge", ["1954 Act"]), ("Skills", ["Renewals"])]),
    ]


def test_one_professions_path_named_by_the_title() -> None:
    """single_profession: no role heading; bands paid at grades still make the kind."""
    blocks: list[Block] = [P("Parking Officer Career Pathway", heading_level=0)]
    for n, grade in ((1, 4), (2, 5)):
        blocks += [
            P(f"Level {n} – Officer (Grade {grade})", bold=True),
            P("Knowledge:", bold=True),
            B(f"Knows rule {n}"),
        ]
    layout = Layout(format=Format.DOCX, blocks=blocks)
    from roleframe.ingest.build import detect_kind

    assert detect_kind(layout).kind is DocumentKind.PROGRESSION_FRAMEWORK
    (role,) = _extract(*blocks).roles
    assert (role.title, role.grade) == ("Parking Officer", None)
    assert [b.grade for b in role.bands or []] == ["Grade 4", "Grade 5"]


def test_a_grade_column_beside_row_bands_gives_their_grades() -> None:
    rows = [["Band", "Grade", "Skills"], ["Band 1 – Entry", "Grade 5", "Inspections"],
            ["Band 2 – Lead", "Grade 6", "Programmes"]]  # fmt: skip
    table = T([[C(r, c, P(t)) for c, t in enumerate(row)] for r, row in enumerate(rows)], 3)
    (role,) = _extract(P("Inspector – Grades 5 to 6", bold=True), table).roles
    got = [(b.label, b.grade, [c.label for c in b.categories]) for b in role.bands or []]
    assert got == [
        ("Band 1 – Entry", "Grade 5", ["Skills"]),
        ("Band 2 – Lead", "Grade 6", ["Skills"]),
    ]


def test_a_name_row_under_the_band_header_names_the_bands() -> None:
    rows = [["", "Stage 1", "Stage 2"], ["", "Assistant", "Officer"], ["Skills", "Calls", "Visits"]]
    table = T(
        [
            [C(r, c, P(t)) if t else C(r, c) for c, t in enumerate(row)]
            for r, row in enumerate(rows)
        ],
        3,
    )
    (role,) = _extract(P("Adviser – Grade 3", heading_level=1), table).roles
    assert [(b.label, b.name) for b in role.bands or []] == [
        ("Stage 1", "Assistant"),
        ("Stage 2", "Officer"),
    ]


def test_a_role_band_matrix_of_level_digits_is_no_band_table() -> None:
    """matrix/v7_role_band.xlsx: `Role | Band | skill columns` holding level digits is a
    skills matrix; bands with requirements hold text."""
    from roleframe.parsers.kinds.progression_tables import band_axis

    def table(values: list[str]) -> Table:
        header = [C(0, c, P(t)) for c, t in enumerate(["Role", "Band", "Networking", "Cyber"])]
        rows = [
            [C(r, 0, P(f"Analyst {r}")), C(r, 1, P(str(r + 3)))]
            + [C(r, c, P(values[r - 1])) for c in (2, 3)]
            for r in (1, 2)
        ]
        return T([header, *rows], 4)

    assert band_axis(table(["3", "1"])) is None
    assert band_axis(table(["Patches switches", "Reviews firewall rules"])) is not None
