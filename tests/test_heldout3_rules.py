"""The rules the third held-out round (tests/fixtures/foreign/*/ho3_*, near misses in
tests/fixtures/near_miss) brought, on small cases: each is a structural cue or a vocabulary
entry, so it is shown here apart from the documents that revealed it.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import FIXTURES

from roleframe.ingest.build import build_document, read_layout
from roleframe.parsers.kinds.competency_levels import LevelScale, _sentence_levels, numbered_parts
from roleframe.parsers.kinds.competency_long import long_format_columns, titled_rows
from roleframe.parsers.kinds.competency_tables import transposed
from roleframe.parsers.kinds.formcues import label_text, names_another_document
from roleframe.parsers.kinds.role_labels import (
    DOC_NAMES,
    inline_pairs,
    requirement_flag,
    section_key,
)
from roleframe.parsers.layout import Cell, Layout, Paragraph, Table
from roleframe.parsers.pdf_text import typical_pitch
from roleframe.schema import Format, Provenance
from roleframe.schema.competency_framework import CompetencyFramework
from roleframe.schema.role_profile import RoleProfile

RP = FIXTURES / "foreign" / "role_profile"
CF = FIXTURES / "foreign" / "competency_framework"
W = Provenance(paragraph=0)


def _p(text: str, **kw: object) -> Paragraph:
    return Paragraph(text=text, where=W, **kw)  # type: ignore[arg-type]


def _table(rows: list[list[str]], merged_rows: tuple[int, ...] = ()) -> Table:
    """A plain table; each row in ``merged_rows`` is one cell spanning every column."""
    n = max(len(r) for r in rows)
    t = Table(index=0, where=W, n_cols=n)
    for r, texts in enumerate(rows):
        if r in merged_rows:
            t.rows.append([Cell(r, 0, W, [_p(texts[0], bold=True)], col_span=n)])
            continue
        t.rows.append([Cell(r, c, W, [_p(x)] if x else []) for c, x in enumerate(texts)])
    return t


@cache
def _doc(path: str) -> object:
    p = FIXTURES / path
    return build_document(p.read_bytes(), p.name).content


def _duties(rp: RoleProfile) -> list[str]:
    return [
        s.text for sec in rp.accountability_sections for i in sec.items for s in i.accountability
    ]


# --- labels and details --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("🎯  Why the role matters", "Why the role matters"),
        ("\uf0fc Job title:", "Job title"),
        ("✓", "✓"),  # a lone tick is a value, not a pictogram before a label
        ("Grade:", "Grade"),
    ],
)
def test_a_pictogram_before_a_label_is_decoration(text: str, label: str) -> None:
    assert label_text(text) == label


def test_bar_separated_details_are_pairs_whatever_their_labels() -> None:
    pairs = inline_pairs("Grade: SO2 | Team: Digital Services | Reports to: Digital Manager")
    assert pairs == [
        ("Grade", "SO2"),
        ("Team", "Digital Services"),
        ("Reports to", "Digital Manager"),
    ]
    assert inline_pairs("Location: Town Hall | Hours: 37") is None  # names no detail field


@pytest.mark.parametrize(
    ("label", "flag"),
    [("Must have", "essential"), ("Nice to have", "desirable"), ("What you'll bring", None)],
)
def test_advert_wording_flags_criteria(label: str, flag: str | None) -> None:
    assert requirement_flag(label) == flag


@pytest.mark.parametrize(
    ("title", "other"),
    [
        ("Recruitment and Selection Policy", True),
        ("Annual Appraisal Form", True),
        ("Course Catalogue 2025", True),
        ("Senior Policy Officer", False),  # a post title never ends in the document type
        ("Job Description – Policy and Procedure Officer", False),
        ("Person Specification and Policy", False),  # names its own kind
    ],
)
def test_a_title_naming_another_document_type(title: str, other: bool) -> None:
    layout = Layout(format=Format.DOCX, blocks=[_p(title, heading_level=0)])
    assert names_another_document(layout, DOC_NAMES) is other


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Key Responsibilites", "accountabilities"),
        ("Accountabilites", "accountabilities"),
        ("Relationships", "nature_of_contacts"),
        ("Responsibility", None),  # no typo of a cue: a different word
        ("Personal statement", None),
    ],
)
def test_a_typo_in_a_long_cue_word_still_names_the_section(label: str, key: str | None) -> None:
    assert section_key(label) == key


def test_a_details_table_in_the_page_header() -> None:
    rp = _doc("foreign/role_profile/ho3_rp08_header_table_details.docx")
    assert isinstance(rp, RoleProfile)
    assert rp.title is not None and rp.title.value == "Licensing Officer"
    assert rp.reports_to is not None and rp.reports_to.value == "Licensing Team Leader"


def test_details_in_the_footer_fill_what_the_body_does_not() -> None:
    rp = _doc("foreign/role_profile/ho3_rp03_school_support_footer_grade.docx")
    assert isinstance(rp, RoleProfile)
    assert rp.pay_scale is not None and rp.pay_scale.value == "Grade 5"
    assert rp.title is not None and rp.title.value == "Teaching Assistant (Level 3)"


def test_a_label_merged_down_its_rows_labels_each_row() -> None:
    rp = _doc("foreign/role_profile/ho3_rp04_one_table_merged_labels.docx")
    assert isinstance(rp, RoleProfile)
    duties = [
        s.text for sec in rp.accountability_sections for i in sec.items for s in i.accountability
    ]
    assert len(duties) == 6
    assert not any(d.isdigit() for d in duties)  # the typed numbers are references


def test_a_document_control_table_holds_no_duties() -> None:
    rp = _doc("foreign/role_profile/ho3_rp01_afc_kra_side_by_side_spec.docx")
    assert isinstance(rp, RoleProfile)
    texts = {
        s.text for sec in rp.accountability_sections for i in sec.items for s in i.accountability
    }
    assert not any(t[:2].isdigit() for t in texts)
    # AfC factor sections are the post's contacts and knowledge, not its duties
    assert rp.nature_of_contacts is not None
    assert rp.knowledge_skills_experience is not None


def test_a_two_row_assessment_header_names_its_methods() -> None:
    rp = _doc("foreign/role_profile/ho3_rp06_landscape_spec_two_pages.docx")
    assert isinstance(rp, RoleProfile)
    first = rp.person_specification[0]
    assert first.text.startswith("Educated to A level")  # not the `A1` reference
    assert first.requirement == "essential"
    assert first.assessed_by == ["application"]


# --- competency frameworks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "parts"),
    [
        ("1 – Foundation", (1, "Foundation")),
        ("3: Senior leaders", (3, "Senior leaders")),
        ("1 – Greets customers warmly", None),  # a numbered sentence names no level
    ],
)
def test_a_number_then_a_scale_word_is_a_level(label: str, parts: object) -> None:
    assert numbered_parts(label) == parts


def test_levels_named_in_a_sentence() -> None:
    p = _p(
        "Behaviours are described at three levels: Level 1 – Working, Level 2 – Leading "
        "and Level 3 – Directing."
    )
    assert [(d.number, d.name) for d in _sentence_levels(p)] == [
        (1, "Working"),
        (2, "Leading"),
        (3, "Directing"),
    ]
    assert _sentence_levels(_p("Level 2 – Leading is the level for managers.")) == []


def test_competencies_as_columns_turn_into_rows() -> None:
    table = _table(
        [
            ["Level", "Communication", "Teamwork"],
            ["What it means", "Sharing information clearly with everyone.", "Working well."],
            ["1 – Foundation", "Writes clear notes.", "Helps colleagues."],
            ["2 – Advanced", "Leads hard conversations.", "Builds joint teams."],
        ]
    )
    turned = transposed(table, LevelScale())
    assert turned is not None
    assert turned.row_texts(1) == [
        "Communication",
        "Sharing information clearly with everyone.",
        "Writes clear notes.",
        "Leads hard conversations.",
    ]
    # levels split by polarity are one competency's columns, not competencies
    polar = _table(
        [
            ["Level", "Effective behaviours", "Ineffective behaviours"],
            ["1 – Foundation", "Listens.", "Interrupts."],
            ["2 – Advanced", "Coaches.", "Blames."],
        ]
    )
    assert transposed(polar, LevelScale()) is None


def test_title_rows_name_the_competency_of_a_long_table() -> None:
    table = _table(
        [
            ["Level", "Ref", "Behavioural indicator"],
            ["Managing workload"],
            ["Definition", "", "Planning work so that it is done on time."],
            ["L1", "DR1.1", "Keeps a to-do list and meets deadlines."],
            ["L2", "DR2.1", "Plans work for the month ahead and reviews it."],
            ["Quality and accuracy"],
            ["L1", "DQ1.1", "Checks own work before sending it on."],
            ["L2", "DQ2.1", "Checks the work of others and gives feedback."],
        ],
        merged_rows=(1, 5),
    )
    turned = titled_rows(table)
    assert turned is not None
    assert turned.row_texts(1) == [
        "Managing workload",
        "L1",
        "DR1.1",
        "Keeps a to-do list and meets deadlines.",
        "Planning work so that it is done on time.",
    ]
    cols = long_format_columns(turned)
    assert cols is not None and (cols.competency, cols.level, cols.indicator) == (0, 1, 3)
    assert cols.definition == 4


def test_underlined_role_lines_are_levels() -> None:
    cf = _doc("foreign/competency_framework/ho3_cf03_political_leadership.docx")
    assert isinstance(cf, CompetencyFramework)
    assert [lv.name for lv in cf.levels] == ["Ward councillor", "Committee chair", "Cabinet member"]


def test_a_plain_paragraph_after_a_levels_bullets_closes_the_framework() -> None:
    cf = _doc("foreign/competency_framework/ho3_cf06_two_column_pages.docx")
    assert isinstance(cf, CompetencyFramework)
    assert not any(s.text.startswith("Managers should use") for s in cf.statements)


# --- PDF geometry -------------------------------------------------------------------------


def test_two_text_columns_read_down_each_column() -> None:
    layout = read_layout((CF / "ho3_cf06_two_column_pages.pdf").read_bytes())
    assert not layout.tables()
    texts = [p.text for p in layout.paragraphs()]
    # the left column's last competency comes before the right column's first
    assert texts.index("Creative thinking") < texts.index("Doing") < texts.index("Managing change")
    assert "Asks for support when under pressure." in texts  # the last page's lone column


def test_a_single_stray_pitch_does_not_set_the_wrap() -> None:
    from roleframe.parsers.pdf_text import Line

    def line(y: float) -> Line:
        return Line(page=1, glyphs=[], size=10.0, text="x", u0=0.0, u1=100.0, v0=y - 10, v1=y)

    body = [line(100.0 + 13.4 * i) for i in range(5)]
    footer = [line(700.0), line(711.7)]
    assert typical_pitch([*body, *footer]) == {10.0: 13.4}


def test_the_recruitment_policy_is_no_role_profile() -> None:
    path = FIXTURES / "near_miss" / "nm02_recruitment_policy.docx"
    from roleframe.ingest.build import detect_kind
    from roleframe.parsers.errors import ReadError

    with pytest.raises(ReadError):
        detect_kind(read_layout(path.read_bytes()))
