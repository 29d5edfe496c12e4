"""Skills-matrix variants built by tests/fixtures/matrix/make_variants.py: one golden file of
the full Document each, plus assertions on what each variant is about."""

from __future__ import annotations

import functools

import pytest

from roleframe.ingest.build import build_document, read_layout
from roleframe.ingest.export import to_json
from roleframe.schema import IssueCode
from roleframe.schema.document import Document
from roleframe.schema.skills_matrix import SkillsMatrix
from tests.conftest import FIXTURES, GOLDEN
from tests.golden import check_golden
from tests.test_matrix_seed import strip_places

MATRIX = FIXTURES / "matrix"
VARIANTS = sorted(p.name for p in MATRIX.iterdir() if p.name.startswith("v"))


@functools.cache
def _doc(name: str) -> Document:
    path = MATRIX / name
    return build_document(path.read_bytes(), name)


def _matrix(name: str) -> SkillsMatrix:
    doc = _doc(name)
    assert doc.kind == "skills_matrix"
    assert isinstance(doc.content, SkillsMatrix)
    return doc.content


def _level(m: SkillsMatrix, role: str, competency: str) -> int | None:
    return next(q.level for q in m.requirements if q.role == role and q.competency == competency)


@pytest.mark.parametrize("name", VARIANTS)
def test_variant_golden(name: str, update_golden: bool) -> None:
    check_golden(GOLDEN / f"matrix_{name}.json", to_json(_doc(name)), update_golden)


def test_transposed_matrix_reads_roles_from_columns() -> None:
    m = _matrix("v1_transposed.xlsx")
    assert m.orientation == "roles_in_columns"
    assert [r.title for r in m.roles][:2] == ["Revenues Assistant", "Revenues Officer"]
    assert [r.grade for r in m.roles] == ["Scale 4", "Grade 5", "SO1", "SO2", "PO3"]
    assert m.role_columns == {"title": "Competency", "grade": "Grade"}
    assert len(m.competencies) == 8 and m.competencies[0].name == "Council tax legislation"
    # Recovery Manager (column F) x Negotiation skills (row 11) is 3 in the source
    q = next(
        q
        for q in m.requirements
        if q.role == "Recovery Manager" and q.competency == "Debt recovery"
    )
    assert (q.level, q.where.sheet, q.where.cell) == (3, "Skills", "F8")
    assert m.service == "Revenues"
    assert len(m.descriptors) == 24 and all(d.competency_id for d in m.descriptors)
    assert [n.text for n in m.footnotes] == [
        "Levels: 0 none, 1 basic, 2 working, 3 expert. Review annually."
    ]


def test_level_words_are_ranked_and_kept_raw() -> None:
    m = _matrix("v2_level_words.xlsx")
    assert m.level_scale == {"none": 0, "basic": 1, "good": 2, "expert": 3}
    assert m.level_scale_source == "word_order"
    q = next(q for q in m.requirements if q.role == "Recovery Manager" and q.level == 3)
    assert q.raw == "Expert"
    assert not _doc("v2_level_words.xlsx").warnings  # words on the scale are not "non numeric"


def test_header_below_merged_title_rows_with_column_groups() -> None:
    m = _matrix("v3_merged_header.xlsx")
    assert m.title == "Revenues Service – Skills and Knowledge Matrix 2024"
    assert m.service == "Revenues and Benefits"
    assert m.intro is not None and m.intro.startswith("Levels each post needs")
    assert m.header_row[:2] == ["Post title", "Grade"]
    groups = {c.name: c.group for c in m.competencies}
    assert groups["Business rates"] == "Technical knowledge"
    assert groups["Customer service"] == "Personal skills"
    dp = next(c for c in m.competencies if c.name == "Data protection†")
    assert dp.note == "† Data protection training is renewed every two years."
    assert dp.where.cell == "G7" and m.roles[0].where.cell == "A8"


def test_csv_with_commas_and_quoted_fields() -> None:
    doc = _doc("v4_quoted.csv")
    m = doc.content
    assert doc.source.format == "csv"
    assert m.competencies[0].name == "Planning, policy and procedures"
    assert m.competencies[2].name == 'Customer care ("front line")'
    assert [r.title for r in m.roles] == [
        "Officer, Lettings",
        "Manager (Lettings and Allocations)",
        "Assistant",
    ]
    # the quoted title spans lines 7-8; the next row starts on line 9
    assert [r.where.line for r in m.roles] == [6, 7, 9]
    assert m.descriptor_columns == ["Skill", "Level 1", "Level 2", "Level 3"]


def test_descriptors_on_another_sheet_without_header() -> None:
    doc = _doc("v5_descriptors_sheet.xlsx")
    m = doc.content
    assert doc.source.sheets == ["Matrix", "Descriptors", "Lists"]
    assert m.descriptor_columns == []  # no header row to report
    assert {d.where.sheet for d in m.descriptors} == {"Descriptors"}
    assert sorted({d.level for d in m.descriptors}) == [1, 2, 3]
    assert [w.details["competency"] for w in doc.warnings] == ["Negotiation skills"]
    assert doc.warnings[0].code == IssueCode.MISSING_DESCRIPTOR
    layout = read_layout((MATRIX / "v5_descriptors_sheet.xlsx").read_bytes())
    assert layout.hidden_sheets == ["Lists"]


def test_grade_codes_and_a_role_with_no_levels() -> None:
    m = _matrix("v6_grade_codes.tsv")
    assert [r.grade for r in m.roles] == ["Scale 4", "Grade 5", "SO1", "SO2", "PO3", "Grade 3"]
    trainee = m.roles[-1]
    assert trainee.title == "Trainee Recovery Officer"
    assert all(q.raw == "" for q in m.requirements if q.role_id == trainee.id)
    assert m.service == "Recovery"
    assert [n.text for n in m.footnotes] == ["Levels are reviewed every April."]


def test_integer_bands_under_a_band_header_are_grades() -> None:
    m = _matrix("v7_role_band.xlsx")
    assert m.role_columns == {"title": "Role", "grade": "Band"}
    assert [r.grade for r in m.roles] == ["4", "6", "9"]
    assert len(m.competencies) == 7 and m.competencies[0].name == "Service desk tools"
    assert _level(m, "Head of ICT", "Stakeholder engagement") == 3


def test_word_matrix_with_post_band_groups_and_descriptor_words() -> None:
    m = _matrix("v8_post_band.docx")
    assert m.role_columns == {"title": "Post", "grade": "Band"}
    assert [(r.title, r.group) for r in m.roles] == [
        ("ICT Support Analyst", "Infrastructure"),
        ("Network Engineer", "Infrastructure"),
        ("Head of ICT", "Management"),
    ]
    assert m.title == "ICT Service – skills matrix" and m.service == "Digital and ICT"
    cyber = next(c for c in m.competencies if c.name == "Cyber security*")
    assert cyber.note == "* Includes the annual phishing test."
    assert m.descriptors_title == "Level descriptors"
    assert sorted({d.level for d in m.descriptors}) == [1, 2, 3]
    # "Cyber security*" links to the descriptor row "Cyber security" (marker dropped)
    assert any(d.competency_id == cyber.id for d in m.descriptors)


def test_row_of_totals_left_out_and_descriptors_read_transposed() -> None:
    doc = _doc("v9_totals_transposed_descriptors.xlsx")
    m = doc.content
    assert len(m.roles) == 5 and "Total points" not in {r.title for r in m.roles}
    assert [w.code for w in doc.warnings] == [IssueCode.AMBIGUOUS_LAYOUT]
    assert m.level_scale == {"awareness": 1, "working": 2, "expert": 3}
    assert m.descriptor_columns == ["Level", "Awareness", "Working", "Expert"]
    first = m.descriptors[:3]
    assert [(d.competency, d.level) for d in first] == [
        ("Council tax legislation", i) for i in (1, 2, 3)
    ]
    # competencies run across the top: Council tax legislation's texts sit in column B
    assert [d.where.cell for d in first] == ["B13", "B14", "B15"]
    assert m.descriptors_title == "Levels explained"


def test_word_matrix_with_two_header_rows() -> None:
    m = _matrix("v10_two_header_rows.docx")
    assert m.role_columns == {"title": "Role", "grade": "Band"}
    assert [r.grade for r in m.roles] == ["Band 4", "Band 6", "Band 9"]
    assert [c.group for c in m.competencies] == ["Technical"] * 3 + ["People"] * 4
    assert m.title == "Customer Services skills matrix"
    assert m.competencies[0].where.row == 1 and m.roles[0].where.row == 2


@pytest.mark.parametrize("stem", ["v8_post_band", "v10_two_header_rows"])
def test_pdf_export_of_a_word_matrix_reads_the_same(stem: str) -> None:
    """LibreOffice's PDF of the Word variant: same roles, levels, notes and descriptors."""
    pdf, word = _doc(f"{stem}.pdf"), _doc(f"{stem}.docx")
    assert pdf.source.format == "pdf"
    assert strip_places(pdf.content.model_dump(mode="json")) == strip_places(
        word.content.model_dump(mode="json")
    )


def test_semicolon_cp1252_csv_with_a_key_line_and_post_numbers() -> None:
    doc = _doc("v11_semicolon_cp1252.csv")
    m = doc.content
    assert doc.source.format == "csv"
    assert m.title == "Income Team – skills matrix" and m.intro is None
    assert [n.text for n in m.footnotes] == ["Key: 1 = Awareness, 2 = Working, 3 = Expert"]
    assert m.level_scale_source == "legend"
    assert m.role_columns == {"title": "Job Title"}
    assert m.roles[2].title == "Income Assistant (£ handling)"
    assert m.roles[2].attributes == {"Post No": "11203"} and m.roles[2].grade is None
    assert m.competencies[1].name == "Arrears – court work"
    assert _level(m, "Senior Income Officer", "Income collection") == 3
